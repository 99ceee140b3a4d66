// The AWS launch decision (§1.14; karpenter-provider-aws pkg/providers/instance): given a NodeClaim's
// requirements and instance-type options, which (type, zone, capacity type) does CreateFleet start?
//
//   compatible + available → exotic filter → spot-price filter → truncate to 60 by price
//   → capacity type: reserved > spot > on-demand → the offering: on-demand lowest price;
//     spot lowest price, or a *model* of price-capacity-optimized (see PCO below).
//
// Example: a pool allowing spot and on-demand for a 1-cpu pod over m5.large (od $0.096, spot
// ≈$0.0326) and c5.large (od $0.085, spot ≈$0.0349): both survive the spot-price filter (their
// spot prices are below the cheapest on-demand $0.085), spot wins the capacity-type choice, and
// lowest-price picks m5.large; c5.large is the runner-up, "$0.0349/h vs $0.0326/h".

import { INTERRUPTION_RANGES } from '../catalog/ec2-data.ts';
import { availableOfferings } from '../catalog/query.ts';
import type { CapacityType, InstanceType, Offering } from '../catalog/types.ts';
import { CAPACITY_TYPES } from '../catalog/types.ts';
import { LABEL } from '../labels.ts';
import type { Resources } from '../quantity.ts';
import type { Requirements } from '../requirements.ts';
import type { UnavailableOfferings } from './ice.ts';

/** CreateFleet receives at most this many instance types (AWS provider, since v0.19). */
export const MAX_LAUNCH_INSTANCE_TYPES = 60;

/** PCO model: spot pools priced within this fraction above the cheapest pool count as "low price";
 *  among them the pool with the lowest Spot Advisor interruption bucket wins. An assumption. */
export const PCO_PRICE_BAND = 0.25;
/** Bucket assumed for types the Spot Advisor does not list (the middle of 0…4). */
export const PCO_UNKNOWN_BUCKET = 2;

export type SpotStrategy = 'lowest-price' | 'price-capacity-optimized';

export interface LaunchRequest {
  requirements: Requirements;
  instanceTypes: readonly InstanceType[];
  requests: Resources;
  /** minValues in the requirements: Karpenter then skips the exotic and spot-price filters. */
  minValuesUsed: boolean;
}

export interface LaunchContext {
  ice: UnavailableOfferings;
  now: number;
  rng: () => number;
  spotStrategy: SpotStrategy;
}

export interface LaunchDecision {
  instanceType: InstanceType;
  offering: Offering;
  runnerUp?: { instanceType: InstanceType; offering: Offering; whyLost: string };
  filtered: { stage: string; remaining: number }[];
}

export type LaunchResult = { ok: true; decision: LaunchDecision } | { ok: false; error: string };

interface Candidate {
  readonly it: InstanceType;
  /** Offerings that are available, not ICE'd and compatible with the NodeClaim. */
  readonly offerings: readonly Offering[];
  readonly cheapest: number;
  /** Set on a kept candidate (see kept): it remembers its last spot-price cut (below). */
  readonly kept?: true;
  /** The cheapest on-demand price of the last cut, and what the cut left (null: nothing). */
  cutAt?: number;
  cut?: Candidate | null;
}

interface Pool {
  it: InstanceType;
  offering: Offering;
  bucket: number;
  inBand: boolean;
  tie: number;
}

export const INSUFFICIENT_CAPACITY = 'all requested instance types were unavailable during launch';

export function launch(req: LaunchRequest, ctx: LaunchContext): LaunchResult {
  const filtered: { stage: string; remaining: number }[] = [];
  const stage = (name: string, cs: readonly Candidate[]) =>
    filtered.push({ stage: name, remaining: cs.length });
  const reqs = req.requirements;
  // Upstream asks the requirements themselves; the flag lets a caller say so explicitly too.
  const minValuesUsed = req.minValuesUsed || reqs.hasMinValues();
  filtered.push({ stage: 'instance types', remaining: req.instanceTypes.length });

  let cs = compatibleAvailable(req, ctx);
  stage('compatible + available', cs);
  if (cs.length === 0) return { ok: false, error: INSUFFICIENT_CAPACITY };

  if (minValuesUsed) {
    stage('exotic filter (skipped: minValues)', cs);
  } else {
    const plain = cs.filter((c) => !c.it.exotic);
    if (plain.length > 0) cs = plain;
    stage('exotic filter', cs);
  }

  if (minValuesUsed) stage('spot price filter (skipped: minValues)', cs);
  else {
    cs = spotPriceFilter(cs, reqs);
    stage('spot price filter', cs);
  }

  cs = [...cs].sort((a, b) => a.cheapest - b.cheapest || (a.it.name < b.it.name ? -1 : 1));
  cs = cs.slice(0, MAX_LAUNCH_INSTANCE_TYPES);
  stage(`truncate to ${MAX_LAUNCH_INSTANCE_TYPES} by price`, cs);

  const ct = CAPACITY_TYPES.find(
    (t) =>
      reqs.get(LABEL.capacityType).has(t) &&
      cs.some((c) => c.offerings.some((o) => o.capacityType === t)),
  );
  if (!ct) return { ok: false, error: INSUFFICIENT_CAPACITY };
  const pools = rankPools(cs, ct, ctx);
  stage(
    `capacity type ${ct}`,
    cs.filter((c) => c.offerings.some((o) => o.capacityType === ct)),
  );

  const [best, ...rest] = pools;
  if (!best) return { ok: false, error: INSUFFICIENT_CAPACITY };
  const decision: LaunchDecision = { instanceType: best.it, offering: best.offering, filtered };
  const runnerUp = pickRunnerUp(best, rest, cs, ct, ctx);
  if (runnerUp) decision.runnerUp = runnerUp;
  return { ok: true, decision };
}

/**
 * Per Requirements object, per instance type: the candidate its requirements and available
 * offerings make it before requests and ICE (null: incompatible, or no compatible available
 * offering). Types and offerings are immutable and Requirements are not changed once built, so the
 * answer holds for the object's life; the engine hands one Requirements object to every NodeClaim
 * launched with the same requirements (lifecycle.ts), so a batch's launches share the work.
 */
const kept = new WeakMap<Requirements, Map<InstanceType, Candidate | null>>();

function keptCandidate(
  it: InstanceType,
  reqs: Requirements,
  memo: Map<InstanceType, Candidate | null>,
): Candidate | null {
  let c = memo.get(it);
  if (c !== undefined) return c;
  c = null;
  if (it.requirements.intersects(reqs) === undefined) {
    const offerings = availableOfferings(it, reqs);
    if (offerings.length > 0) c = { it, offerings, cheapest: cheapestOf(offerings), kept: true };
  }
  memo.set(it, c);
  return c;
}

function cheapestOf(offerings: readonly Offering[]): number {
  let cheapest = Infinity;
  for (const o of offerings) cheapest = Math.min(cheapest, o.price); // Math.min(...): NaN, -0 alike
  return cheapest;
}

/** quantity.fits with the requests' entries listed once per launch instead of once per type. */
function fitsEntries(requests: readonly [string, number][], available: Resources): boolean {
  for (const [k, v] of requests) if (v > (available[k] ?? 0)) return false;
  return true;
}

/** The types whose requirements and allocatable admit the NodeClaim, each with its available,
 *  compatible offerings the ICE cache does not hold (the ICE cache, whose key is a string per
 *  offering, is asked only when it holds anything). */
function compatibleAvailable(req: LaunchRequest, ctx: LaunchContext): Candidate[] {
  let memo = kept.get(req.requirements);
  if (!memo) kept.set(req.requirements, (memo = new Map()));
  const requests = Object.entries(req.requests);
  const ice = ctx.ice.isEmpty() ? undefined : ctx.ice;
  const out: Candidate[] = [];
  for (const it of req.instanceTypes) {
    const c = keptCandidate(it, req.requirements, memo);
    if (c === null || !fitsEntries(requests, it.allocatable)) continue;
    if (!ice) {
      out.push(c);
      continue;
    }
    const offerings = c.offerings.filter(
      (o) => !ice.isUnavailable(o.capacityType, it.name, o.zone, ctx.now),
    );
    if (offerings.length === c.offerings.length) out.push(c);
    else if (offerings.length > 0) out.push({ it, offerings, cheapest: cheapestOf(offerings) });
  }
  return out;
}

/** With spot and on-demand both allowed and offered, drop every spot offering dearer than the
 *  cheapest on-demand offering (a bigger spot type is not worth it); a type goes only when no
 *  offering of it is left (AWS SpotOfferingFilter). A kept candidate remembers its last cut. */
function spotPriceFilter(cs: Candidate[], reqs: Requirements): Candidate[] {
  const ct = reqs.get(LABEL.capacityType);
  if (!ct.has('spot') || !ct.has('on-demand')) return cs;
  let spot = false;
  let onDemand = false;
  let cheapestOnDemand = Infinity;
  for (const c of cs) {
    for (const o of c.offerings) {
      if (o.capacityType === 'spot') spot = true;
      else if (o.capacityType === 'on-demand') {
        onDemand = true;
        cheapestOnDemand = Math.min(cheapestOnDemand, o.price);
      }
    }
  }
  if (!spot || !onDemand) return cs;
  const out: Candidate[] = [];
  for (const c of cs) {
    let cut: Candidate | null;
    if (c.kept && c.cut !== undefined && Object.is(c.cutAt, cheapestOnDemand)) cut = c.cut;
    else {
      cut = spotCut(c, cheapestOnDemand);
      if (c.kept) [c.cutAt, c.cut] = [cheapestOnDemand, cut];
    }
    if (cut) out.push(cut);
  }
  return out;
}

function spotCut(c: Candidate, cheapestOnDemand: number): Candidate | null {
  const dear = (o: Offering) => o.capacityType === 'spot' && !(o.price <= cheapestOnDemand);
  if (!c.offerings.some(dear)) return c;
  const offerings = c.offerings.filter((o) => !dear(o));
  return offerings.length > 0 ? { it: c.it, offerings, cheapest: cheapestOf(offerings) } : null;
}

function bucketOf(it: InstanceType): number {
  return it.interruptionBucket ?? PCO_UNKNOWN_BUCKET;
}

/** Every (type, zone) pool of the chosen capacity type, best first. Equal pools are ordered by a
 *  seeded draw, so the zone tie-break is reproducible yet not always "zone a". */
function rankPools(cs: readonly Candidate[], ct: CapacityType, ctx: LaunchContext): Pool[] {
  const pools: Pool[] = [];
  for (const c of cs) {
    for (const o of c.offerings) {
      if (o.capacityType === ct)
        pools.push({ it: c.it, offering: o, bucket: bucketOf(c.it), inBand: true, tie: 0 });
    }
  }
  pools.forEach((p) => (p.tie = ctx.rng()));
  const pco = ct === 'spot' && ctx.spotStrategy === 'price-capacity-optimized';
  const cheapest = Math.min(...pools.map((p) => p.offering.price));
  for (const p of pools) p.inBand = !pco || p.offering.price <= cheapest * (1 + PCO_PRICE_BAND);
  return pools.sort(
    (a, b) =>
      Number(b.inBand) - Number(a.inBand) ||
      (pco && a.inBand ? a.bucket - b.bucket : 0) ||
      a.offering.price - b.offering.price ||
      a.tie - b.tie,
  );
}

function usd(p: number): string {
  return `$${Number(p.toFixed(4))}/h`;
}

function bucketLabel(b: number): string {
  return INTERRUPTION_RANGES[b] ?? 'unknown';
}

function whyLost(best: Pool, other: Pool, pco: boolean): string {
  const a = best.offering;
  const b = other.offering;
  if (pco && other.inBand && best.bucket < other.bucket) {
    return `interruption frequency ${bucketLabel(other.bucket)} vs ${bucketLabel(best.bucket)}: the price-capacity-optimized model prefers the pool less likely to be interrupted among pools within ${PCO_PRICE_BAND * 100}% of the lowest price`;
  }
  if (pco && !other.inBand) {
    return `${usd(b.price)} is more than ${PCO_PRICE_BAND * 100}% above the cheapest spot pool (${usd(a.price)})`;
  }
  if (b.price > a.price) return `${usd(b.price)} vs ${usd(a.price)}`;
  return `same price (${usd(b.price)}); the tie between pools was broken by the seeded random draw`;
}

function pickRunnerUp(
  best: Pool,
  rest: Pool[],
  cs: readonly Candidate[],
  ct: CapacityType,
  ctx: LaunchContext,
): LaunchDecision['runnerUp'] {
  const pco = ct === 'spot' && ctx.spotStrategy === 'price-capacity-optimized';
  // Most telling first: another type of the same capacity type, then the best pool of a less
  // preferred capacity type, then the same type in another zone.
  const other = rest.find((p) => p.it !== best.it);
  if (other) {
    return { instanceType: other.it, offering: other.offering, whyLost: whyLost(best, other, pco) };
  }
  for (const lower of CAPACITY_TYPES.slice(CAPACITY_TYPES.indexOf(ct) + 1)) {
    const [p] = rankPools(cs, lower, ctx);
    if (p) {
      return {
        instanceType: p.it,
        offering: p.offering,
        whyLost: `${ct} is preferred over ${lower} whenever a ${ct} offering is available (reserved > spot > on-demand)`,
      };
    }
  }
  const sameType = rest[0];
  if (!sameType) return undefined;
  return {
    instanceType: sameType.it,
    offering: sameType.offering,
    whyLost: whyLost(best, sameType, pco),
  };
}
