// One full disruption pass (src/sim/disruption): candidates, budgets, emptiness, drift and the
// multi-node binary search with its scheduling dry runs — over 100, 500 and 1,000 underutilized
// nodes. Target (issue 4): 1,000 nodes under 1 s. The cluster is built once per size by the engine
// (N one-pod-per-node pods make N 2-vCPU nodes; they are then swapped for N half-vCPU pods that
// kube-scheduler spreads one per node), and only KarpenterDisruption.plan() is timed.
import type { BenchCase } from './harness.ts';
import type { DisruptionContext } from '../src/sim/engine/disruption.ts';
import { simulate } from '../src/sim/engine/simulate.ts';
import { deployment, scenario } from '../src/sim/engine/testing.ts';
import { karpenterDisruption } from '../src/sim/disruption/controller.ts';
import { eagerPool, onePerNode, scaleTo, sizedTypes } from '../src/sim/disruption/testing.ts';

function underutilizedCluster(n: number): DisruptionContext {
  let captured: DisruptionContext | undefined;
  simulate({
    objects: [
      scenario({
        instanceTypes: sizedTypes(),
        until: '4m',
        actions: [scaleTo('spread', 0, '2m'), scaleTo('app', n, '2m')],
      }),
      eagerPool(),
      onePerNode(deployment('spread', { replicas: n, cpu: '100m' })),
      deployment('app', { replicas: 0, cpu: '500m' }),
    ],
    maxPods: 3 * n,
    // Only capture the context: the cluster must stay as built until the timed pass.
    disruption: { name: 'capture', tick: (ctx) => void (captured ??= ctx) },
  });
  if (!captured) throw new Error('the engine never ticked the disruption controller');
  return captured;
}

const clusters = new Map<number, DisruptionContext>();

export const cases: BenchCase[] = [100, 500, 1000].map((n): BenchCase => ({
  suite: 'disruption',
  name: `pass-${n}-nodes`,
  iterations: 3,
  run: () => {
    let ctx = clusters.get(n);
    if (!ctx) {
      ctx = underutilizedCluster(n);
      clusters.set(n, ctx);
    }
    const nodes = [...ctx.state.nodes.values()].filter((x) => x.terminatedAt === undefined).length;
    const cmd = karpenterDisruption().plan(ctx);
    return {
      nodes,
      candidates: cmd?.candidates.length ?? 0,
      replacements: cmd?.replacements.length ?? 0,
    };
  },
}));
