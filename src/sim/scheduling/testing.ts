// Test builders for the scheduler, shaped after Karpenter's test package (test.Pod, test.NodePool,
// ExpectScheduled …) so upstream cases read the same here. Not used by the engine.
import type {
  Container,
  DaemonSet,
  NodePool,
  NodeSelectorRequirement,
  NodeSelectorRequirementWithMinValues,
  Pod,
  PodAffinityTerm,
  Taint,
  Toleration,
  TopologySpreadConstraint,
  WeightedPodAffinityTerm,
} from '../k8s.ts';
import { LABEL } from '../labels.ts';
import type { Resources } from '../quantity.ts';
import type { InstanceType } from '../catalog/types.ts';
import { defaultFakeInstanceTypes, FAKE_WELL_KNOWN_LABELS } from '../catalog/fake.ts';
import { solve } from './scheduler.ts';
import type { NodeClaimPlan, SolveOptions, SolveResult, StateNode } from './types.ts';

let seq = 0;

export interface PodOptions {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  requests?: Record<string, string>;
  limits?: Record<string, string>;
  initRequests?: Record<string, string>[];
  sidecarRequests?: Record<string, string>[];
  overhead?: Record<string, string>;
  podLevel?: Record<string, string>;
  nodeSelector?: Record<string, string>;
  /** Required node affinity: one array per nodeSelectorTerm. */
  nodeRequirements?: NodeSelectorRequirement[][];
  nodePreferences?: { weight: number; requirements: NodeSelectorRequirement[] }[];
  tolerations?: Toleration[];
  spread?: TopologySpreadConstraint[];
  podAffinity?: PodAffinityTerm[];
  podAffinityPreferred?: WeightedPodAffinityTerm[];
  podAntiAffinity?: PodAffinityTerm[];
  podAntiAffinityPreferred?: WeightedPodAffinityTerm[];
  hostPorts?: number[];
  nodeName?: string;
  phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  ownerKind?: string;
}

export function pod(o: PodOptions = {}): Pod {
  seq++;
  const name = o.name ?? `pod-${String(seq).padStart(5, '0')}`;
  const container: Container = {
    name: 'app',
    resources: {
      ...(o.requests ? { requests: o.requests } : {}),
      ...(o.limits ? { limits: o.limits } : {}),
    },
    ...(o.hostPorts
      ? { ports: o.hostPorts.map((hp) => ({ containerPort: hp, hostPort: hp })) }
      : {}),
  };
  const init: Container[] = [
    ...(o.initRequests ?? []).map((r, i) => ({ name: `init-${i}`, resources: { requests: r } })),
    ...(o.sidecarRequests ?? []).map((r, i) => ({
      name: `sidecar-${i}`,
      restartPolicy: 'Always' as const,
      resources: { requests: r },
    })),
  ];
  const affinity: NonNullable<Pod['spec']['affinity']> = {};
  if (o.nodeRequirements || o.nodePreferences) {
    affinity.nodeAffinity = {
      ...(o.nodeRequirements
        ? {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: o.nodeRequirements.map((m) => ({ matchExpressions: m })),
            },
          }
        : {}),
      ...(o.nodePreferences
        ? {
            preferredDuringSchedulingIgnoredDuringExecution: o.nodePreferences.map((p) => ({
              weight: p.weight,
              preference: { matchExpressions: p.requirements },
            })),
          }
        : {}),
    };
  }
  if (o.podAffinity || o.podAffinityPreferred) {
    affinity.podAffinity = {
      ...(o.podAffinity ? { requiredDuringSchedulingIgnoredDuringExecution: o.podAffinity } : {}),
      ...(o.podAffinityPreferred
        ? { preferredDuringSchedulingIgnoredDuringExecution: o.podAffinityPreferred }
        : {}),
    };
  }
  if (o.podAntiAffinity || o.podAntiAffinityPreferred) {
    affinity.podAntiAffinity = {
      ...(o.podAntiAffinity
        ? { requiredDuringSchedulingIgnoredDuringExecution: o.podAntiAffinity }
        : {}),
      ...(o.podAntiAffinityPreferred
        ? { preferredDuringSchedulingIgnoredDuringExecution: o.podAntiAffinityPreferred }
        : {}),
    };
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: o.namespace ?? 'default',
      uid: `uid-${name}`,
      labels: o.labels ?? {},
      creationTimestamp: new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString(),
      ...(o.ownerKind
        ? {
            ownerReferences: [
              { apiVersion: 'apps/v1', kind: o.ownerKind, name: 'owner', controller: true },
            ],
          }
        : {}),
    },
    spec: {
      containers: [container],
      ...(init.length ? { initContainers: init } : {}),
      ...(o.overhead ? { overhead: o.overhead } : {}),
      ...(o.podLevel ? { resources: { requests: o.podLevel } } : {}),
      ...(o.nodeSelector ? { nodeSelector: o.nodeSelector } : {}),
      ...(Object.keys(affinity).length ? { affinity } : {}),
      ...(o.tolerations ? { tolerations: o.tolerations } : {}),
      ...(o.spread ? { topologySpreadConstraints: o.spread } : {}),
      ...(o.nodeName ? { nodeName: o.nodeName } : {}),
    },
    status: { phase: o.phase ?? 'Pending' },
  };
}

export function pods(n: number, o: PodOptions = {}): Pod[] {
  return Array.from({ length: n }, () => pod(o));
}

export interface NodePoolOptions {
  name?: string;
  weight?: number;
  requirements?: NodeSelectorRequirementWithMinValues[];
  labels?: Record<string, string>;
  taints?: Taint[];
  startupTaints?: Taint[];
  limits?: Record<string, string>;
}

/** The scheduling suite's default pool: capacity-type In [spot, on-demand, reserved]. */
export function nodePool(o: NodePoolOptions = {}): NodePool {
  return {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: { name: o.name ?? 'default' },
    spec: {
      template: {
        metadata: { labels: o.labels ?? {} },
        spec: {
          requirements: o.requirements ?? [
            { key: LABEL.capacityType, operator: 'In', values: ['spot', 'on-demand', 'reserved'] },
          ],
          ...(o.taints ? { taints: o.taints } : {}),
          ...(o.startupTaints ? { startupTaints: o.startupTaints } : {}),
          nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' },
        },
      },
      ...(o.limits ? { limits: o.limits } : {}),
      ...(o.weight !== undefined ? { weight: o.weight } : {}),
    },
  };
}

export function daemonSet(o: PodOptions & { name: string }): DaemonSet {
  const p = pod(o);
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: o.name, namespace: 'default' },
    spec: { template: { metadata: { labels: p.metadata.labels ?? {} }, spec: p.spec } },
  };
}

export function stateNode(
  o: Partial<StateNode> & { name: string; instanceType?: InstanceType; zone?: string },
): StateNode {
  const it = o.instanceType;
  return {
    name: o.name,
    nodePool: 'nodePool' in o ? o.nodePool : 'default',
    labels: {
      [LABEL.hostname]: o.name,
      ...(it ? { [LABEL.instanceType]: it.name } : {}),
      ...(o.zone ? { [LABEL.zone]: o.zone } : {}),
      ...('nodePool' in o && o.nodePool === undefined
        ? {}
        : { [LABEL.nodePool]: o.nodePool ?? 'default' }),
      ...o.labels,
    },
    taints: o.taints ?? [],
    startupTaints: o.startupTaints ?? [],
    allocatable: o.allocatable ?? it?.allocatable ?? {},
    capacity: o.capacity ?? it?.capacity ?? {},
    initialized: o.initialized ?? true,
    markedForDeletion: o.markedForDeletion ?? false,
    pods: o.pods ?? [],
  };
}

export interface SolveWith {
  pods: Pod[];
  pools?: NodePool[];
  types?: InstanceType[] | Map<string, InstanceType[]>;
  nodes?: StateNode[];
  daemonSets?: DaemonSet[];
  usage?: Map<string, Resources>;
  options?: SolveOptions;
}

/** solve() with the fake catalog for every pool and the fake provider's well-known labels. */
export function solveWith(s: SolveWith): SolveResult {
  const pools = s.pools ?? [nodePool()];
  const types = s.types ?? defaultFakeInstanceTypes();
  const instanceTypes =
    types instanceof Map
      ? types
      : new Map(pools.map((p) => [p.metadata.name ?? '', types] as const));
  return solve({
    pods: s.pods,
    nodes: s.nodes ?? [],
    nodePools: pools,
    instanceTypes,
    daemonSets: s.daemonSets ?? [],
    nodePoolUsage: s.usage ?? new Map(),
    options: { wellKnownLabels: FAKE_WELL_KNOWN_LABELS, ...s.options },
  });
}

export type Placement =
  { kind: 'new'; plan: NodeClaimPlan } | { kind: 'existing'; node: string } | undefined;

export function placement(r: SolveResult, p: Pod): Placement {
  const plan = r.newNodeClaims.find((c) => c.pods.some((x) => x.metadata.uid === p.metadata.uid));
  if (plan) return { kind: 'new', plan };
  const e = r.existing.find((n) => n.pods.some((x) => x.metadata.uid === p.metadata.uid));
  return e ? { kind: 'existing', node: e.node } : undefined;
}

/** The plan a pod landed on (ExpectScheduled for a new node); throws when it did not. */
export function planOf(r: SolveResult, p: Pod): NodeClaimPlan {
  const pl = placement(r, p);
  if (pl?.kind !== 'new')
    throw new Error(
      `pod ${p.metadata.name} is not on a new NodeClaim (${r.podErrors.get(p.metadata.uid ?? '')?.message ?? 'no error'})`,
    );
  return pl.plan;
}

/** The type the fake provider would launch: the cheapest option. */
export function launched(plan: NodeClaimPlan): string {
  return plan.instanceTypes[0]?.name ?? '';
}

export function isScheduled(r: SolveResult, p: Pod): boolean {
  return placement(r, p) !== undefined;
}

/** The single value a plan's requirement pins for key, if any. */
export function pinned(plan: NodeClaimPlan, key: string): string | undefined {
  const req = plan.requirements.get(key);
  return !req.complement && req.values.size === 1 ? [...req.values][0] : undefined;
}
