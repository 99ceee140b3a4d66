// The catalog facts explanations need but the timeline does not carry: which instance types a
// NodePool allows, the largest of them, and on-demand prices. The run's catalog is rebuilt from the
// same input simulate() used (explainCatalog), the way simulate() builds it.
import {
  catalogFromScenario,
  ec2Catalog,
  type Catalog,
  type InstanceType,
} from '../sim/catalog/index.ts';
import type { SimulationInput } from '../sim/engine/index.ts';
import type { NodePool, Scenario } from '../sim/k8s.ts';
import type { Resources } from '../sim/quantity.ts';
import { Requirements } from '../sim/requirements.ts';

/**
 * The catalog a run used: the caller's, the Scenario's instanceTypes, or the EC2 catalog for the
 * region. Simplification: a NodePool whose EC2NodeClass sets kubelet values gets the default
 * allocatable here (the engine adjusts it per pool).
 */
export function explainCatalog(
  input: Pick<SimulationInput, 'objects' | 'catalog'>,
): Catalog | undefined {
  if (input.catalog) return input.catalog;
  const scenario = input.objects.find((o): o is Scenario => o.kind === 'Scenario');
  const spec = scenario?.spec ?? {};
  try {
    if (spec.instanceTypes) return catalogFromScenario(spec.instanceTypes, spec.zones);
    return ec2Catalog({
      region: spec.region ?? 'us-east-1',
      ...(spec.zones ? { zones: spec.zones } : {}),
    });
  } catch {
    // An invalid catalog was already reported by simulate(); explanations just go without it.
    return undefined;
  }
}

/** Instance types whose labels are compatible with the NodePool's requirements. */
export function allowedTypes(catalog: Catalog, np: NodePool | undefined): InstanceType[] {
  if (!np) return [...catalog.instanceTypes];
  const reqs = Requirements.from(np.spec.template.spec.requirements ?? []);
  return catalog.instanceTypes.filter((it) => it.requirements.intersects(reqs) === undefined);
}

export interface ResourceGap {
  resource: string;
  asked: number;
  /** The largest allocatable among the types considered (0 when none has the resource). */
  largest: number;
  largestType: string | undefined;
}

/** The requests no single type can hold on its own, with the best any type offers. */
export function resourceGaps(requests: Resources, types: readonly InstanceType[]): ResourceGap[] {
  const gaps: ResourceGap[] = [];
  for (const [resource, asked] of Object.entries(requests)) {
    if (asked <= 0) continue;
    let largest = 0;
    let largestType: string | undefined;
    for (const it of types) {
      const v = it.allocatable[resource] ?? 0;
      if (v > largest) {
        largest = v;
        largestType = it.name;
      }
    }
    if (asked > largest) gaps.push({ resource, asked, largest, largestType });
  }
  return gaps;
}

// Lookups by name happen per node per frame (the cost baseline), so each catalog is indexed once.
const byName = new WeakMap<Catalog, ReadonlyMap<string, InstanceType>>();

export function findType(catalog: Catalog | undefined, name: string): InstanceType | undefined {
  if (!catalog) return undefined;
  let index = byName.get(catalog);
  if (!index) {
    index = new Map(catalog.instanceTypes.map((t) => [t.name, t]));
    byName.set(catalog, index);
  }
  return index.get(name);
}

/** The cheapest on-demand price of a type (preferring `zone`); undefined when it has none. */
export function onDemandPrice(
  catalog: Catalog,
  instanceType: string,
  zone?: string,
): number | undefined {
  const it = findType(catalog, instanceType);
  if (!it) return undefined;
  const od = it.offerings.filter((o) => o.capacityType === 'on-demand');
  const inZone = od.filter((o) => o.zone === zone);
  const pool = inZone.length > 0 ? inZone : od;
  if (pool.length === 0) return undefined;
  return Math.min(...pool.map((o) => o.price));
}
