// One topology group (scheduling/topologygroup.go): a (key, selector, namespaces, type) with a
// count of matching pods per domain. Spread picks the least-loaded valid domain; affinity only
// domains that already hold a match (or any, to bootstrap a self-selecting group); anti-affinity
// only empty domains. Worked example: zonal maxSkew 1 with counts {z1: 2, z2: 1, z3: 1} and a
// self-selecting pod → min = 1, valid = {z2, z3} (1+1−1 ≤ 1), z1 would give 3−1 > 1.
import type { LabelSelector, Pod } from '../../k8s.ts';
import { LABEL } from '../../labels.ts';
import { Requirement } from '../../requirements.ts';
import { selectorKey, selectorMatches } from '../selectors.ts';
import { forEachDomain, type DomainGroup } from './domains.ts';
import type { NodeFilter } from './nodefilter.ts';

/** Hostnames of NodeClaims created during the solve (nodeclaim.go uses the same prefix). */
export const PLACEHOLDER_PREFIX = 'hostname-placeholder-';

export type TopologyType = 'topology spread' | 'pod affinity' | 'pod anti-affinity';

export interface PickOptions {
  /** Seeded tie-break standing in for Go map order; without it the smallest name wins. */
  rng: (() => number) | undefined;
}

function podNamespace(p: Pod): string {
  return p.metadata.namespace ?? 'default';
}

/** Groups with equal hashes are one group (topologygroup.go Hash). */
export function groupHash(
  type: TopologyType,
  key: string,
  namespaces: ReadonlySet<string>,
  maxSkew: number,
  filterKey: string,
  selector: LabelSelector | undefined,
): string {
  const ns = namespaces.size === 1 ? [...namespaces] : [...namespaces].sort();
  return `${type}\u0000${key}\u0000${ns.join(',')}\u0000${maxSkew}\u0000${filterKey}\u0000${selectorKey(selector)}`;
}

export class TopologyGroup {
  readonly domains = new Map<string, number>();
  readonly emptyDomains = new Set<string>();
  readonly owners = new Set<string>();
  readonly hash: string;

  constructor(
    readonly type: TopologyType,
    readonly key: string,
    pod: Pod,
    readonly namespaces: ReadonlySet<string>,
    readonly selector: LabelSelector | undefined,
    readonly maxSkew: number,
    readonly minDomains: number | undefined,
    readonly nodeFilter: NodeFilter,
    domainGroup: DomainGroup | undefined,
    private readonly pick: PickOptions,
    /** Start as a copy of this group's domains, counts and owners (copyFor). */
    copy?: TopologyGroup,
  ) {
    if (copy) {
      this.hash = copy.hash;
      for (const [d, c] of copy.domains) this.domains.set(d, c);
      for (const d of copy.emptyDomains) this.emptyDomains.add(d);
      for (const o of copy.owners) this.owners.add(o);
      this.occupiedClaims = copy.occupiedClaims;
      return;
    }
    this.hash = groupHash(type, key, namespaces, maxSkew, nodeFilter.key, selector);
    forEachDomain(domainGroup, pod, nodeFilter.taintPolicy, (d) => {
      this.domains.set(d, 0);
      this.emptyDomains.add(d);
    });
  }

  /** The same group for another solve (its own tie-break stream), remembering no answer. */
  copyFor(pick: PickOptions): TopologyGroup {
    return new TopologyGroup(
      this.type,
      this.key,
      undefined as unknown as Pod,
      this.namespaces,
      this.selector,
      this.maxSkew,
      this.minDomains,
      this.nodeFilter,
      undefined,
      pick,
      this,
    );
  }

  /** Takes back `n` matching pods recorded in domain `d`; a domain left with none is dropped
   *  (callers only take back domains that were never registered or seeded). */
  unrecordN(d: string, n: number): void {
    const c = (this.domains.get(d) ?? 0) - n;
    this.version++;
    if (c > 0) this.domains.set(d, c);
    else this.domains.delete(d);
  }

  // The existing-node scan asks about the same pod once per node: remember the last answer.
  private lastPod: Pod | undefined;
  private lastSelects = false;

  selects(p: Pod): boolean {
    if (p === this.lastPod) return this.lastSelects;
    this.lastPod = p;
    return (this.lastSelects =
      this.namespaces.has(podNamespace(p)) && selectorMatches(this.selector, p.metadata.labels));
  }

  /** How many of this solve's new NodeClaims (placeholder hosts) hold a matching pod. Counts only
   *  grow during a solve, so this lets anti-affinity skip a scan in which every claim is taken. */
  occupiedClaims = 0;

  record(...domains: string[]): void {
    for (const d of domains) this.recordN(d, 1);
  }

  /** `n` matching pods in domain `d` (n ≥ 1). */
  recordN(d: string, n: number): void {
    const before = this.domains.get(d) ?? 0;
    this.version++;
    if (before === 0 && d.startsWith(PLACEHOLDER_PREFIX)) this.occupiedClaims++;
    this.domains.set(d, before + n);
    this.emptyDomains.delete(d);
  }

  register(d: string): void {
    if (!this.domains.has(d)) {
      this.version++;
      this.domains.set(d, 0);
      this.emptyDomains.add(d);
    }
  }

  /** Bumped whenever a count or domain changes (answers remembered below are then stale). */
  private version = 0;
  /** Tie-breaks drawn so far: an answer that drew one is never reused (a new call draws anew). */
  private draws = 0;
  // The existing-node scan asks about one pod and its domains on every node; nodes pinned to one
  // domain of a non-hostname key get the same answer per domain while nothing was recorded.
  private memoPod: Pod | undefined;
  private memoPodDomains: Requirement | undefined;
  private memoVersion = -1;
  private readonly memo = new Map<string, Requirement>();

  /** The domains the pod may use given its own (podDomains) and the node's (nodeDomains); an empty
   *  requirement when there is none. */
  get(pod: Pod, podDomains: Requirement, nodeDomains: Requirement): Requirement {
    const one =
      this.key !== LABEL.hostname &&
      !nodeDomains.complement &&
      nodeDomains.values.size === 1 &&
      nodeDomains.gte === undefined &&
      nodeDomains.lte === undefined;
    if (!one) return this.compute(pod, podDomains, nodeDomains);
    const [domain] = nodeDomains.values as Set<string>;
    const d = domain ?? '';
    if (
      pod !== this.memoPod ||
      podDomains !== this.memoPodDomains ||
      this.version !== this.memoVersion
    ) {
      this.memo.clear();
      this.memoPod = pod;
      this.memoPodDomains = podDomains;
      this.memoVersion = this.version;
    }
    const hit = this.memo.get(d);
    if (hit) return hit;
    const draws = this.draws;
    const r = this.compute(pod, podDomains, nodeDomains);
    if (this.draws === draws) this.memo.set(d, r);
    return r;
  }

  private compute(pod: Pod, podDomains: Requirement, nodeDomains: Requirement): Requirement {
    switch (this.type) {
      case 'topology spread':
        return this.nextDomainSpread(pod, podDomains, nodeDomains);
      case 'pod affinity':
        return this.nextDomainAffinity(pod, podDomains, nodeDomains);
      case 'pod anti-affinity':
        return this.nextDomainAntiAffinity(podDomains, nodeDomains);
    }
  }

  private in(values: Iterable<string>): Requirement {
    return Requirement.of({ key: this.key, operator: 'In', values: [...values] });
  }

  // Requirements are immutable, so the "nowhere" answer is shared (most answers are "nowhere").
  private noneReq: Requirement | undefined;
  private none(): Requirement {
    return (this.noneReq ??= Requirement.of({ key: this.key, operator: 'DoesNotExist' }));
  }

  private choose(candidates: string[]): string | undefined {
    if (candidates.length <= 1) return candidates[0];
    if (this.pick.rng) {
      this.draws++;
      return candidates[Math.floor(this.pick.rng() * candidates.length)];
    }
    return [...candidates].sort()[0];
  }

  private nextDomainSpread(
    pod: Pod,
    podDomains: Requirement,
    nodeDomains: Requirement,
  ): Requirement {
    const selfSelecting = this.selects(pod);
    if (this.key === LABEL.hostname && nodeDomains.values.size === 1) {
      const [host] = nodeDomains.values as Set<string>;
      const h = host ?? '';
      const count = (this.domains.get(h) ?? 0) + (selfSelecting ? 1 : 0);
      return count <= this.maxSkew ? this.in([h]) : this.none();
    }
    const s: SpreadPick = {
      min: this.domainMinCount(podDomains),
      maxSkew: this.maxSkew,
      self: selfSelecting ? 1 : 0,
      minCount: Infinity,
      best: [],
    };
    if (nodeDomains.operator() === 'In') {
      for (const d of nodeDomains.values) {
        const c = this.domains.get(d);
        if (c !== undefined) consider(s, d, c);
      }
    } else {
      for (const [d, c] of this.domains) if (nodeDomains.has(d)) consider(s, d, c);
    }
    const chosen = this.choose(s.best);
    return chosen === undefined ? this.none() : this.in([chosen]);
  }

  private domainMinCount(podDomains: Requirement): number {
    if (this.key === LABEL.hostname) return 0;
    let min = Infinity;
    let supported = 0;
    for (const [d, c] of this.domains) {
      if (!podDomains.has(d)) continue;
      supported++;
      if (c < min) min = c;
    }
    if (this.minDomains !== undefined && supported < this.minDomains) return 0;
    // No supported domain: Go keeps MaxInt32, which makes every domain valid; same here.
    return min === Infinity ? Number.MAX_SAFE_INTEGER : min;
  }

  private nextDomainAffinity(
    pod: Pod,
    podDomains: Requirement,
    nodeDomains: Requirement,
  ): Requirement {
    const selfSelecting = this.selects(pod);
    if (this.key === LABEL.hostname && nodeDomains.values.size === 1) {
      const [host] = nodeDomains.values as Set<string>;
      const h = host ?? '';
      if (!podDomains.has(h)) return this.none();
      if ((this.domains.get(h) ?? 0) > 0 || this.bootstrap(selfSelecting, podDomains)) {
        return this.in([h]);
      }
      return this.none();
    }
    const options = new Set<string>();
    if (nodeDomains.operator() === 'In') {
      for (const d of nodeDomains.values) {
        const c = this.domains.get(d);
        if (podDomains.has(d) && c !== undefined && c > 0) options.add(d);
      }
    } else {
      for (const [d, c] of this.domains)
        if (podDomains.has(d) && c > 0 && nodeDomains.has(d)) options.add(d);
    }
    if (options.size > 0) return this.in(options);
    if (this.bootstrap(selfSelecting, podDomains)) {
      // Upstream takes one domain (map order) compatible with the node, and one the pod allows.
      const intersected = podDomains.intersection(nodeDomains);
      const a = this.choose([...this.domains.keys()].filter((d) => intersected.has(d)));
      if (a !== undefined) options.add(a);
      const b = this.choose([...this.domains.keys()].filter((d) => podDomains.has(d)));
      if (b !== undefined) options.add(b);
    }
    return options.size > 0 ? this.in(options) : this.none();
  }

  /** A self-selecting pod may start a group that has no match anywhere it can go. */
  bootstrap(selfSelecting: boolean, podDomains: Requirement): boolean {
    if (!selfSelecting) return false;
    return this.domains.size === this.emptyDomains.size || !this.anyCompatiblePodDomain(podDomains);
  }

  private anyCompatiblePodDomain(podDomains: Requirement): boolean {
    for (const [d, c] of this.domains) if (c > 0 && podDomains.has(d)) return true;
    return false;
  }

  private nextDomainAntiAffinity(podDomains: Requirement, nodeDomains: Requirement): Requirement {
    if (this.key === LABEL.hostname && nodeDomains.values.size === 1) {
      const [host] = nodeDomains.values as Set<string>;
      const h = host ?? '';
      return (this.domains.get(h) ?? 0) === 0 ? this.in([h]) : this.none();
    }
    const options: string[] = [];
    if (nodeDomains.operator() === 'In' && nodeDomains.values.size < this.emptyDomains.size) {
      for (const d of nodeDomains.values)
        if (this.emptyDomains.has(d) && podDomains.has(d)) options.push(d);
    } else {
      for (const d of this.emptyDomains)
        if (nodeDomains.has(d) && podDomains.has(d)) options.push(d);
    }
    return options.length > 0 ? this.in(options) : this.none();
  }

  /** For error texts: "a: 1, b: 2 and 3 other(s)". */
  countsString(max = 25): string {
    const keys = [...this.domains.keys()].sort();
    const shown = keys.slice(0, max).map((k) => `${k}: ${this.domains.get(k) ?? 0}`);
    const rest = keys.length - shown.length;
    return shown.join(', ') + (rest > 0 ? ` and ${rest} other(s)` : '');
  }
}

interface SpreadPick {
  min: number;
  maxSkew: number;
  self: number;
  minCount: number;
  best: string[];
}

/** One domain of nextDomainTopologySpread: valid when count + self − min ≤ maxSkew; the least
 *  loaded valid domains are kept (ties are broken by the caller). */
function consider(s: SpreadPick, domain: string, c: number): void {
  const count = c + s.self;
  if (count - s.min > s.maxSkew) return;
  if (count < s.minCount) {
    s.minCount = count;
    s.best = [domain];
  } else if (count === s.minCount) s.best.push(domain);
}
