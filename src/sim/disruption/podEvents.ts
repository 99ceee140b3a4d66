// NodeClaim status.lastPodEventTime (reference §3.3), kept by the controller because the engine
// does not record it: a pod bound to the node (exact: PodRec.boundAt), or a pod on it going
// terminal, terminating or away (seen at the next tick, so up to one poll late — Karpenter itself
// dedupes these updates to 10 s).
import { isTerminal, type ClusterState, type PodRec } from '../engine/state.ts';
import { countAtOrBefore } from '../sorted.ts';

/**
 * The records that changed between two looks at a map of immutable records (pods, nodes,
 * NodeClaims): `changed(prev, rec)` for each whose record is not the one at its key last time
 * (`prev` undefined: a key not seen then), in the map's order, and `removed(prev)` for each key
 * gone. Returns this look's sequence, for the next one, written into `into` when given (an array
 * the caller no longer needs: two alternate).
 *
 * A Map keeps a replaced value in its place, with new keys last, so the two sequences mostly
 * agree position by position: an unchanged record costs one comparison, and only a change costs
 * a lookup. Correct for any two maps (any order), only slower.
 *
 *   last [a1 b1 c1 d1], now [a1 b2 d1 e1] → changed(b1, b2), removed(c1), changed(undefined, e1)
 */
export function walkChanges<T>(
  last: readonly T[],
  map: ReadonlyMap<string, T>,
  keyOf: (rec: T) => string,
  changed: (prev: T | undefined, rec: T) => void,
  removed: (prev: T) => void,
  into: T[] = [],
): T[] {
  const next = into;
  next.length = map.size;
  let i = 0;
  let j = 0;
  /** Earlier records passed over whose key is still in the map (deleted and added again: now last). */
  let moved: Map<string, T> | undefined;
  for (const p of map.values()) {
    next[j++] = p;
    let q = last[i];
    if (q === p) {
      i++;
      continue;
    }
    const key = keyOf(p);
    while (q !== undefined && keyOf(q) !== key) {
      if (map.has(keyOf(q))) (moved ??= new Map()).set(keyOf(q), q);
      else removed(q);
      q = last[++i];
    }
    if (q !== undefined) {
      i++;
      if (q !== p) changed(q, p);
      continue;
    }
    const m = moved?.get(key);
    if (m !== p) changed(m, p);
  }
  // Every record left over has a key no longer in the map: a key still there stopped the search
  // above when its record came.
  for (; i < last.length; i++) removed(last[i] as T);
  return next;
}

export const podKey = (p: PodRec): string => p.key;

/** Another fold of the same pod changes (PodEventTracker.update). */
export interface PodChangeListener {
  podChanged(prev: PodRec | undefined, p: PodRec, now: number): void;
  podRemoved(prev: PodRec, now: number): void;
}

interface Seen {
  node: string;
  gone: boolean;
}

export class PodEventTracker {
  /** The pods bound at the last update, by key. */
  private readonly seen = new Map<string, Seen>();
  /** Every pod event time per node, ascending: the last is the node's last event. */
  private readonly history = new Map<string, number[]>();
  /** The pod map's sequence at the last update (walkChanges): only changed pods are folded. */
  private order: PodRec[] = [];
  private spare: PodRec[] = [];

  /**
   * Fold the pods' changes since the previous call into per-node last-event times. `also` sees
   * the same changes (the consolidation state: one walk of the pods serves both).
   */
  update(state: ClusterState, now: number, also?: PodChangeListener): void {
    const last = this.order;
    this.order = walkChanges(
      last,
      state.pods,
      podKey,
      (prev, p) => {
        also?.podChanged(prev, p, now);
        this.fold(p, now);
      },
      (q) => {
        also?.podRemoved(q, now);
        this.leave(q.key, now);
      },
      this.spare,
    );
    this.spare = last;
  }

  private fold(p: PodRec, now: number): void {
    if (p.nodeName === undefined) {
      this.leave(p.key, now);
      return;
    }
    const prev = this.seen.get(p.key);
    const gone = isTerminal(p) || p.phase === 'Terminating';
    if (!prev || prev.node !== p.nodeName) this.bump(p.nodeName, gone ? now : (p.boundAt ?? now));
    else if (gone && !prev.gone) this.bump(p.nodeName, now);
    if (!prev || prev.node !== p.nodeName || prev.gone !== gone)
      this.seen.set(p.key, { node: p.nodeName, gone });
  }

  /** A pod no longer bound (unbound, or deleted): an event on its node unless it had already gone. */
  private leave(key: string, now: number): void {
    const prev = this.seen.get(key);
    if (prev === undefined) return;
    if (!prev.gone) this.bump(prev.node, now);
    this.seen.delete(key);
  }

  private bump(node: string, t: number): void {
    // Every event goes into the history, in time order: one seen late (a bind at its boundAt,
    // seen at the next poll) may be older than the node's last, and still the latest at some t.
    const h = this.history.get(node);
    if (!h) this.history.set(node, [t]);
    else {
      let i = h.length;
      while (i > 0 && (h[i - 1] ?? 0) > t) i--;
      if (h[i - 1] !== t) h.splice(i, 0, t);
    }
  }

  /** The last pod event on the node, if any was seen. */
  lastEventAt(node: string): number | undefined {
    return this.history.get(node)?.at(-1);
  }

  /** The last pod event on each node at or before `t` (for explainNode, of any moment). */
  snapshotAt(t: number): ReadonlyMap<string, number> {
    const out = new Map<string, number>();
    for (const [node, times] of this.history) {
      const at = times[countAtOrBefore(times, t, (x) => x) - 1];
      if (at !== undefined) out.set(node, at);
    }
    return out;
  }
}
