// The price rules of a replacement (reference §3.9): a replacement must be strictly cheaper than
// the candidates by its WORST launch price — the most expensive compatible offering in the first
// capacity type present, reserved > spot > on-demand — because the launch may land on any of them.
//
// Worked example: a candidate m5.large on-demand at $0.096/h; the replacement's options c6a.large
// (spot $0.031–0.042 across zones) and m6a.large (spot $0.035–0.046). Worst prices $0.042 and
// $0.046 are both below $0.096, so both stay, and the requirement is narrowed to spot.
import type { InstanceType, Offering } from '../catalog/index.ts';
import { availableOfferings, cheapestOffering } from '../catalog/index.ts';
import { LABEL } from '../labels.ts';
import { Requirement, type Requirements } from '../requirements.ts';

const CAPACITY_ORDER = ['reserved', 'spot', 'on-demand'] as const;

export function worstLaunchPrice(it: InstanceType, reqs: Requirements): number {
  return worstOf(availableOfferings(it, reqs));
}

function worstOf(offers: readonly Offering[]): number {
  for (const ct of CAPACITY_ORDER) {
    let worst = -1;
    for (const o of offers) if (o.capacityType === ct && o.price > worst) worst = o.price;
    if (worst >= 0) return worst;
  }
  return Number.POSITIVE_INFINITY;
}

export function cheapestPrice(it: InstanceType, reqs: Requirements): number {
  return cheapestOffering(it, reqs)?.price ?? Number.POSITIVE_INFINITY;
}

/** Options strictly cheaper than `price` by worst launch price, cheapest first. */
export function cheaperOptions(
  options: readonly InstanceType[],
  reqs: Requirements,
  price: number,
): InstanceType[] {
  // One offering scan per type (a dry run's plan can list hundreds): worst price filters, best sorts.
  const kept: { it: InstanceType; best: number }[] = [];
  for (const it of options) {
    const offers = availableOfferings(it, reqs);
    if (!(worstOf(offers) < price)) continue;
    let best = Number.POSITIVE_INFINITY;
    for (const o of offers) if (o.price < best) best = o.price;
    kept.push({ it, best });
  }
  return kept
    .sort((a, b) => a.best - b.best || a.it.name.localeCompare(b.it.name))
    .map((x) => x.it);
}

/** Requirements narrowed to these instance types (and optionally one capacity type). */
export function narrowed(
  reqs: Requirements,
  types: readonly InstanceType[],
  capacityType?: string,
): Requirements {
  const out = reqs.clone();
  out.add(
    Requirement.of({ key: LABEL.instanceType, operator: 'In', values: types.map((t) => t.name) }),
  );
  if (capacityType !== undefined)
    out.add(Requirement.of({ key: LABEL.capacityType, operator: 'In', values: [capacityType] }));
  return out;
}

export function withCapacityType(reqs: Requirements, capacityType: string): Requirements {
  const out = reqs.clone();
  out.add(Requirement.of({ key: LABEL.capacityType, operator: 'In', values: [capacityType] }));
  return out;
}

/**
 * filterOutSameInstanceType (§3.8): when an option is the type of one of the candidates, options
 * priced at or above that candidate's price go — "merge 2 × small into 1 small" becomes a plain
 * delete instead.
 */
export function filterOutSameInstanceType(
  options: readonly InstanceType[],
  reqs: Requirements,
  candidates: readonly { type: string; price: number }[],
): InstanceType[] {
  const names = new Set(options.map((o) => o.name));
  let ceiling = Number.POSITIVE_INFINITY;
  for (const c of candidates) if (names.has(c.type)) ceiling = Math.min(ceiling, c.price);
  if (ceiling === Number.POSITIVE_INFINITY) return [...options];
  return options.filter((o) => worstLaunchPrice(o, reqs) < ceiling);
}
