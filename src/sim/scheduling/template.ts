// NodeClaim templates (nodeclaimtemplate.go): one per NodePool, in weight order, with the pool's
// instance types pre-filtered against its own requirements. A pool left with no type is dropped
// with a NoCompatibleInstanceTypes event (§1.3).
import type { NodePool, Pod, Taint } from '../k8s.ts';
import { CONVERTED_FROM, LABEL } from '../labels.ts';
import { Requirement, Requirements } from '../requirements.ts';
import type { InstanceType } from '../catalog/types.ts';
import { buildDaemonGroups, type DaemonGroup } from './daemons.ts';
import { filterInstanceTypes, type FilterMessage } from './instancefilter.ts';
import { HostPortUsage } from './hostports.ts';
import { DenseIndex } from './dense.ts';
import type { SolveEvent } from './types.ts';

export interface Template {
  readonly nodePool: NodePool;
  readonly name: string;
  readonly requirements: Requirements;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  readonly startupTaints: readonly Taint[];
  /** The pool's types that meet its own requirements and have an available offering. */
  readonly options: readonly InstanceType[];
  readonly catalog: readonly InstanceType[];
  readonly groups: readonly DaemonGroup[];
  /** Keys the pool may leave undefined (AllowUndefinedWellKnownLabels). */
  readonly wellKnown: ReadonlySet<string>;
  /** How "no instance type" errors read in the Karpenter running (version.ts). */
  readonly filterMessage: FilterMessage;
  /** Dense allocatable vectors of `options`, for the fit checks. */
  readonly dense: DenseIndex;
}

/** OrderByWeight: weight descending (unset = 0), then name descending. */
export function orderNodePools(pools: readonly NodePool[]): NodePool[] {
  return [...pools].sort((a, b) => {
    const w = (b.spec.weight ?? 0) - (a.spec.weight ?? 0);
    if (w !== 0) return w;
    const an = a.metadata.name ?? '';
    const bn = b.metadata.name ?? '';
    return an < bn ? 1 : an > bn ? -1 : 0;
  });
}

export function templateLabels(np: NodePool): Record<string, string> {
  // A v0.31 Provisioner's template (nodeclaimtemplate.go at v0.31.0) had its own labels and
  // karpenter.sh/provisioner-name only (convert.ts sets it): no NodePool or node class label.
  if (np.metadata.annotations?.[CONVERTED_FROM] !== undefined) {
    return { ...np.spec.template.metadata?.labels };
  }
  const labels: Record<string, string> = {
    ...np.spec.template.metadata?.labels,
    [LABEL.nodePool]: np.metadata.name ?? '',
  };
  const ref = np.spec.template.spec.nodeClassRef;
  if (ref) labels[LABEL.nodeClass] = ref.name;
  return labels;
}

export function templateRequirements(
  np: NodePool,
  labels: Readonly<Record<string, string>>,
  nodeStateKeys = true,
): Requirements {
  const reqs = Requirements.from(np.spec.template.spec.requirements ?? []);
  reqs.add(...Requirements.fromLabels(labels).values());
  // Simulation-only keys (v1.14, #2161): every node Karpenter makes will be registered and
  // initialized, so a DaemonSet selecting those labels counts in its overhead. Before v1.14 such
  // a DaemonSet was left out, and a node could lack room for it.
  if (nodeStateKeys) {
    reqs.add(Requirement.of({ key: LABEL.registered, operator: 'In', values: ['true'] }));
    reqs.add(Requirement.of({ key: LABEL.initialized, operator: 'In', values: ['true'] }));
  }
  return reqs;
}

type BuildOptions = {
  bestEffortMinValues: boolean;
  perTypeDaemonGroups: boolean;
  nodeStateKeys: boolean;
  wellKnown: ReadonlySet<string>;
  filterMessage: FilterMessage;
};

type Built = { template: Template } | { event: SolveEvent };

// Solves repeat with the same NodePool objects and instance-type lists (every batch, and every
// consolidation what-if), so a pool's template is kept per (type list, pool) and reused while the
// DaemonSets and options are unchanged. Templates are never mutated after they are built.
const cache = new WeakMap<
  readonly InstanceType[],
  WeakMap<NodePool, { key: string; built: Built }>
>();

function cacheKey(daemonPods: readonly Pod[], opts: BuildOptions): string {
  const ds = daemonPods.map((p) => [p.metadata.namespace, p.metadata.name, p.spec]);
  return JSON.stringify([
    ds,
    opts.bestEffortMinValues,
    opts.perTypeDaemonGroups,
    opts.nodeStateKeys,
    [...opts.wellKnown],
    opts.filterMessage,
  ]);
}

export function buildTemplates(
  nodePools: readonly NodePool[],
  instanceTypes: ReadonlyMap<string, readonly InstanceType[]>,
  daemonPods: readonly Pod[],
  opts: BuildOptions,
  events: SolveEvent[],
): Template[] {
  const out: Template[] = [];
  const usable = nodePools.filter(
    (np) => np.spec.replicas === undefined && !np.metadata.deletionTimestamp,
  );
  const key = cacheKey(daemonPods, opts);
  for (const np of orderNodePools(usable)) {
    const catalog = instanceTypes.get(np.metadata.name ?? '') ?? [];
    let byPool = cache.get(catalog);
    if (!byPool) cache.set(catalog, (byPool = new WeakMap()));
    let entry = byPool.get(np);
    // The pool's own spec is part of the key too, in case a caller edits the object in place.
    const poolKey = `${key}|${np.metadata.name ?? ''}|${JSON.stringify(np.spec.template)}`;
    if (!entry || entry.key !== poolKey) {
      entry = { key: poolKey, built: buildTemplate(np, catalog, daemonPods, opts) };
      byPool.set(np, entry);
    }
    if ('template' in entry.built) out.push(entry.built.template);
    else events.push(entry.built.event);
  }
  return out;
}

function buildTemplate(
  np: NodePool,
  catalog: readonly InstanceType[],
  daemonPods: readonly Pod[],
  opts: BuildOptions,
): Built {
  const name = np.metadata.name ?? '';
  const labels = templateLabels(np);
  const requirements = templateRequirements(np, labels, opts.nodeStateKeys);
  const all = { types: catalog, overhead: {}, ports: new HostPortUsage() };
  const filtered = filterInstanceTypes({
    options: catalog,
    requirements,
    podRequests: {},
    totalRequests: {},
    groups: [all],
    groupBlocked: () => false,
    relaxMinValues: opts.bestEffortMinValues,
  });
  if (filtered.remaining.length === 0) {
    const minValues = filtered.error?.minValuesError !== undefined;
    return {
      event: {
        reason: 'NoCompatibleInstanceTypes',
        object: `NodePool/${name}`,
        message: minValues
          ? 'NodePool requirements filtered out all compatible available instance types due to minValues incompatibility'
          : 'NodePool requirements filtered out all compatible available instance types',
      },
    };
  }
  const taints = np.spec.template.spec.taints ?? [];
  return {
    template: {
      nodePool: np,
      name,
      requirements,
      labels,
      taints,
      startupTaints: np.spec.template.spec.startupTaints ?? [],
      options: filtered.remaining,
      catalog,
      groups: buildDaemonGroups(
        taints,
        requirements,
        filtered.remaining,
        daemonPods,
        opts.perTypeDaemonGroups,
        opts.wellKnown,
      ),
      wellKnown: opts.wellKnown,
      filterMessage: opts.filterMessage,
      dense: new DenseIndex(filtered.remaining),
    },
  };
}
