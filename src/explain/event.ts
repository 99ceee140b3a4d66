// explainEvent: one timeline event in a sentence, plus what it changed — the state just before and
// just after, compared record by record (records are immutable, so unchanged ones are the same object).
import {
  apply,
  stateAfter,
  type ClusterState,
  type SimEvent,
  type Timeline,
} from '../sim/engine/index.ts';
import { claimRef, clock, list, plural, podRequests, price } from './format.ts';
import type { EventExplanation, FieldChange, ObjectChange } from './types.ts';
import { exceededMessage } from '../sim/scheduling/limits.ts';

function sentence(e: SimEvent, before: ClusterState): string {
  const claim = (name: string): string => claimRef(before.karpenter.semantics, name);
  switch (e.type) {
    case 'karpenter.changed':
      return e.karpenter.installed
        ? `Karpenter ${e.karpenter.version} is installed (${e.karpenter.semantics} semantics).`
        : 'Karpenter is not installed: nothing will create nodes for pending pods.';
    case 'object.applied':
      return `Applied ${e.object.kind} ${e.object.metadata.namespace ? `${e.object.metadata.namespace}/` : ''}${e.object.metadata.name ?? ''}.`;
    case 'object.deleted':
      return `Deleted ${e.kind} ${e.key}.`;
    case 'pod.created':
      return `Pod ${e.pod.key} was created${e.pod.owner ? ` by ${e.pod.owner}` : ''}, asking for ${podRequests(e.pod.requests)}.`;
    case 'pod.unschedulable':
      return e.error
        ? `Karpenter could not place pod ${e.pod}: ${e.error.message}`
        : `kube-scheduler found no node for pod ${e.pod}: ${e.message}`;
    case 'pod.nominated':
      return `Karpenter nominated pod ${e.pod} to ${claim(e.nodeClaim)}; kube-scheduler binds it there once the node is Ready.`;
    case 'pod.bound':
      return `kube-scheduler bound pod ${e.pod} to node ${e.node}.`;
    case 'pod.running':
      return `Pod ${e.pod} started (Running).`;
    case 'pod.failed':
      return `Pod ${e.pod} failed: ${e.reason}: ${e.message}`;
    case 'pod.terminating':
      return `Pod ${e.pod} is terminating.`;
    case 'pod.deleted':
      return `Pod ${e.pod} is gone.`;
    case 'nodeclaim.created': {
      const c = e.nodeClaim;
      return `Karpenter created ${claim(c.name)} in NodePool ${c.nodePool} for ${plural(c.plannedPods.length, 'pod')}, with ${plural(c.instanceTypes.length, 'instance-type option')} (cheapest first: ${list(c.instanceTypes)}).`;
    }
    case 'nodeclaim.launched': {
      const l = e.launch;
      const ru = l.runnerUp
        ? ` Runner-up: ${l.runnerUp.instanceType} (${l.runnerUp.capacityType}) at ${price(l.runnerUp.price)}, lost because ${l.runnerUp.whyLost}.`
        : '';
      return `Launched ${l.instanceType} (${l.capacityType}) in ${l.zone} at ${price(l.price, l.priceIsEstimate)} for ${claim(e.nodeClaim)}.${ru}`;
    }
    case 'nodeclaim.failed':
      return `Launch failed for ${claim(e.nodeClaim)}: ${e.error}. Karpenter deletes it and its pods go back to the next batch.`;
    case 'nodeclaim.refused':
      if (e.disruption)
        return `Karpenter chose to replace ${e.disruption.nodes.join(', ')} (${e.disruption.reason}) but could not create the replacement: ${exceededMessage(e)}. The command fails, the nodes stay, and Karpenter retries after an error backoff.`;
      return `Karpenter planned a NodeClaim of NodePool ${e.nodePool} for ${plural(e.pods.length, 'pod')} but did not create it: ${exceededMessage(e)}. The pods stay Pending.`;
    case 'node.registered':
      return `Node ${e.node.name} registered${e.node.nodeClaim ? ` for ${claim(e.node.nodeClaim)}` : ''} (${e.node.instanceType}, ${e.node.zone}).`;
    case 'node.ready':
      return `Node ${e.node} is Ready${e.nodeClaim ? ` and ${claim(e.nodeClaim)} is Initialized` : ''}: pods nominated to it can bind.`;
    case 'node.updated':
      return `Node ${e.node} changed: ${list(Object.keys(e.patch), 4)}.`;
    case 'node.draining':
      return `Node ${e.node} is draining: its pods are evicted, respecting PodDisruptionBudgets.`;
    case 'node.interrupted':
      return `Spot interruption notice for node ${e.node}: AWS reclaims it at ${clock(e.reclaimAt)}.`;
    case 'nodeclaim.deleting':
      return `Karpenter is deleting ${claim(e.nodeClaim)}${e.node ? ` (node ${e.node})` : ''}: ${e.reason}.`;
    case 'nodeclaim.deleted':
      return `${claim(e.nodeClaim)} is deleted${e.node ? ` and node ${e.node} terminated` : ''}.`;
    case 'offering.unavailable':
      return `Offering ${e.offering} is marked unavailable until ${clock(e.until)} (insufficient capacity).`;
    case 'offering.available':
      return `Offering ${e.offering} is available again.`;
    case 'k8s':
      return `${e.event.type} ${e.event.reason} on ${e.event.object}: ${e.event.message}`;
    case 'action':
      return `Action at ${clock(e.t)}: ${e.action.source ?? e.action.action.kind}${e.error ? ` — failed: ${e.error}` : ''}.`;
    case 'progress':
      return `The run stopped: ${e.note}.`;
  }
  return `${(e as { type: string }).type} (${before.time})`;
}

function show(field: string, v: unknown): string {
  if (v === undefined) return '—';
  if (typeof v === 'number' && /At$|^reclaimAt$|^billedFrom$/.test(field)) return clock(v);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  const s = JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

/** Field-level differences of two records (top-level fields; nested ones compared as JSON). */
function fieldChanges(a: object, b: object): FieldChange[] {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const out: FieldChange[] = [];
  for (const k of [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort()) {
    const x = ra[k];
    const y = rb[k];
    if (x === y || JSON.stringify(x) === JSON.stringify(y)) continue;
    out.push({ field: k, before: show(k, x), after: show(k, y) });
  }
  return out;
}

function diffMap<V extends object>(
  kind: ObjectChange['kind'],
  a: ReadonlyMap<string, V>,
  b: ReadonlyMap<string, V>,
): ObjectChange[] {
  const out: ObjectChange[] = [];
  for (const [k, v] of b) {
    const old = a.get(k);
    if (old === undefined) out.push({ kind, key: k, change: 'added', fields: [] });
    else if (old !== v) {
      const fields = fieldChanges(old, v);
      if (fields.length > 0) out.push({ kind, key: k, change: 'changed', fields });
    }
  }
  for (const k of a.keys())
    if (!b.has(k)) out.push({ kind, key: k, change: 'removed', fields: [] });
  return out;
}

export function diffStates(before: ClusterState, after: ClusterState): ObjectChange[] {
  const changes: ObjectChange[] = [];
  if (before.karpenter !== after.karpenter) {
    const fields = fieldChanges(before.karpenter, after.karpenter);
    if (fields.length > 0)
      changes.push({ kind: 'karpenter', key: 'karpenter', change: 'changed', fields });
  }
  changes.push(
    ...diffMap('nodePool', before.nodePools, after.nodePools),
    ...diffMap('object', before.objects, after.objects),
    ...diffMap('pod', before.pods, after.pods),
    ...diffMap('nodeClaim', before.nodeClaims, after.nodeClaims),
    ...diffMap('node', before.nodes, after.nodes),
  );
  const wrap = (m: ReadonlyMap<string, number>): Map<string, { until: number }> =>
    new Map([...m].map(([k, until]) => [k, { until }]));
  changes.push(...diffMap('offering', wrap(before.unavailable), wrap(after.unavailable)));
  return changes;
}

/** undefined when `index` is outside the timeline. */
export function explainEvent(timeline: Timeline, index: number): EventExplanation | undefined {
  const e = timeline.events[index];
  if (!e || !Number.isInteger(index)) return undefined;
  const before = stateAfter(timeline, index);
  const after = apply(before, e);
  return {
    index,
    at: e.t,
    time: clock(e.t),
    type: e.type,
    sentence: sentence(e, before),
    ...(e.type === 'k8s'
      ? {
          k8s: {
            type: e.event.type,
            reason: e.event.reason,
            object: e.event.object,
            message: e.event.message,
          },
        }
      : {}),
    changes: diffStates(before, after),
  };
}
