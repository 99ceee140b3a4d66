// Karpenter's Nominated events, as its recorder lets them through (provisioning/scheduling/
// events.go NominatePodEvent, events/recorder.go publishEvent): every solve offers one for each
// pod it places, deduplicated per pod UID for 2 minutes whatever the message, then limited by one
// token bucket shared by every pod (PodNominationRateLimiter: 5 per second, burst 10). The
// dedupe entry is set before the rate limiter decides, so a pod whose event the bucket refused
// stays silent for those 2 minutes too. So a 5,000-pod scale-up shows ~10 Nominated events at
// once and then about 5 a second, as `kubectl get events` does on a real cluster.

const DEDUPE_MS = 2 * 60_000;
const QPS = 5;
const BURST = 10;

export class NominationEvents {
  /** Pod UID → the moment its dedupe entry expires. */
  private readonly silentUntil = new Map<string, number>();
  private tokens = BURST;
  private refilledAt = 0;
  private sweepAt = DEDUPE_MS;

  /** Whether the recorder publishes a Nominated event for this pod now. */
  admit(uid: string, now: number): boolean {
    const until = this.silentUntil.get(uid);
    if (until !== undefined && now <= until) return false;
    this.silentUntil.set(uid, now + DEDUPE_MS);
    if (now >= this.sweepAt) this.sweep(now);
    this.tokens = Math.min(BURST, this.tokens + ((now - this.refilledAt) / 1000) * QPS);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Expired entries go (go-cache's janitor): the map holds at most 2 minutes of pods. */
  private sweep(now: number): void {
    for (const [uid, until] of this.silentUntil) if (until < now) this.silentUntil.delete(uid);
    this.sweepAt = now + DEDUPE_MS;
  }
}
