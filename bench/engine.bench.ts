// The cluster runtime end to end (src/sim/engine): batching, solve, launch, boot, binding, events.
import type { BenchCase } from './harness.ts';
import { simulate } from '../src/sim/engine/simulate.ts';
import { deployment, nodePool, provisioner, scenario } from '../src/sim/engine/testing.ts';

function seedLab() {
  return simulate({
    objects: [
      provisioner('default', {
        requirements: [
          { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot', 'on-demand'] },
          { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] },
        ],
        limits: { resources: { cpu: 1000 } },
        ttlSecondsAfterEmpty: 30,
      }),
      deployment('inflate', { replicas: 0 }),
      scenario({
        karpenter: { version: 'v0.31' },
        actions: [
          { at: '0s', run: 'kubectl scale deployment inflate --replicas=5' },
          { at: '5m', run: 'kubectl scale deployment inflate --replicas=1' },
        ],
      }),
    ],
  });
}

function replicas(n: number) {
  return simulate({
    objects: [
      nodePool('default'),
      deployment('inflate', { replicas: n, cpu: '500m', memory: '512Mi' }),
    ],
  });
}

function figures(tl: ReturnType<typeof simulate>): Record<string, number> {
  let nodes = 0;
  for (const n of tl.final.nodes.values()) if (n.terminatedAt === undefined) nodes++;
  return { pods: tl.final.pods.size, nodes, events: tl.events.length, simSeconds: tl.end / 1000 };
}

export const cases: BenchCase[] = [
  { suite: 'engine', name: 'seed-lab-end-to-end', run: () => figures(seedLab()) },
  {
    suite: 'engine',
    name: 'replicas-1000-end-to-end',
    run: () => figures(replicas(1_000)),
    derive: (ms, f) => ({ podsPerSecond: ((f.pods ?? 0) * 1000) / ms }),
  },
];
