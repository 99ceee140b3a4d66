// The pod queue (§1.4): order, and the stop rule that ends a pass without progress.
import { describe, expect, it } from 'vitest';
import { PodQueue } from './queue.ts';
import { requestsForPod } from './podrequests.ts';
import { pod } from './testing.ts';

describe('pod queue', () => {
  it('orders by cpu, then memory (both descending), then age, then uid', () => {
    const small = pod({ name: 'small', requests: { cpu: '100m' } });
    const big = pod({ name: 'big', requests: { cpu: '2' } });
    const bigMem = pod({ name: 'big-mem', requests: { cpu: '2', memory: '1Gi' } });
    const older = pod({ name: 'older', requests: { cpu: '100m' } });
    older.metadata.creationTimestamp = '2000-01-01T00:00:00Z';
    const q = new PodQueue([small, big, older, bigMem], requestsForPod);
    const order: string[] = [];
    for (let p = q.pop(); p; p = q.pop()) order.push(p.metadata.name ?? '');
    expect(order).toEqual(['big-mem', 'big', 'older', 'small']);
  });

  it('stops once every queued pod failed in a full pass', () => {
    const a = pod({ name: 'a' });
    const b = pod({ name: 'b' });
    const q = new PodQueue([a, b], requestsForPod);
    const popped: string[] = [];
    for (let p = q.pop(); p; p = q.pop()) {
      popped.push(p.metadata.name ?? '');
      q.push(p); // every attempt fails
    }
    expect(popped).toEqual(['a', 'b']);
  });

  it('keeps going while some pod made progress in the pass', () => {
    const a = pod({ name: 'a' });
    const b = pod({ name: 'b' });
    const q = new PodQueue([a, b], requestsForPod);
    const popped: string[] = [];
    let first = true;
    for (let p = q.pop(); p; p = q.pop()) {
      popped.push(p.metadata.name ?? '');
      if (p === a && first) {
        first = false;
        q.push(p); // a fails once, then b succeeds, then a gets another go
      }
    }
    expect(popped).toEqual(['a', 'b', 'a']);
  });
});
