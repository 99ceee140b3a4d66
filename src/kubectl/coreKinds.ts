// Core kinds: nodes, pods and events.
import { eventFields, eventObject, eventsAt, objectColumn, type EventView } from './events.ts';
import {
  NODE_INFO,
  nodeExists,
  nodeIP,
  nodeObject,
  nodeStatus,
  podIP,
  podObject,
  podPhase,
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
  selectableFields: ['spec.unschedulable'],
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
      fields: { 'spec.unschedulable': String(n.unschedulable) },
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
  categories: ['all'],
  selectableFields: [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
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
      fields: {
        'spec.nodeName': p.nodeName ?? '',
        'spec.restartPolicy': 'Always',
        'spec.schedulerName': p.pod.spec.schedulerName ?? 'default-scheduler',
        'spec.serviceAccountName': 'default',
        'spec.hostNetwork': 'false',
        'status.phase': podPhase(p),
        'status.podIP': p.nodeName === undefined ? '' : podIP(p),
        'status.nominatedNodeName': '',
      },
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
  served: always,
  selectableFields: [
    'involvedObject.kind',
    'involvedObject.name',
    'involvedObject.namespace',
    'involvedObject.apiVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  // printers.go printEvent: LAST SEEN is the last time only; -o wide adds FIRST SEEN and COUNT.
  headers: (wide) =>
    wide
      ? [
          'LAST SEEN',
          'TYPE',
          'REASON',
          'OBJECT',
          'SUBOBJECT',
          'SOURCE',
          'MESSAGE',
          'FIRST SEEN',
          'COUNT',
          'NAME',
        ]
      : ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
  list: (ctx) =>
    eventsAt(ctx.timeline, ctx.t).map((e) => ({
      name: e.eventName,
      namespace: e.namespace,
      labels: {},
      fields: eventFields(e),
      cells: (wide) => {
        const last = age(ctx, e.last);
        const object = objectColumn(e, true);
        return wide
          ? [
              last,
              e.type,
              e.reason,
              object,
              '',
              sourceColumn(e),
              e.message,
              age(ctx, e.first),
              String(e.count),
              e.eventName,
            ]
          : [last, e.type, e.reason, object, e.message];
      },
      object: () => eventObject(e),
    })),
};

/** Event.source as `get events -o wide` prints it: the component, and the node for kubelet's. */
function sourceColumn(e: EventView): string {
  return e.source === 'kubelet' && e.kind === 'Node' ? `${e.source}, ${e.name}` : e.source;
}
