// Instance types written in a Scenario document (spec.instanceTypes, DESIGN.md): this is how labs
// and tests use a small made-up catalog, e.g. Karpenter's own fake one (§6.2).

import type { ScenarioInstanceType } from '../k8s.ts';
import { LABEL } from '../labels.ts';
import { parseResourceList } from '../quantity.ts';
import type { Resources } from '../quantity.ts';
import { Requirement, Requirements } from '../requirements.ts';
import type { Catalog, InstanceType, Offering } from './types.ts';
import { makeInstanceType, makeOffering } from './types.ts';

export const TEST_ZONES: readonly string[] = ['test-zone-1', 'test-zone-2', 'test-zone-3'];

// Resources whose presence makes a type "exotic" (the AWS provider's ExoticInstanceTypeFilter).
const EXOTIC_RESOURCES = [
  'nvidia.com/gpu',
  'amd.com/gpu',
  'aws.amazon.com/neuron',
  'habana.ai/gaudi',
];

export function isExotic(name: string, capacity: Resources): boolean {
  return name.includes('metal') || EXOTIC_RESOURCES.some((r) => (capacity[r] ?? 0) > 0);
}

/** Karpenter's fake price (§6.2): $0.1 per vCPU + $0.1 per GB (10^9 bytes) + $1 per fake GPU kind. */
export function fakePrice(capacity: Resources): number {
  let price = 0.1 * ((capacity.cpu ?? 0) / 1000) + (0.1 * (capacity.memory ?? 0)) / 1e9;
  for (const r of ['fake.com/vendor-a', 'fake.com/vendor-b'])
    if ((capacity[r] ?? 0) > 0) price += 1;
  return price;
}

/** Offerings when a scenario type lists none: on-demand and spot in every zone at the fake price. */
function defaultOfferings(capacity: Resources, zones: readonly string[]): Offering[] {
  const price = fakePrice(capacity);
  return zones.flatMap((zone) => [
    makeOffering({ zone, capacityType: 'spot', price }),
    makeOffering({ zone, capacityType: 'on-demand', price }),
  ]);
}

/** `knownKeys`: label keys some type of the same catalog carries. A type without one of them gets
 *  `DoesNotExist` for it, as EC2 types do for AWS labels and Karpenter's fake types do for
 *  `special`, so a pod requiring the label cannot land on a type that lacks it. */
export function scenarioInstanceType(
  t: ScenarioInstanceType,
  zones: readonly string[] = TEST_ZONES,
  knownKeys: readonly string[] = [],
): InstanceType {
  const capacity: Resources = {
    ...parseResourceList(t.resources ? { ...t.resources } : undefined),
    ...parseResourceList({ cpu: t.cpu, memory: t.memory, pods: t.pods }),
  };
  const offerings = t.offerings
    ? t.offerings.map((o) =>
        makeOffering({
          ...o,
          price: o.price ?? fakePrice(capacity),
          available: o.available ?? true,
        }),
      )
    : defaultOfferings(capacity, zones);
  const requirements = Requirements.fromLabels(t.labels);
  for (const key of knownKeys) {
    if (!requirements.has(key)) requirements.add(Requirement.of({ key, operator: 'DoesNotExist' }));
  }
  requirements.add(
    Requirement.of({ key: LABEL.arch, operator: 'In', values: [t.arch ?? 'amd64'] }),
    Requirement.of({ key: LABEL.os, operator: 'In', values: t.os ?? ['linux'] }),
  );
  return makeInstanceType({
    name: t.name,
    requirements,
    capacity,
    overhead: parseResourceList(t.overhead ? { ...t.overhead } : undefined),
    // Karpenter derives zone / capacity-type labels from available offerings only.
    offerings,
    exotic: isExotic(t.name, capacity),
  });
}

/** A catalog from Scenario spec.instanceTypes. Throws QuantityError on a bad quantity (the
 *  manifests layer validates first and reports it with a location). */
export function catalogFromScenario(types: ScenarioInstanceType[], zones?: string[]): Catalog {
  const offered = [...new Set(types.flatMap((t) => (t.offerings ?? []).map((o) => o.zone)))].sort();
  const allZones = zones ?? (offered.length ? offered : [...TEST_ZONES]);
  const knownKeys = [...new Set(types.flatMap((t) => Object.keys(t.labels ?? {})))].sort();
  return {
    region: 'scenario',
    zones: allZones,
    instanceTypes: types.map((t) => scenarioInstanceType(t, allZones, knownKeys)),
    source: 'Scenario spec.instanceTypes',
    labelKeys: knownKeys,
  };
}
