// Allocation-free requirement checks for the solve's hot loops (instance type × NodeClaim). They
// answer exactly what Requirements.intersects / IsCompatible answer, without building sets.
import { LABEL } from '../labels.ts';
import type { Requirement, Requirements } from '../requirements.ts';
import type { InstanceType, Offering } from '../catalog/types.ts';

const INTEGER = /^[+-]?\d+$/;

function inBounds(v: string, gte: number | undefined, lte: number | undefined): boolean {
  if (gte === undefined && lte === undefined) return true;
  if (!INTEGER.test(v)) return false;
  const n = Number(v);
  return (gte === undefined || n >= gte) && (lte === undefined || n <= lte);
}

function maxOf(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}

function minOf(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

/** a ∩ b is non-empty (Requirement.intersection(b).len() > 0). */
export function nonEmptyIntersection(a: Requirement, b: Requirement): boolean {
  const gte = maxOf(a.gte, b.gte);
  const lte = minOf(a.lte, b.lte);
  if (gte !== undefined && lte !== undefined && gte > lte) return false;
  if (a.complement && b.complement) return true;
  const [concrete, other] = a.complement ? [b, a] : [a, b];
  for (const v of concrete.values) {
    if (other.complement ? other.values.has(v) : !other.values.has(v)) continue;
    if (inBounds(v, gte, lte)) return true;
  }
  return false;
}

function negative(r: Requirement): boolean {
  // NotIn (complement with values) or DoesNotExist (empty concrete set).
  return r.complement ? r.values.size > 0 : r.values.size === 0;
}

/** Requirements.intersects(a, b) === undefined, over a pre-listed `b`. */
export function intersectsAll(a: Requirements, b: readonly Requirement[]): boolean {
  for (const r of b) {
    if (!a.has(r.key)) continue;
    const x = a.get(r.key);
    if (!nonEmptyIntersection(x, r) && !(negative(x) && negative(r))) return false;
  }
  return true;
}

const listed = new WeakMap<Requirements, Requirement[]>();

/** The requirements as an array, cached per (treated-as-immutable) Requirements object. */
export function listOf(r: Requirements): Requirement[] {
  let l = listed.get(r);
  if (!l) listed.set(r, (l = r.values()));
  return l;
}

/** The instance type's labels intersect the NodeClaim's requirements (nodeclaim.go compatible). */
export function typeCompatible(it: InstanceType, reqs: Requirements): boolean {
  return intersectsAll(it.requirements, listOf(reqs));
}

/** An offering (zone, capacity type) the requirements allow; offerings only carry well-known keys. */
export function offeringCompatible(
  o: Offering,
  zone: Requirement,
  capacityType: Requirement,
): boolean {
  return zone.has(o.zone) && capacityType.has(o.capacityType);
}

export function zoneAndCapacityType(reqs: Requirements): [Requirement, Requirement] {
  return [reqs.get(LABEL.zone), reqs.get(LABEL.capacityType)];
}

export function hasAvailableOffering(
  it: InstanceType,
  zone: Requirement,
  ct: Requirement,
): boolean {
  for (const o of it.offerings) if (o.available && offeringCompatible(o, zone, ct)) return true;
  return false;
}

export function cheapestPrice(it: InstanceType, zone: Requirement, ct: Requirement): number {
  let best = Infinity;
  for (const o of it.offerings)
    if (o.available && o.price < best && offeringCompatible(o, zone, ct)) best = o.price;
  return best;
}

export function sameRequirement(a: Requirement, b: Requirement): boolean {
  if (a === b) return true;
  if (
    a.complement !== b.complement ||
    a.gte !== b.gte ||
    a.lte !== b.lte ||
    a.minValues !== b.minValues
  )
    return false;
  if (a.values.size !== b.values.size) return false;
  for (const v of a.values) if (!b.values.has(v)) return false;
  return true;
}

/** The exact text of a requirement's allowed set (toString() elides values past the fifth): equal
 *  texts give equal answers to has/intersects. */
export function exactKey(r: Requirement): string {
  const vs =
    r.values.size === 0
      ? ''
      : r.values.size === 1
        ? [...r.values][0]
        : r.sortedValues().join('\u0001');
  return `${r.key}\u0000${r.complement ? '!' : ''}${vs}\u0000${r.gte ?? ''}\u0000${r.lte ?? ''}`;
}
