// From a NodeClaim built in the solve to the plan the engine creates (§1.13, FinalizeScheduling +
// TruncateInstanceTypes + ToNodeClaim): drop the placeholder hostname, add the smallest DaemonSet
// overhead among the remaining type groups, order types by cheapest available offering, truncate,
// and pin instance-type / capacity-type requirements and labels.
import { LABEL } from '../labels.ts';
import { Requirement, Requirements } from '../requirements.ts';
import type { Resources } from '../quantity.ts';
import type { InstanceType } from '../catalog/types.ts';
import type { DaemonGroup } from './daemons.ts';
import { groupOfType, minValuesMessage, unsatisfiedMinValues } from './instancefilter.ts';
import type { SchedulingNodeClaim } from './nodeclaim.ts';
import {
  cheapestPrice,
  exactKey,
  hasAvailableOffering,
  listOf,
  offeringCompatible,
  typeCompatible,
  zoneAndCapacityType,
} from './reqfast.ts';
import { fitsIn, minOfResources, sum } from './resources.ts';
import type { FunnelStage, NodeClaimPlan } from './types.ts';
import { isRestrictedForPods } from './validation.ts';

const SIMULATION_KEYS: ReadonlySet<string> = new Set([
  LABEL.hostname,
  LABEL.registered,
  LABEL.initialized,
]);

export function orderOptionsByPrice(
  types: readonly InstanceType[],
  reqs: Requirements,
): InstanceType[] {
  const [zone, ct] = zoneAndCapacityType(reqs);
  const price = new Map(types.map((it) => [it, cheapestPrice(it, zone, ct)]));
  // Ties by name, as catalog/query.ts orderByPrice does, so the order never depends on input order.
  return [...types].sort(
    (a, b) =>
      (price.get(a) ?? Infinity) - (price.get(b) ?? Infinity) ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

// NodeClaims of one template mostly share the same zone / capacity-type requirements, so the
// template's options are sorted once per such pair and each claim keeps its own subset in order.
const sortedByPair = new WeakMap<readonly InstanceType[], Map<string, InstanceType[]>>();

function orderClaimOptions(claim: SchedulingNodeClaim, reqs: Requirements): InstanceType[] {
  const all = claim.template.options;
  let byPair = sortedByPair.get(all);
  if (!byPair) sortedByPair.set(all, (byPair = new Map()));
  const [zone, ct] = zoneAndCapacityType(reqs);
  const pair = `${zone.toString()}|${ct.toString()}`;
  let sorted = byPair.get(pair);
  if (!sorted) byPair.set(pair, (sorted = orderOptionsByPrice(all, reqs)));
  if (claim.optionCount === all.length) return [...sorted];
  return sorted.filter((t) => claim.hasOption(t));
}

const capacityTypeCount = new WeakMap<readonly InstanceType[], number>();

function capacityTypesOf(types: readonly InstanceType[]): number {
  let n = capacityTypeCount.get(types);
  if (n === undefined) {
    const s = new Set<string>();
    for (const it of types) for (const o of it.offerings) s.add(o.capacityType);
    capacityTypeCount.set(types, (n = s.size));
  }
  return n;
}

function withoutKeys(reqs: Requirements, keys: ReadonlySet<string>): Requirements {
  const out = Requirements.from([]);
  out.add(...reqs.values().filter((r) => !keys.has(r.key)));
  return out;
}

function daemonOverhead(claim: SchedulingNodeClaim): Resources {
  const groups = claim.template.groups;
  if (groups.length === 1) return claim.optionCount > 0 ? (groups[0]?.overhead ?? {}) : {};
  // Upstream detects "first group" by an empty list, so an empty group seen first is replaced by
  // the next one (map order decides). The intent — the smallest overhead, {} when any group has
  // none — is what the lab does.
  let min: Resources | undefined;
  for (const g of claim.template.groups) {
    if (!g.types.some((t) => claim.hasOption(t))) continue;
    min = min ? minOfResources(min, g.overhead) : g.overhead;
  }
  return min ?? {};
}

export type Finalized = { ok: true; plan: NodeClaimPlan } | { ok: false; message: string };

/** What finalize derives from a claim's options alone: the price-ordered (truncated) types, the
 *  instance-type requirement naming them and the capacity types they offer. */
interface OptionsOutcome {
  mask: Uint8Array;
  count: number;
  types: readonly InstanceType[];
  /** instance-type In [names], per minValues. */
  byMinValues: Map<number | undefined, Requirement>;
  capacityTypes: Requirement | undefined;
}

// NodeClaims of one template mostly end with one of a few option sets (the 5,000-pod bench: 1,000
// NodeClaims, 14 sets of ~400 types), so the list and its ~400-name requirement are built once per
// set and shared by those plans (both read-only). Keyed by the template's options, the exact zone
// and capacity-type requirements and the truncation; the last OUTCOMES_KEPT sets per key.
const outcomes = new WeakMap<readonly InstanceType[], Map<string, OptionsOutcome[]>>();
const OUTCOMES_KEPT = 32;

function optionsOutcome(
  claim: SchedulingNodeClaim,
  reqs: Requirements,
  maxInstanceTypes: number,
): OptionsOutcome {
  const all = claim.template.options;
  let byKey = outcomes.get(all);
  if (!byKey) outcomes.set(all, (byKey = new Map()));
  const [zone, ct] = zoneAndCapacityType(reqs);
  const key = `${exactKey(zone)}\u0000${exactKey(ct)}\u0000${maxInstanceTypes}`;
  let list = byKey.get(key);
  if (!list) byKey.set(key, (list = []));
  for (const o of list) if (claim.hasOptions(o.mask, o.count)) return o;
  const ordered = orderClaimOptions(claim, reqs);
  const types = ordered.length > maxInstanceTypes ? ordered.slice(0, maxInstanceTypes) : ordered;
  const cts = new Set<string>();
  const possible = capacityTypesOf(all);
  for (const it of types) {
    for (const o of it.offerings)
      if (o.available && offeringCompatible(o, zone, ct)) cts.add(o.capacityType);
    if (cts.size === possible) break; // every capacity type the pool offers is already in
  }
  const o: OptionsOutcome = {
    mask: claim.optionMask(),
    count: claim.optionCount,
    types,
    byMinValues: new Map(),
    capacityTypes:
      cts.size > 0
        ? Requirement.of({ key: LABEL.capacityType, operator: 'In', values: [...cts] })
        : undefined,
  };
  list.push(o);
  if (list.length > OUTCOMES_KEPT) list.shift();
  return o;
}

function instanceTypeRequirement(o: OptionsOutcome, minValues: number | undefined): Requirement {
  let r = o.byMinValues.get(minValues);
  if (!r) {
    r = Requirement.of({
      key: LABEL.instanceType,
      operator: 'In',
      values: o.types.map((t) => t.name),
      ...(minValues === undefined ? {} : { minValues }),
    });
    o.byMinValues.set(minValues, r);
  }
  return r;
}

export function finalize(
  claim: SchedulingNodeClaim,
  maxInstanceTypes: number,
  strictMinValues: boolean,
  rng?: () => number,
): Finalized {
  const reqs = withoutKeys(claim.requirements, new Set([LABEL.hostname]));
  const overhead = daemonOverhead(claim);
  const outcome = optionsOutcome(claim, reqs, maxInstanceTypes);
  const types = outcome.types;
  if (strictMinValues && reqs.hasMinValues()) {
    const missing = unsatisfiedMinValues(types, reqs);
    if (missing.size > 0) {
      return {
        ok: false,
        message: `pod didn’t schedule because NodePool couldn’t meet minValues requirements, validating minValues, ${minValuesMessage(missing.keys())} (NodePool=${claim.template.name})`,
      };
    }
  }
  const final = withoutKeys(reqs, SIMULATION_KEYS);
  final.add(instanceTypeRequirement(outcome, reqs.get(LABEL.instanceType).minValues));
  if (outcome.capacityTypes) final.add(outcome.capacityTypes);

  const labels: Record<string, string> = { ...claim.template.labels };
  for (const r of reqs.values()) {
    if (
      claim.template.wellKnown.has(r.key) ||
      SIMULATION_KEYS.has(r.key) ||
      isRestrictedForPods(r.key)
    )
      continue;
    if (r.key in labels) continue;
    const v = r.any(rng);
    if (v) labels[r.key] = v;
  }
  const plan: NodeClaimPlan = {
    nodePool: claim.template.name,
    hostname: claim.hostname,
    requirements: final,
    instanceTypes: types,
    requests: sum(claim.requests, overhead),
    daemonOverhead: overhead,
    pods: [...claim.pods],
    labels,
    taints: [...claim.template.taints],
    startupTaints: [...claim.template.startupTaints],
    funnel: [],
    ...(claim.minValuesRelaxed ? { minValuesRelaxed: true } : {}),
  };
  // The funnel walks the whole catalog; compute it only when someone looks.
  let funnel: FunnelStage[] | undefined;
  Object.defineProperty(plan, 'funnel', {
    enumerable: true,
    get: () => (funnel ??= computeFunnel(claim, reqs)),
  });
  return { ok: true, plan };
}

/** A list as a set, per list (template options and limit-filtered lists are never mutated). */
const listSets = new WeakMap<readonly InstanceType[], ReadonlySet<InstanceType>>();
function setOf(list: readonly InstanceType[]): ReadonlySet<InstanceType> {
  let s = listSets.get(list);
  if (!s) listSets.set(list, (s = new Set(list)));
  return s;
}

// The funnel is read for every NodeClaim the engine creates; NodeClaims of a batch mostly share
// their final requirements, so the catalog's compatible types are kept per exact requirements.
const compatibleByReqs = new WeakMap<readonly InstanceType[], Map<string, InstanceType[]>>();
const COMPATIBLE_KEPT = 64;

function compatibleTypes(catalog: readonly InstanceType[], reqs: Requirements): InstanceType[] {
  let byKey = compatibleByReqs.get(catalog);
  if (!byKey) compatibleByReqs.set(catalog, (byKey = new Map()));
  const key = listOf(reqs).map(exactKey).join('\u0002');
  let out = byKey.get(key);
  if (!out) {
    if (byKey.size >= COMPATIBLE_KEPT) byKey.clear();
    out = catalog.filter((it) => typeCompatible(it, reqs));
    byKey.set(key, out);
  }
  return out;
}

function computeFunnel(claim: SchedulingNodeClaim, reqs: Requirements): FunnelStage[] {
  const catalog = claim.template.catalog;
  const compatible = compatibleTypes(catalog, reqs);
  const totals = new Map<DaemonGroup | undefined, Resources>();
  const allowed = setOf(claim.withinLimits);
  const options = setOf(claim.template.options);
  const [zone, ct] = zoneAndCapacityType(reqs);
  // Each stage filters the one before: counted in one pass (a NodeClaim of a big batch would
  // otherwise build three lists of the catalog's size only to count them).
  let fits = 0;
  let limits = 0;
  let offerings = 0;
  for (const it of compatible) {
    const g = groupOfType(claim.template.groups, it);
    let total = totals.get(g);
    if (!total) totals.set(g, (total = g ? sum(claim.requests, g.overhead) : claim.requests));
    if (!fitsIn(total, it.allocatable)) continue;
    fits++;
    if (!allowed.has(it) && options.has(it)) continue;
    limits++;
    if (hasAvailableOffering(it, zone, ct)) offerings++;
  }
  return [
    { stage: 'catalog', count: catalog.length },
    { stage: 'requirements', count: compatible.length },
    { stage: 'fits', count: fits },
    { stage: 'limits', count: limits },
    { stage: 'offerings', count: offerings },
  ];
}
