// runChecks(timeline, checks): each declarative assertion against the simulated run. A failure says
// exactly what is wrong, in the learner's terms ("2 of 5 nodes are on-demand: capacity-type of
// Provisioner "default" still allows on-demand"); a pass states the evidence.
import {
  costAt,
  formatDuration,
  podReason,
  type NodeRec,
  type SimEvent,
  type KubeEvent,
  type Timeline,
} from '../../sim/engine/index.ts';
import { objectKey } from '../../sim/engine/state.ts';
import { LABEL } from '../../sim/labels.ts';
import type { Check, CheckResult } from '../types.ts';
import { checkLabel } from './labels.ts';
import { planCheck } from './plan.ts';
import { volumeCheck } from './volumes.ts';
import { autoscalerCheck, type ComparisonMetrics } from './autoscalers.ts';
import { disruptionReason } from '../../sim/disruption/wording.ts';
import {
  describeNodes,
  kubeEvents,
  liveNodes,
  matches,
  podLabelsEver,
  podsMatching,
  poolAllows,
  poolKind,
  selectorText,
  stateOf,
  usd,
  when,
  windowText,
} from './facts.ts';

type Verdict = Omit<CheckResult, 'label'>;
const ok = (message: string): Verdict => ({ pass: true, message });
const no = (message: string): Verdict => ({ pass: false, message });

/** What the worker knows beside the timeline: the workspace's located problems. */
export interface CheckContext {
  diagnostics?: readonly { severity: string; message: string; line?: number; path?: string }[];
  /** The same workspace under Cluster Autoscaler, measured beside Karpenter's run (lazy: a run). */
  comparison?: () => ComparisonMetrics | undefined;
}

/**
 * Evaluate every check on a finished run. A failing check also names the first error in the
 * workspace, because an invalid document is left out of the simulation and is usually the cause
 * (a NodePool under Karpenter v0.31, a typo in a field).
 */
export function runChecks(
  timeline: Timeline,
  checks: readonly Check[],
  context: CheckContext = {},
): CheckResult[] {
  const error = context.diagnostics?.find((d) => d.severity === 'error');
  const note = error ? ` (the workspace has an error${where(error)}: ${error.message})` : '';
  return checks.map((c) => {
    const v = evaluate(timeline, c, context);
    // workspaceValid already names the error.
    const noted = v.pass || c.kind === 'workspaceValid' ? v.message : `${v.message}${note}`;
    return { label: checkLabel(c), ...v, message: noted };
  });
}

/** " on line 12 (spec.template.spec.nodeClassRef.group)": where a diagnostic is, in words. */
function where(d: { line?: number; path?: string }, lead = ''): string {
  const line = d.line === undefined ? '' : `${lead} on line ${d.line}`;
  return `${line}${d.path ? ` (${d.path})` : ''}`;
}

function evaluate(timeline: Timeline, c: Check, context: CheckContext): Verdict {
  if (timeline.refused) return no(`the simulation refused the workspace: ${timeline.refused}`);
  switch (c.kind) {
    case 'karpenterInstalled': {
      const k = timeline.final.karpenter;
      if (!k.installed)
        return no('Karpenter is not installed: run the helm install command in the console');
      const bare = (v: string): string => v.replace(/^v/, '');
      if (c.version !== undefined && !bare(k.version).startsWith(bare(c.version)))
        return no(
          `Karpenter ${k.version} is installed, but this lab needs ${c.version} (helm … --version ${bare(c.version)}.0)`,
        );
      return ok(`Karpenter ${k.version} is installed (${k.semantics} semantics)`);
    }
    case 'poolServed': {
      const state = timeline.final;
      const pool = state.nodePools.get(c.name);
      // The simulator serves a NodePool whose node class is missing (a named simplification); a
      // real cluster would not (NodeClassReady=False), so the lab does not count it as served.
      const ref =
        poolKind(state) === 'NodePool' ? pool?.spec.template.spec.nodeClassRef : undefined;
      const refKind = ref?.kind ?? 'EC2NodeClass';
      if (ref && !state.objects.has(objectKey({ kind: refKind, metadata: { name: ref.name } })))
        return no(
          `NodePool "${c.name}" names ${refKind} "${ref.name}", which is not in the workspace: on a real cluster the NodePool would not be Ready (NodeClassReady=False) and Karpenter would launch nothing from it`,
        );
      if (pool)
        return ok(
          `Karpenter serves ${poolKind(state)} "${c.name}" (${state.karpenter.semantics} semantics)`,
        );
      const served = [...state.nodePools.keys()];
      const why = timeline.warnings.find((w) => w.includes(c.name)) ?? timeline.warnings[0];
      return no(
        `Karpenter does not serve "${c.name}" (serving: ${served.join(', ') || 'nothing'})${why ? `: ${why}` : ''}`,
      );
    }
    case 'podsRunning': {
      const state = stateOf(timeline, c.at);
      const pods = podsMatching(state, c.selector);
      const running = pods.filter((p) => p.phase === 'Running');
      if (running.length === c.count)
        return ok(`${running.length} of ${pods.length} pods Running ${when(c.at)}`);
      // Failed pods explain the most; then the reason kubectl would show for the first other one.
      const notRunning = pods
        .filter((p) => p.phase !== 'Running')
        .sort((a, b) => Number(b.phase === 'Failed') - Number(a.phase === 'Failed'));
      const first = notRunning[0];
      const labels = podLabelsEver(timeline);
      const failure = [...timeline.events]
        .reverse()
        .find(
          (e): e is Extract<SimEvent, { type: 'pod.failed' }> =>
            e.type === 'pod.failed' &&
            matches(labels.get(e.pod), c.selector) &&
            e.t <= (c.at ?? timeline.end),
        );
      const why = [
        first ? `${first.key} is ${first.phase}: ${podReason(first, state) ?? ''}` : '',
        failure && failure.pod !== first?.key
          ? `earlier, ${failure.pod} failed: ${failure.reason} (${failure.message})`
          : '',
      ].filter(Boolean);
      return no(
        `${running.length} ${running.length === 1 ? 'pod' : 'pods'} Running ${when(c.at)}, expected ${c.count} (${pods.length === 1 ? '1 pod matches' : `${pods.length} pods match`}${selectorText(c.selector) || ' (all)'})${why.length > 0 ? `; ${why.join('; ')}` : ''}`,
      );
    }
    case 'noPendingPods': {
      const state = stateOf(timeline, c.at);
      const pending = podsMatching(state, {}).filter((p) => p.phase === 'Pending');
      if (pending.length === 0) return ok(`no Pending pods ${when(c.at)}`);
      const p = pending[0];
      return no(
        `${pending.length} pod(s) Pending ${when(c.at)}; ${p?.key}: ${p?.error?.message ?? p?.message ?? 'waiting'}`,
      );
    }
    case 'allNodes':
      return allNodes(timeline, c);
    case 'nodeCount': {
      const nodes = liveNodes(stateOf(timeline, c.at)).filter(nodeFilter(c));
      return inRange(
        nodes.length,
        c,
        `${nodes.length} ${nodesOf(timeline, c)} ${when(c.at)}`,
        nodes,
      );
    }
    case 'nodesLaunched': {
      const nodes = [...timeline.final.nodes.values()].filter(nodeFilter(c));
      return inRange(
        nodes.length,
        c,
        `${nodes.length} ${nodesOf(timeline, c)} launched in the run`,
        nodes,
      );
    }
    case 'podsSpread':
      return podsSpread(timeline, c);
    case 'disruptionsAtOnce':
      return disruptionsAtOnce(timeline, c);
    case 'nodeDisrupted':
      return nodeDisrupted(timeline, c);
    case 'autoscalerMetric':
    case 'autoscalerBetter':
      return autoscalerCheck(c, context.comparison?.());
    case 'minPodsRunning':
      return minPodsRunning(timeline, c);
    case 'workspaceValid': {
      const errors = (context.diagnostics ?? []).filter((d) => d.severity === 'error');
      if (errors.length === 0) return ok('the workspace has no errors');
      const first = errors[0];
      return no(
        `the workspace has ${errors.length} error(s); the first${first ? where(first, ',') : ''}: ${first?.message ?? ''}`,
      );
    }
    case 'cheapestFittingInstance':
      return cheapest(timeline, c.nodePool);
    case 'nodeTerminated': {
      const gone = [...timeline.final.nodes.values()].filter(
        (n) =>
          n.terminatedAt !== undefined &&
          n.terminatedAt >= (c.after ?? 0) &&
          (c.before === undefined || n.terminatedAt <= c.before),
      );
      const list = gone
        .map((n) => `${n.name} (${n.instanceType}) at ${formatDuration(n.terminatedAt ?? 0)}`)
        .join(', ');
      if (gone.length >= c.min && (c.max === undefined || gone.length <= c.max))
        return ok(gone.length === 0 ? 'no node was terminated' : `terminated: ${list}`);
      if (gone.length < c.min) {
        const alive = liveNodes(timeline.final);
        return no(`no node was terminated in that window; still running: ${describeNodes(alive)}`);
      }
      return no(`${gone.length} node(s) were terminated, expected at most ${c.max}: ${list}`);
    }
    case 'costPerHour': {
      const t = c.at ?? timeline.end;
      const { perHour } = costAt(stateOf(timeline, c.at), t);
      const nodes = describeNodes(liveNodes(stateOf(timeline, c.at)));
      if (c.max !== undefined && perHour > c.max)
        return no(
          `the cluster costs ${usd(perHour)} ${when(c.at)} (${nodes}), more than ${usd(c.max)}`,
        );
      if (c.min !== undefined && perHour < c.min)
        return no(
          `the cluster costs ${usd(perHour)} ${when(c.at)} (${nodes}), less than ${usd(c.min)}`,
        );
      return ok(`the cluster costs ${usd(perHour)} ${when(c.at)} (${nodes})`);
    }
    case 'event': {
      const all = kubeEvents(timeline, c.after ?? 0).filter(
        (e) => c.before === undefined || e.time <= c.before,
      );
      const hit = all.find(
        (e) =>
          e.reason === c.reason &&
          (c.object === undefined || e.object.includes(c.object)) &&
          (c.message === undefined || e.message.includes(c.message)),
      );
      if (hit) return ok(`${formatDuration(hit.time)} ${hit.reason} ${hit.object}: ${hit.message}`);
      const same = all.filter((e) => e.reason === c.reason);
      const last = same.at(-1);
      const wanted = [
        c.object === undefined ? '' : `on ${c.object}`,
        c.message === undefined ? '' : `saying "${c.message}"`,
      ]
        .filter(Boolean)
        .join(' ');
      return no(
        last
          ? `${same.length} ${c.reason} event(s), but none ${wanted}; the last: ${formatDuration(last.time)} ${last.object}: ${last.message}`
          : `no ${c.reason} event${c.after ? ` after ${formatDuration(c.after)}` : ''}${c.before === undefined ? '' : ` before ${formatDuration(c.before)}`} in the run`,
      );
    }
    case 'podFailed': {
      const labels = podLabelsEver(timeline);
      const hit = timeline.events.find(
        (e): e is Extract<SimEvent, { type: 'pod.failed' }> =>
          e.type === 'pod.failed' &&
          e.reason === c.reason &&
          matches(labels.get(e.pod), c.selector) &&
          (c.message === undefined || e.message.includes(c.message)),
      );
      if (hit)
        return ok(`${hit.pod} failed at ${formatDuration(hit.t)}: ${hit.reason} (${hit.message})`);
      return no(
        `no pod${selectorText(c.selector)} failed with ${c.reason}; every matching pod started normally`,
      );
    }
    case 'plan':
      return planCheck(timeline, c);
    case 'consolidated':
      return consolidated(timeline, c.after);
    case 'podZone':
    case 'claimBound':
    case 'podPending':
    case 'volumesPerNode':
      return volumeCheck(timeline, c);
  }
}

function allNodes(timeline: Timeline, c: Extract<Check, { kind: 'allNodes' }>): Verdict {
  const state = stateOf(timeline, c.at);
  // Filter by pool only: capacityType/arch are what this check asserts, not a filter.
  const pool = c.nodePool === undefined ? {} : { nodePool: c.nodePool };
  const nodes = (c.at === undefined ? [...timeline.final.nodes.values()] : liveNodes(state)).filter(
    nodeFilter(pool),
  );
  if (nodes.length === 0)
    return no(
      `no ${nodesOf(timeline, pool)} ${c.at === undefined ? 'were launched' : `were running ${when(c.at)}`}`,
    );
  const wrongs: string[] = [];
  for (const [want, field, key] of [
    [c.capacityType, 'capacityType', LABEL.capacityType],
    [c.arch, 'arch', LABEL.arch],
  ] as const) {
    if (want === undefined) continue;
    const off = nodes.filter((n) => n[field] !== want);
    if (off.length === 0) continue;
    const values = [...new Set(off.map((n) => n[field]))].join('/');
    const pool = off[0]?.nodePool;
    const allows = poolAllows(timeline.final, pool, key);
    const cause =
      allows === undefined
        ? `${poolKind(timeline.final)} "${pool ?? '?'}" does not constrain ${key}`
        : allows.some((v) => v !== want)
          ? `${key} of ${poolKind(timeline.final)} "${pool ?? '?'}" still allows ${allows.filter((v) => v !== want).join(', ')}`
          : `they were launched before the ${poolKind(timeline.final)} changed`;
    wrongs.push(`${off.length} of ${nodes.length} nodes are ${values}: ${cause}`);
  }
  if (wrongs.length > 0) return no(wrongs.join('; '));
  return ok(
    `all ${nodes.length} node(s) are ${[c.capacityType, c.arch].filter(Boolean).join(' ')}: ${describeNodes(nodes)}`,
  );
}

/**
 * The launch chose the cheapest option that fits: every option on the NodeClaim fits its pods (the
 * solve filtered them), and the launch must not have passed over a cheaper pool of the same
 * capacity type. The runner-up the cloud model recorded is that cheapest alternative; a launch
 * that beats it on price (or ties) is the cheapest. Price-capacity-optimized spot may knowingly
 * pick a slightly dearer, safer pool: that is reported, not hidden.
 */
function cheapest(timeline: Timeline, nodePool: string | undefined): Verdict {
  const claims = [...timeline.final.nodeClaims.values()].filter(
    (c) => c.launch && (nodePool === undefined || c.nodePool === nodePool),
  );
  if (claims.length === 0) return no('no NodeClaim was launched, so there is no choice to judge');
  const lines: string[] = [];
  for (const c of claims) {
    const l = c.launch!;
    const r = l.runnerUp;
    const pods = `${c.plannedPods.length} pod(s) needing ${c.requests.cpu ?? 0}m cpu`;
    if (r && r.capacityType === l.capacityType && r.price < l.price)
      return no(
        `${c.name} launched ${l.instanceType} at ${usd(l.price)} although ${r.instanceType} at ${usd(r.price)} also fits ${pods} (${r.whyLost})`,
      );
    lines.push(
      `${c.name}: ${pods} → ${l.instanceType} ${l.capacityType} at ${usd(l.price)}, the cheapest of ${c.instanceTypes.length} fitting options${r ? ` (runner-up ${r.instanceType}: ${r.whyLost})` : ''}`,
    );
  }
  return ok(lines.join('\n'));
}

/** Fewer nodes or a lower hourly cost after `after`, because Karpenter disrupted a node for it. */
function consolidated(timeline: Timeline, after: number): Verdict {
  const before = stateOf(timeline, after);
  const beforeNodes = liveNodes(before);
  const beforeCost = costAt(before, after).perHour;
  const endNodes = liveNodes(timeline.final);
  const endCost = costAt(timeline.final, timeline.end).perHour;
  const acted = timeline.events.some(
    (e) =>
      e.t >= after &&
      e.type === 'nodeclaim.deleting' &&
      (e.reason === 'Underutilized' || e.reason === 'Empty'),
  );
  const summary = `${describeNodes(beforeNodes)} at ${usd(beforeCost)} → ${describeNodes(endNodes)} at ${usd(endCost)}`;
  if (acted && (endNodes.length < beforeNodes.length || endCost < beforeCost))
    return ok(`consolidated: ${summary}`);
  const blocked = lastWord(timeline, after);
  return no(
    `no consolidation after ${formatDuration(after)}: ${summary}${blocked ? `; Karpenter says: ${blocked.message}` : ''}`,
  );
}

/**
 * Karpenter's last Unconsolidatable/DisruptionBlocked word since `after`, else its last on a node
 * still running or a NodePool: its recorder publishes one per node per window (15 min for
 * Unconsolidatable), so the word that still stands may predate `after`.
 */
function lastWord(timeline: Timeline, after: number): KubeEvent | undefined {
  const said = kubeEvents(timeline).filter(
    (e) => e.reason === 'Unconsolidatable' || disruptionReason(e.reason) === 'DisruptionBlocked',
  );
  const recent = said.filter((e) => e.time >= after).at(-1);
  if (recent) return recent;
  const live = new Set(liveNodes(timeline.final).map((n) => `node/${n.name}`));
  return said.filter((e) => live.has(e.object) || e.object.startsWith('nodepool/')).at(-1);
}

type NodeFilter = { nodePool?: string; capacityType?: string };

function nodeFilter(c: NodeFilter): (n: NodeRec) => boolean {
  return (n) =>
    (c.nodePool === undefined || n.nodePool === c.nodePool) &&
    (c.capacityType === undefined || n.capacityType === c.capacityType);
}

/** "nodes", "spot nodes of NodePool "spot"" — the nodes a filtered check counts. */
function nodesOf(timeline: Timeline, c: NodeFilter): string {
  const ct = c.capacityType === undefined ? '' : `${c.capacityType} `;
  const pool = c.nodePool === undefined ? '' : ` of ${poolKind(timeline.final)} "${c.nodePool}"`;
  return `${ct}node(s)${pool}`;
}

function inRange(
  n: number,
  c: { min?: number; max?: number },
  what: string,
  nodes: readonly NodeRec[],
): Verdict {
  const list = nodes.length === 0 ? '' : ` (${describeNodes(nodes)})`;
  if ((c.min === undefined || n >= c.min) && (c.max === undefined || n <= c.max))
    return ok(`${what}${list}`);
  const want =
    c.max === undefined
      ? `at least ${c.min}`
      : c.min === undefined
        ? `at most ${c.max}`
        : c.min === c.max
          ? `exactly ${c.min}`
          : `${c.min} to ${c.max}`;
  return no(`${what}${list}, expected ${want}`);
}

/**
 * Running matching pods per topology domain of their node (zone by default). Skew is the largest
 * count minus the smallest, over the domains that have nodes for these pods (an eligible empty
 * domain counts as 0, as kube-scheduler's spread does).
 */
function podsSpread(timeline: Timeline, c: Extract<Check, { kind: 'podsSpread' }>): Verdict {
  const state = stateOf(timeline, c.at);
  const running = podsMatching(state, c.selector).filter((p) => p.phase === 'Running');
  if (running.length === 0) return no(`no pod${selectorText(c.selector)} is Running ${when(c.at)}`);
  const counts = new Map<string, number>();
  for (const n of liveNodes(state)) {
    const d = n.labels[c.topologyKey];
    if (d !== undefined && !counts.has(d)) counts.set(d, 0);
  }
  let unlabelled = 0;
  for (const p of running) {
    const d =
      p.nodeName === undefined ? undefined : state.nodes.get(p.nodeName)?.labels[c.topologyKey];
    if (d === undefined) unlabelled++;
    else counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  const used = [...counts].filter(([, v]) => v > 0).sort(([a], [b]) => (a < b ? -1 : 1));
  const values = used.map(([, v]) => v);
  const skew = values.length === 0 ? 0 : Math.max(...values) - Math.min(...values);
  const shape = used.map(([d, v]) => `${d}: ${v}`).join(', ');
  const what = `${running.length} pod(s)${selectorText(c.selector)} over ${used.length} ${c.topologyKey} domain(s) ${when(c.at)} (${shape})`;
  if (unlabelled > 0)
    return no(`${unlabelled} running pod(s) are on nodes without the label ${c.topologyKey}`);
  if (c.minDomains !== undefined && used.length < c.minDomains)
    return no(`${what}, expected at least ${c.minDomains} domains`);
  if (skew > c.maxSkew) return no(`${what}: skew ${skew}, more than maxSkew ${c.maxSkew}`);
  return ok(`${what}: skew ${skew}`);
}

/** Sweep deleting → deleted intervals of NodeClaims disrupted after `after`; report the peak. */
function disruptionsAtOnce(
  timeline: Timeline,
  c: Extract<Check, { kind: 'disruptionsAtOnce' }>,
): Verdict {
  const open = new Map<string, string>();
  let peak = 0;
  let peakAt = 0;
  let peakSet: string[] = [];
  let total = 0;
  for (const e of timeline.events) {
    if (e.type === 'nodeclaim.deleting' && e.t >= (c.after ?? 0) && e.reason !== 'Interrupted') {
      open.set(e.nodeClaim, e.reason);
      total++;
      if (open.size > peak) {
        peak = open.size;
        peakAt = e.t;
        peakSet = [...open].map(([n, r]) => `${n} (${r})`);
      }
    } else if (e.type === 'nodeclaim.deleted') open.delete(e.nodeClaim);
  }
  const what =
    total === 0
      ? `Karpenter disrupted no node${c.after ? ` after ${formatDuration(c.after)}` : ''}`
      : `${total} node(s) disrupted; at most ${peak} at once (at ${formatDuration(peakAt)}: ${peakSet.join(', ')})`;
  if (peak > c.max) return no(`${what}, expected at most ${c.max} at a time`);
  if (c.min !== undefined && peak < c.min)
    return no(`${what}, expected at least ${c.min} at a time`);
  return ok(what);
}

function nodeDisrupted(timeline: Timeline, c: Extract<Check, { kind: 'nodeDisrupted' }>): Verdict {
  const claims = timeline.final.nodeClaims;
  const hits = timeline.events.filter(
    (e): e is Extract<SimEvent, { type: 'nodeclaim.deleting' }> =>
      e.type === 'nodeclaim.deleting' &&
      e.reason === c.reason &&
      e.t >= (c.after ?? 0) &&
      (c.before === undefined || e.t <= c.before) &&
      (c.nodePool === undefined || claims.get(e.nodeClaim)?.nodePool === c.nodePool),
  );
  const list = hits.map((e) => `${e.node ?? e.nodeClaim} at ${formatDuration(e.t)}`).join(', ');
  const window = windowText(c);
  if (hits.length >= c.min && (c.max === undefined || hits.length <= c.max))
    return ok(
      hits.length === 0 ? `no node was disrupted as ${c.reason}${window}` : `${c.reason}: ${list}`,
    );
  if (hits.length > (c.max ?? Infinity))
    return no(
      `${hits.length} node(s) were disrupted as ${c.reason}${window}, expected at most ${c.max}: ${list}`,
    );
  const all = timeline.events.filter(
    (e): e is Extract<SimEvent, { type: 'nodeclaim.deleting' }> => e.type === 'nodeclaim.deleting',
  );
  // The same reason just outside the window is the likeliest near miss: say when it happened.
  const outside = all
    .filter(
      (e) =>
        e.reason === c.reason &&
        !hits.includes(e) &&
        (c.nodePool === undefined || claims.get(e.nodeClaim)?.nodePool === c.nodePool),
    )
    .map((e) => `${c.reason} at ${formatDuration(e.t)}`);
  const others = [...new Set(all.filter((e) => e.t >= (c.after ?? 0)).map((e) => e.reason))].join(
    ', ',
  );
  const blocked = lastWord(timeline, c.after ?? 0);
  const why = [
    outside.length > 0 ? `outside the window: ${outside.join(', ')}` : '',
    others ? `disruptions seen: ${others}` : 'Karpenter disrupted no node',
    blocked ? `Karpenter says: ${blocked.message}` : '',
  ].filter(Boolean);
  return no(
    `${hits.length} node(s) disrupted as ${c.reason}${window}, expected at least ${c.min} (${why.join('; ')})`,
  );
}

/**
 * The fewest matching pods Running at any moment of the window, folding the pod events in order
 * (a Terminating pod no longer counts: it is not available, as a PDB sees it).
 */
function minPodsRunning(
  timeline: Timeline,
  c: Extract<Check, { kind: 'minPodsRunning' }>,
): Verdict {
  const labels = podLabelsEver(timeline);
  const running = new Set(
    [...timeline.initial.pods.values()]
      .filter(
        (p) => p.phase === 'Running' && !p.daemonSet && matches(p.pod.metadata.labels, c.selector),
      )
      .map((p) => p.key),
  );
  const after = c.after ?? 0;
  const before = c.before ?? timeline.end;
  let low = Number.POSITIVE_INFINITY;
  let lowAt = after;
  const observe = (t: number) => {
    if (t < after || t > before) return;
    if (running.size < low) {
      low = running.size;
      lowAt = t;
    }
  };
  let i = 0;
  const events = timeline.events;
  // The count at `after` itself, then after every batch of same-time events in the window.
  while (i < events.length && (events[i]?.t ?? 0) <= after) apply(events[i++]);
  observe(after);
  while (i < events.length && (events[i]?.t ?? 0) <= before) {
    const t = events[i]?.t ?? 0;
    while (i < events.length && events[i]?.t === t) apply(events[i++]);
    observe(t);
  }
  function apply(e: SimEvent | undefined): void {
    if (!e) return;
    if (e.type === 'pod.running') {
      if (matches(labels.get(e.pod), c.selector)) running.add(e.pod);
    } else if (e.type === 'pod.terminating' || e.type === 'pod.deleted' || e.type === 'pod.failed')
      running.delete(e.pod);
  }
  const window = `${formatDuration(after)}–${formatDuration(before)}`;
  const what = `at least ${low} pod(s)${selectorText(c.selector)} Running throughout ${window}`;
  if (low >= c.min) return ok(`${what} (never fewer)`);
  return no(
    `only ${low} pod(s)${selectorText(c.selector)} were Running at ${formatDuration(lowAt)}, expected at least ${c.min} throughout ${window}`,
  );
}
