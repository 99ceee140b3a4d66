// Workload kinds: deployments and daemonsets, counted from the pods the engine's controllers own.
import type { DaemonSet, Deployment } from '../sim/k8s.ts';
import { appliedAt } from './context.ts';
import { deploymentObject, ownedPods } from './objects.ts';
import { age, always, none, objectsOf, type ResourceType } from './resourceType.ts';

function selectorText(d: Deployment | DaemonSet): string {
  return Object.entries(d.spec.selector?.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

function containerColumns(d: Deployment | DaemonSet): string[] {
  const cs = d.spec.template.spec.containers;
  return [
    cs.map((c) => c.name).join(','),
    cs.map((c) => c.image ?? '').join(','),
    none(selectorText(d)),
  ];
}

export const deployments: ResourceType = {
  plural: 'deployments',
  kind: 'Deployment',
  singular: 'deployment',
  shortNames: ['deploy'],
  group: 'apps',
  namespaced: true,
  served: always,
  headers: (wide) => [
    'NAME',
    'READY',
    'UP-TO-DATE',
    'AVAILABLE',
    'AGE',
    ...(wide ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : []),
  ],
  list: (ctx) =>
    [...ctx.state.objects.values()]
      .filter((o): o is Deployment => o.kind === 'Deployment')
      .map((d) => ({
        name: d.metadata.name ?? '',
        namespace: d.metadata.namespace ?? 'default',
        labels: d.metadata.labels ?? {},
        cells: (wide) => {
          const owned = ownedPods(ctx, d);
          const ready = owned.filter((p) => p.phase === 'Running').length;
          return [
            d.metadata.name ?? '',
            `${ready}/${d.spec.replicas ?? 1}`,
            String(owned.length),
            String(ready),
            age(ctx, appliedAt(ctx, d)),
            ...(wide ? containerColumns(d) : []),
          ];
        },
        object: () => deploymentObject(d, ctx),
      })),
};

export const daemonsets: ResourceType = {
  plural: 'daemonsets',
  kind: 'DaemonSet',
  singular: 'daemonset',
  shortNames: ['ds'],
  group: 'apps',
  namespaced: true,
  served: always,
  headers: (wide) => [
    'NAME',
    'DESIRED',
    'CURRENT',
    'READY',
    'UP-TO-DATE',
    'AVAILABLE',
    'NODE SELECTOR',
    'AGE',
    ...(wide ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : []),
  ],
  list: (ctx) =>
    objectsOf(ctx, 'DaemonSet').map((d) => ({
      name: d.metadata.name ?? '',
      namespace: d.metadata.namespace ?? 'default',
      labels: d.metadata.labels ?? {},
      cells: (wide) => {
        const key = `DaemonSet/${d.metadata.namespace ?? 'default'}/${d.metadata.name ?? ''}`;
        const owned = [...ctx.state.pods.values()].filter((p) => p.owner === key);
        const ready = String(owned.filter((p) => p.phase === 'Running').length);
        const n = String(owned.length);
        const sel = Object.entries(d.spec.template.spec.nodeSelector ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(',');
        return [
          d.metadata.name ?? '',
          n,
          n,
          ready,
          n,
          ready,
          none(sel),
          age(ctx, appliedAt(ctx, d)),
          ...(wide ? containerColumns(d) : []),
        ];
      },
      object: () => ({ ...d }),
    })),
};
