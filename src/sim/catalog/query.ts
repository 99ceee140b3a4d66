// Catalog queries (convention 5): which offerings of a type a NodeClaim could launch, and the
// price order Karpenter sorts instance types by (cloudprovider.InstanceTypes.OrderByPrice).

import { LABEL } from '../labels.ts';
import type { Requirements } from '../requirements.ts';
import type { InstanceType, Offering } from './types.ts';

/** Does the offering's zone and capacity type satisfy the requirements? (Absent key = any.) */
export function offeringCompatible(o: Offering, reqs: Requirements): boolean {
  return reqs.get(LABEL.zone).has(o.zone) && reqs.get(LABEL.capacityType).has(o.capacityType);
}

/** Offerings that are available and compatible with the requirements. */
export function availableOfferings(it: InstanceType, reqs: Requirements): Offering[] {
  const zone = reqs.get(LABEL.zone);
  const ct = reqs.get(LABEL.capacityType);
  return it.offerings.filter((o) => o.available && zone.has(o.zone) && ct.has(o.capacityType));
}

/** Cheapest available compatible offering; ties go to the zone, then capacity type, by name so
 *  the answer never depends on array order. */
export function cheapestOffering(it: InstanceType, reqs: Requirements): Offering | undefined {
  let best: Offering | undefined;
  for (const o of availableOfferings(it, reqs)) {
    if (!best || compareOfferings(o, best) < 0) best = o;
  }
  return best;
}

export function compareOfferings(a: Offering, b: Offering): number {
  return (
    a.price - b.price ||
    a.zone.localeCompare(b.zone) ||
    a.capacityType.localeCompare(b.capacityType)
  );
}

/** Types ordered by the price of their cheapest compatible available offering; types with none go
 *  last; ties by name. A new array, input untouched. */
export function orderByPrice(its: readonly InstanceType[], reqs: Requirements): InstanceType[] {
  const price = new Map(its.map((it) => [it, cheapestOffering(it, reqs)?.price ?? Infinity]));
  return [...its].sort((a, b) => {
    const pa = price.get(a) ?? Infinity;
    const pb = price.get(b) ?? Infinity;
    if (pa !== pb) return pa < pb ? -1 : 1;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
}
