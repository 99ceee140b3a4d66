// The CLI's JSON contract (../shared/DESIGN.md "CLI"): one object describing the cluster at the
// end of the run (or any moment). Times in seconds; every node that ever existed is listed, with
// state "terminated" once gone.
import { podClaims } from '../storage/claims.ts';
import { storageJSON, type ClaimJSON, type VolumeJSON } from '../storage/json.ts';
import { LABEL } from '../labels.ts';
import { exceededMessage } from '../scheduling/limits.ts';
import { explainNodeClaim, plainReason } from './explain.ts';
import { claimWords } from './lifecycle.ts';
import { notReadyPools } from './nodePoolReady.ts';
import type { KubeEvent } from './events.ts';
import { nodeStateName, poolKind, type ClusterState, type PodRec } from './state.ts';
import { stateAt, type Timeline } from './timeline.ts';
import { costAt } from './billing.ts';
import { workloadCosts } from './workloadCost.ts';

export { costAt, type Billed } from './billing.ts';

export interface NodeJSON {
  name: string;
  nodePool: string | null;
  instanceType: string;
  capacityType: string;
  zone: string;
  arch: string;
  pricePerHour: number;
  priceIsEstimate: boolean;
  state: string;
  createdAt: number;
  readyAt: number | null;
  deletingAt: number | null;
  terminatedAt: number | null;
  pods: string[];
  /** The Node's labels (well-known and the NodePool's), as `kubectl get node --show-labels`. */
  labels: Record<string, string>;
  /** CSINode attach limits per CSI driver (once the node is Ready). */
  volumeLimits?: Record<string, number>;
  /** Karpenter chose to replace the node but could not create the replacement (its NodePool is
   *  above a limit): the error, when it first and last happened (s), and how many times. */
  replacementRefused?: { message: string; first: number; last: number; count: number };
}

export interface TimelineJSON {
  time: number;
  karpenter: { version: string; semantics: string; installed: boolean };
  nodes: NodeJSON[];
  nodeClaims: {
    name: string;
    nodePool: string;
    instanceTypes: string[];
    state: string;
    nodeName: string | null;
    launched: {
      instanceType: string;
      zone: string;
      capacityType: string;
      pricePerHour: number;
      runnerUp: {
        instanceType: string;
        zone: string;
        capacityType: string;
        price: number;
        whyLost: string;
      } | null;
    } | null;
    /** catalog → requirements → fits → limits → offerings counts from the solve. */
    funnel: { stage: string; count: number }[];
    /** The same as sentences (explain.ts). */
    explanation: string[];
  }[];
  pods: {
    namespace: string;
    name: string;
    phase: string;
    nodeName: string | null;
    reason: string | null;
    /** Karpenter's typed reason per NodePool, when its last solve could not place the pod. */
    nodePools?: { nodePool: string; kind: string; message: string; plain: string }[];
    /** The PersistentVolumeClaims the pod mounts (names in its namespace). */
    claims?: string[];
    /** Karpenter planned a NodeClaim for the pod but creating it was refused (a NodePool limit
     *  already exceeded), and nothing nominated the pod since: Karpenter's error. */
    refused?: string;
  }[];
  /** PersistentVolumeClaims (present when the workspace has storage). */
  claims?: ClaimJSON[];
  /** PersistentVolumes (present when the workspace has storage). */
  volumes?: VolumeJSON[];
  cost: {
    perHour: number;
    total: number;
    /** perHour shared among the workloads by what their pods request (workloadCost.ts), most
     *  expensive first, and the part no pod requests. */
    byWorkload: { workload: string; pods: number; perHour: number; daemon: boolean }[];
    idlePerHour: number;
  };
  events: { time: number; type: string; reason: string; object: string; message: string }[];
  stoppedBy: string;
  refused?: string;
  assumptions: string[];
  warnings: string[];
}

const sec = (ms: number | undefined): number | null => (ms === undefined ? null : ms / 1000);

function costJSON(state: ClusterState, t: number): TimelineJSON['cost'] {
  const w = workloadCosts(state, t);
  return { ...costAt(state, t), byWorkload: w.rows, idlePerHour: w.idle };
}

/** The reason shown next to a pod that is not Running. */
export function podReason(p: PodRec, state: ClusterState): string | null {
  if (p.phase === 'Running') return null;
  if (p.phase === 'Failed') return `${p.reason ?? 'Failed'}: ${p.message ?? ''}`;
  if (p.nodeName !== undefined)
    return p.phase === 'Terminating' ? 'Terminating' : 'ContainerCreating';
  if (p.nominatedTo !== undefined) {
    const nc = state.nodeClaims.get(p.nominatedTo);
    return `Nominated to ${claimWords(state.karpenter.semantics).object}/${p.nominatedTo} (${nc?.phase ?? 'unknown'}), waiting for the node to be Ready`;
  }
  if (p.error) return p.error.message;
  if (!state.karpenter.installed)
    return `${p.message ?? 'Unschedulable'} (Karpenter is not installed)`;
  return p.message ?? p.reason ?? 'Pending';
}

/** Per node, the disruption commands whose replacement Create refused by `t` (refusals before
 *  the node's last Disrupting event, a command that did start, are dropped). */
export function replacementsRefusedAt(
  timeline: Timeline,
  t: number,
): Map<string, NonNullable<NodeJSON['replacementRefused']>> {
  const out = new Map<string, NonNullable<NodeJSON['replacementRefused']>>();
  for (const e of timeline.events) {
    if (e.t > t) break;
    if (e.type === 'nodeclaim.refused' && e.disruption) {
      const message = exceededMessage(e);
      for (const node of e.disruption.nodes) {
        const r = out.get(node);
        if (r) Object.assign(r, { message, last: e.t / 1000, count: r.count + 1 });
        else out.set(node, { message, first: e.t / 1000, last: e.t / 1000, count: 1 });
      }
    } else if (e.type === 'k8s' && e.event.reason === 'Disrupting' && out.size > 0) {
      out.delete(e.event.object.replace(/^node\//, ''));
    }
  }
  return out;
}

/** Per pod, Karpenter's error when the last thing Karpenter did for it by `t` was to plan a
 *  NodeClaim whose creation was refused (a later nomination or binding clears it). */
export function refusedAt(timeline: Timeline, t: number): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of timeline.events) {
    if (e.t > t) break;
    if (e.type === 'nodeclaim.refused') {
      const message = exceededMessage(e);
      for (const pod of e.pods) out.set(pod, message);
    } else if ((e.type === 'pod.nominated' || e.type === 'pod.bound') && out.size > 0) {
      out.delete(e.pod);
    }
  }
  return out;
}

function refusedOn(
  r: NodeJSON['replacementRefused'],
  terminatedAt: number | undefined,
): Pick<NodeJSON, 'replacementRefused'> {
  return r && terminatedAt === undefined ? { replacementRefused: r } : {};
}

function refusedField(message: string | undefined, p: PodRec): { refused?: string } {
  return message !== undefined && p.nodeName === undefined && p.phase === 'Pending'
    ? { refused: message }
    : {};
}

export function toJSON(timeline: Timeline, atMs?: number): TimelineJSON {
  const t = atMs ?? timeline.end;
  const state = atMs === undefined ? timeline.final : stateAt(timeline, atMs);
  const podsByNode = new Map<string, string[]>();
  for (const p of state.pods.values()) {
    if (p.nodeName === undefined) continue;
    const list = podsByNode.get(p.nodeName) ?? [];
    list.push(p.key);
    podsByNode.set(p.nodeName, list);
  }
  const refusedReplacements = replacementsRefusedAt(timeline, t);
  const nodes = [...state.nodes.values()]
    .sort((a, b) => a.createdAt - b.createdAt || (a.name < b.name ? -1 : 1))
    .map((n): NodeJSON => ({
      name: n.name,
      nodePool: n.nodePool ?? null,
      instanceType: n.instanceType,
      capacityType: n.capacityType,
      zone: n.zone,
      arch: n.arch || (n.labels[LABEL.arch] ?? ''),
      pricePerHour: n.price,
      priceIsEstimate: n.priceIsEstimate,
      state: nodeStateName(n),
      createdAt: n.createdAt / 1000,
      readyAt: sec(n.readyAt),
      deletingAt: sec(n.deletingAt),
      terminatedAt: sec(n.terminatedAt),
      pods: (podsByNode.get(n.name) ?? []).sort(),
      labels: n.labels,
      ...(n.volumeLimits ? { volumeLimits: n.volumeLimits } : {}),
      ...refusedOn(refusedReplacements.get(n.name), n.terminatedAt),
    }));
  const nodeClaims = [...state.nodeClaims.values()]
    .sort((a, b) => a.createdAt - b.createdAt || (a.name < b.name ? -1 : 1))
    .map((c) => ({
      name: c.name,
      nodePool: c.nodePool,
      instanceTypes: c.instanceTypes,
      state: c.phase,
      nodeName: c.nodeName ?? null,
      launched: c.launch
        ? {
            instanceType: c.launch.instanceType,
            zone: c.launch.zone,
            capacityType: c.launch.capacityType,
            pricePerHour: c.launch.price,
            runnerUp: c.launch.runnerUp ?? null,
          }
        : null,
      funnel: c.funnel,
      explanation: explainNodeClaim(c),
    }));
  const refused = refusedAt(timeline, t);
  const notReady = notReadyPools(state);
  const pool = poolKind(state);
  const pods = [...state.pods.values()]
    .sort((a, b) => (a.key < b.key ? -1 : 1))
    .map((p) => ({
      namespace: p.pod.metadata.namespace ?? 'default',
      name: p.pod.metadata.name ?? '',
      phase: p.phase,
      nodeName: p.nodeName ?? null,
      reason: podReason(p, state),
      ...(p.error && p.nodeName === undefined && p.nominatedTo === undefined
        ? {
            nodePools: p.error.perNodePool.map((r) => ({
              ...r,
              plain: plainReason(r, notReady, pool),
            })),
          }
        : {}),
      ...((p.pod.spec.volumes ?? []).length > 0
        ? { claims: podClaims(p.pod).map((r) => r.claim) }
        : {}),
      ...refusedField(refused.get(p.key), p),
    }));
  const storage = storageJSON(state);
  const events: KubeEvent[] = [];
  for (const e of timeline.events) {
    if (e.t > t) break;
    if (e.type === 'k8s') events.push(e.event);
  }
  return {
    time: t / 1000,
    karpenter: {
      version: state.karpenter.version,
      semantics: state.karpenter.semantics,
      installed: state.karpenter.installed,
    },
    nodes,
    nodeClaims,
    pods,
    ...(storage.claims.length > 0 || storage.volumes.length > 0 ? storage : {}),
    cost: costJSON(state, t),
    events: events.map((e) => ({
      time: e.time / 1000,
      type: e.type,
      reason: e.reason,
      object: e.object,
      message: e.message,
    })),
    stoppedBy: timeline.stoppedBy,
    ...(timeline.refused === undefined ? {} : { refused: timeline.refused }),
    assumptions: timeline.assumptions,
    warnings: timeline.warnings,
  };
}
