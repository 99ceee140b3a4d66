// The Cluster Autoscaler model (src/sim/clusterAutoscaler) end to end: 1,000 pods of 500m scaled
// up on the default m5.large node group (three per node → 334 nodes), then to 0 at 5m, run until
// quiet (empty nodes go ten at a time). Also the side-by-side comparison on the same workload.
import type { BenchCase } from './harness.ts';
import { karpenterDisruption } from '../src/sim/disruption/controller.ts';
import {
  compareAutoscalers,
  compareMetrics,
  simulateClusterAutoscaler,
} from '../src/sim/clusterAutoscaler/index.ts';
import { seedLab } from '../src/sim/clusterAutoscaler/testing.ts';

const PODS = 1_000;
const objects = seedLab({
  replicas: PODS,
  after: 0,
  at: '5m',
  cpu: '500m',
  spec: { clusterAutoscaler: { maxSize: 400 } },
});

export const cases: BenchCase[] = [
  {
    suite: 'cluster-autoscaler',
    name: `scale-up-down-${PODS}-pods`,
    iterations: 3,
    run: () => {
      const tl = simulateClusterAutoscaler({ objects });
      const m = compareMetrics(tl);
      return {
        pods: m.pods.created,
        nodes: m.nodes.launched,
        events: tl.events.length,
        simMinutes: tl.end / 60_000,
        timeToAllRunningS: (m.timeToAllRunning ?? NaN) / 1000,
      };
    },
  },
  {
    suite: 'cluster-autoscaler',
    name: `compare-${PODS}-pods`,
    iterations: 3,
    run: () => {
      const r = compareAutoscalers({ objects, disruption: karpenterDisruption() });
      const k = r.karpenter.metrics;
      const ca = r.clusterAutoscaler.metrics;
      return {
        karpenterS: (k.timeToAllRunning ?? NaN) / 1000,
        caS: (ca.timeToAllRunning ?? NaN) / 1000,
        karpenterUsd: k.cost.totalUsd,
        caUsd: ca.cost.totalUsd,
      };
    },
  },
];
