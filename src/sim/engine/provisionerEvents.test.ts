// Karpenter's provisioner events through its recorder (provisionerEvents.ts), after upstream's
// pkg/events/suite_test.go "Dedupe" and "Rate Limiting": Nominated 5 a second, burst 10, per pod
// 2 min; FailedScheduling per pod 5 min.
import { describe, expect, it } from 'vitest';
import { ProvisionerEvents } from './provisionerEvents.ts';

const admitted = (r: ProvisionerEvents, uids: string[], now: number) =>
  uids.filter((u) => r.admit(u, now)).length;
const pods = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `pod-${from + i}`);

describe('Nominated events through Karpenter’s recorder', () => {
  it('lets a burst of 10 through when many pods are nominated at once', () => {
    expect(admitted(new ProvisionerEvents(), pods(100), 0)).toBe(10);
  });

  it('refills 5 a second: five new pods each second all get their event', () => {
    const r = new ProvisionerEvents();
    expect(admitted(r, pods(10), 0)).toBe(10);
    expect([1, 2, 3].map((s) => admitted(r, pods(5, 10 + 5 * s), s * 1000))).toEqual([5, 5, 5]);
  });

  it('keeps one pod silent for 2 minutes, even when the bucket refused its event', () => {
    const r = new ProvisionerEvents();
    admitted(r, pods(10), 0); // the bucket is empty now
    expect(r.admit('late', 0)).toBe(false);
    expect(r.admit('late', 60_000)).toBe(false); // deduped, although never published
    expect(r.admit('late', 120_001)).toBe(true);
    expect(r.admit('late', 120_002)).toBe(false);
  });

  it('publishes Karpenter’s FailedScheduling once per pod per 5 minutes, whatever the message', () => {
    const r = new ProvisionerEvents();
    expect(r.admitFailure('p', 0)).toBe(true);
    expect(r.admitFailure('p', 60_000)).toBe(false); // a new error inside the window is not news
    expect(r.admitFailure('q', 60_000)).toBe(true);
    expect(r.admitFailure('p', 300_001)).toBe(true);
  });
});
