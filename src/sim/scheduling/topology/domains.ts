// The domain universe (§1.9, topology.go buildDomainGroups): for every (NodePool, instance type),
// each value the pool ∩ type requirements allow is a domain of that key, tagged with the pool's
// taints so nodeTaintsPolicy: Honor can skip domains only reachable through untolerated taints.
import type { NodePool, Pod, Taint } from '../../k8s.ts';
import { Requirements } from '../../requirements.ts';
import type { InstanceType } from '../../catalog/types.ts';
import { toleratesAll } from '../taints.ts';

/** domain → the taint sets of the pools offering it; [[]] means an untainted pool offers it. */
export type DomainGroup = Map<string, Taint[][]>;

function insert(
  groups: Map<string, DomainGroup>,
  key: string,
  domain: string,
  taints: Taint[],
): void {
  let g = groups.get(key);
  if (!g) groups.set(key, (g = new Map()));
  const existing = g.get(domain);
  if (!existing || taints.length === 0) g.set(domain, [taints]);
  else if ((existing[0]?.length ?? 0) > 0) existing.push(taints);
}

export function poolRequirements(np: NodePool): Requirements {
  const reqs = Requirements.from(np.spec.template.spec.requirements ?? []);
  reqs.add(...Requirements.fromLabels(np.spec.template.metadata?.labels).values());
  return reqs;
}

/** The (key, domain) pairs one pool contributes, computed once per (type list, pool spec). */
function poolDomains(np: NodePool, types: readonly InstanceType[]): [string, string][] {
  const seen = new Set<string>();
  const out: [string, string][] = [];
  const add = (key: string, v: string) => {
    const id = `${key}\u0000${v}`;
    if (seen.has(id)) return;
    seen.add(id);
    out.push([key, v]);
  };
  const base = poolRequirements(np);
  for (const it of types) {
    const reqs = base.clone();
    reqs.add(...it.requirements.values());
    // Like upstream (Values()), a NotIn's excluded values are registered too; harmless, since
    // the pod's and node's requirements still exclude them when a domain is chosen.
    for (const r of reqs.values()) for (const v of r.values) add(r.key, v);
  }
  for (const r of base.values()) if (r.operator() === 'In') for (const v of r.values) add(r.key, v);
  return out;
}

const cache = new WeakMap<
  readonly InstanceType[],
  WeakMap<NodePool, { key: string; pairs: [string, string][] }>
>();

function cachedPoolDomains(np: NodePool, types: readonly InstanceType[]): [string, string][] {
  let byPool = cache.get(types);
  if (!byPool) cache.set(types, (byPool = new WeakMap()));
  const key = JSON.stringify([
    np.spec.template.spec.requirements,
    np.spec.template.metadata?.labels,
  ]);
  let e = byPool.get(np);
  if (!e || e.key !== key) byPool.set(np, (e = { key, pairs: poolDomains(np, types) }));
  return e.pairs;
}

/** The last universe built, with what it was built from: a disruption pass runs hundreds of dry
 *  runs against the same pools and type lists, and every one used to rebuild it. */
let last:
  | { pools: readonly NodePool[]; types: (readonly InstanceType[] | undefined)[]; keys: string[] }
  | undefined;
let lastGroups: ReadonlyMap<string, DomainGroup> = new Map();

/** Read-only for callers: the same maps are handed to every solve with the same inputs. */
export function buildDomainGroups(
  nodePools: readonly NodePool[],
  instanceTypes: ReadonlyMap<string, readonly InstanceType[]>,
): ReadonlyMap<string, DomainGroup> {
  const types = nodePools.map((np) => instanceTypes.get(np.metadata.name ?? ''));
  const keys = nodePools.map((np) => JSON.stringify([np.spec.template, np.metadata.name]));
  if (
    last &&
    last.pools.length === nodePools.length &&
    nodePools.every((np, i) => np === last?.pools[i]) &&
    types.every((t, i) => t === last?.types[i]) &&
    keys.every((k, i) => k === last?.keys[i])
  )
    return lastGroups;
  lastGroups = build(nodePools, instanceTypes);
  last = { pools: [...nodePools], types, keys };
  return lastGroups;
}

function build(
  nodePools: readonly NodePool[],
  instanceTypes: ReadonlyMap<string, readonly InstanceType[]>,
): Map<string, DomainGroup> {
  const groups = new Map<string, DomainGroup>();
  for (const np of nodePools) {
    // Upstream walks the instance-type map, so a pool without an entry contributes nothing.
    const types = instanceTypes.get(np.metadata.name ?? '');
    if (!types) continue;
    const taints = np.spec.template.spec.taints ?? [];
    for (const [key, v] of cachedPoolDomains(np, types)) insert(groups, key, v, taints);
  }
  return groups;
}

/** The domains a pod may count, honouring taints unless the policy says Ignore. */
export function forEachDomain(
  g: DomainGroup | undefined,
  pod: Pod,
  taintPolicy: string,
  f: (domain: string) => void,
): void {
  if (!g) return;
  for (const [domain, taintSets] of g) {
    if (taintPolicy === 'Ignore') f(domain);
    else if (taintSets.some((ts) => toleratesAll(ts, pod.spec.tolerations))) f(domain);
  }
}
