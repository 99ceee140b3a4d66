// Karpenter's cluster "consolidation state" (state/cluster.go: MarkUnconsolidated and
// ConsolidationState, unchanged from v0.31 to v1.14): a timestamp that moves only on the changes
// Karpenter's cluster state watches, and at least every 5 minutes. A consolidation method that
// found nothing to do records it and is skipped while it stays the same (memo.ts).
//
// What moves it, from upstream's cluster state:
//   - a pod bound to a node (UpdatePod → cleanupOldBindings, also a pod that arrives bound) and any
//     pod deleted (DeletePod), bound or not; a pod created Pending, turning Running or going
//     terminal does not;
//   - a node entering or leaving the state: a NodeClaim launched (it now has a provider ID) or
//     gone, a Node that has no NodeClaim registering, a Node object deleted;
//   - a node's Initialized() or MarkedForDeletion() flipping (triggerConsolidationOnChange): the
//     NodeClaim initialized or deleting (deletionTimestamp), an unmanaged Node deleting;
//   - any NodePool change (the NodePool informer reconciles).
// What does not, and so waits for the 5-minute refresh when nothing else moves: the NodeClaim's
// Consolidatable condition turning true once consolidateAfter has passed, a nomination expiring, a
// do-not-disrupt duration running out (upstream kubernetes-sigs/karpenter#3291 proposes triggers
// for the first two). A Node registering for a launched NodeClaim, readiness and labels do not
// either: that state node already existed and was not initialized.
//
// Simplification: the controller sees changes at its 10 s polls, so a mark is stamped with the
// poll that saw it (up to one poll late), which can move the 5-minute refresh by as much.
import type { NodePool } from '../k8s.ts';
import {
  isTerminal,
  type ClusterState,
  type NodeClaimRec,
  type NodeRec,
  type PodRec,
} from '../engine/state.ts';
import { walkChanges, type PodChangeListener } from './podEvents.ts';

/** ConsolidationState's forced refresh: "at least once every 5 minutes" upstream. */
export const CONSOLIDATION_REFRESH_MS = 5 * 60_000;

const boundLive = (p: PodRec): boolean => p.nodeName !== undefined && !isTerminal(p);
const flipped = (a: number | undefined, b: number | undefined): boolean =>
  (a === undefined) !== (b === undefined);

/** A pod change Karpenter's cluster state marks: a new binding (a pod that arrives bound included). */
function podMarks(prev: PodRec | undefined, p: PodRec): boolean {
  return boundLive(p) && p.nodeName !== prev?.nodeName;
}

/** A Node change: only unmanaged nodes enter the state by their Node; any Node object deleted. */
function nodeMarks(prev: NodeRec | undefined, n: NodeRec): boolean {
  if (!prev) return n.nodeClaim === undefined;
  if (flipped(prev.terminatedAt, n.terminatedAt)) return true;
  return n.nodeClaim === undefined && flipped(prev.deletingAt, n.deletingAt);
}

/** A NodeClaim change: launched (a state node now), initialized, deleting, gone. */
function claimMarks(prev: NodeClaimRec | undefined, c: NodeClaimRec): boolean {
  if (!prev) return c.launchedAt !== undefined;
  return (
    flipped(prev.launchedAt, c.launchedAt) ||
    flipped(prev.initializedAt, c.initializedAt) ||
    flipped(prev.deletingAt, c.deletingAt) ||
    (prev.phase === 'Deleted') !== (c.phase === 'Deleted') ||
    (prev.phase === 'Failed') !== (c.phase === 'Failed')
  );
}

export class ConsolidationState implements PodChangeListener {
  /** The last mark (ms); -Infinity before the first look. */
  private markedAt = Number.NEGATIVE_INFINITY;
  private version = Number.NaN;
  private nodes: NodeRec[] = [];
  private claims: NodeClaimRec[] = [];
  private pools: NodePool[] = [];

  /** A pod change, from the pod-event tracker's walk (the pods are walked once per state). */
  podChanged(prev: PodRec | undefined, p: PodRec, now: number): void {
    if (podMarks(prev, p)) this.markedAt = now;
  }

  /** A pod deleted: DeletePod marks, bound or not. */
  podRemoved(_: PodRec, now: number): void {
    this.markedAt = now;
  }

  /**
   * Folds the node, NodeClaim and NodePool changes since the last look (`version`: the engine's
   * event count). A state that moved only pods since (`nodesChanged` false) is not walked: the
   * next walk compares with the older look, which walkChanges does right. A watched change marks
   * the state unconsolidated at `now`. Pods come through podChanged / podRemoved.
   */
  observe(
    state: ClusterState,
    version: number,
    now: number,
    nodesChanged: (since: number) => boolean = () => true,
  ): void {
    if (version === this.version) return;
    const last = this.version;
    this.version = version;
    if (!Number.isNaN(last) && !nodesChanged(last)) return;
    let mark = false;
    const removed = (): void => {
      mark = true;
    };
    this.nodes = walkChanges(
      this.nodes,
      state.nodes,
      (n) => n.name,
      (prev, n) => {
        if (nodeMarks(prev, n)) mark = true;
      },
      removed,
    );
    this.claims = walkChanges(
      this.claims,
      state.nodeClaims,
      (c) => c.name,
      (prev, c) => {
        if (claimMarks(prev, c)) mark = true;
      },
      removed,
    );
    this.pools = walkChanges(
      this.pools,
      state.nodePools,
      (p) => p.metadata.name ?? '',
      removed,
      removed,
    );
    if (mark) this.markedAt = now;
  }

  /** ConsolidationState(): the last mark, moved to `now` once it is 5 minutes old (as upstream). */
  at(now: number): number {
    if (now - this.markedAt >= CONSOLIDATION_REFRESH_MS) this.markedAt = now;
    return this.markedAt;
  }

  /** When the state refreshes by itself if nothing marks it first. */
  refreshAt(): number {
    return this.markedAt + CONSOLIDATION_REFRESH_MS;
  }
}
