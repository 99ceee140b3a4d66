// Explanations are total: whatever small workspace the learner writes, every pod, node and event
// at every moment has one, and the numbers in it agree with the timeline.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stateAt } from '../sim/engine/index.ts';
import { explainEvent } from './event.ts';
import { explainNode } from './node.ts';
import { explainPod } from './pod.ts';
import { summarize } from './summary.ts';
import { deployment, nodePool, run } from './testing.ts';

const workspace = fc.record({
  replicas: fc.integer({ min: 0, max: 12 }),
  cpu: fc.constantFrom('100m', '1', '3', '7', '600'),
  tainted: fc.boolean(),
  cpuLimit: fc.option(fc.constantFrom('4', '8', '16'), { nil: undefined }),
  customLabel: fc.boolean(),
});

describe('explanations are total', () => {
  it('explain every pod, node and event of random small runs, at several moments', () => {
    fc.assert(
      fc.property(workspace, (w) => {
        const r = run([
          nodePool(
            'default',
            w.tainted ? { taints: [{ key: 'team', value: 'a', effect: 'NoSchedule' }] } : {},
            w.cpuLimit ? { limits: { cpu: w.cpuLimit } } : {},
          ),
          deployment('app', {
            replicas: w.replicas,
            cpu: w.cpu,
            ...(w.customLabel ? { spec: { nodeSelector: { 'example.com/team': 'x' } } } : {}),
          }),
        ]);
        const opts = { catalog: r.catalog };
        for (const t of [0, 1_000, 30_000, r.timeline.end]) {
          const state = stateAt(r.timeline, t);
          const s = summarize(r.timeline, t, opts);
          expect(s.pods.total).toBe(state.pods.size);
          for (const key of state.pods.keys()) {
            const e = explainPod(r.timeline, t, key, opts);
            expect(e?.headline.length).toBeGreaterThan(0);
            if (e?.phase === 'Pending' && !e.placement)
              expect(e.pending?.rows.length).toBeGreaterThan(0);
          }
          for (const name of [...state.nodes.keys(), ...state.nodeClaims.keys()]) {
            const e = explainNode(r.timeline, t, name, opts);
            const counts = e?.funnel.map((f) => f.count) ?? [];
            for (let i = 1; i < counts.length; i++)
              expect(counts[i]).toBeLessThanOrEqual(counts[i - 1] ?? 0);
          }
        }
        for (let i = 0; i < r.timeline.events.length; i++) {
          expect(explainEvent(r.timeline, i)?.sentence.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 25 },
    );
  });
});
