// computeConsolidation (reference §3.9): delete when the candidates' pods fit elsewhere, replace
// with ONE strictly cheaper NodeClaim when they fit on one, otherwise nothing. Consolidation never
// turns one node into several (drift may).
import type { InstanceType } from '../catalog/index.ts';
import type { DisruptionContext } from '../engine/disruption.ts';
import type { PodRec } from '../engine/state.ts';
import { LABEL } from '../labels.ts';
import type { Requirements } from '../requirements.ts';
import { minValuesMessage, unsatisfiedMinValues } from '../scheduling/instancefilter.ts';
import type { NodeClaimPlan } from '../scheduling/types.ts';
import type { NodeFacts } from './candidates.ts';
import { dryRun } from './dryrun.ts';
import {
  cheaperOptions,
  cheapestPrice,
  filterOutSameInstanceType,
  narrowed,
  withCapacityType,
} from './pricing.ts';
import type { Command, Decision, MethodName } from './types.ts';

/** MinInstanceTypesForSpotToSpotConsolidation. */
export const SPOT_TO_SPOT_MIN_TYPES = 15;

export interface ConsolidationOptions {
  method: MethodName;
  /** Single-node applies the 15-cheaper-types rule to spot-to-spot; multi-node accepts as is. */
  single: boolean;
  competing: readonly PodRec[];
  /** v1alpha5 (pre-v0.34): spot nodes were never replaced by spot nodes. */
  legacySpot: boolean;
  /** v1.14+: the nodes the candidates' pods may not move to (Pass.destinations). */
  closed?: Destinations;
}

/** Nodes inside their NodePool's consolidateAfter window at this pass, and a key naming the set. */
export interface Destinations {
  readonly closed: ReadonlySet<string>;
  readonly key: string;
  /** When each closed node's window ends. */
  readonly until: ReadonlyMap<string, number>;
}

export function computeConsolidation(
  ctx: DisruptionContext,
  candidates: NodeFacts[],
  o: ConsolidationOptions,
): Decision {
  const sim = dryRun(ctx, candidates, o.competing, o.closed?.closed);
  if (!sim.ok) return { kind: 'noop', message: sim.message };
  const candidatePrice = candidates.reduce((s, c) => s + c.price, 0);
  const base = { method: o.method, reason: 'Underutilized', candidates, validate: true } as const;
  if (sim.plans.length === 0)
    return { kind: 'command', command: { ...base, replacements: [], savings: candidatePrice } };
  if (sim.plans.length > 1)
    return {
      kind: 'noop',
      message: `Can't remove without creating ${sim.plans.length} candidates`,
    };
  const plan = sim.plans[0] as NodeClaimPlan;
  const allSpot = candidates.every((c) => c.node.capacityType === 'spot');
  const allowsSpot = plan.requirements.get(LABEL.capacityType).has('spot');
  let replacement: NodeClaimPlan;
  if (allSpot && allowsSpot) {
    if (o.legacySpot)
      return { kind: 'noop', message: "Can't replace a spot node with a spot node" };
    if (ctx.featureGates.SpotToSpotConsolidation !== true)
      return {
        kind: 'noop',
        message: "SpotToSpotConsolidation is disabled, can't replace a spot node with a spot node",
      };
    const reqs = withCapacityType(plan.requirements, 'spot');
    let options = cheaperOptions(plan.instanceTypes, reqs, candidatePrice);
    const unmet = minValuesAfterPrice(options, reqs);
    if (unmet) return unmet;
    if (options.length === 0) return { kind: 'noop', message: "Can't replace with a cheaper node" };
    if (o.single) {
      if (options.length < SPOT_TO_SPOT_MIN_TYPES)
        return {
          kind: 'noop',
          message: `SpotToSpotConsolidation requires ${SPOT_TO_SPOT_MIN_TYPES} cheaper instance type options than the current candidate to consolidate, got ${options.length}`,
        };
      options = options.slice(0, SPOT_TO_SPOT_MIN_TYPES);
    }
    replacement = { ...plan, instanceTypes: options, requirements: narrowed(reqs, options) };
  } else {
    const options = cheaperOptions(plan.instanceTypes, plan.requirements, candidatePrice);
    const unmet = minValuesAfterPrice(options, plan.requirements);
    if (unmet) return unmet;
    if (options.length === 0) return { kind: 'noop', message: "Can't replace with a cheaper node" };
    // Priced as if the spot variant launches, so a launch that may pick either capacity type is
    // narrowed to spot by a requirement: a spot shortage then fails the launch instead of quietly
    // buying pricier on-demand. The option list itself is left alone (upstream adds the
    // requirement only), so filterOutSameInstanceType below still sees a candidate's own
    // on-demand type among the options and turns "merge into the same type" into a delete.
    const ct = plan.requirements.get(LABEL.capacityType);
    const reqs =
      ct.has('spot') && ct.has('on-demand')
        ? withCapacityType(plan.requirements, 'spot')
        : plan.requirements;
    replacement = { ...plan, instanceTypes: options, requirements: narrowed(reqs, options) };
  }
  if (!o.single) {
    const kept = filterOutSameInstanceType(
      replacement.instanceTypes,
      replacement.requirements,
      candidates.map((c) => ({ type: c.node.instanceType, price: c.price })),
    );
    if (kept.length === 0) return { kind: 'noop', message: "Can't replace with a cheaper node" };
    replacement = {
      ...replacement,
      instanceTypes: kept,
      requirements: narrowed(replacement.requirements, kept),
    };
  }
  // The cheapest option that can launch under the (possibly spot-narrowed) requirements.
  const newPrice = Math.min(
    candidatePrice,
    ...replacement.instanceTypes.map((it) => cheapestPrice(it, replacement.requirements)),
  );
  const command: Command = {
    ...base,
    replacements: [replacement],
    savings: candidatePrice - newPrice,
  };
  return { kind: 'command', command };
}

/**
 * RemoveInstanceTypeOptionsByPriceAndMinValues (scheduling/nodeclaim.go): the options left cheaper
 * than the candidates must still satisfy the replacement's minValues — as the dry run left them,
 * lowered under the BestEffort policy but never relaxed again for consolidation. Otherwise nothing
 * is done ("Filtering by price: …"). The lab kept whatever was cheaper, so a pool asking for 3
 * instance types could be consolidated onto 1 (consolidation_test.go MinValuesPolicy "should not
 * consolidate a node by relaxing min values when policy is set to BestEffort").
 */
function minValuesAfterPrice(
  options: readonly InstanceType[],
  reqs: Requirements,
): Decision | undefined {
  const unmet = unsatisfiedMinValues(options, reqs);
  return unmet.size === 0
    ? undefined
    : { kind: 'noop', message: `Filtering by price: ${minValuesMessage(unmet.keys())}` };
}
