// What an export says about the cluster it came from: the region and zones (from the nodes'
// topology labels) become the Scenario's spec.region / spec.zones, so Karpenter launches where the
// cluster is and at that region's prices; nodes Karpenter does not own are named as such.
import { PRICED_REGIONS, REGIONAL_PRICES_AS_OF } from '../sim/catalog/ec2-regional.ts';
import { EC2_DATA_REGION } from '../sim/catalog/ec2-data.ts';
import { LABEL } from '../sim/labels.ts';
import { nodeOwner, ownerText } from '../sim/ownership.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const SCENARIO_API_VERSION = 'lab.karpenter.playground/v1alpha1';

const labelsOf = (o: Obj): Record<string, string> => {
  const meta = isObj(o.metadata) ? o.metadata : {};
  const out: Record<string, string> = {};
  if (isObj(meta.labels))
    for (const [k, v] of Object.entries(meta.labels)) if (typeof v === 'string') out[k] = v;
  return out;
};

/** Adds (or completes) the Scenario with the nodes' region and zones; returns notes to show. */
export function inferCluster(
  objects: Obj[],
  { priceNote = true }: { priceNote?: boolean } = {},
): string[] {
  const nodes = objects.filter((o) => o.kind === 'Node').map(labelsOf);
  if (nodes.length === 0) return [];
  const notes: string[] = [];
  const count = (key: string): Map<string, number> => {
    const m = new Map<string, number>();
    for (const l of nodes) {
      const v = l[key];
      if (v !== undefined) m.set(v, (m.get(v) ?? 0) + 1);
    }
    return m;
  };
  const regions = count(LABEL.region);
  const zones = [...count(LABEL.zone).keys()].sort();
  const region = [...regions.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (region !== undefined) {
    let scenario = objects.find((o) => o.kind === 'Scenario');
    if (!scenario) {
      scenario = {
        apiVersion: SCENARIO_API_VERSION,
        kind: 'Scenario',
        metadata: { name: 'imported-cluster' },
        spec: {},
      };
      objects.unshift(scenario);
    }
    const spec: Obj = isObj(scenario.spec) ? scenario.spec : {};
    scenario.spec = spec;
    if (spec.region === undefined && spec.instanceTypes === undefined) {
      spec.region = region;
      const own = zones.filter((z) => z.startsWith(region));
      if (spec.zones === undefined && own.length > 0) spec.zones = own;
      notes.push(
        `Region ${region}${own.length ? ` and zones ${own.join(', ')}` : ''} come from the nodes' labels (Scenario spec.region, spec.zones).`,
      );
      if (regions.size > 1)
        notes.push(
          `The nodes name ${regions.size} regions (${[...regions.keys()].join(', ')}); the lab simulates one, ${region}.`,
        );
      if (region !== EC2_DATA_REGION && PRICED_REGIONS.includes(region)) {
        if (priceNote)
          notes.push(
            `${region} on-demand prices are from ${REGIONAL_PRICES_AS_OF}; families launched since are not offered there.`,
          );
      } else if (region !== EC2_DATA_REGION)
        notes.push(
          `The lab has no prices for ${region}: Karpenter will launch nothing until the Scenario lists instanceTypes or names a priced region (not us-east-1 silently).`,
        );
    }
  }
  const unmanaged = new Map<string, number>();
  for (const l of nodes) {
    const o = nodeOwner(l);
    if (o.kind !== 'karpenter') unmanaged.set(ownerText(o), (unmanaged.get(ownerText(o)) ?? 0) + 1);
  }
  if (unmanaged.size > 0) {
    const total = [...unmanaged.values()].reduce((a, b) => a + b, 0);
    notes.push(
      `${total} node(s) are not Karpenter's (${[...unmanaged].map(([k, n]) => `${k}: ${n}`).join(', ')}): they stay as they are, and Karpenter neither disrupts nor consolidates them.`,
    );
  }
  return notes;
}
