// Karpenter's event recorder (`pkg/events/recorder.go`), shared by the disruption controller and
// the provisioner: an event that names dedupe values is dropped while an earlier one with the same
// reason and values is still in its cache. The window
// starts at the published event and is not extended by the dropped ones. Karpenter's disruption
// events key on the node alone, not the message (`disruption/events/events.go`): a node whose
// verdict changes within the window says nothing new until it ends.
//   Unconsolidatable     node            15 min
//   DisruptionBlocked    node            2 min (the recorder's default)
//   ConsolidationRejected node, command, reason  2 min
//   DisruptionBlocked on a NodePool whose budget is 0   pool, reason   1 min
//   Nominated            pod             2 min, then a token bucket for all pods (5/s, burst 10)
//   FailedScheduling     pod             5 min (Karpenter's, not kube-scheduler's)

export const MINUTE_MS = 60_000;
/** The recorder's default window (`defaultDedupeTimeout`). */
export const DEFAULT_DEDUPE_MS = 2 * MINUTE_MS;
/** `Unconsolidatable` sets its own. */
export const UNCONSOLIDATABLE_DEDUPE_MS = 15 * MINUTE_MS;
/** `NodePoolBlockedForDisruptionReason`: a budget can change every minute. */
export const NODEPOOL_BLOCKED_DEDUPE_MS = MINUTE_MS;

/** `PodFailedToScheduleEvent` sets its own. */
export const FAILED_SCHEDULING_DEDUPE_MS = 5 * MINUTE_MS;

/** client-go's token bucket (`flowcontrol.NewTokenBucketRateLimiter(qps, burst)`): full at the
 *  start, refilled continuously; `TryAccept` takes a token when one is there. */
export class TokenBucket {
  private tokens: number;
  private at = 0;

  constructor(
    private readonly qps: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  tryAccept(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.qps);
    this.at = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export class EventRecorder {
  /** Per reason: dedupe values → when its window ends. Asked for every node on every pass, so
   *  no key string is built for the common one-value case. */
  private readonly until = new Map<string, Map<string, number>>();
  private nextSweep = 0;

  /** Whether an event with this reason and these dedupe values is published at `now`. */
  admit(now: number, reason: string, values: readonly string[], windowMs: number): boolean {
    let windows = this.until.get(reason);
    if (!windows) {
      windows = new Map();
      this.until.set(reason, windows);
    }
    const key = values.length === 1 ? (values[0] as string) : values.join('\n');
    const end = windows.get(key);
    if (end !== undefined && now < end) return false;
    windows.set(key, now + windowMs);
    return true;
  }

  /** Drops windows that have ended (the cache's janitor, at most once a simulated minute), so a
   *  long run does not keep every node it ever saw. An ended window is never read as open. */
  sweep(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + MINUTE_MS;
    for (const windows of this.until.values())
      for (const [k, end] of windows) if (end <= now) windows.delete(k);
  }
}
