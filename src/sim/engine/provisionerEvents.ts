// Karpenter's provisioner events as its recorder lets them through: Nominated (provisioning/
// scheduling/events.go NominatePodEvent, events/recorder.go publishEvent): every solve offers one
// for each pod it places, deduplicated per pod UID for 2 minutes whatever the message, then limited
// by one token bucket shared by every pod (PodNominationRateLimiter: 5 per second, burst 10). The
// dedupe entry is set before the rate limiter decides, so a pod whose event the bucket refused
// stays silent for those 2 minutes too. So a 5,000-pod scale-up shows ~10 Nominated events at
// once and then about 5 a second, as `kubectl get events` does on a real cluster.
import {
  DEFAULT_DEDUPE_MS,
  EventRecorder,
  FAILED_SCHEDULING_DEDUPE_MS,
  TokenBucket,
} from '../recorder.ts';

export class ProvisionerEvents {
  private readonly recorder = new EventRecorder();
  private readonly bucket = new TokenBucket(5, 10);

  /** Whether the recorder publishes a Nominated event for this pod now. */
  admit(uid: string, now: number): boolean {
    this.recorder.sweep(now);
    return (
      this.recorder.admit(now, 'Nominated', [uid], DEFAULT_DEDUPE_MS) && this.bucket.tryAccept(now)
    );
  }

  /** Karpenter's own FailedScheduling (`PodFailedToScheduleEvent`): one per pod per 5 minutes,
   *  whatever the message (a new error inside the window is not published). */
  admitFailure(uid: string, now: number): boolean {
    return this.recorder.admit(now, 'FailedScheduling', [uid], FAILED_SCHEDULING_DEDUPE_MS);
  }
}
