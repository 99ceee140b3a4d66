// A node scan's mark. Several of the controller's polls read only Nodes, NodeClaims and NodePools
// (drift, forceful expiry, leftover taints, budget counts); between two 10 s polls of a big cluster
// most events only move pods. A ScanMark remembers, per cluster state, the version a scan last saw
// (and the key of what it was asked), and says when the scan can be skipped because nothing but
// pods has moved since. One place for a check the four scans each wrote out before.
import type { DisruptionContext } from '../engine/disruption.ts';

type Seen = Pick<DisruptionContext, 'state' | 'stateVersion' | 'nodesChangedSince' | 'now'>;

export class ScanMark {
  private readonly seen = new WeakMap<object, { version: number; key: string; until: number }>();

  /**
   * True when the last scan of this state, asked with the same key, is still good: before the
   * time it said it would go stale, and at the same version or with only pods moved since. The mark then moves to now, so the next poll checks only
   * the events after this one.
   */
  skip(ctx: Seen, key = ''): boolean {
    const m = this.seen.get(ctx.state);
    if (m === undefined || m.key !== key || ctx.now >= m.until) return false;
    if (m.version !== ctx.stateVersion && ctx.nodesChangedSince(m.version)) return false;
    m.version = ctx.stateVersion;
    return true;
  }

  /** The last scan's mark for this state and key (when skip() said no: what changed since
   *  `version` is what the next scan has to look at). */
  last(ctx: Seen, key = ''): { readonly version: number; readonly until: number } | undefined {
    const m = this.seen.get(ctx.state);
    return m === undefined || m.key !== key ? undefined : m;
  }

  /**
   * Records a scan of this state. `version` is the current one unless given: a scan whose own
   * events should be looked at again next time (an expiry's deletion) passes the version it began
   * at. `until` is when the scan's answer goes stale whatever happens (the next expiry it saw).
   */
  mark(ctx: Seen, key = '', opts: { version?: number; until?: number } = {}): void {
    const { version = ctx.stateVersion, until = Number.POSITIVE_INFINITY } = opts;
    this.seen.set(ctx.state, { version, key, until });
  }
}
