// The Nominated-event recorder (nominations.ts) against upstream's events/suite_test.go
// "Dedupe" and "Rate Limiting" (pkg/events/suite_test.go): 5 a second, burst 10, per pod 2 min.
import { describe, expect, it } from 'vitest';
import { NominationEvents } from './nominations.ts';

const admitted = (r: NominationEvents, uids: string[], now: number) =>
  uids.filter((u) => r.admit(u, now)).length;
const pods = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `pod-${from + i}`);

describe('Nominated events through Karpenter’s recorder', () => {
  it('lets a burst of 10 through when many pods are nominated at once', () => {
    expect(admitted(new NominationEvents(), pods(100), 0)).toBe(10);
  });

  it('refills 5 a second: five new pods each second all get their event', () => {
    const r = new NominationEvents();
    expect(admitted(r, pods(10), 0)).toBe(10);
    expect([1, 2, 3].map((s) => admitted(r, pods(5, 10 + 5 * s), s * 1000))).toEqual([5, 5, 5]);
  });

  it('keeps one pod silent for 2 minutes, even when the bucket refused its event', () => {
    const r = new NominationEvents();
    admitted(r, pods(10), 0); // the bucket is empty now
    expect(r.admit('late', 0)).toBe(false);
    expect(r.admit('late', 60_000)).toBe(false); // deduped, although never published
    expect(r.admit('late', 120_001)).toBe(true);
    expect(r.admit('late', 120_002)).toBe(false);
  });
});
