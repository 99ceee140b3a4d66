// The editor's JSON schema (src/manifests) with the catalog's values (instance types, families,
// categories, zones) for completion where the schema allows them. Built here, in the engine worker,
// because that is where the EC2 catalog lives: the page never bundles the catalog.
import { workspaceSchema, type CatalogValues } from '../manifests/index.ts';
import { DEFAULT_REGION, DEFAULT_ZONES } from '../sim/catalog/index.ts';
import { ec2Rows } from '../sim/catalog/ec2-data.ts';

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

let built: object | undefined;

/** The workspace schema for monaco-yaml, built once. */
export function editorSchema(): object {
  return (built ??= workspaceSchema(catalogValues()));
}
