// The editor's JSON schema (src/manifests) with the catalog's values (instance types, families,
// categories, zones) for completion where the schema allows them. Built here, in the engine worker,
// because that is where the EC2 catalog lives: the page never bundles the catalog.
import { karpenterVersion, workspaceSchema, type CatalogValues } from '../manifests/index.ts';
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

let values: CatalogValues | undefined;
const built = new Map<string, object>();

/**
 * The workspace schema for monaco-yaml under a Karpenter version (the kinds it serves, the fields
 * of their versions), built once per version: the editor underlines what Problems reports.
 */
export function editorSchema(version: string): object {
  const v = karpenterVersion(version);
  const key = `${v.major}.${v.minor}`;
  let schema = built.get(key);
  if (!schema) {
    values ??= catalogValues();
    schema = workspaceSchema(values, v);
    built.set(key, schema);
  }
  return schema;
}
