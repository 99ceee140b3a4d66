// Karpenter's scheduling-benchmark shape (scheduling_benchmark_test.go, reference §7) written as a
// workspace a user could run through the CLI: 400 fake instance types in a Scenario, one NodePool
// with huge limits, and pods in five equal groups — generic, zonal spread, hostname spread, zonal
// self-affinity, hostname anti-affinity — each pod a random cpu/memory request and random label.
// Pods with the same shape share one Deployment (what an imported cluster looks like); the random
// draws follow diversePods() in scheduling.bench.ts, so the solve-alone case sees the same mix.
import { stringify } from 'yaml';
import { fakePrice } from '../src/sim/catalog/scenario.ts';
import type { ScenarioAction } from '../src/sim/k8s.ts';
import { LABEL } from '../src/sim/labels.ts';
import { parseResourceList } from '../src/sim/quantity.ts';
import { mulberry32, type Rng } from '../src/sim/random.ts';

const CPU = ['100m', '250m', '500m', '1000m', '1500m'];
const MEM = ['100Mi', '256Mi', '512Mi', '1024Mi', '2048Mi', '4096Mi'];
const VALUES = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
const ZONES = ['test-zone-1', 'test-zone-2', 'test-zone-3'];

export interface BenchWorkspaceOptions {
  seed?: number;
  /** Scenario spec.until (e.g. "3m"). */
  until?: string;
  actions?: ScenarioAction[];
  /** Scenario spec.karpenter extras (e.g. consolidation timings). */
  disruption?: { consolidateAfter?: string; consolidationPolicy?: string };
}

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[Math.floor(rng() * xs.length)] as T;
}

/** fake-it-0 … fake-it-399 (i+1 vCPU, 2(i+1) Gi, 10(i+1) pods) as Scenario instance types. */
function fakeTypes(n: number) {
  return Array.from({ length: n }, (_, i) => {
    const capacity = parseResourceList({ cpu: i + 1, memory: `${(i + 1) * 2}Gi` });
    const price = Math.round(fakePrice(capacity) * 1e6) / 1e6;
    return {
      name: `fake-it-${i}`,
      cpu: String(i + 1),
      memory: `${(i + 1) * 2}Gi`,
      pods: (i + 1) * 10,
      overhead: { cpu: '100m', memory: '10Mi' },
      offerings: ZONES.flatMap((zone) => [
        ...(zone === 'test-zone-3' ? [] : [{ zone, capacityType: 'spot', price }]),
        { zone, capacityType: 'on-demand', price },
      ]),
    };
  });
}

type PodShape = {
  group: string;
  labels: Record<string, string>;
  cpu: string;
  memory: string;
  extra: Record<string, unknown>;
};

function shapes(n: number, rng: Rng): PodShape[] {
  const k = Math.floor(n / 5);
  const out: PodShape[] = [];
  const pod = (group: string, labels: Record<string, string>, extra = {}): PodShape => ({
    group,
    labels,
    cpu: pick(rng, CPU),
    memory: pick(rng, MEM),
    extra,
  });
  const label = () => ({ 'my-label': pick(rng, VALUES) });
  const generic = (m: number) => {
    for (let i = 0; i < m; i++) out.push(pod('generic', label()));
  };
  const spread = (group: string, topologyKey: string) => {
    for (let i = 0; i < k; i++) {
      const labels = label();
      const selector = { matchLabels: label() };
      out.push(
        pod(group, labels, {
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey,
              whenUnsatisfiable: 'DoNotSchedule',
              labelSelector: selector,
            },
          ],
        }),
      );
    }
  };
  generic(k);
  spread('zonal-spread', LABEL.zone);
  spread('hostname-spread', LABEL.hostname);
  for (let i = 0; i < k; i++) {
    const labels = { 'my-affininity': pick(rng, VALUES) };
    const term = { topologyKey: LABEL.zone, labelSelector: { matchLabels: labels } };
    out.push(
      pod('zonal-affinity', labels, {
        affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } },
      }),
    );
  }
  for (let i = 0; i < k; i++) {
    const labels = { app: 'nginx' };
    const term = { topologyKey: LABEL.hostname, labelSelector: { matchLabels: labels } };
    out.push(
      pod('hostname-anti-affinity', labels, {
        affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } },
      }),
    );
  }
  generic(n - out.length);
  return out;
}

/** The workspace as YAML text: n pods of the benchmark shape. */
export function benchWorkspace(n: number, opts: BenchWorkspaceOptions = {}): string {
  const rng = mulberry32(opts.seed ?? 42);
  const groups = new Map<string, { shape: PodShape; replicas: number }>();
  for (const s of shapes(n, rng)) {
    const key = JSON.stringify(s);
    const g = groups.get(key);
    if (g) g.replicas++;
    else groups.set(key, { shape: s, replicas: 1 });
  }
  const docs: unknown[] = [
    {
      apiVersion: 'lab.karpenter.playground/v1alpha1',
      kind: 'Scenario',
      metadata: { name: `scheduling-benchmark-${n}` },
      spec: {
        zones: ZONES,
        ...(opts.until === undefined ? {} : { until: opts.until }),
        ...(opts.actions === undefined ? {} : { actions: opts.actions }),
        instanceTypes: fakeTypes(400),
      },
    },
    {
      apiVersion: 'karpenter.sh/v1',
      kind: 'NodePool',
      metadata: { name: 'default' },
      spec: {
        template: {
          spec: {
            requirements: [{ key: LABEL.capacityType, operator: 'Exists' }],
            nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' },
          },
        },
        limits: { cpu: '10000000', memory: '10000000Gi' },
        ...(opts.disruption ? { disruption: opts.disruption } : {}),
      },
    },
    {
      apiVersion: 'karpenter.k8s.aws/v1',
      kind: 'EC2NodeClass',
      metadata: { name: 'default' },
      spec: {
        role: 'KarpenterNodeRole',
        amiSelectorTerms: [{ alias: 'al2023@latest' }],
        subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'lab' } }],
        securityGroupSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'lab' } }],
      },
    },
  ];
  let i = 0;
  for (const { shape, replicas } of groups.values()) {
    const name = `${shape.group}-${i++}`;
    const labels = { ...shape.labels, 'bench/workload': name };
    docs.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: 'default' },
      spec: {
        replicas,
        selector: { matchLabels: { 'bench/workload': name } },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              {
                name: 'app',
                image: 'pause',
                resources: { requests: { cpu: shape.cpu, memory: shape.memory } },
              },
            ],
            ...shape.extra,
          },
        },
      },
    });
  }
  return docs.map((d) => stringify(d, { lineWidth: 0 })).join('---\n');
}

// `node --import tsx bench/workspace.ts 5000 [until] > ws.yaml` writes one for a manual CLI run.
if (process.argv[1]?.endsWith('workspace.ts')) {
  const n = Number(process.argv[2] ?? 1000);
  process.stdout.write(benchWorkspace(n, { until: process.argv[3] ?? '3m' }));
}
