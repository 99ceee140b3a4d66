// Topology groups indexed by one label their selector requires, so a pod is tested only against
// the groups that could select it. Topology.record asks, for every pod placed, which groups count
// it; with a group per Deployment (the 5,000-pod benchmark has ~500) that was ~500 selector tests
// per pod, of which a handful can match. A group whose selector has matchLabels {k: v} can only
// select pods labelled k=v, so it is filed under (k, v); a selector without matchLabels is kept
// aside and always tested; a missing selector selects nothing (selectors.ts) and is not filed.
// Callers still ask g.selects(p): the index only narrows, it never decides.
import type { LabelSelector, Pod } from '../../k8s.ts';
import { own } from '../../own.ts';

/** What the index needs of a group (G satisfies it). */
export interface Selecting {
  readonly selector: LabelSelector | undefined;
  selects(p: Pod): boolean;
}

export class SelectorIndex<G extends Selecting> {
  /** label key → value → groups whose selector requires key=value, in insertion order. */
  private readonly byLabel = new Map<string, Map<string, G[]>>();
  private readonly rest: G[] = [];
  /** Insertion position of each group (candidates() answers in this order). */
  private readonly seq = new Map<G, number>();

  add(g: G): void {
    this.seq.set(g, this.seq.size);
    const sel = g.selector;
    if (!sel) return;
    const labels = sel.matchLabels ?? {};
    for (const k of Object.keys(labels)) {
      const v = own(labels, k);
      if (typeof v !== 'string') continue;
      let byValue = this.byLabel.get(k);
      if (!byValue) this.byLabel.set(k, (byValue = new Map()));
      const list = byValue.get(v);
      if (list) list.push(g);
      else byValue.set(v, [g]);
      return;
    }
    this.rest.push(g);
  }

  /** Calls fn once for every group that may select p (a superset of those that do). */
  forEachCandidate(p: Pod, fn: (g: G) => void): void {
    for (const g of this.rest) fn(g);
    const labels = p.metadata.labels;
    if (!labels || this.byLabel.size === 0) return;
    // Every record() and inverse lookup asks: no key array per pod (own() skips inherited keys,
    // as Object.keys did, in the same order).
    for (const k in labels) {
      const v = own(labels, k);
      if (v === undefined) continue;
      const list = this.byLabel.get(k)?.get(v);
      if (list) for (const g of list) fn(g);
    }
  }

  /** The groups that select p, in insertion order. */
  selecting(p: Pod): G[] {
    const out: G[] = [];
    this.forEachCandidate(p, (g) => {
      if (g.selects(p)) out.push(g);
    });
    if (out.length > 1) out.sort((a, b) => (this.seq.get(a) ?? 0) - (this.seq.get(b) ?? 0));
    return out;
  }
}
