// Feeds monaco-yaml the workspace schema from src/manifests, with the catalog's values (instance
// types, families, categories, zones) for completion where the schema allows them. The schema is
// the one for the Karpenter version the workspace starts with — the same rule (src/sim/version.ts)
// the Problems panel and the engine use, so a v0.31 Provisioner is not underlined as unknown.
import { karpenterVersion, workspaceSchema, type CatalogValues } from '../../manifests/index.ts';
import { DEFAULT_REGION, DEFAULT_ZONES } from '../../sim/catalog/index.ts';
import { ec2Rows } from '../../sim/catalog/ec2-data.ts';
import { simulationStore } from '../stores/simulation.ts';
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

let installed: string | undefined;
let values: CatalogValues | undefined;

function install(version: string): void {
  if (version === installed) return;
  installed = version;
  values ??= catalogValues();
  configureSchemas(workspaceSchema(values, karpenterVersion(version)));
}

/** Installs the schema now and again whenever a run finds the workspace on another version. */
export function installSchemas(): void {
  install(simulationStore.getState().result?.karpenterVersion ?? 'v1');
  simulationStore.subscribe((s) => {
    const version = s.result?.karpenterVersion;
    if (version !== undefined) install(version);
  });
}
