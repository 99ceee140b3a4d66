// Core kinds: nodes, pods and events.
import type { KubeEvent } from '../sim/engine/index.ts';
import type { ConsoleContext } from './context.ts';
import {
  NODE_INFO,
  nodeExists,
  nodeIP,
  nodeObject,
  nodeStatus,
  podIP,
  podObject,
  podView,
} from './objects.ts';
import { age, always, none, type ResourceType } from './resourceType.ts';

export const nodes: ResourceType = {
  plural: 'nodes',
  kind: 'Node',
  singular: 'node',
  shortNames: ['no'],
  group: '',
  namespaced: false,
  served: always,
  headers: (wide) => [
    'NAME',
    'STATUS',
    'ROLES',
    'AGE',
    'VERSION',
    ...(wide
      ? ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME']
      : []),
  ],
  list: (ctx) =>
    [...ctx.state.nodes.values()].filter(nodeExists).map((n) => ({
      name: n.name,
      labels: n.labels,
      cells: (wide) => [
        n.name,
        nodeStatus(n),
        '<none>',
        age(ctx, n.createdAt),
        NODE_INFO.kubeletVersion,
        ...(wide
          ? [
              nodeIP(n.name),
              '<none>',
              NODE_INFO.osImage,
              NODE_INFO.kernel(n.arch),
              NODE_INFO.containerRuntime,
            ]
          : []),
      ],
      object: () => nodeObject(n),
      source: n,
    })),
};

export const pods: ResourceType = {
  plural: 'pods',
  kind: 'Pod',
  singular: 'pod',
  shortNames: ['po'],
  group: '',
  namespaced: true,
  served: always,
  headers: (wide) => [
    'NAME',
    'READY',
    'STATUS',
    'RESTARTS',
    'AGE',
    ...(wide ? ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'] : []),
  ],
  list: (ctx) =>
    [...ctx.state.pods.values()].map((p) => ({
      name: p.pod.metadata.name ?? '',
      namespace: p.pod.metadata.namespace ?? 'default',
      labels: p.pod.metadata.labels ?? {},
      cells: (wide) => {
        const v = podView(p, ctx);
        return [
          p.pod.metadata.name ?? '',
          v.ready,
          v.status,
          v.restarts,
          age(ctx, p.createdAt),
          ...(wide ? [podIP(p), none(p.nodeName), '<none>', '<none>'] : []),
        ];
      },
      object: () => podObject(p, ctx),
      source: p,
    })),
};

export const events: ResourceType = {
  plural: 'events',
  kind: 'Event',
  singular: 'event',
  shortNames: ['ev'],
  group: '',
  namespaced: true,
  chronological: true,
  served: always,
  headers: () => ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
  list: (ctx) =>
    kubeEvents(ctx).map((e, i) => ({
      name: `${e.object.split('/').pop() ?? ''}.${i}`,
      namespace: eventNamespace(e),
      labels: {},
      cells: () => [age(ctx, e.time), e.type, e.reason, eventObject(e), e.message],
      object: () => ({
        apiVersion: 'v1',
        kind: 'Event',
        type: e.type,
        reason: e.reason,
        message: e.message,
        involvedObject: eventObject(e),
      }),
    })),
};

/** "pod/default/web-1" → "pod/web-1" (the OBJECT column drops the namespace). */
export function eventObject(e: KubeEvent): string {
  const parts = e.object.split('/');
  return parts.length === 3 ? `${parts[0] ?? ''}/${parts[2] ?? ''}` : e.object;
}

function eventNamespace(e: KubeEvent): string {
  const parts = e.object.split('/');
  return parts.length === 3 ? (parts[1] ?? 'default') : 'default';
}

export function kubeEvents(ctx: ConsoleContext): KubeEvent[] {
  const out: KubeEvent[] = [];
  for (const e of ctx.timeline.events) {
    if (e.t > ctx.t) break;
    if (e.type === 'k8s') out.push(e.event);
  }
  return out;
}
