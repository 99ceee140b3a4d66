// Karpenter's kinds, served only once the chart is installed and only for its API generation:
// nodeclaims, nodepools and ec2nodeclasses (v1 / v1beta1), provisioners and machines (v1alpha5,
// ≤ v0.31). Their columns are the CRDs' additionalPrinterColumns, which changed between releases:
//   nodeclaims  v0.32–0.37  NAME TYPE ZONE NODE READY AGE            (wide: CAPACITY NODEPOOL NODECLASS)
//               v1.0+       NAME TYPE CAPACITY ZONE NODE READY AGE   (wide: [IMAGEID v1.2+] ID NODEPOOL NODECLASS [DRIFTED v1.4+])
//   nodepools   v0.32–0.37  NAME NODECLASS                            (wide: WEIGHT)
//               v1.0+       NAME NODECLASS NODES READY AGE            (wide: WEIGHT CPU MEMORY)
import type { ClusterState, NodeClaimRec } from '../sim/engine/index.ts';
import { atLeast as versionAtLeast, karpenterVersion } from '../sim/version.ts';
import { nodePoolNotReady } from '../sim/engine/nodePoolReady.ts';
import type { EC2NodeClass, NodePool, Provisioner } from '../sim/k8s.ts';
import { LABEL } from '../sim/labels.ts';
import { formatQuantity } from '../sim/quantity.ts';
import { appliedAt, type ConsoleContext } from './context.ts';
import { stableHash } from './format.ts';
import {
  claimExists,
  claimReady,
  nodeClaimObject,
  nodePoolObject,
  poolNodes,
  providerID,
} from './objects.ts';
import {
  age,
  karpenterV1,
  karpenterV1alpha5,
  objectsOf,
  type Item,
  type ResourceType,
} from './resourceType.ts';

interface Column<T> {
  header: string;
  /** Only with -o wide (printer column priority 1). */
  wide?: true;
  /** Only from this Karpenter version on ([major, minor]), or only before it (`until`). */
  since?: [number, number];
  until?: [number, number];
  cell: (x: T, ctx: ConsoleContext) => string;
}

function atLeast(state: ClusterState, [major, minor]: [number, number]): boolean {
  return versionAtLeast(karpenterVersion(state.karpenter.version), major, minor);
}

function pick<T>(cols: readonly Column<T>[], wide: boolean, state: ClusterState): Column<T>[] {
  return cols.filter(
    (c) =>
      (wide || !c.wide) &&
      (!c.since || atLeast(state, c.since)) &&
      (!c.until || !atLeast(state, c.until)),
  );
}

/** A kind whose table is a list of column specs over records of type T. */
function columnar<T>(
  base: Omit<ResourceType, 'headers' | 'list'>,
  columns: readonly Column<T>[],
  records: (ctx: ConsoleContext) => T[],
  item: (x: T, ctx: ConsoleContext) => Omit<Item, 'cells'>,
): ResourceType {
  return {
    ...base,
    headers: (wide, state) => pick(columns, wide, state).map((c) => c.header),
    list: (ctx) =>
      records(ctx).map((x) => ({
        ...item(x, ctx),
        cells: (wide: boolean) => pick(columns, wide, ctx.state).map((c) => c.cell(x, ctx)),
      })),
  };
}

const V1: [number, number] = [1, 0];

/** An AMI ID for the node's image (made up, stable per NodePool). */
function imageID(c: NodeClaimRec): string {
  return `ami-0${stableHash(c.nodePool).toString(16).padStart(8, '0')}${stableHash(`${c.nodePool}#`).toString(16).padStart(8, '0')}`;
}

const claimColumns: readonly Column<NodeClaimRec>[] = [
  { header: 'NAME', cell: (c) => c.name },
  { header: 'TYPE', cell: (c) => c.launch?.instanceType ?? '' },
  { header: 'CAPACITY', since: V1, cell: (c) => c.launch?.capacityType ?? '' },
  { header: 'ZONE', cell: (c) => c.launch?.zone ?? '' },
  { header: 'NODE', cell: (c) => c.nodeName ?? '' },
  { header: 'READY', cell: (c) => claimReady(c) },
  { header: 'AGE', cell: (c, ctx) => age(ctx, c.createdAt) },
  { header: 'CAPACITY', wide: true, until: V1, cell: (c) => c.launch?.capacityType ?? '' },
  { header: 'IMAGEID', wide: true, since: [1, 2], cell: (c) => (c.launch ? imageID(c) : '') },
  {
    header: 'ID',
    wide: true,
    since: V1,
    cell: (c) => (c.launch ? providerID(c.launch.zone, c.name) : ''),
  },
  { header: 'NODEPOOL', wide: true, cell: (c) => c.nodePool },
  {
    header: 'NODECLASS',
    wide: true,
    cell: (c, ctx) =>
      ctx.state.nodePools.get(c.nodePool)?.spec.template.spec.nodeClassRef?.name ?? '',
  },
  { header: 'DRIFTED', wide: true, since: [1, 4], cell: () => '' },
];

export const nodeclaims = columnar(
  {
    plural: 'nodeclaims',
    kind: 'NodeClaim',
    singular: 'nodeclaim',
    shortNames: [],
    group: 'karpenter.sh',
    namespaced: false,
    served: karpenterV1,
    categories: ['karpenter'],
  },
  claimColumns,
  (ctx) => [...ctx.state.nodeClaims.values()].filter(claimExists),
  (c, ctx) => ({
    name: c.name,
    labels: { ...c.labels, [LABEL.nodePool]: c.nodePool },
    object: () => nodeClaimObject(c, ctx),
    source: c,
  }),
);

/** v1alpha5's Machine (v0.28–v0.31): the same records under their old name and columns. */
export const machines = columnar<NodeClaimRec>(
  {
    plural: 'machines',
    kind: 'Machine',
    singular: 'machine',
    shortNames: [],
    group: 'karpenter.sh',
    namespaced: false,
    served: karpenterV1alpha5,
    categories: ['karpenter'],
  },
  [
    { header: 'NAME', cell: (c) => c.name },
    { header: 'TYPE', cell: (c) => c.launch?.instanceType ?? '' },
    { header: 'ZONE', cell: (c) => c.launch?.zone ?? '' },
    { header: 'NODE', cell: (c) => c.nodeName ?? '' },
    { header: 'READY', cell: (c) => claimReady(c) },
    { header: 'AGE', cell: (c, ctx) => age(ctx, c.createdAt) },
    { header: 'CAPACITY', wide: true, cell: (c) => c.launch?.capacityType ?? '' },
    { header: 'PROVISIONER', wide: true, cell: (c) => c.nodePool },
    { header: 'TEMPLATE', wide: true, cell: (c, ctx) => providerRef(ctx, c.nodePool) },
  ],
  (ctx) => [...ctx.state.nodeClaims.values()].filter(claimExists),
  (c, ctx) => ({
    name: c.name,
    labels: { ...c.labels, [LABEL.provisionerName]: c.nodePool },
    object: () => ({
      ...nodeClaimObject(c, ctx),
      apiVersion: 'karpenter.sh/v1alpha5',
      kind: 'Machine',
    }),
    source: c,
  }),
);

function providerRef(ctx: ConsoleContext, provisioner: string): string {
  const p = ctx.state.objects.get(`Provisioner//${provisioner}`) as Provisioner | undefined;
  return p?.spec.providerRef?.name ?? '';
}

function poolTotal(ctx: ConsoleContext, pool: string, resource: string): string {
  const sum = poolNodes(ctx, pool).reduce((acc, n) => acc + (n.capacity[resource] ?? 0), 0);
  return formatQuantity(resource, sum);
}

export const nodepools = columnar<NodePool>(
  {
    plural: 'nodepools',
    kind: 'NodePool',
    singular: 'nodepool',
    shortNames: [],
    group: 'karpenter.sh',
    namespaced: false,
    served: karpenterV1,
    categories: ['karpenter'],
  },
  [
    { header: 'NAME', cell: (np) => np.metadata.name ?? '' },
    { header: 'NODECLASS', cell: (np) => np.spec.template.spec.nodeClassRef?.name ?? '' },
    {
      header: 'NODES',
      since: V1,
      cell: (np, ctx) => String(poolNodes(ctx, np.metadata.name ?? '').length),
    },
    {
      header: 'READY',
      since: V1,
      cell: (np, ctx) => (nodePoolNotReady(ctx.state, np) ? 'False' : 'True'),
    },
    { header: 'AGE', since: V1, cell: (np, ctx) => age(ctx, appliedAt(ctx, np)) },
    {
      header: 'WEIGHT',
      wide: true,
      cell: (np) => (np.spec.weight === undefined ? '' : String(np.spec.weight)),
    },
    {
      header: 'CPU',
      wide: true,
      since: V1,
      cell: (np, ctx) => poolTotal(ctx, np.metadata.name ?? '', 'cpu'),
    },
    {
      header: 'MEMORY',
      wide: true,
      since: V1,
      cell: (np, ctx) => poolTotal(ctx, np.metadata.name ?? '', 'memory'),
    },
  ],
  (ctx) => [...ctx.state.nodePools.values()],
  (np, ctx) => ({
    name: np.metadata.name ?? '',
    labels: np.metadata.labels ?? {},
    object: () => nodePoolObject(np, ctx),
  }),
);

export const ec2nodeclasses = columnar<EC2NodeClass>(
  {
    plural: 'ec2nodeclasses',
    kind: 'EC2NodeClass',
    singular: 'ec2nodeclass',
    shortNames: ['ec2nc', 'ec2ncs'],
    group: 'karpenter.k8s.aws',
    namespaced: false,
    served: karpenterV1,
    categories: ['karpenter'],
  },
  [
    { header: 'NAME', cell: (o) => o.metadata.name ?? '' },
    { header: 'READY', since: V1, cell: () => 'True' },
    { header: 'AGE', cell: (o, ctx) => age(ctx, appliedAt(ctx, o)) },
    { header: 'ROLE', wide: true, since: V1, cell: (o) => o.spec.role ?? '' },
  ],
  (ctx) => objectsOf(ctx, 'EC2NodeClass'),
  (o) => ({
    name: o.metadata.name ?? '',
    labels: o.metadata.labels ?? {},
    object: () => ({ ...o }),
  }),
);

export const provisioners = columnar<Provisioner>(
  {
    plural: 'provisioners',
    kind: 'Provisioner',
    singular: 'provisioner',
    shortNames: [],
    group: 'karpenter.sh',
    namespaced: false,
    served: karpenterV1alpha5,
    categories: ['karpenter'],
  },
  [
    { header: 'NAME', cell: (o) => o.metadata.name ?? '' },
    { header: 'TEMPLATE', cell: (o) => o.spec.providerRef?.name ?? '' },
    {
      header: 'WEIGHT',
      wide: true,
      cell: (o) => (o.spec.weight === undefined ? '' : String(o.spec.weight)),
    },
  ],
  (ctx) => objectsOf(ctx, 'Provisioner'),
  (o) => ({
    name: o.metadata.name ?? '',
    labels: o.metadata.labels ?? {},
    object: () => ({ ...o }),
  }),
);
