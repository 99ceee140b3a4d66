// Feeds monaco-yaml the workspace schema from src/manifests, with the catalog's values (instance
// types, families, categories, zones) for completion where the schema allows them.
import { workspaceSchema, type CatalogValues } from '../../manifests/index.ts';
import { DEFAULT_REGION, DEFAULT_ZONES } from '../../sim/catalog/index.ts';
import { ec2Rows } from '../../sim/catalog/ec2-data.ts';
import { configureSchemas } from './monacoSetup.ts';

export function catalogValues(): CatalogValues {
  const rows = ec2Rows();
  const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();
  return {
    instanceTypes: sorted(rows.map((r) => r.name)),
    families: sorted(rows.map((r) => r.family)),
    categories: sorted(rows.map((r) => r.category)),
    zones: [...(DEFAULT_ZONES[DEFAULT_REGION] ?? [])],
  };
}

export function installSchemas(): void {
  configureSchemas(workspaceSchema(catalogValues()));
}
