// NodeClaim status.lastPodEventTime (reference §3.3), kept by the controller because the engine
// does not record it: a pod bound to the node (exact: PodRec.boundAt), or a pod on it going
// terminal, terminating or away (seen at the next tick, so up to one poll late — Karpenter itself
// dedupes these updates to 10 s).
import { isTerminal, type ClusterState, type PodRec } from '../engine/state.ts';

interface Seen {
  node: string;
  gone: boolean;
  /** The record last folded (records are immutable: the same object is the same pod state). */
  rec: PodRec;
  /** The update() that last saw the pod bound: an older mark means it has left. */
  mark: number;
}

export class PodEventTracker {
  private readonly seen = new Map<string, Seen>();
  private readonly last = new Map<string, number>();
  private marks = 0;

  /** Fold the pods' changes since the previous call into per-node last-event times. */
  update(state: ClusterState, now: number): void {
    const mark = ++this.marks;
    for (const p of state.pods.values()) {
      if (p.nodeName === undefined) continue;
      const prev = this.seen.get(p.key);
      if (prev?.rec === p) {
        prev.mark = mark;
        continue;
      }
      const gone = isTerminal(p) || p.phase === 'Terminating';
      if (!prev || prev.node !== p.nodeName) this.bump(p.nodeName, gone ? now : (p.boundAt ?? now));
      else if (gone && !prev.gone) this.bump(p.nodeName, now);
      this.seen.set(p.key, { node: p.nodeName, gone, rec: p, mark });
    }
    for (const [key, prev] of this.seen) {
      if (prev.mark === mark) continue;
      if (!prev.gone) this.bump(prev.node, now);
      this.seen.delete(key);
    }
  }

  private bump(node: string, t: number): void {
    if (t > (this.last.get(node) ?? -1)) this.last.set(node, t);
  }

  /** The last pod event on the node, if any was seen. */
  lastEventAt(node: string): number | undefined {
    return this.last.get(node);
  }

  /** A read-only view for explainNode(). */
  snapshot(): ReadonlyMap<string, number> {
    return new Map(this.last);
  }
}
