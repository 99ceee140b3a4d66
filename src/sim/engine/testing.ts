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
