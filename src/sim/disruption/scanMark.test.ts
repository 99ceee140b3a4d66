// ScanMark: when a node scan may be skipped. The controller-level property (the same timeline as a
// controller told every state changed) is in nodesChanged.test.ts; this pins the mark's own rules.
import { describe, expect, it } from 'vitest';
import { ScanMark } from './scanMark.ts';

/** A context whose event log is a list of kinds: 'pod' moves only pods, 'node' anything else. */
function ctx(state: object, log: ('pod' | 'node')[], now = 0) {
  return {
    state: state as never,
    now,
    get stateVersion() {
      return log.length;
    },
    nodesChangedSince: (v: number) => log.slice(v).includes('node'),
  };
}

describe('ScanMark', () => {
  it('skips a scan while only pods moved, and scans again once a node did', () => {
    const state = {};
    const log: ('pod' | 'node')[] = ['node'];
    const mark = new ScanMark();
    expect(mark.skip(ctx(state, log))).toBe(false); // never scanned
    mark.mark(ctx(state, log));
    expect(mark.skip(ctx(state, log))).toBe(true); // same version
    log.push('pod', 'pod');
    expect(mark.skip(ctx(state, log))).toBe(true); // pods only
    log.push('node');
    expect(mark.skip(ctx(state, log))).toBe(false);
    mark.mark(ctx(state, log));
    // The mark moved forward on each skip: a node event before it is not seen twice.
    log.push('pod');
    expect(mark.skip(ctx(state, log))).toBe(true);
  });

  it('keeps one mark per state and per key, and honours the version and time it was given', () => {
    const [a, b] = [{}, {}];
    const log: ('pod' | 'node')[] = ['node', 'node'];
    const mark = new ScanMark();
    mark.mark(ctx(a, log), 'q1');
    expect(mark.skip(ctx(b, log), 'q1')).toBe(false); // another state
    expect(mark.skip(ctx(a, log), 'q2')).toBe(false); // asked about another queue
    expect(mark.skip(ctx(a, log), 'q1')).toBe(true);
    // A scan that made node events of its own marks the version it began at: they are read again.
    mark.mark(ctx(a, log), '', { version: 1 });
    expect(mark.skip(ctx(a, log))).toBe(false);
    // An answer that goes stale at a time: skipped before it, scanned at it.
    mark.mark(ctx(a, log), '', { until: 600 });
    expect(mark.skip(ctx(a, log, 599))).toBe(true);
    expect(mark.skip(ctx(a, log, 600))).toBe(false);
  });
});
