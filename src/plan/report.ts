// The plan's report as data (the CLI's `kind: Plan` JSON, the browser's Plan view): what the apply
// changed, which NodeClaims drifted and on which field, the replacement order and its pacing, the
// pods moved and how long each was not Running, time to converge and the cost either side.
// Everything is read from the timeline; drift reasons are recomputed with the engine's own hashes.
import { nodeClassHash, requirementsDrift, templateHash } from '../sim/disruption/drift.ts';
import { applyInPlace, objectKey } from '../sim/engine/state.ts';
import { costAt, podReason } from '../sim/engine/json.ts';
import { countUpTo, stateAt } from '../sim/engine/timeline.ts';
import type { ClusterState } from '../sim/engine/state.ts';
import type { EC2NodeClass, NodePool } from '../sim/k8s.ts';
import { fieldChanges, type DocumentChange, type DocumentDiff } from './diff.ts';
import type { PlanRun } from './run.ts';
import { blockedMessage, disruptionReason } from '../sim/disruption/wording.ts';
import { vocabulary } from '../sim/disruption/annotations.ts';
import { explainNode } from '../sim/disruption/explain.ts';
import { plainBlocker } from '../sim/disruption/explanation.ts';

export interface DriftedClaim {
  nodeClaim: string;
  node: string | null;
  nodePool: string;
  instanceType: string;
  /** What drifted: the NodePool template hash, the EC2NodeClass hash, or the requirements. */
  cause: 'NodePool' | 'EC2NodeClass' | 'Requirements';
  why: string;
  /** The fields whose change drifted it (`spec.amiSelectorTerms[0].alias`). */
  fields: string[];
  /** Seconds; null when it was not replaced before the run went quiet. */
  replacedAt: number | null;
  /** Only for a NodeClaim still drifted and up once converged: why Karpenter kept it — its
   *  blocker at the end (a do-not-disrupt pod, a PDB), else its last DisruptionBlocked after the
   *  apply; `reason` null when Karpenter said nothing about it. */
  kept?: { reason: string | null; sentence: string | null };
}

export interface Replacement {
  /** 1, 2, … in the order Karpenter disrupted them. */
  order: number;
  nodeClaim: string;
  node: string | null;
  instanceType: string;
  /** Karpenter's disruption reason: Drifted, Underutilized, Empty, Expired, … */
  reason: string;
  /** Karpenter's decision, as its log says it. */
  message: string | null;
  /** Seconds: the decision (taint + replacements launched), the drain, the instance gone. */
  decidedAt: number;
  drainStartedAt: number | null;
  terminatedAt: number | null;
  replacedBy: {
    nodeClaim: string;
    instanceType: string | null;
    capacityType: string | null;
    zone: string | null;
    pricePerHour: number | null;
    readyAt: number | null;
  }[];
}

export interface BlockedNote {
  node: string;
  /** DisruptionBlocked (budgets, do-not-disrupt, …) or FailedDraining (a PDB refused evictions). */
  reason: string;
  message: string;
  count: number;
  first: number;
  last: number;
}

export interface MovedPod {
  pod: string;
  owner: string | null;
  fromNode: string | null;
  /** When it left its node: evicted by a drain (or on a node going away), or deleted by a
   *  rolling update (`by`). */
  evictedAt: number;
  by: 'eviction' | 'rollout';
  /** The pod that took its place (a Deployment's new name, a StatefulSet's same name). */
  replacement: string | null;
  toNode: string | null;
  runningAgainAt: number | null;
  /** Seconds from eviction until the replacement Running; up to the end when it never ran. */
  notRunningSeconds: number;
}

export interface PlanReport {
  /** Seconds: when BEFORE was quiet and the change was applied. */
  appliedAt: number;
  changes: DocumentChange[];
  applyError: string | null;
  notPruned: string[];
  scenarioIgnored: boolean;
  drifted: DriftedClaim[];
  replacements: Replacement[];
  blocked: BlockedNote[];
  pods: MovedPod[];
  /** Seconds: the last change to the cluster, and that minus appliedAt. */
  convergedAt: number;
  timeToConverge: number;
  nodes: { before: number; after: number };
  cost: {
    beforePerHour: number;
    afterPerHour: number;
    deltaPerHour: number;
    /** $ spent from the apply until converged. */
    spentDuringTransition: number;
    /** That minus what BEFORE would have cost over the same time (boot overlap, surge nodes). */
    transitionCost: number;
  };
  /** Pods not Running once converged. */
  pending: { pod: string; phase: string; reason: string | null }[];
  warnings: string[];
}

const sec = (ms: number): number => ms / 1000;
const round = (v: number): number => Math.round(v * 1e6) / 1e6;
/** Event types that are not a change to the cluster (convergence ignores them). */
const NOT_A_CHANGE = new Set(['k8s', 'progress', 'action']);

export function planReport(run: PlanRun): PlanReport {
  const { timeline, appliedAt: T, diff } = run;
  const before = stateAt(timeline, T - 1);
  const final = timeline.final;
  const start = countUpTo(timeline.events, T - 1);
  const events = timeline.events.slice(start);
  const applyEvent = events.find((e) => e.type === 'action' && e.action.at === T);
  const state = stateAt(timeline, T - 1);
  const claimOfNode = (node: string): string | undefined => state.nodes.get(node)?.nodeClaim;

  const replacements = new Map<string, Replacement>();
  const blocked = new Map<string, BlockedNote>();
  const moved: MovedPod[] = [];
  const waiting = new Map<string, MovedPod[]>(); // owner → evicted pods not yet replaced
  const byReplacement = new Map<string, MovedPod>();
  const spare = new Map<string, string[]>(); // owner → new pods made before any eviction (surge)
  const displaced = new Set<string>(); // pods Karpenter's drain evicted or deleted
  let group: Replacement[] = [];
  let groupAt = -1;
  let launched = false;
  let convergedAt = T;
  const replacementOf = (claim: string, t: number): Replacement => {
    let r = replacements.get(claim);
    if (!r) {
      const nc = state.nodeClaims.get(claim);
      r = {
        order: replacements.size + 1,
        nodeClaim: claim,
        node: nc?.nodeName ?? null,
        instanceType: nc?.launch?.instanceType ?? nc?.instanceTypes[0] ?? '',
        reason: '',
        message: null,
        decidedAt: sec(t),
        drainStartedAt: null,
        terminatedAt: null,
        replacedBy: [],
      };
      replacements.set(claim, r);
    }
    return r;
  };

  for (const e of events) {
    if (!NOT_A_CHANGE.has(e.type)) convergedAt = Math.max(convergedAt, e.t);
    if (e.type === 'k8s') {
      const { object, message } = e.event;
      const reason = disruptionReason(e.event.reason);
      // Karpenter's drain writes these just before the pod turns Terminating.
      if ((reason === 'Evicted' || reason === 'Disrupted') && object.startsWith('pod/'))
        displaced.add(object.slice(4));
      const node = object.startsWith('node/') ? object.slice(5) : undefined;
      if (reason === 'Disrupting' && node !== undefined) {
        const claim = claimOfNode(node);
        if (claim !== undefined) {
          // One command: its Disrupting events, then its DisruptionLaunching events.
          if (groupAt !== e.t || launched) group = [];
          groupAt = e.t;
          launched = false;
          const r = replacementOf(claim, e.t);
          r.message = message;
          group.push(r);
        }
      } else if (reason === 'DisruptionLaunching' && groupAt === e.t) {
        launched = true;
        for (const r of group)
          r.replacedBy.push(replacementClaim(object.replace(/^(nodeclaim|machine)\//, ''), final));
      } else if (
        (reason === 'DisruptionBlocked' || reason === 'FailedDraining') &&
        node !== undefined
      ) {
        const key = `${node}\u0000${reason}\u0000${message}`;
        const b = blocked.get(key);
        if (b) {
          b.count++;
          b.last = sec(e.t);
        } else
          blocked.set(key, { node, reason, message, count: 1, first: sec(e.t), last: sec(e.t) });
      }
    } else if (e.type === 'nodeclaim.deleting') {
      const r = replacementOf(e.nodeClaim, e.t);
      r.reason = e.reason;
      r.drainStartedAt ??= sec(e.t);
    } else if (e.type === 'pod.terminating' || e.type === 'pod.deleted') {
      const p = state.pods.get(e.pod);
      if (p && p.phase !== 'Terminating' && p.nodeName !== undefined && !p.daemonSet) {
        const node = state.nodes.get(p.nodeName);
        const nodeGoing = node?.deletingAt !== undefined || node?.terminatedAt !== undefined;
        const surge = p.owner === undefined ? 0 : (spare.get(p.owner)?.length ?? 0);
        // Neither evicted, nor on a node going away, nor replaced by a pod made for it (a rolling
        // update's surge): a scale-down or a deleted pod, which no change displaced.
        if (!displaced.has(p.key) && !nodeGoing && surge === 0) {
          applyInPlace(state, e);
          continue;
        }
        const m: MovedPod = {
          pod: p.key,
          owner: p.owner ?? null,
          fromNode: p.nodeName,
          evictedAt: sec(e.t),
          by: displaced.has(p.key) || nodeGoing ? 'eviction' : 'rollout',
          replacement: null,
          toNode: null,
          runningAgainAt: null,
          notRunningSeconds: 0,
        };
        moved.push(m);
        // A rolling update creates the new pod first (surge); an eviction is followed by one. A pod
        // made before a drain evicted this one (a scale-up's, a surge's) is not its replacement:
        // pairing them read the eviction as 0 s not Running, onto a node it never went to.
        const ready =
          p.owner === undefined || displaced.has(p.key) ? undefined : spare.get(p.owner)?.shift();
        if (ready) {
          m.replacement = ready;
          byReplacement.set(ready, m);
          const q = state.pods.get(ready);
          if (q?.phase === 'Running') {
            m.runningAgainAt = sec(Math.max(e.t, q.startedAt ?? e.t));
            m.toNode = q.nodeName ?? null;
          }
        } else if (p.owner !== undefined)
          waiting.set(p.owner, [...(waiting.get(p.owner) ?? []), m]);
      }
    } else if (e.type === 'pod.created' && e.pod.owner !== undefined) {
      const m = waiting.get(e.pod.owner)?.shift();
      if (m) {
        m.replacement = e.pod.key;
        byReplacement.set(e.pod.key, m);
      } else spare.set(e.pod.owner, [...(spare.get(e.pod.owner) ?? []), e.pod.key]);
    } else if (e.type === 'pod.running') {
      const m = byReplacement.get(e.pod);
      if (m && m.runningAgainAt === null) {
        m.runningAgainAt = sec(e.t);
        m.toNode = state.pods.get(e.pod)?.nodeName ?? null;
      }
    }
    applyInPlace(state, e);
  }

  for (const r of replacements.values()) {
    const n = r.node === null ? undefined : final.nodes.get(r.node);
    r.terminatedAt = n?.terminatedAt === undefined ? null : sec(n.terminatedAt);
    if (r.reason === '') r.reason = 'Disrupting';
  }
  const end = sec(Math.max(convergedAt, T));
  for (const m of moved) m.notRunningSeconds = round((m.runningAgainAt ?? end) - m.evictedAt);

  const drifted = driftedClaims(before, final, replacements);
  for (const d of drifted) {
    const n = d.replacedAt === null && d.node !== null ? final.nodes.get(d.node) : undefined;
    if (n !== undefined && n.terminatedAt === undefined)
      d.kept = keptWord(final, n.name, timeline.end, blocked.values());
  }
  // What paced the change: notes on the nodes that drifted or were disrupted.
  const paced = new Set(
    [...drifted.map((d) => d.node), ...[...replacements.values()].map((r) => r.node)].filter(
      (n): n is string => n !== null,
    ),
  );
  const spent = costAt(final, convergedAt).total - costAt(final, T).total;
  const beforePerHour = costAt(before, T).perHour;
  const afterPerHour = costAt(final, timeline.end).perHour;
  const live = (s: ClusterState): number =>
    [...s.nodes.values()].filter((n) => n.terminatedAt === undefined).length;
  const applyError = applyEvent?.type === 'action' ? (applyEvent.error ?? null) : null;
  return {
    appliedAt: sec(T),
    changes: refusedIn(withLiveReplicas(diff, before), applyError),
    applyError,
    notPruned: diff.notPruned,
    scenarioIgnored: diff.scenarioIgnored,
    drifted,
    replacements: [...replacements.values()],
    blocked: [...blocked.values()].filter((b) => paced.has(b.node)),
    pods: moved,
    convergedAt: sec(convergedAt),
    timeToConverge: sec(convergedAt - T),
    nodes: { before: live(before), after: live(final) },
    cost: {
      beforePerHour,
      afterPerHour,
      deltaPerHour: round(afterPerHour - beforePerHour),
      spentDuringTransition: round(spent),
      transitionCost: round(spent - (beforePerHour * (convergedAt - T)) / 3_600_000),
    },
    pending: [...final.pods.values()]
      .filter((p) => p.phase !== 'Running')
      .map((p) => ({ pod: p.key, phase: p.phase, reason: podReason(p, final) })),
    warnings: [...timeline.warnings],
  };
}

/**
 * Why a drifted node is still up once the run is quiet. Karpenter's DisruptionBlocked events are
 * deduplicated, so a block it already reported before the apply (a PDB, a do-not-disrupt pod)
 * says nothing new after it: the node's blocker is read from the final state (explainNode, the
 * same check the disruption controller makes), and otherwise its last DisruptionBlocked after the
 * apply (a budget) is Karpenter's word on it.
 */
function keptWord(
  final: ClusterState,
  node: string,
  end: number,
  notes: Iterable<BlockedNote>,
): NonNullable<DriftedClaim['kept']> {
  const e = explainNode(final, node, { now: end });
  if (e.state === 'blocked')
    return {
      reason: blockedMessage(vocabulary(final.karpenter).words, 'Node', e.reason),
      sentence: e.sentence,
    };
  let last: BlockedNote | undefined;
  for (const b of notes)
    if (b.node === node && b.reason === 'DisruptionBlocked' && b.last >= (last?.last ?? -1))
      last = b;
  return last === undefined
    ? { reason: null, sentence: null }
    : { reason: last.message, sentence: plainBlocker(last.message) };
}

function replacementClaim(name: string, final: ClusterState): Replacement['replacedBy'][number] {
  const nc = final.nodeClaims.get(name);
  const node = nc?.nodeName === undefined ? undefined : final.nodes.get(nc.nodeName);
  return {
    nodeClaim: name,
    instanceType: nc?.launch?.instanceType ?? null,
    capacityType: nc?.launch?.capacityType ?? null,
    zone: nc?.launch?.zone ?? null,
    pricePerHour: nc?.launch?.price ?? null,
    readyAt: node?.readyAt === undefined ? null : sec(node.readyAt),
  };
}

const HASHED_NODE_CLASS_FIELDS = [
  'amiSelectorTerms',
  'amiFamily',
  'subnetSelectorTerms',
  'securityGroupSelectorTerms',
] as const;

/** NodeClaims alive before the apply whose pool or node class now hashes differently (drift.ts). */
function driftedClaims(
  before: ClusterState,
  final: ClusterState,
  replacements: ReadonlyMap<string, Replacement>,
): DriftedClaim[] {
  const out: DriftedClaim[] = [];
  const nodeClass = (s: ClusterState, np: NodePool | undefined): EC2NodeClass | undefined => {
    const o = s.objects.get(`EC2NodeClass//${np?.spec.template.spec.nodeClassRef?.name ?? ''}`);
    return o?.kind === 'EC2NodeClass' ? o : undefined;
  };
  for (const nc of before.nodeClaims.values()) {
    if (nc.phase === 'Deleted' || nc.phase === 'Failed' || nc.deletingAt !== undefined) continue;
    const was = before.nodePools.get(nc.nodePool);
    const now = final.nodePools.get(nc.nodePool);
    if (!was || !now) continue;
    const r = replacements.get(nc.name);
    const base = {
      nodeClaim: nc.name,
      node: nc.nodeName ?? null,
      nodePool: nc.nodePool,
      instanceType: nc.launch?.instanceType ?? '',
      // Replaced once the drifted node is gone (its replacements were Ready before that).
      replacedAt: r && r.reason === 'Drifted' ? r.terminatedAt : null,
    };
    if (templateHash(was) !== templateHash(now)) {
      const strip = (np: NodePool) => {
        const { requirements: _r, ...spec } = np.spec.template.spec;
        return { metadata: np.spec.template.metadata ?? {}, spec };
      };
      const fields = fieldChanges(strip(was), strip(now), 'spec.template').map((f) => f.path);
      out.push({
        ...base,
        cause: 'NodePool',
        why: `NodePool ${nc.nodePool} template changed`,
        fields,
      });
      continue;
    }
    const ncWas = nodeClass(before, was);
    const ncNow = nodeClass(final, now);
    if (nodeClassHash(ncWas) !== nodeClassHash(ncNow)) {
      const pick = (c: EC2NodeClass | undefined) =>
        Object.fromEntries(HASHED_NODE_CLASS_FIELDS.map((k) => [k, c?.spec[k]]));
      const fields = fieldChanges(pick(ncWas), pick(ncNow), 'spec').map((f) => f.path);
      out.push({
        ...base,
        cause: 'EC2NodeClass',
        why: `EC2NodeClass ${now.spec.template.spec.nodeClassRef?.name ?? ''} changed`,
        fields,
      });
      continue;
    }
    const labels =
      nc.nodeName === undefined ? nc.labels : (before.nodes.get(nc.nodeName)?.labels ?? nc.labels);
    const why = requirementsDrift(now, labels);
    if (why !== undefined)
      out.push({
        ...base,
        cause: 'Requirements',
        why,
        fields: ['spec.template.spec.requirements'],
      });
  }
  return out;
}

/** The changes with those the API server refused (its message names them: `The Deployment "web"
 *  is invalid: …`) marked `refused`: kubectl prints an error for them, not "configured". */
function refusedIn(changes: DocumentChange[], error: string | null): DocumentChange[] {
  if (error === null) return changes;
  return changes.map((c) =>
    error.includes(`The ${c.kind} "${c.name}" is invalid`) ? { ...c, action: 'refused' } : c,
  );
}

/** A workload's replica count as the manifest sets it, against the live count at the apply: a
 *  Scenario's `kubectl scale` changes the live object, and `kubectl apply` puts the manifest's
 *  `replicas` back (its patch holds every field the manifest sets that differs from the live
 *  object), so the change list shows it even when BEFORE's and AFTER's documents agree. */
function withLiveReplicas(diff: DocumentDiff, state: ClusterState): DocumentChange[] {
  return diff.changes.map((c, i) => {
    if (c.action !== 'configured' || c.fields.some((f) => f.path === 'spec.replicas')) return c;
    const doc = diff.apply[i];
    const want = (doc as { spec?: { replicas?: number } } | undefined)?.spec?.replicas;
    if (doc === undefined || want === undefined) return c;
    const liveObj = state.objects.get(objectKey(doc)) as { spec?: { replicas?: number } };
    const live = liveObj?.spec?.replicas;
    if (live === undefined || live === want) return c;
    return {
      ...c,
      fields: [
        { path: 'spec.replicas', before: String(live), after: String(want), live: true },
        ...c.fields,
      ],
    };
  });
}
