// A node's consolidation status. Until the disruption simulator offers its own verdict
// (ExplainOptions.disruption), this reads off the facts Karpenter's candidate checks use (§3.2–3.3):
// policy, consolidateAfter, do-not-disrupt on the node or a pod, initialization, nomination,
// deletion — and marks the result 'derived' so the panel can say it is not the controller's word.
import type { ClusterState, NodeClaimRec, NodeRec, PodRec, Timeline } from '../sim/engine/index.ts';
import { parseDuration } from '../sim/engine/index.ts';
import { replacementsRefusedAt, type NodeJSON } from '../sim/engine/json.ts';
import { doNotDisruptActive, doNotDisruptDurations } from '../sim/engine/drainPolicy.ts';
import { vocabulary } from '../sim/disruption/annotations.ts';
import {
  disruptionReason,
  nodeAnnotationReason,
  nodeReasons,
  podAnnotationReason,
} from '../sim/disruption/wording.ts';
import { claimRef, clock } from './format.ts';
import type { DisruptionVerdict, DisruptionView, ExplainOptions, Fact } from './types.ts';
import { pinSentence, volumePins } from './volumes.ts';

const DO_NOT_DISRUPT = 'karpenter.sh/do-not-disrupt';
const DISRUPTION_REASONS = new Set([
  'Unconsolidatable',
  'DisruptionBlocked',
  'ConsolidationCandidate',
  'ConsolidationRejected',
  'ConsolidationApproved',
  'DisruptionLaunching',
  'DisruptionWaitingReadiness',
  'DisruptionTerminating',
  'SpotInterrupted',
  'TerminatingOnInterruption',
  'Disrupted',
  'Expired',
  'Drifted',
  'Empty',
  'Underutilized',
]);

/** Pod do-not-disrupt: "true", or (v1.12+) a duration still running since the pod started. */
function podBlocks(p: PodRec, now: number, durations: boolean): boolean {
  if (p.phase === 'Terminating' || p.phase === 'Failed') return false;
  return doNotDisruptActive(p, DO_NOT_DISRUPT, now, durations);
}

type Refusal = NonNullable<NodeJSON['replacementRefused']>;

/** Karpenter chose to replace the node, but Create refused the replacement (a NodePool limit). */
function refusedSentence(r: Refusal): string {
  const tries =
    r.count === 1
      ? `at ${clock(r.last * 1000)}`
      : `${r.count} times since ${clock(r.first * 1000)}, last at ${clock(r.last * 1000)}`;
  return `Karpenter chose to replace it with a cheaper node, but could not create the replacement (${tries}): its NodePool is already above a limit (“${r.message}”). The command fails and the node stays; Karpenter retries after a growing error backoff (up to 1,000 s), so it stays until the usage drops under the limit or the limit is raised.`;
}

function refusedFact(r: Refusal): Fact {
  return {
    label: 'Replacement refused',
    value: `${r.count === 1 ? 'once' : `${r.count} times`}, last at ${clock(r.last * 1000)}`,
    note: 'kubectl logs -n karpenter deploy/karpenter shows the “Reconciler error”',
  };
}

function recentEvents(
  timeline: Timeline,
  t: number,
  objects: readonly string[],
): DisruptionView['events'] {
  const out: DisruptionView['events'] = [];
  for (const e of timeline.events) {
    if (e.t > t) break;
    if (e.type !== 'k8s' || !objects.includes(e.event.object)) continue;
    if (!DISRUPTION_REASONS.has(disruptionReason(e.event.reason))) continue;
    // Karpenter publishes most of these on the Node and on its NodeClaim alike: one line here.
    const last = out[out.length - 1];
    if (last?.at === e.t && last.reason === e.event.reason && last.message === e.event.message)
      continue;
    out.push({ at: e.t, text: clock(e.t), reason: e.event.reason, message: e.event.message });
  }
  return out.slice(-5);
}

export function disruptionStatus(
  timeline: Timeline,
  state: ClusterState,
  t: number,
  node: NodeRec | undefined,
  claim: NodeClaimRec | undefined,
  pods: readonly PodRec[],
  opts: ExplainOptions,
): DisruptionView {
  const objects = [
    ...(node ? [`node/${node.name}`] : []),
    ...(claim ? [claimRef(state.karpenter.semantics, claim.name)] : []),
  ];
  const events = recentEvents(timeline, t, objects);
  const refused = node ? replacementsRefusedAt(timeline, t).get(node.name) : undefined;
  const poolName = node?.nodePool ?? claim?.nodePool;
  const np = poolName === undefined ? undefined : state.nodePools.get(poolName);
  const facts: Fact[] = [];
  const blockers: string[] = [];
  if (!np || !claim) {
    blockers.push(
      'not managed by Karpenter (no NodeClaim or NodePool), so Karpenter never disrupts it',
    );
  }
  const policy = np?.spec.disruption?.consolidationPolicy ?? 'WhenEmptyOrUnderutilized';
  const after = np?.spec.disruption?.consolidateAfter ?? '0s';
  if (np) {
    facts.push({ label: 'Consolidation policy', value: policy });
    facts.push({ label: 'consolidateAfter', value: after });
    const budgets = np.spec.disruption?.budgets ?? [{ nodes: '10%' }];
    facts.push({
      label: 'Budgets',
      value: budgets
        .map((b) => `nodes ${b.nodes}${b.reasons ? ` (${b.reasons.join(', ')})` : ''}`)
        .join('; '),
    });
    if (after === 'Never')
      blockers.push(
        `NodePool "${np.metadata.name ?? ''}" has consolidation disabled (consolidateAfter: Never)`,
      );
  }
  const words = vocabulary(state.karpenter).words;
  const annotated = node && nodeAnnotationReason(words, node.annotations, DO_NOT_DISRUPT);
  if (annotated) blockers.push(annotated);
  const durations = doNotDisruptDurations(state.karpenter);
  const blocking = pods.filter((p) => podBlocks(p, t, durations));
  for (const p of blocking.slice(0, 3))
    blockers.push(podAnnotationReason(words, p.key, DO_NOT_DISRUPT));
  if (claim && claim.initializedAt === undefined) blockers.push(nodeReasons(words).notInitialized);
  if (claim && claim.deletingAt !== undefined) blockers.push('already being deleted');
  if (
    claim &&
    [...state.pods.values()].some((p) => p.nominatedTo === claim.name && p.nodeName === undefined)
  ) {
    blockers.push('node is nominated for a pending pod');
  }
  const workload = pods.filter((p) => !p.daemonSet && p.phase !== 'Terminating');
  const empty = workload.length === 0;
  facts.push({
    label: 'Workload pods',
    value: empty ? 'none (empty node)' : String(workload.length),
  });
  // Consolidatable = consolidateAfter has passed since the last pod event (bound) or initialization.
  const afterMs = parseDuration(after);
  const lastPodEvent = Math.max(claim?.initializedAt ?? 0, ...pods.map((p) => p.boundAt ?? 0));
  const verdict = node && opts.disruption ? opts.disruption(state, node.name, t) : undefined;
  if (verdict?.consolidatableSince !== undefined) {
    // The controller's own pod-event times (pods leaving included): exact, not approximated.
    facts.push({
      label: 'Consolidatable',
      value: `yes, since ${clock(verdict.consolidatableSince)}`,
    });
  } else if (!verdict && afterMs !== undefined && claim?.initializedAt !== undefined) {
    // Only without the controller's word: this estimate from bind times said "yes, since 1m13s"
    // beside its "it becomes consolidatable in 15s" (a pod had left since; its "Countdown ends"
    // says when), and beside "Its NodePool only removes empty nodes".
    const since = lastPodEvent + afterMs;
    facts.push({
      label: 'Consolidatable',
      value: since <= t ? `yes, since ${clock(since)}` : `at ${clock(since)}`,
      note: 'approximated from bind times; Karpenter also counts pods leaving',
    });
  }
  if (policy === 'WhenEmpty' && !empty && blockers.length === 0) {
    blockers.push(`NodePool has consolidation policy WhenEmpty, but node is not empty`);
  }

  // Bound zonal volumes: said in words, because Karpenter's own text ("Can't replace with a cheaper
  // node") does not name the zone that made every cheaper option unreachable.
  const pins = volumePins(state, workload);
  const pinned = pins.length === 0 || !np || !claim ? '' : ` ${pinSentence(pins)}`;
  if (pins.length > 0)
    facts.push({
      label: 'Pinned by volumes',
      value: pins.map((p) => `${p.pod} (${p.claim}) → ${p.zones.join(', ')}`).join('; '),
    });
  if (verdict?.closedDestinations !== undefined) {
    const held = verdict.closedDestinations;
    facts.push({
      label: 'Pods may not move to',
      value:
        held
          .slice(0, 3)
          .map((h) => `${h.node} (until ${clock(h.until)})`)
          .join(', ') + (held.length > 3 ? ` and ${held.length - 3} more` : ''),
      note: "v1.14+: nodes still inside their NodePool's consolidateAfter since their pods last changed",
    });
  }
  if (verdict) {
    if (verdict.nextPass !== undefined)
      facts.push({ label: 'Next consolidation pass', value: `by ${clock(verdict.nextPass)}` });
    else if (verdict.until !== undefined)
      facts.push({ label: 'Countdown ends', value: clock(verdict.until) });
    // A candidate's verdict comes from dry runs the read-only explainer does not repeat; the last
    // one Karpenter published says it (an Unconsolidatable event at most every 15 minutes).
    // A verdict older than the last command Karpenter computed for the node says nothing now.
    const computed = [...events].reverse().find((e) => e.reason === 'ConsolidationCandidate');
    const published =
      verdict.state === 'candidate'
        ? [...events]
            .reverse()
            .find((e) => e.reason === 'Unconsolidatable' && e.at >= (computed?.at ?? -1))
        : undefined;
    const lastSaid = refused
      ? ` ${refusedSentence(refused)}`
      : published
        ? ` Karpenter's last published verdict on it (${published.text}): “${published.message.trim()}”. It publishes one per node at most every 15 minutes, so a newer look may not show.`
        : '';
    if (refused) facts.push(refusedFact(refused));
    return {
      source: 'disruption',
      headline: `${verdict.headline}${lastSaid}${pinned}`,
      blockers: verdict.blockers,
      ...(verdict.state === undefined ? {} : { state: verdict.state }),
      ...(verdict.karpenterReason === undefined
        ? {}
        : { karpenterReason: verdict.karpenterReason }),
      facts,
      events,
    };
  }
  if (refused) facts.push(refusedFact(refused));
  const headline =
    refused && blockers.length === 0
      ? refusedSentence(refused)
      : blockers.length > 0
        ? `Not a consolidation candidate: ${blockers[0] ?? ''}.`
        : empty
          ? 'Empty: a candidate for removal once consolidateAfter has passed (subject to budgets).'
          : `A consolidation candidate under ${policy}: Karpenter removes or replaces it if its pods fit elsewhere for less.`;
  return { source: 'derived', headline: `${headline}${pinned}`, blockers, facts, events };
}

/** The shape src/sim/disruption's controller keeps per node (`explanations`), structurally. */
export interface ControllerExplanation {
  state: string;
  reason: string;
  sentence: string;
  until?: number;
}

/**
 * Adapts the disruption controller's per-node explanations to ExplainOptions.disruption. The
 * controller only knows its *last* pass, so its verdict is used for moments at or after `validFrom`
 * (the run's end, typically); earlier moments fall back to the derived status.
 */
export function disruptionFromController(
  explanations: ReadonlyMap<string, ControllerExplanation>,
  validFrom: number,
): NonNullable<ExplainOptions['disruption']> {
  return (_state, node, t): DisruptionVerdict | undefined => {
    const x = explanations.get(node);
    if (!x || t < validFrom) return undefined;
    return {
      headline: x.sentence,
      blockers: x.state === 'blocked' ? [x.reason] : [],
      state: x.state,
      karpenterReason: x.reason,
      ...(x.until === undefined ? {} : { until: x.until }),
    };
  };
}
