// Karpenter's event recorder (`pkg/events/recorder.go`): an event that names dedupe values is
// dropped while an earlier one with the same reason and values is still in its cache. The window
// starts at the published event and is not extended by the dropped ones. Karpenter's disruption
// events key on the node alone, not the message (`disruption/events/events.go`): a node whose
// verdict changes within the window says nothing new until it ends.
//   Unconsolidatable     node            15 min
//   DisruptionBlocked    node            2 min (the recorder's default)
//   ConsolidationRejected node, command, reason  2 min
//   DisruptionBlocked on a NodePool whose budget is 0   pool, reason   1 min

export const MINUTE_MS = 60_000;
/** The recorder's default window (`defaultDedupeTimeout`). */
export const DEFAULT_DEDUPE_MS = 2 * MINUTE_MS;
/** `Unconsolidatable` sets its own. */
export const UNCONSOLIDATABLE_DEDUPE_MS = 15 * MINUTE_MS;
/** `NodePoolBlockedForDisruptionReason`: a budget can change every minute. */
export const NODEPOOL_BLOCKED_DEDUPE_MS = MINUTE_MS;

export class EventRecorder {
  /** Dedupe key → when its window ends. */
  private readonly until = new Map<string, number>();

  /** Whether an event with this reason and these dedupe values is published at `now`. */
  admit(now: number, reason: string, values: readonly string[], windowMs: number): boolean {
    const key = `${reason.toLowerCase()}-${values.join('-')}`;
    const end = this.until.get(key);
    if (end !== undefined && now < end) return false;
    this.until.set(key, now + windowMs);
    return true;
  }

  /** Drops windows that have ended (the cache's janitor), so a long run does not keep every node. */
  sweep(now: number): void {
    for (const [k, end] of this.until) if (end <= now) this.until.delete(k);
  }
}
