import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../k8s.ts';
import { simulate } from './simulate.ts';
import { toJSON } from './json.ts';
import { costAt } from './billing.ts';
import { stateAt } from './timeline.ts';
import { workloadCosts } from './workloadCost.ts';
import { deployment, fakeType, nodePool, scenario } from './testing.ts';

const LARGE = fakeType('large', 8, 32, { price: 0.4 });
/** The CPU part of LARGE's price: 8 vCPU at $0.037/h against 32 GiB at $0.00275/h. */
const CPU_PART = (8 * 0.037) / (8 * 0.037 + 32 * 0.00275);

function run(...objects: KubeObject[]) {
  return simulate({ objects: [scenario({ instanceTypes: [LARGE], until: '5m' }), ...objects] });
}

describe('cost by workload', () => {
  it('shares a node’s price by the CPU and memory its pods request; the rest is idle', () => {
    const tl = run(
      nodePool('default'),
      deployment('web', { replicas: 2, cpu: '2', memory: '8Gi' }),
    );
    const node = [...tl.final.nodes.values()][0];
    expect(node?.allocatable).toMatchObject({ cpu: 8000, memory: 32 * 2 ** 30 });
    // Each pod: (2/8 of the CPU + 8/32 of the memory) / 2 = a quarter of $0.40/h.
    const w = workloadCosts(tl.final, tl.end);
    expect(w.rows).toEqual([
      { workload: 'Deployment/default/web', pods: 2, perHour: 0.2, daemon: false },
    ]);
    expect(w.idle).toBeCloseTo(0.2, 9);
    expect(w.perHour).toBe(0.4);
  });

  it('weighs CPU as AWS prices it: a pod asking for CPU only pays for its share of the CPU part', () => {
    const tl = run(
      nodePool('default'),
      deployment('web', { replicas: 2, cpu: '2', memory: '8Gi' }),
      deployment('cruncher', { replicas: 1, cpu: '1', memory: '0' }),
    );
    const w = workloadCosts(tl.final, tl.end);
    // 8 vCPU × $0.037 against 32 GiB × $0.00275: 77 % of the node's price is its CPU.
    expect(CPU_PART).toBeCloseTo(0.7708, 4);
    const cruncher = w.rows.find((r) => r.workload === 'Deployment/default/cruncher');
    expect(cruncher?.perHour).toBeCloseTo((0.4 * CPU_PART) / 8, 6);
  });

  it('puts a DaemonSet’s pods on every node under the DaemonSet, flagged', () => {
    const ds: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'kube-system' },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: {
          metadata: { labels: { app: 'agent' } },
          spec: {
            containers: [
              {
                name: 'a',
                image: 'agent',
                resources: { requests: { cpu: '800m', memory: '3200Mi' } },
              },
            ],
          },
        },
      },
    } as KubeObject;
    const tl = run(
      nodePool('default'),
      deployment('web', { replicas: 1, cpu: '2', memory: '8Gi' }),
      ds,
    );
    const w = workloadCosts(tl.final, tl.end);
    const agent = w.rows.find((r) => r.workload === 'DaemonSet/kube-system/agent');
    expect(agent).toMatchObject({ pods: 1, daemon: true });
    // 0.8/8 of the CPU part and 3200Mi/32Gi of the memory part of $0.40/h.
    expect(agent?.perHour).toBeCloseTo(0.4 * (CPU_PART * 0.1 + (1 - CPU_PART) * (3200 / 32768)), 6);
  });

  it('counts a booting instance as idle: no pod runs on it yet', () => {
    const tl = run(
      nodePool('default'),
      deployment('web', { replicas: 2, cpu: '2', memory: '8Gi' }),
    );
    const launched = tl.events.find((e) => e.type === 'nodeclaim.launched');
    expect(launched).toBeDefined();
    const t = (launched?.t ?? 0) + 1;
    const w = workloadCosts(stateAt(tl, t), t);
    expect(w.rows).toEqual([]);
    expect(w.idle).toBe(0.4);
  });

  it('is in the JSON report, after the $/h it shares', () => {
    const tl = run(
      nodePool('default'),
      deployment('web', { replicas: 2, cpu: '2', memory: '8Gi' }),
    );
    const cost = toJSON(tl).cost;
    expect(cost.byWorkload).toEqual(workloadCosts(tl.final, tl.end).rows);
    expect(cost.idlePerHour).toBeCloseTo(0.2, 9);
  });

  it('adds up to the $/h the cost figures show, at any moment of any run', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            replicas: fc.integer({ min: 0, max: 6 }),
            cpu: fc.constantFrom('100m', '1', '3', '7'),
            memory: fc.constantFrom('128Mi', '2Gi', '20Gi'),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        fc.integer({ min: 0, max: 300 }),
        (ws, atS) => {
          const tl = run(nodePool('default'), ...ws.map((w, i) => deployment(`w${i}`, w)));
          const t = Math.min(atS * 1000, tl.end);
          const state = stateAt(tl, t);
          const w = workloadCosts(state, t);
          const sum = w.rows.reduce((s, r) => s + r.perHour, 0) + w.idle;
          expect(sum).toBeCloseTo(costAt(state, t).perHour, 5);
          for (const r of w.rows) expect(r.perHour).toBeGreaterThanOrEqual(0);
          expect(w.idle).toBeGreaterThanOrEqual(-1e-9);
        },
      ),
      { numRuns: 40 },
    );
  });
});
