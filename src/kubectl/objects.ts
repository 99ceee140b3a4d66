// The API objects kubectl would fetch, rebuilt from the engine's records: status strings, made-up
// but stable addresses and instance IDs, and full objects for -o yaml / -o json. The engine keeps
// only what the simulation needs; everything invented here is derived from names (never random)
// so the same timeline prints the same text.
import type { NodeClaimRec, NodeRec, PodRec } from '../sim/engine/index.ts';
import type { Deployment, NodePool, Taint } from '../sim/k8s.ts';
import { LABEL } from '../sim/labels.ts';
import { nodePoolNotReady } from '../sim/engine/nodePoolReady.ts';
import { formatQuantity, type Resources } from '../sim/quantity.ts';
import { appliedAt, failedAt, type ConsoleContext } from './context.ts';
import { humanDuration, stableHash, timestamp } from './format.ts';

/** The simulated cluster's node software (EKS-optimised AL2023); a fixed, plausible choice. */
export const NODE_INFO = {
  kubeletVersion: 'v1.32.9-eks-113cf36',
  osImage: 'Amazon Linux 2023.8.20250915',
  kernel: (arch: string): string =>
    `6.1.150-174.273.amzn2023.${arch === 'arm64' ? 'aarch64' : 'x86_64'}`,
  containerRuntime: 'containerd://1.7.27',
};

/** ip-10-0-12-34.ec2.internal → 10.0.12.34 (the AWS private-DNS convention the engine follows). */
export function nodeIP(name: string): string {
  const m = /^ip-(\d+)-(\d+)-(\d+)-(\d+)/.exec(name);
  if (m) return `${m[1]}.${m[2]}.${m[3]}.${m[4]}`;
  const h = stableHash(name);
  return `10.0.${(h >>> 8) % 256}.${1 + (h % 254)}`;
}

/** A pod IP from its node's /24 (VPC CNI hands out addresses from the node's subnet). */
export function podIP(p: PodRec): string {
  if (p.nodeName === undefined) return '<none>';
  const base = nodeIP(p.nodeName).split('.').slice(0, 3).join('.');
  return `${base}.${1 + (stableHash(p.key) % 254)}`;
}

export function instanceID(name: string): string {
  const h1 = stableHash(name).toString(16).padStart(8, '0');
  const h2 = stableHash(`${name}#`).toString(16).padStart(8, '0');
  return `i-0${h1}${h2}`;
}

export function providerID(zone: string, name: string): string {
  return `aws:///${zone}/${instanceID(name)}`;
}

/** Alive at the cursor: nodes that have not terminated yet. */
export function nodeExists(n: NodeRec): boolean {
  return n.terminatedAt === undefined;
}

/** STATUS of `get nodes`: Ready / NotReady, plus SchedulingDisabled when cordoned. */
export function nodeStatus(n: NodeRec): string {
  return `${n.ready ? 'Ready' : 'NotReady'}${n.unschedulable ? ',SchedulingDisabled' : ''}`;
}

export function claimExists(c: NodeClaimRec): boolean {
  return c.phase !== 'Deleted' && c.phase !== 'Failed';
}

/** The NodeClaim's Ready condition: Unknown while launching/registering, True once initialized. */
export function claimReady(c: NodeClaimRec): 'True' | 'False' | 'Unknown' {
  if (c.initializedAt !== undefined) return 'True';
  return c.phase === 'Failed' ? 'False' : 'Unknown';
}

// kubelet's CrashLoopBackOff: 10s, doubling, capped at 5 minutes between restarts.
const BACKOFF_MS = [10_000, 20_000, 40_000, 80_000, 160_000];
const BACKOFF_CAP_MS = 300_000;

function restarts(crashedAt: number, now: number): { count: number; last: number } {
  let count = 0;
  let at = crashedAt;
  for (;;) {
    const next = at + (BACKOFF_MS[count] ?? BACKOFF_CAP_MS);
    if (next > now) return { count, last: at };
    at = next;
    count++;
  }
}

export interface PodView {
  ready: string;
  status: string;
  restarts: string;
}

/** READY, STATUS and RESTARTS the way `kubectl get pods` prints them. */
export function podView(p: PodRec, ctx: ConsoleContext): PodView {
  const total = p.pod.spec.containers.length;
  let status: string;
  let ready = 0;
  let restartText = '0';
  if (p.phase === 'Terminating') status = 'Terminating';
  else if (p.phase === 'Running') {
    status = 'Running';
    ready = total;
  } else if (p.phase === 'Failed') {
    status = p.reason ?? 'Error';
    const crashed = failedAt(ctx, p.key);
    if (p.reason === 'CrashLoopBackOff' && crashed !== undefined) {
      const r = restarts(crashed, ctx.t);
      restartText = r.count === 0 ? '0' : `${r.count} (${humanDuration(ctx.t - r.last)} ago)`;
    }
  } else status = p.nodeName === undefined ? 'Pending' : 'ContainerCreating';
  return { ready: `${ready}/${total}`, status, restarts: restartText };
}

export function quantities(r: Resources): Record<string, string> {
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, formatQuantity(k, v)]));
}

function taintList(taints: readonly Taint[]): Taint[] | undefined {
  return taints.length === 0 ? undefined : [...taints];
}

/** Drop undefined fields so YAML/JSON output has no `key: null` noise. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function nodeObject(n: NodeRec): object {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: compact({
      name: n.name,
      labels: n.labels,
      annotations: Object.keys(n.annotations).length === 0 ? undefined : n.annotations,
      creationTimestamp: timestamp(n.createdAt),
    }),
    spec: compact({
      providerID: providerID(n.zone, n.nodeClaim ?? n.name),
      taints: taintList(n.taints),
      unschedulable: n.unschedulable ? true : undefined,
    }),
    status: {
      addresses: [
        { address: nodeIP(n.name), type: 'InternalIP' },
        { address: n.name, type: 'Hostname' },
      ],
      allocatable: quantities(n.allocatable),
      capacity: quantities(n.capacity),
      conditions: [
        {
          type: 'Ready',
          status: n.ready ? 'True' : 'False',
          reason: n.ready ? 'KubeletReady' : 'KubeletNotReady',
        },
      ],
      nodeInfo: {
        architecture: n.arch,
        containerRuntimeVersion: NODE_INFO.containerRuntime,
        kernelVersion: NODE_INFO.kernel(n.arch),
        kubeletVersion: NODE_INFO.kubeletVersion,
        operatingSystem: 'linux',
        osImage: NODE_INFO.osImage,
      },
    },
  };
}

/** status.phase as the API server has it (terminating and crash-looping pods are still Running). */
export function podPhase(p: PodRec): string {
  return p.phase === 'Terminating' || (p.phase === 'Failed' && p.reason === 'CrashLoopBackOff')
    ? 'Running'
    : p.phase;
}

export function podObject(p: PodRec, ctx: ConsoleContext): object {
  const conditions = [
    {
      type: 'PodScheduled',
      status: p.nodeName === undefined ? 'False' : 'True',
      ...(p.nodeName === undefined && p.reason
        ? { reason: p.reason, message: p.message ?? '' }
        : {}),
    },
    ...(p.nodeName === undefined
      ? []
      : [{ type: 'Ready', status: p.phase === 'Running' ? 'True' : 'False' }]),
  ];
  const phase = podPhase(p);
  return {
    ...p.pod,
    metadata: compact({
      ...p.pod.metadata,
      deletionTimestamp: p.phase === 'Terminating' ? timestamp(ctx.t) : undefined,
    }),
    spec: compact({ ...p.pod.spec, nodeName: p.nodeName }),
    status: compact({
      phase,
      conditions,
      hostIP: p.nodeName === undefined ? undefined : nodeIP(p.nodeName),
      podIP: p.nodeName === undefined ? undefined : podIP(p),
      startTime: p.boundAt === undefined ? undefined : timestamp(p.boundAt),
    }),
  };
}

function condition(type: string, at: number | undefined, pendingReason: string): object {
  return at === undefined
    ? { type, status: 'Unknown', reason: pendingReason }
    : { type, status: 'True', reason: type, lastTransitionTime: timestamp(at) };
}

export function nodeClaimObject(c: NodeClaimRec, ctx: ConsoleContext): object {
  const pool = ctx.state.nodePools.get(c.nodePool);
  const l = c.launch;
  return {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodeClaim',
    metadata: compact({
      name: c.name,
      labels: {
        ...c.labels,
        [LABEL.nodePool]: c.nodePool,
        ...(l
          ? {
              [LABEL.instanceType]: l.instanceType,
              [LABEL.zone]: l.zone,
              [LABEL.capacityType]: l.capacityType,
            }
          : {}),
      },
      creationTimestamp: timestamp(c.createdAt),
      deletionTimestamp: c.deletingAt === undefined ? undefined : timestamp(c.deletingAt),
      finalizers: ['karpenter.sh/termination'],
      ownerReferences: [
        {
          apiVersion: 'karpenter.sh/v1',
          kind: 'NodePool',
          name: c.nodePool,
          blockOwnerDeletion: true,
        },
      ],
    }),
    spec: compact({
      nodeClassRef: pool?.spec.template.spec.nodeClassRef,
      requirements: c.requirements,
      resources: { requests: quantities(c.requests) },
      taints: taintList(c.taints),
      startupTaints: taintList(c.startupTaints),
      expireAfter: pool?.spec.template.spec.expireAfter,
    }),
    status: compact({
      providerID: l ? providerID(l.zone, c.name) : undefined,
      nodeName: c.nodeName,
      conditions: [
        condition('Launched', c.launchedAt, 'AwaitingReconciliation'),
        condition('Registered', c.registeredAt, 'AwaitingReconciliation'),
        condition('Initialized', c.initializedAt, 'AwaitingReconciliation'),
        condition('Ready', c.initializedAt, 'UnhealthyDependents'),
      ],
    }),
  };
}

/** Nodes a pool currently has (status.resources.nodes of the v1 NodePool). */
export function poolNodes(ctx: ConsoleContext, pool: string): NodeRec[] {
  return [...ctx.state.nodes.values()].filter((n) => n.nodePool === pool && nodeExists(n));
}

export function nodePoolObject(np: NodePool, ctx: ConsoleContext): object {
  const name = np.metadata.name ?? '';
  const nodes = poolNodes(ctx, name);
  const totals: Record<string, number> = {};
  for (const n of nodes)
    for (const [k, v] of Object.entries(n.capacity)) totals[k] = (totals[k] ?? 0) + v;
  return {
    ...np,
    metadata: { ...np.metadata, creationTimestamp: timestamp(appliedAt(ctx, np)) },
    status: {
      nodes: nodes.length,
      resources: { ...quantities(totals), nodes: String(nodes.length) },
      // nodepool/readiness/controller.go: a missing class is NodeClassNotFound, and the root
      // Ready condition follows its dependent.
      conditions: nodePoolNotReady(ctx.state, np)
        ? [
            {
              type: 'NodeClassReady',
              status: 'False',
              reason: 'NodeClassNotFound',
              message: 'NodeClass not found on cluster',
            },
            {
              type: 'Ready',
              status: 'False',
              reason: 'UnhealthyDependents',
              message: 'NodeClassReady=False',
            },
          ]
        : [{ type: 'Ready', status: 'True', reason: 'Ready' }],
    },
  };
}

export function ownedPods(ctx: ConsoleContext, d: Deployment): PodRec[] {
  const key = `${d.kind}/${d.metadata.namespace ?? 'default'}/${d.metadata.name ?? ''}`;
  return [...ctx.state.pods.values()].filter((p) => p.owner === key);
}

export function deploymentObject(d: Deployment, ctx: ConsoleContext): object {
  const pods = ownedPods(ctx, d);
  const ready = pods.filter((p) => p.phase === 'Running').length;
  return {
    ...d,
    metadata: { ...d.metadata, creationTimestamp: timestamp(appliedAt(ctx, d)) },
    status: compact({
      replicas: pods.length,
      updatedReplicas: pods.length,
      readyReplicas: ready === 0 ? undefined : ready,
      availableReplicas: ready === 0 ? undefined : ready,
      unavailableReplicas: pods.length - ready === 0 ? undefined : pods.length - ready,
    }),
  };
}
