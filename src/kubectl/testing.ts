// Fixtures for the console's specs: tiny workspaces simulated by the real engine, so the printed
// text comes from real timelines. Named after what they show.
import { applyInPlace, cloneState, emptyState, simulate, stateAt } from '../sim/engine/index.ts';
import type {
  ClusterState,
  NodeClaimRec,
  NodeRec,
  PodRec,
  SimEvent,
  TimedAction,
  Timeline,
} from '../sim/engine/index.ts';
import { LABEL } from '../sim/labels.ts';
import { GiB } from '../sim/quantity.ts';
import { deployment, fakeType, nodePool, scenario } from '../sim/engine/testing.ts';
import type { KubeObject, Scenario } from '../sim/k8s.ts';
import type { ConsoleContext } from './context.ts';

type KarpenterState = ClusterState['karpenter'];

export const SMALL = fakeType('small', 2, 4, { price: 0.1 });
export const LARGE = fakeType('large', 8, 32, { price: 0.4 });

export function lab(spec: Scenario['spec'], ...objects: KubeObject[]): KubeObject[] {
  return [scenario({ instanceTypes: [SMALL, LARGE], ...spec }), ...objects];
}

export function run(objects: KubeObject[], actions: TimedAction[] = []): Timeline {
  return simulate({ objects, actions });
}

export function at(timeline: Timeline, t: number): ConsoleContext {
  return { timeline, t, state: stateAt(timeline, t) };
}

/** One NodePool and a Deployment of three 1-CPU pods: Karpenter launches one node for them. */
export function scaleUpLab(): Timeline {
  return run(lab({}, nodePool('default'), deployment('inflate', { replicas: 3 })));
}

/** The same workload, but Karpenter is not installed: the pods stay Pending. */
export function noKarpenterLab(): Timeline {
  return run(
    lab(
      { karpenter: { installed: false } },
      nodePool('default'),
      deployment('inflate', { replicas: 3 }),
    ),
  );
}

/** The first time an event of this type happens. */
export function timeOf(timeline: Timeline, type: Timeline['events'][number]['type']): number {
  const e = timeline.events.find((x) => x.type === type);
  if (!e) throw new Error(`no ${type} event in the timeline`);
  return e.t;
}

// ---------- hand-built clusters: fixed names, so golden outputs stay small and exact ----------

export function timelineOf(events: SimEvent[], karpenter: Partial<KarpenterState> = {}): Timeline {
  const k: KarpenterState = { installed: true, version: 'v1', semantics: 'v1', ...karpenter };
  const initial = emptyState(k);
  const final = cloneState(initial);
  for (const e of events) applyInPlace(final, e);
  return {
    seed: 1,
    karpenterVersion: k.version,
    semantics: k.semantics,
    end: events[events.length - 1]?.t ?? 0,
    stoppedBy: 'quiet',
    initial,
    events,
    snapshots: [],
    final,
    catalogSource: 'test',
    assumptions: [],
    warnings: [],
  };
}

export function nodeRec(name: string, over: Partial<NodeRec> = {}): NodeRec {
  return {
    name,
    labels: {
      [LABEL.hostname]: name,
      [LABEL.instanceType]: 'm5.large',
      [LABEL.capacityType]: 'on-demand',
      [LABEL.zone]: 'us-east-1a',
    },
    annotations: {},
    taints: [],
    unschedulable: false,
    capacity: { cpu: 2000, memory: 8 * GiB, pods: 29 },
    allocatable: { cpu: 1930, memory: 7 * GiB, pods: 29 },
    instanceType: 'm5.large',
    zone: 'us-east-1a',
    capacityType: 'on-demand',
    arch: 'amd64',
    price: 0.096,
    priceIsEstimate: false,
    billedFrom: 0,
    createdAt: 0,
    ready: false,
    ...over,
  };
}

export function podRec(
  name: string,
  opts: {
    namespace?: string;
    labels?: Record<string, string>;
    cpu?: string;
    createdAt?: number;
    owner?: string;
    daemonSet?: boolean;
  } = {},
): PodRec {
  const namespace = opts.namespace ?? 'default';
  return {
    key: `${namespace}/${name}`,
    uid: `uid-${name}`,
    pod: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace, labels: opts.labels ?? { app: name.split('-')[0] ?? name } },
      spec: {
        containers: [
          { name: 'app', image: 'nginx', resources: { requests: { cpu: opts.cpu ?? '500m' } } },
        ],
      },
    },
    ...(opts.owner === undefined ? {} : { owner: opts.owner }),
    ...(opts.daemonSet ? { daemonSet: true } : {}),
    phase: 'Pending',
    createdAt: opts.createdAt ?? 0,
    requests: { cpu: 500 },
  };
}

export function claimRec(name: string, nodePool = 'default', createdAt = 0): NodeClaimRec {
  return {
    name,
    nodePool,
    phase: 'Pending',
    createdAt,
    requirements: [{ key: LABEL.instanceType, operator: 'In', values: ['m5.large', 'c5.large'] }],
    instanceTypes: ['m5.large', 'c5.large'],
    requests: { cpu: 500, pods: 1 },
    labels: {},
    taints: [],
    startupTaints: [],
    plannedPods: ['default/web-1'],
    funnel: [{ stage: 'catalog', count: 2 }] as NodeClaimRec['funnel'],
  };
}

export const LAUNCH = {
  instanceType: 'm5.large',
  zone: 'us-east-1a',
  capacityType: 'on-demand',
  price: 0.096,
  priceIsEstimate: false,
  filtered: [],
};

export const WEB_NODE = 'ip-10-0-1-23.ec2.internal';

export const k8s = (
  t: number,
  type: 'Normal' | 'Warning',
  reason: string,
  object: string,
  message: string,
): SimEvent => ({
  t,
  type: 'k8s',
  event: { time: t, type, reason, object, message },
});

/**
 * A pending pod web-1 makes Karpenter create NodeClaim default-abcde at 1s; the instance launches
 * at 3s, the node registers at 30s, is Ready at 45s, and web-1 runs on it from 47s.
 */
export function oneNodeForWeb(
  extra: SimEvent[] = [],
  karpenter: Partial<KarpenterState> = {},
): Timeline {
  const web = podRec('web-1', { labels: { app: 'web' } });
  const node = nodeRec(WEB_NODE, {
    nodeClaim: 'default-abcde',
    nodePool: 'default',
    createdAt: 30_000,
    billedFrom: 3_000,
    labels: { ...nodeRec(WEB_NODE).labels, [LABEL.nodePool]: 'default' },
  });
  const events: SimEvent[] = [
    { t: 0, type: 'object.applied', object: nodePool('default') },
    { t: 0, type: 'pod.created', pod: web },
    {
      t: 0,
      type: 'pod.unschedulable',
      pod: web.key,
      reason: 'Unschedulable',
      message: 'no nodes available to schedule pods',
    },
    k8s(
      0,
      'Warning',
      'FailedScheduling',
      'pod/default/web-1',
      'no nodes available to schedule pods',
    ),
    { t: 1_000, type: 'nodeclaim.created', nodeClaim: claimRec('default-abcde', 'default', 1_000) },
    k8s(
      1_000,
      'Normal',
      'Nominated',
      'pod/default/web-1',
      'Pod should schedule on: nodeclaim/default-abcde',
    ),
    { t: 3_000, type: 'nodeclaim.launched', nodeClaim: 'default-abcde', launch: LAUNCH },
    k8s(
      3_000,
      'Normal',
      'Launched',
      'nodeclaim/default-abcde',
      'Launched m5.large (on-demand) in us-east-1a at $0.0960/h',
    ),
    { t: 30_000, type: 'node.registered', node },
    { t: 45_000, type: 'node.ready', node: WEB_NODE, nodeClaim: 'default-abcde' },
    k8s(
      45_000,
      'Normal',
      'NodeReady',
      `node/${WEB_NODE}`,
      `Node ${WEB_NODE} status is now: NodeReady`,
    ),
    { t: 45_000, type: 'pod.bound', pod: web.key, node: WEB_NODE },
    k8s(
      45_000,
      'Normal',
      'Scheduled',
      'pod/default/web-1',
      `Successfully assigned default/web-1 to ${WEB_NODE}`,
    ),
    { t: 47_000, type: 'pod.running', pod: web.key },
    ...extra,
  ];
  return timelineOf(events, karpenter);
}
