// Kubernetes events as the API server holds them: the timeline's raw KubeEvents, aggregated the
// way client-go's event recorder does (one Event per involved object + source + type + reason +
// message, with a count and first/last timestamps), each with the component that reports it.
// `get events`, `kubectl events` and describe's Events table all read these groups, so repeats
// print as "(x4 over 2m)" wherever kubectl prints them, whatever the engine emitted.
import { own } from '../sim/own.ts';
import { countAtOrBefore } from '../sim/sorted.ts';
import type { KubeEvent, Timeline } from '../sim/engine/index.ts';
import { derive, newDeriveState, type SourcedEvent } from './derivedEvents.ts';
import { humanDuration, stableHash, timestamp } from './format.ts';

/** One aggregated Event object. */
export interface EventGroup {
  type: KubeEvent['type'];
  reason: string;
  message: string;
  /** The reporting component (Event.source.component). */
  source: string;
  kind: string;
  apiVersion: string;
  name: string;
  /** The object's namespace ('' for cluster-scoped objects). */
  objectNamespace: string;
  /** The Event's own namespace (cluster-scoped objects' events are recorded in default). */
  namespace: string;
  /** Every time it happened, ascending. */
  times: number[];
  /** The engine's object reference ("pod/default/web-1"), what describe matches on. */
  ref: string;
  /** The Event object's name: "<object>.<hex of the first time>", as client-go names them. */
  eventName: string;
}

/** The part of an EventGroup visible at one moment. */
export interface EventView extends EventGroup {
  count: number;
  first: number;
  last: number;
}

const EBS_PROVISIONER =
  'ebs.csi.aws.com_ebs-csi-controller-7f9c8d6b5-x2k9q_6b1f3c2e-4d5a-4e8b-9c7d-2a1b3c4d5e6f';

// Who reports what, as in real clusters. Karpenter reports everything else it emits ("karpenter").
const SOURCES: Readonly<Record<string, string>> = {
  Scheduled: 'default-scheduler',
  FailedScheduling: 'default-scheduler',
  Preempted: 'default-scheduler',
  NodeReady: 'kubelet',
  NodeNotReady: 'kubelet',
  NodeSchedulable: 'kubelet',
  NodeNotSchedulable: 'kubelet',
  Started: 'kubelet',
  BackOff: 'kubelet',
  TriggeredScaleUp: 'cluster-autoscaler',
  NotTriggerScaleUp: 'cluster-autoscaler',
  ScaledUpGroup: 'cluster-autoscaler',
  ScaleDown: 'cluster-autoscaler',
  ScaleDownEmpty: 'cluster-autoscaler',
  // Storage: the PV controller, the EBS CSI driver's external-provisioner (its identity is
  // "<driver>_<controller pod>_<uuid>"; made up but stable here) and the attach/detach controller.
  WaitForFirstConsumer: 'persistentvolume-controller',
  ExternalProvisioning: 'persistentvolume-controller',
  FailedBinding: 'persistentvolume-controller',
  Provisioning: EBS_PROVISIONER,
  ProvisioningSucceeded: EBS_PROVISIONER,
  ProvisioningFailed: EBS_PROVISIONER,
  SuccessfulAttachVolume: 'attachdetach-controller',
  FailedAttachVolume: 'attachdetach-controller',
  // The lab's own notices (not events a real cluster would have).
  ActionFailed: 'karpenter-lab',
  TooManyPods: 'karpenter-lab',
  SpotInterruptionModelled: 'karpenter-lab',
};

export function eventSource(e: Pick<KubeEvent, 'reason' | 'message'>): string {
  // Karpenter also reports FailedScheduling on pods it cannot place ("Failed to schedule pod, …");
  // kube-scheduler's says "0/3 nodes are available: …".
  if (e.reason === 'FailedScheduling' && e.message.startsWith('Failed to schedule pod'))
    return 'karpenter';
  return own(SOURCES, e.reason) ?? 'karpenter';
}

const KINDS: Readonly<Record<string, { kind: string; apiVersion: string; namespaced: boolean }>> = {
  pod: { kind: 'Pod', apiVersion: 'v1', namespaced: true },
  node: { kind: 'Node', apiVersion: 'v1', namespaced: false },
  deployment: { kind: 'Deployment', apiVersion: 'apps/v1', namespaced: true },
  replicaset: { kind: 'ReplicaSet', apiVersion: 'apps/v1', namespaced: true },
  statefulset: { kind: 'StatefulSet', apiVersion: 'apps/v1', namespaced: true },
  daemonset: { kind: 'DaemonSet', apiVersion: 'apps/v1', namespaced: true },
  nodeclaim: { kind: 'NodeClaim', apiVersion: 'karpenter.sh/v1', namespaced: false },
  machine: { kind: 'Machine', apiVersion: 'karpenter.sh/v1alpha5', namespaced: false },
  nodepool: { kind: 'NodePool', apiVersion: 'karpenter.sh/v1', namespaced: false },
  persistentvolumeclaim: { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespaced: true },
  persistentvolume: { kind: 'PersistentVolume', apiVersion: 'v1', namespaced: false },
  storageclass: { kind: 'StorageClass', apiVersion: 'storage.k8s.io/v1', namespaced: false },
  scenario: {
    kind: 'Scenario',
    apiVersion: 'lab.karpenter.playground/v1alpha1',
    namespaced: false,
  },
};

/** "pod/default/web-1" → kind, name and namespaces. */
function involved(
  ref: string,
): Pick<EventGroup, 'kind' | 'apiVersion' | 'name' | 'objectNamespace' | 'namespace'> {
  const parts = ref.split('/');
  const word = parts[0] ?? '';
  const k = own(KINDS, word) ?? { kind: word, apiVersion: 'v1', namespaced: parts.length === 3 };
  const name = parts[parts.length - 1] ?? '';
  const ns = k.namespaced ? (parts.length === 3 ? (parts[1] ?? 'default') : 'default') : '';
  return {
    kind: k.kind,
    apiVersion: k.apiVersion,
    name,
    objectNamespace: ns,
    namespace: ns || 'default',
  };
}

interface Groups {
  all: EventGroup[];
  /** By the engine's object reference, for describe's per-object Events table. */
  byRef: Map<string, EventGroup[]>;
}

const cache = new WeakMap<Timeline, Groups>();

/** Every aggregated Event of the whole timeline, in order of first occurrence. */
function groupsOf(timeline: Timeline): Groups {
  const hit = cache.get(timeline);
  if (hit) return hit;
  const byKey = new Map<string, EventGroup>();
  const facts = newDeriveState();
  const add = (e: SourcedEvent): void => {
    const source = e.source ?? eventSource(e);
    const key = [e.object, source, e.type, e.reason, e.message].join('\u0000');
    const g = byKey.get(key);
    if (g) g.times.push(e.time);
    else {
      const obj = involved(e.object);
      byKey.set(key, {
        type: e.type,
        reason: e.reason,
        message: e.message,
        source,
        ...obj,
        times: [e.time],
        ref: e.object,
        eventName: `${obj.name}.${eventSuffix(e, e.time)}`,
      });
    }
  };
  for (const ev of timeline.events) {
    if (ev.type === 'k8s') add(ev.event);
    for (const e of derive(ev, facts)) add(e);
  }
  const all = [...byKey.values()];
  const byRef = new Map<string, EventGroup[]>();
  for (const g of all) byRef.set(g.ref, [...(byRef.get(g.ref) ?? []), g]);
  const groups = { all, byRef };
  cache.set(timeline, groups);
  return groups;
}

function countUpTo(times: readonly number[], t: number): number {
  return countAtOrBefore(times, t, (x) => x);
}

/** The Events that exist at t (about `ref` only, if given), with counts and timestamps as of then, in first-seen order. */
export function eventsAt(timeline: Timeline, t: number, ref?: string): EventView[] {
  const out: EventView[] = [];
  const { all, byRef } = groupsOf(timeline);
  for (const g of ref === undefined ? all : (byRef.get(ref) ?? [])) {
    const count = countUpTo(g.times, t);
    if (count === 0) continue;
    const first = g.times[0] ?? 0;
    out.push({
      ...g,
      count,
      first,
      last: g.times[count - 1] ?? first,
    });
  }
  return out;
}

/** client-go names an Event "<object>.<UnixNano of its first time, in hex>"; made stable here. */
function eventSuffix(g: Pick<KubeEvent, 'reason' | 'message'>, first: number): string {
  const nanos =
    BigInt(Date.UTC(2025, 0, 1) + first) * 1_000_000n +
    BigInt(stableHash(g.reason + g.message) % 1_000_000);
  return nanos.toString(16);
}

/** "pod/web-1" (get events: the kind in lower case) or "Pod/web-1" (kubectl events). */
export function objectColumn(e: EventGroup, lowerCase: boolean): string {
  return `${lowerCase ? e.kind.toLowerCase() : e.kind}/${e.name}`;
}

/** The selectable fields of an Event (`--field-selector`). */
export function eventFields(e: EventView): Record<string, string> {
  return {
    'involvedObject.kind': e.kind,
    'involvedObject.name': e.name,
    'involvedObject.namespace': e.objectNamespace,
    'involvedObject.apiVersion': e.apiVersion,
    'involvedObject.fieldPath': '',
    reason: e.reason,
    reportingComponent: e.source,
    source: e.source,
    type: e.type,
  };
}

/** "2m (x4 over 5m)" for repeats, else the age of the only occurrence (describe, kubectl events). */
export function interval(now: number, e: EventView): string {
  const since = (t: number): string => humanDuration(now - t);
  return e.count > 1 ? `${since(e.last)} (x${e.count} over ${since(e.first)})` : since(e.first);
}

/** The v1 Event object (-o yaml / -o json). */
export function eventObject(e: EventView): object {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: e.eventName, namespace: e.namespace, creationTimestamp: timestamp(e.first) },
    involvedObject: {
      apiVersion: e.apiVersion,
      kind: e.kind,
      name: e.name,
      ...(e.objectNamespace === '' ? {} : { namespace: e.objectNamespace }),
    },
    type: e.type,
    reason: e.reason,
    message: e.message,
    source: { component: e.source },
    reportingComponent: e.source,
    firstTimestamp: timestamp(e.first),
    lastTimestamp: timestamp(e.last),
    count: e.count,
  };
}
