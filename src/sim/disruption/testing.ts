// Builders for disruption tests and the bench: a lab run with the Karpenter disruption controller,
// a small on-demand catalog with clear price steps, and readers for what a test asserts on.
import type {
  Deployment,
  KubeObject,
  NodePool,
  Pod,
  PodDisruptionBudget,
  Scenario,
  ScenarioInstanceType,
} from '../k8s.ts';
import { simulate, type SimulationInput } from '../engine/simulate.ts';
import { deployment, fakeType, nodePool, scenario } from '../engine/testing.ts';
import type { SimEvent } from '../engine/events.ts';
import type { Timeline } from '../engine/timeline.ts';
import type { ClusterState, NodeClaimRec, NodeRec, PodRec } from '../engine/state.ts';
import type { DisruptionContext } from '../engine/disruption.ts';
import { readOnly } from './explain.ts';
import type { TimedAction } from '../engine/actions.ts';
import { karpenterDisruption, type KarpenterDisruption } from './controller.ts';

/** 2, 4, 8 and 16 vCPU types at $0.10 per vCPU-hour; three zones, on-demand (and spot when asked). */
export function sizedTypes(
  capacityTypes: ('spot' | 'on-demand')[] = ['on-demand'],
): ScenarioInstanceType[] {
  return [2, 4, 8, 16].map((cpu) =>
    fakeType(`c-${cpu}x`, cpu, cpu * 4, { price: cpu * 0.1, capacityTypes }),
  );
}

/** A v1 NodePool consolidating right away with a 100% budget (the upstream consolidation tests' pool). */
export function eagerPool(
  name = 'default',
  disruption: NonNullable<NodePool['spec']['disruption']> = {},
  template: Partial<NodePool['spec']['template']['spec']> = {},
): NodePool {
  return nodePool(name, template, {
    disruption: {
      consolidationPolicy: 'WhenEmptyOrUnderutilized',
      consolidateAfter: '0s',
      budgets: [{ nodes: '100%' }],
      ...disruption,
    },
  });
}

export function pdb(
  name: string,
  app: string,
  spec: Partial<PodDisruptionBudget['spec']>,
): PodDisruptionBudget {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, namespace: 'default' },
    spec: { selector: { matchLabels: { app } }, ...spec },
  };
}

export interface LabRun {
  timeline: Timeline;
  controller: KarpenterDisruption;
}

/** simulate() with karpenterDisruption() and a Scenario (sized on-demand types unless given). */
export function runLab(
  spec: Scenario['spec'],
  objects: KubeObject[],
  extra: Partial<SimulationInput> = {},
): LabRun {
  const controller = karpenterDisruption();
  const timeline = simulate({
    objects: [scenario({ instanceTypes: sizedTypes(), ...spec }), ...objects],
    disruption: controller,
    ...extra,
  });
  return { timeline, controller };
}

/**
 * Three full 2x nodes (4 × 0.5 vCPU each, deployments a, b, c scaled up at 0, 2 and 4 min), then
 * every deployment down to one pod at 6 min: multi-node consolidation's case.
 */
export function threeNodesToOnePodEach(spec: Scenario['spec'] = {}): LabRun {
  return runLab(
    {
      until: '30m',
      actions: [
        scaleTo('b', 4, '2m'),
        scaleTo('c', 4, '4m'),
        scaleTo('a', 1, '6m'),
        scaleTo('b', 1, '6m'),
        scaleTo('c', 1, '6m'),
      ],
      ...spec,
    },
    [
      eagerPool(),
      deployment('a', { replicas: 4, cpu: '500m' }),
      deployment('b', { replicas: 0, cpu: '500m' }),
      deployment('c', { replicas: 0, cpu: '500m' }),
    ],
  );
}

export function k8sEvents(
  tl: Timeline,
  reason?: string,
): { t: number; reason: string; object: string; message: string }[] {
  return tl.events.flatMap((e) =>
    e.type === 'k8s' && (reason === undefined || e.event.reason === reason)
      ? [{ t: e.t, reason: e.event.reason, object: e.event.object, message: e.event.message }]
      : [],
  );
}

export function eventsOf<T extends SimEvent['type']>(
  tl: Timeline,
  type: T,
): Extract<SimEvent, { type: T }>[] {
  return tl.events.filter((e): e is Extract<SimEvent, { type: T }> => e.type === type);
}

/** Live (not terminated) nodes of the final state. */
export function liveNodes(tl: Timeline): string[] {
  return [...tl.final.nodes.values()]
    .filter((n) => n.terminatedAt === undefined)
    .map((n) => n.name);
}

/** A timed `kubectl apply` of an object (SimulationInput.actions). */
export function applyAt(at: number, object: KubeObject): TimedAction {
  return {
    at,
    action: { kind: 'applyObject', object },
    source: `kubectl apply ${object.kind}/${object.metadata.name ?? ''}`,
  };
}

export const scaleTo = (
  name: string,
  replicas: number,
  at: string,
): { at: string; run: string } => ({
  at,
  run: `kubectl scale deployment ${name} --replicas=${replicas}`,
});

/** The deployment's pods carry these annotations (do-not-disrupt, deletion cost…). */
export function withPodAnnotations(d: Deployment, annotations: Record<string, string>): Deployment {
  const meta = d.spec.template.metadata ?? {};
  return {
    ...d,
    spec: {
      ...d.spec,
      template: {
        ...d.spec.template,
        metadata: { ...meta, annotations: { ...meta.annotations, ...annotations } },
      },
    },
  };
}

/** One pod per node: required anti-affinity on the hostname against its own app label. */
export function onePerNode(d: Deployment): Deployment {
  const app = d.spec.template.metadata?.labels?.app ?? '';
  const affinity = {
    podAntiAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [
        { labelSelector: { matchLabels: { app } }, topologyKey: 'kubernetes.io/hostname' },
      ],
    },
  };
  return {
    ...d,
    spec: {
      ...d.spec,
      template: { ...d.spec.template, spec: { ...d.spec.template.spec, affinity } },
    },
  };
}

/** The largest number of the pool's nodes being deleted (deleting, not yet terminated) at any moment. */
export function maxConcurrentDeleting(tl: Timeline): number {
  const deleting = new Set<string>();
  let max = 0;
  for (const e of tl.events) {
    if (e.type === 'nodeclaim.deleting') deleting.add(e.nodeClaim);
    if (e.type === 'nodeclaim.deleted') deleting.delete(e.nodeClaim);
    max = Math.max(max, deleting.size);
  }
  return max;
}

/** A pod record as the engine stores it (for tests that build a ClusterState by hand). */
export function podRec(
  name: string,
  o: {
    node?: string;
    annotations?: Record<string, string>;
    priority?: number;
    daemonSet?: boolean;
    phase?: PodRec['phase'];
    startedAt?: number;
    nominatedTo?: string;
    labels?: Record<string, string>;
  } = {},
): PodRec {
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: name,
      labels: o.labels ?? { app: name },
      ...(o.annotations ? { annotations: o.annotations } : {}),
    },
    spec: {
      containers: [{ name: 'c' }],
      ...(o.priority === undefined ? {} : { priority: o.priority }),
    },
  };
  return {
    key: `default/${name}`,
    uid: name,
    pod,
    phase: o.phase ?? 'Running',
    createdAt: 0,
    requests: {},
    ...(o.node === undefined ? {} : { nodeName: o.node, boundAt: 0 }),
    ...(o.daemonSet ? { daemonSet: true } : {}),
    ...(o.startedAt === undefined ? {} : { startedAt: o.startedAt }),
    ...(o.nominatedTo === undefined ? {} : { nominatedTo: o.nominatedTo }),
  };
}

/**
 * A NodeClaim record as the engine stores it: in pool "default", initialized at 0, no options or
 * pods of its own (for tests that build a ClusterState by hand).
 */
export function claimRecord(name: string, over: Partial<NodeClaimRec> = {}): NodeClaimRec {
  return {
    name,
    nodePool: 'default',
    phase: 'Initialized',
    createdAt: 0,
    initializedAt: 0,
    requirements: [],
    instanceTypes: [],
    requests: {},
    labels: {},
    taints: [],
    startupTaints: [],
    plannedPods: [],
    funnel: [],
    ...over,
  };
}

/** A Ready on-demand node record in pool "default" at $1/h, type "t" in zone "z", labelled with
 *  its pool as Karpenter's nodes are (without one it is no candidate). */
export function nodeRecord(name: string, over: Partial<NodeRec> = {}): NodeRec {
  const pool = 'nodePool' in over ? over.nodePool : 'default';
  return {
    name,
    nodePool: 'default',
    labels: pool === undefined ? {} : { 'karpenter.sh/nodepool': pool },
    annotations: {},
    taints: [],
    unschedulable: false,
    capacity: {},
    allocatable: {},
    instanceType: 't',
    zone: 'z',
    capacityType: 'on-demand',
    arch: 'amd64',
    price: 1,
    priceIsEstimate: false,
    billedFrom: 0,
    createdAt: 0,
    ready: true,
    ...over,
  };
}

/** A context that reads `state` and dry-runs with `simulate`; acting through it throws (unit tests). */
export function stubContext(
  state: ClusterState,
  simulate: DisruptionContext['simulate'],
): DisruptionContext {
  return { ...readOnly(state, 0), simulate };
}
