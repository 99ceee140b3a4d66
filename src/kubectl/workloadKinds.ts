// Workload kinds: deployments, replicasets, statefulsets and daemonsets, counted from the pods the
// engine's controllers own; and poddisruptionbudgets with the disruptions the Eviction API allows.
// Columns follow kubectl's printers (pkg/printers/internalversion/printers.go).
import { podTemplateHash } from '../sim/engine/names.ts';
import { disruptionsAllowed } from '../sim/engine/pdb.ts';
import type { DaemonSet, Deployment, PodDisruptionBudget } from '../sim/k8s.ts';
import { appliedAt, type ConsoleContext } from './context.ts';
import { deploymentObject, ownedPods } from './objects.ts';
import { age, always, none, objectsOf, type ResourceType } from './resourceType.ts';

function selectorText(d: Deployment | DaemonSet): string {
  return Object.entries(d.spec.selector?.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

function containerColumns(d: Deployment | DaemonSet, selector = true): string[] {
  const cs = d.spec.template.spec.containers;
  return [
    cs.map((c) => c.name).join(','),
    cs.map((c) => c.image ?? '').join(','),
    ...(selector ? [none(selectorText(d))] : []),
  ];
}

type ReplicatedKind = Deployment['kind'];

/** One printer per replicated kind: header → cell, in kubectl's column order. */
const REPLICATED: Record<
  ReplicatedKind,
  { headers: string[]; cells: (want: number, pods: number, ready: number) => string[] }
> = {
  Deployment: {
    headers: ['READY', 'UP-TO-DATE', 'AVAILABLE'],
    cells: (want, pods, ready) => [`${ready}/${want}`, String(pods), String(ready)],
  },
  ReplicaSet: {
    headers: ['DESIRED', 'CURRENT', 'READY'],
    cells: (want, pods, ready) => [String(want), String(pods), String(ready)],
  },
  StatefulSet: {
    headers: ['READY'],
    cells: (want, _pods, ready) => [`${ready}/${want}`],
  },
};

/** A listed object and the workload whose pods it counts (itself, or a Deployment for its ReplicaSet). */
interface Replicated {
  obj: Deployment;
  owner: Deployment;
}

/**
 * The objects of a kind: the applied ones, plus for ReplicaSets the one each Deployment runs
 * (named <deployment>-<pod-template-hash>, as its pods' owner references say).
 */
function records(kind: ReplicatedKind, ctx: ConsoleContext): Replicated[] {
  const all = [...ctx.state.objects.values()];
  const own = all
    .filter((o): o is Deployment => o.kind === kind)
    .map((d) => ({ obj: d, owner: d }));
  if (kind !== 'ReplicaSet') return own;
  const derived = all
    .filter((o): o is Deployment => o.kind === 'Deployment')
    .map((d) => {
      const hash = podTemplateHash(d.spec.template);
      const rs: Deployment = {
        ...d,
        kind: 'ReplicaSet',
        metadata: {
          ...d.metadata,
          name: `${d.metadata.name ?? ''}-${hash}`,
          labels: { ...(d.spec.template.metadata?.labels ?? {}), 'pod-template-hash': hash },
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              name: d.metadata.name ?? '',
              controller: true,
            },
          ],
        },
      };
      return { obj: rs, owner: d };
    });
  return [...own, ...derived];
}

function replicated(kind: ReplicatedKind, plural: string, shortNames: string[]): ResourceType {
  const printer = REPLICATED[kind];
  const wideSelector = kind !== 'StatefulSet';
  return {
    plural,
    kind,
    singular: kind.toLowerCase(),
    shortNames,
    group: 'apps',
    namespaced: true,
    served: always,
    categories: ['all'],
    headers: (wide) => [
      'NAME',
      ...printer.headers,
      'AGE',
      ...(wide ? ['CONTAINERS', 'IMAGES', ...(wideSelector ? ['SELECTOR'] : [])] : []),
    ],
    list: (ctx) =>
      records(kind, ctx).map(({ obj: d, owner }) => ({
        name: d.metadata.name ?? '',
        namespace: d.metadata.namespace ?? 'default',
        labels: d.metadata.labels ?? {},
        cells: (wide) => {
          const owned = ownedPods(ctx, owner);
          const ready = owned.filter((p) => p.phase === 'Running').length;
          return [
            d.metadata.name ?? '',
            ...printer.cells(d.spec.replicas ?? 1, owned.length, ready),
            age(ctx, appliedAt(ctx, owner)),
            ...(wide ? containerColumns(d, wideSelector) : []),
          ];
        },
        object: () => ({ ...deploymentObject(owner, ctx), kind: d.kind, metadata: d.metadata }),
      })),
  };
}

export const deployments = replicated('Deployment', 'deployments', ['deploy']);
export const replicasets = replicated('ReplicaSet', 'replicasets', ['rs']);
export const statefulsets = replicated('StatefulSet', 'statefulsets', ['sts']);

export const daemonsets: ResourceType = {
  plural: 'daemonsets',
  kind: 'DaemonSet',
  singular: 'daemonset',
  shortNames: ['ds'],
  group: 'apps',
  namespaced: true,
  served: always,
  categories: ['all'],
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

function allowed(pdb: PodDisruptionBudget, ctx: ConsoleContext): number {
  const n = disruptionsAllowed(pdb, ctx.state.pods);
  return Number.isFinite(n) ? Math.max(0, n) : 0;
}

export const poddisruptionbudgets: ResourceType = {
  plural: 'poddisruptionbudgets',
  kind: 'PodDisruptionBudget',
  singular: 'poddisruptionbudget',
  shortNames: ['pdb'],
  group: 'policy',
  namespaced: true,
  served: always,
  headers: () => ['NAME', 'MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE'],
  list: (ctx) =>
    objectsOf(ctx, 'PodDisruptionBudget').map((b) => ({
      name: b.metadata.name ?? '',
      namespace: b.metadata.namespace ?? 'default',
      labels: b.metadata.labels ?? {},
      cells: () => [
        b.metadata.name ?? '',
        b.spec.minAvailable === undefined ? 'N/A' : String(b.spec.minAvailable),
        b.spec.maxUnavailable === undefined ? 'N/A' : String(b.spec.maxUnavailable),
        String(allowed(b, ctx)),
        age(ctx, appliedAt(ctx, b)),
      ],
      object: () => ({ ...b, status: { disruptionsAllowed: allowed(b, ctx) } }),
    })),
};
