// The provisioning solve at Karpenter's benchmark shape (reference §7,
// scheduling_benchmark_test.go): 400 fake types, one pool with huge limits, pods in five equal
// groups — generic, zonal spread, hostname spread, zonal self-affinity, hostname anti-affinity —
// plus one case against the real EC2 catalog. Reports pods/s and the nodes the solve asks for.
import type { BenchCase } from './harness.ts';
import { fakeInstanceTypes } from '../src/sim/catalog/fake.ts';
import { ec2Catalog } from '../src/sim/catalog/index.ts';
import type { InstanceType } from '../src/sim/catalog/types.ts';
import type { LabelSelector, NodePool, Pod } from '../src/sim/k8s.ts';
import { LABEL } from '../src/sim/labels.ts';
import { mulberry32, type Rng } from '../src/sim/random.ts';
import { solve } from '../src/sim/scheduling/index.ts';

const CPU = ['100m', '250m', '500m', '1000m', '1500m'];
const MEM = ['100Mi', '256Mi', '512Mi', '1024Mi', '2048Mi', '4096Mi'];
const VALUES = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[Math.floor(rng() * xs.length)] as T;
}

let uid = 0;
function benchPod(rng: Rng, labels: Record<string, string>, spec: Partial<Pod['spec']> = {}): Pod {
  uid++;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `p-${uid}`,
      namespace: 'default',
      uid: `u-${uid}`,
      labels,
      creationTimestamp: '2026-01-01T00:00:00Z',
    },
    spec: {
      containers: [
        { name: 'c', resources: { requests: { cpu: pick(rng, CPU), memory: pick(rng, MEM) } } },
      ],
      ...spec,
    },
  };
}

const randomLabels = (rng: Rng) => ({ 'my-label': pick(rng, VALUES) });

/** makeDiversePods(n): five equal groups, the remainder generic. */
export function diversePods(n: number, seed = 42): Pod[] {
  const rng = mulberry32(seed);
  const k = Math.floor(n / 5);
  const out: Pod[] = [];
  const generic = (m: number) => {
    for (let i = 0; i < m; i++) out.push(benchPod(rng, randomLabels(rng)));
  };
  const spread = (key: string) => {
    for (let i = 0; i < k; i++) {
      const labels = randomLabels(rng);
      const selector: LabelSelector = { matchLabels: randomLabels(rng) };
      out.push(
        benchPod(rng, labels, {
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: key,
              whenUnsatisfiable: 'DoNotSchedule',
              labelSelector: selector,
            },
          ],
        }),
      );
    }
  };
  generic(k);
  spread(LABEL.zone);
  spread(LABEL.hostname);
  for (let i = 0; i < k; i++) {
    const labels = { 'my-affininity': pick(rng, VALUES) };
    out.push(
      benchPod(rng, labels, {
        affinity: {
          podAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              { topologyKey: LABEL.zone, labelSelector: { matchLabels: labels } },
            ],
          },
        },
      }),
    );
  }
  for (let i = 0; i < k; i++) {
    const labels = { app: 'nginx' };
    out.push(
      benchPod(rng, labels, {
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              { topologyKey: LABEL.hostname, labelSelector: { matchLabels: labels } },
            ],
          },
        },
      }),
    );
  }
  generic(n - out.length);
  return out;
}

function pool(): NodePool {
  return {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: { name: 'default' },
    spec: {
      template: {
        spec: {
          requirements: [{ key: LABEL.capacityType, operator: 'Exists' }],
          nodeClassRef: { name: 'default' },
        },
      },
      limits: { cpu: '10000000', memory: '10000000Gi' },
    },
  };
}

function run(pods: Pod[], types: readonly InstanceType[]): Record<string, number> {
  const np = pool();
  // CPU time of the solve (wall time on a shared machine mostly measures the neighbours).
  const cpu0 = process.cpuUsage();
  const r = solve({
    pods,
    nodes: [],
    nodePools: [np],
    instanceTypes: new Map([['default', types]]),
    daemonSets: [],
    nodePoolUsage: new Map(),
    options: { rng: mulberry32(42) },
  });
  const cpu = process.cpuUsage(cpu0);
  const placed = r.newNodeClaims.reduce((s, c) => s + c.pods.length, 0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return { pods: pods.length, scheduled: placed, nodes: r.newNodeClaims.length, cpuMs };
}

const perSecond = (ms: number, f: Record<string, number>) => ({
  podsPerSec: ((f['pods'] ?? 0) * 1000) / ms,
  podsPerCpuSec: ((f['pods'] ?? 0) * 1000) / (f['cpuMs'] ?? ms),
});

const fake400 = fakeInstanceTypes(400);

const podCache = new Map<number, Pod[]>();
function podsFor(n: number): Pod[] {
  let pods = podCache.get(n);
  if (!pods) podCache.set(n, (pods = diversePods(n)));
  return pods;
}

let generic: Pod[] | undefined;
function genericPods(): Pod[] {
  const rng = mulberry32(7);
  return (generic ??= Array.from({ length: 5000 }, () => benchPod(rng, randomLabels(rng))));
}

export const cases: BenchCase[] = [
  ...[100, 1000, 5000, 20000].map((n): BenchCase => ({
    suite: 'scheduling',
    name: `karpenter-shape-${n}`,
    // Pods are built once, outside the timed run; solve() never mutates its input.
    run: () => run(podsFor(n), fake400),
    iterations: n >= 20000 ? 1 : 3,
    derive: perSecond,
  })),
  {
    suite: 'scheduling',
    name: 'ec2-catalog-5000-generic',
    run: () => run(genericPods(), ec2Catalog().instanceTypes),
    derive: perSecond,
  },
];
