// Events a real cluster records that the engine does not emit as Kubernetes events, derived from
// the timeline's typed facts so `kubectl events` / describe read like a real cluster's:
//   node registers  → kubelet "Starting" and node-controller "RegisteredNode"
//   node goes away  → node-controller "RemovingNode"
//   pod Scheduled   → kubelet "Pulling"; pod running → kubelet "Pulled" and "Created" (the engine's
//                     own "Started" follows). kubelet's NodeHasSufficient* condition events are left
//                     out (named in docs/simplifications.md).
import type { KubeEvent, PodRec, SimEvent } from '../sim/engine/index.ts';

export interface SourcedEvent extends KubeEvent {
  /** The reporting component, when the reason alone does not say (kubelet's pod "Created"). */
  source?: string;
}

/** Facts carried from earlier timeline events (pods' specs and bind times). */
export interface DeriveState {
  pods: Map<string, PodRec>;
  boundAt: Map<string, number>;
}

export const newDeriveState = (): DeriveState => ({ pods: new Map(), boundAt: new Map() });

/** Go's time.Duration text for what the lab models (whole and fractional seconds, minutes). */
function goDuration(ms: number): string {
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(3))}s`;
  return `${Math.floor(ms / 60_000)}m${Number(((ms % 60_000) / 1000).toFixed(3))}s`;
}

export function derive(ev: SimEvent, facts: DeriveState): SourcedEvent[] {
  const at = (e: Omit<SourcedEvent, 'time'>): SourcedEvent => ({ time: ev.t, ...e });
  switch (ev.type) {
    case 'pod.created':
      facts.pods.set(ev.pod.key, ev.pod);
      return [];
    case 'node.registered': {
      const n = ev.node.name;
      return [
        at({
          type: 'Normal',
          reason: 'Starting',
          object: `node/${n}`,
          message: 'Starting kubelet.',
          source: 'kubelet',
        }),
        at({
          type: 'Normal',
          reason: 'RegisteredNode',
          object: `node/${n}`,
          message: `Node ${n} event: Registered Node ${n} in Controller`,
          source: 'node-controller',
        }),
      ];
    }
    case 'nodeclaim.deleted':
      return ev.node === undefined
        ? []
        : [
            at({
              type: 'Normal',
              reason: 'RemovingNode',
              object: `node/${ev.node}`,
              message: `Node ${ev.node} event: Removing Node ${ev.node} from Controller`,
              source: 'node-controller',
            }),
          ];
    case 'pod.bound':
      facts.boundAt.set(ev.pod, ev.t);
      return [];
    case 'k8s': {
      // The kubelet starts pulling once kube-scheduler's Scheduled is recorded.
      const pod = ev.event.object.replace(/^pod\//, '');
      const c = facts.pods.get(pod)?.pod.spec.containers[0];
      return ev.event.reason === 'Scheduled' && c
        ? [
            at({
              type: 'Normal',
              reason: 'Pulling',
              object: ev.event.object,
              message: `Pulling image "${c.image ?? ''}"`,
              source: 'kubelet',
            }),
          ]
        : [];
    }
    case 'pod.running': {
      const c = facts.pods.get(ev.pod)?.pod.spec.containers[0];
      if (!c) return [];
      const pull = goDuration(ev.t - (facts.boundAt.get(ev.pod) ?? ev.t));
      return [
        at({
          type: 'Normal',
          reason: 'Pulled',
          object: `pod/${ev.pod}`,
          message: `Successfully pulled image "${c.image ?? ''}" in ${pull} (${pull} including waiting)`,
          source: 'kubelet',
        }),
        at({
          type: 'Normal',
          reason: 'Created',
          object: `pod/${ev.pod}`,
          message: `Created container ${c.name}`,
          source: 'kubelet',
        }),
      ];
    }
    default:
      return [];
  }
}
