import { describe, expect, it } from 'vitest';
import { DEFAULT_DEDUPE_MS, EventRecorder } from './recorder.ts';

// Translated from kubernetes-sigs/karpenter pkg/events/suite_test.go, Describe("Dedupe").
describe('EventRecorder (Karpenter pkg/events/suite_test.go "Dedupe")', () => {
  it('should only create a single event when many events are created quickly', () => {
    const r = new EventRecorder();
    let published = 0;
    for (let i = 0; i < 100; i++)
      if (r.admit(0, 'Evicted', ['pod-uid'], DEFAULT_DEDUPE_MS)) published++;
    expect(published).toBe(1);
  });

  it('should allow the dedupe timeout to be overridden', () => {
    const r = new EventRecorder();
    let published = 0;
    for (let i = 0; i < 10; i++) if (r.admit(i * 100, 'Evicted', ['pod-uid'], 2_000)) published++;
    expect(published).toBe(1);
    // After the overridden window (3 s later, as upstream sleeps), the event is created again.
    if (r.admit(3_000, 'Evicted', ['pod-uid'], 2_000)) published++;
    expect(published).toBe(2);
  });

  it('should allow events with different entities to be created', () => {
    const r = new EventRecorder();
    let published = 0;
    for (let i = 0; i < 100; i++)
      if (r.admit(0, 'Evicted', [`pod-uid-${i}`], DEFAULT_DEDUPE_MS)) published++;
    expect(published).toBe(100);
  });

  it('keys on the reason: two reasons for one node are two events', () => {
    const r = new EventRecorder();
    expect(r.admit(0, 'Unconsolidatable', ['n1'], DEFAULT_DEDUPE_MS)).toBe(true);
    expect(r.admit(0, 'DisruptionBlocked', ['n1'], DEFAULT_DEDUPE_MS)).toBe(true);
  });

  it('does not extend the window with dropped events, and sweeping keeps open windows', () => {
    const r = new EventRecorder();
    expect(r.admit(0, 'Unconsolidatable', ['n1'], 1_000)).toBe(true);
    expect(r.admit(999, 'Unconsolidatable', ['n1'], 1_000)).toBe(false);
    r.sweep(500);
    expect(r.admit(600, 'Unconsolidatable', ['n1'], 1_000)).toBe(false);
    expect(r.admit(1_000, 'Unconsolidatable', ['n1'], 1_000)).toBe(true);
    r.sweep(2_000);
    expect(r.admit(2_000, 'Unconsolidatable', ['n1'], 1_000)).toBe(true);
  });
});
