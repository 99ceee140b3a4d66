// Builders for engine tests and benches (convention 11): small objects with the fields a test
// cares about, defaults for the rest.
import type {
  Deployment,
  Node,
  NodePool,
  Pod,
  Provisioner,
  Scenario,
  ScenarioInstanceType,
} from '../k8s.ts';
import type { KubeObject } from '../k8s.ts';
import { catalogFromScenario } from '../catalog/index.ts';
import { noDisruption } from './disruption.ts';
import { Sim } from './runtime.ts';
import { setUpWorkspace } from './setup.ts';
import { emptyState, type NodeRec } from './state.ts';
import { resolveTimings } from './timing.ts';

export function deployment(
  name: string,
  opts: {
    replicas?: number;
    cpu?: string;
    memory?: string;
    image?: string;
    labels?: Record<string, string>;
    spec?: Partial<Pod['spec']>;
    namespace?: string;
  } = {},
): Deployment {
  const labels = opts.labels ?? { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: opts.namespace ?? 'default' },
    spec: {
      replicas: opts.replicas ?? 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name,
              image: opts.image ?? 'public.ecr.aws/eks-distro/kubernetes/pause:3.2',
              resources: {
                requests: { cpu: opts.cpu ?? '1', ...(opts.memory ? { memory: opts.memory } : {}) },
              },
            },
          ],
          ...opts.spec,
        },
      },
    },
  };
}

export function nodePool(
  name: string,
  spec: Partial<NodePool['spec']['template']['spec']> = {},
  extra: Partial<NodePool['spec']> = {},
): NodePool {
  return {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: { name },
    spec: {
      template: {
        spec: {
          nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' },
          ...spec,
        },
      },
      ...extra,
    },
  };
}

export function provisioner(name: string, spec: Provisioner['spec'] = {}): Provisioner {
  return { apiVersion: 'karpenter.sh/v1alpha5', kind: 'Provisioner', metadata: { name }, spec };
}

export function scenario(spec: Scenario['spec']): Scenario {
  return {
    apiVersion: 'lab.karpenter.playground/v1alpha1',
    kind: 'Scenario',
    metadata: { name: 'test' },
    spec,
  };
}

/** A fake instance type for spec.instanceTypes (reference §6.2 shapes). */
export function fakeType(
  name: string,
  cpu: number,
  memoryGi: number,
  opts: {
    pods?: number;
    arch?: string;
    price?: number;
    zones?: string[];
    capacityTypes?: ('spot' | 'on-demand')[];
  } = {},
): ScenarioInstanceType {
  const zones = opts.zones ?? ['test-zone-1', 'test-zone-2', 'test-zone-3'];
  const price = opts.price ?? cpu * 0.05 + memoryGi * 0.005;
  return {
    name,
    cpu: String(cpu),
    memory: `${memoryGi}Gi`,
    pods: opts.pods ?? 110,
    arch: opts.arch ?? 'amd64',
    os: ['linux'],
    offerings: zones.flatMap((zone) =>
      (opts.capacityTypes ?? ['on-demand']).map((capacityType) => ({
        zone,
        capacityType,
        price: capacityType === 'spot' ? price * 0.7 : price,
      })),
    ),
  };
}

export function existingNode(
  name: string,
  labels: Record<string, string>,
  allocatable: Record<string, string> = { cpu: '4', memory: '16Gi', pods: '110' },
): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels },
    status: { capacity: allocatable, allocatable },
  };
}

/**
 * A v1 cluster with Karpenter installed, one 4-CPU fake type, the `default` NodePool and two
 * existing nodes `n1`, `n2` in `test-zone-1`, plus `extra` objects; no disruption. For tests of the
 * runtime's caches, where the cluster only has to be small and known.
 */
export function twoNodeSim(extra: readonly KubeObject[] = []): Sim {
  const catalog = catalogFromScenario([fakeType('m.large', 4, 16)]);
  const sim = new Sim(
    {
      seed: 1,
      timings: resolveTimings().timings,
      region: 'test',
      zones: catalog.zones,
      catalogFor: () => catalog,
      images: {},
      spotStrategy: 'lowest-price',
      featureGates: {},
      maxPods: 100,
      snapshotEvery: 2_000,
      disruption: noDisruption,
      storage: { ebsCsiDriver: true },
    },
    emptyState({ installed: true, version: 'v1', semantics: 'v1' }),
  );
  const zone = { 'topology.kubernetes.io/zone': 'test-zone-1' };
  setUpWorkspace(sim, [
    nodePool('default'),
    existingNode('n1', zone),
    existingNode('n2', zone),
    ...extra,
  ]);
  return sim;
}

/** A Ready node record in zone z1 (2 CPUs, 4 GiB, 10 pods) named `name`; `over` replaces fields. */
export function nodeRecord(name: string, over: Partial<NodeRec> = {}): NodeRec {
  return {
    name,
    labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': 'z1' },
    annotations: {},
    taints: [],
    unschedulable: false,
    capacity: {},
    allocatable: { cpu: 2000, memory: 4 * 2 ** 30, pods: 10 },
    instanceType: 't',
    zone: 'z1',
    capacityType: 'on-demand',
    arch: 'amd64',
    price: 0.1,
    priceIsEstimate: false,
    billedFrom: 0,
    createdAt: 0,
    ready: true,
    ...over,
  };
}
