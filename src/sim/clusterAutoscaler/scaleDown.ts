// Which nodes of the group are *unneeded* right now (CA's scale-down planner), as a pure function
// of the cluster state. A node is unneeded when
//   - its utilization max(cpu requests / allocatable, memory requests / allocatable) — DaemonSet
//     pods included, CA's default — is below the threshold (0.5), and
//   - every pod on it could be evicted (drainability rules below) and rescheduled on the other
//     nodes, checked with kube-scheduler's filters; the moved pods are remembered on their new
//     nodes, so two half-empty nodes cannot both count on the same free space.
// The controller turns "unneeded for scaleDownUnneededTime" into a removal.
//
// Example: two m5.large nodes with one 500m pod each (utilization 0.26): the first is unneeded
// (its pod fits the second); the second is not — its pod has nowhere left to go.
import type { PodDisruptionBudget } from '../k8s.ts';
import { checkFit, placeInto, unplaceFrom, type NodeView } from '../engine/fit.ts';
import { disruptionsAllowed } from '../engine/pdb.ts';
import { isTerminal, type ClusterState, type PodRec } from '../engine/state.ts';
import { selectorMatches } from '../scheduling/selectors.ts';
import { liveViews, usable } from './nodeGroup.ts';

/** CA's unremovable-node reasons (simulator/unremovable), the ones this model can produce. */
export type UnremovableReason =
  | 'ScaleDownDisabledAnnotation'
  | 'NotUnderutilized'
  | 'BlockedByPod'
  | 'NoPlaceToMovePods'
  | 'NotUnneededLongEnough'
  | 'NodeGroupMinSizeReached'
  | 'ScaleDownInCooldown';

export const SCALE_DOWN_DISABLED = 'cluster-autoscaler.kubernetes.io/scale-down-disabled';
export const SAFE_TO_EVICT = 'cluster-autoscaler.kubernetes.io/safe-to-evict';

export interface Utilization {
  /** Fractions of allocatable requested. */
  cpu: number;
  memory: number;
  /** max(cpu, memory): what is compared with the threshold. */
  value: number;
}

export interface NodeVerdict {
  node: string;
  nodeClaim: string;
  utilization: Utilization;
  unneeded: boolean;
  /** Pods a removal would evict (DaemonSet pods excluded). None → an "empty" node. */
  podsToMove: PodRec[];
  reason?: UnremovableReason;
  detail?: string;
}

export function utilization(v: NodeView): Utilization {
  let cpu = 0;
  let memory = 0;
  for (const p of v.pods) {
    if (isTerminal(p) || p.phase === 'Terminating') continue;
    cpu += p.requests.cpu ?? 0;
    memory += p.requests.memory ?? 0;
  }
  const a = v.node.allocatable;
  const frac = (used: number, of: number | undefined): number => (of ? used / of : 0);
  const u = { cpu: frac(cpu, a.cpu), memory: frac(memory, a.memory) };
  return { ...u, value: Math.max(u.cpu, u.memory) };
}

/** Why CA would refuse to evict this pod (the drainability rules), or undefined. */
export function blockingPod(p: PodRec, pdbs: readonly PodDisruptionBudget[]): string | undefined {
  const ann = p.pod.metadata.annotations ?? {};
  const safe = ann[SAFE_TO_EVICT] === 'true';
  if (ann[SAFE_TO_EVICT] === 'false') return `pod ${p.key} is annotated ${SAFE_TO_EVICT}=false`;
  if (safe) return undefined;
  if (p.owner === undefined) return `pod ${p.key} is not replicated (no controller)`;
  const ns = p.pod.metadata.namespace ?? 'default';
  if (ns === 'kube-system' && !pdbs.some((b) => covers(b, p)))
    return `non-DaemonSet kube-system pod ${p.key} has no PodDisruptionBudget`;
  if ((p.pod.spec.volumes ?? []).some(isLocalStorage))
    return `pod ${p.key} uses local storage (emptyDir/hostPath)`;
  return undefined;
}

function isLocalStorage(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const vol = v as { hostPath?: unknown; emptyDir?: { medium?: string } | null };
  return vol.hostPath !== undefined || (vol.emptyDir != null && vol.emptyDir.medium !== 'Memory');
}

function covers(b: PodDisruptionBudget, p: PodRec): boolean {
  return (
    (b.metadata.namespace ?? 'default') === (p.pod.metadata.namespace ?? 'default') &&
    b.spec.selector !== undefined &&
    selectorMatches(b.spec.selector, p.pod.metadata.labels)
  );
}

/**
 * CA refuses a node when a PDB covering one of its pods allows no disruption right now. (A PDB
 * that allows fewer evictions than the node has pods does not block: the drain evicts one, waits
 * for the replacement, then the next — CA calls such a node "risky" and removes it alone.)
 */
function pdbBlocks(
  pods: readonly PodRec[],
  pdbs: readonly PodDisruptionBudget[],
  state: ClusterState,
): string | undefined {
  for (const b of pdbs) {
    const covered = pods.find((p) => covers(b, p));
    if (covered && disruptionsAllowed(b, state.pods) < 1)
      return `not enough pod disruption budget to move ${covered.key} (pdb ${b.metadata.name ?? ''})`;
  }
  return undefined;
}

/** Every Ready node of the group, with CA's verdict; least utilized first. */
export function findUnneeded(
  state: ClusterState,
  nodeGroup: string,
  threshold: number,
): NodeVerdict[] {
  const pdbs = [...state.objects.values()].filter(
    (o): o is PodDisruptionBudget => o.kind === 'PodDisruptionBudget',
  );
  const views = liveViews(state);
  const candidates = views
    .filter(
      (v) =>
        usable(v) &&
        v.node.nodePool === nodeGroup &&
        v.node.nodeClaim !== undefined &&
        state.nodeClaims.get(v.node.nodeClaim)?.nodePool === nodeGroup,
    )
    .map((v) => ({ v, u: utilization(v) }))
    .sort((a, b) => a.u.value - b.u.value || (a.v.node.name < b.v.node.name ? -1 : 1));
  const removed = new Set<NodeView>();
  const out: NodeVerdict[] = [];
  for (const { v, u } of candidates) {
    const base = { node: v.node.name, nodeClaim: v.node.nodeClaim ?? '', utilization: u };
    const podsToMove = v.pods.filter(
      (p) => !p.daemonSet && !isTerminal(p) && p.phase !== 'Terminating',
    );
    const verdict = (reason: UnremovableReason, detail: string): NodeVerdict => ({
      ...base,
      unneeded: false,
      podsToMove,
      reason,
      detail,
    });
    if (v.node.annotations[SCALE_DOWN_DISABLED] === 'true') {
      out.push(verdict('ScaleDownDisabledAnnotation', `${SCALE_DOWN_DISABLED}: "true"`));
      continue;
    }
    if (u.value >= threshold) {
      out.push(
        verdict(
          'NotUnderutilized',
          `utilization ${u.value.toFixed(2)} is not below the threshold ${threshold}`,
        ),
      );
      continue;
    }
    const blocked =
      podsToMove.map((p) => blockingPod(p, pdbs)).find((b) => b !== undefined) ??
      pdbBlocks(podsToMove, pdbs, state);
    if (blocked !== undefined) {
      out.push(verdict('BlockedByPod', blocked));
      continue;
    }
    const noPlace = moveAll(podsToMove, v, views, removed);
    if (noPlace !== undefined) {
      out.push(verdict('NoPlaceToMovePods', noPlace));
      continue;
    }
    removed.add(v);
    out.push({ ...base, unneeded: true, podsToMove });
  }
  return out;
}

/** Places the pods on other nodes (committing on success); undefined when all found a place. */
function moveAll(
  pods: readonly PodRec[],
  from: NodeView,
  views: readonly NodeView[],
  removed: ReadonlySet<NodeView>,
): string | undefined {
  if (pods.length === 0) return undefined;
  const all = views.filter((x) => x !== from && !removed.has(x));
  const targets = all.filter(usable);
  const placed: { p: PodRec; to: NodeView }[] = [];
  for (const p of pods) {
    const to = targets.find((t) => checkFit(p, t, all) === undefined);
    if (!to) {
      for (const x of placed.reverse()) unplaceFrom(all, x.p, x.to);
      return `no place to move pod ${p.key}`;
    }
    placeInto(all, p, to);
    placed.push({ p, to });
  }
  return undefined;
}
