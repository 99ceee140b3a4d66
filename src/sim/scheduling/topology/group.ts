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
  const hash = `${type}\u0000${key}\u0000${ns.join(',')}\u0000${maxSkew}\u0000${filterKey}\u0000${selectorKey(selector)}`;
  // One string object per hash: the maps keyed by it (a solve's groups, each node's steps) then
  // find a key by identity, not by comparing ~100 characters per pod and node.
  let same = hashes.get(hash);
  if (same === undefined) {
    if (hashes.size >= 65_536) hashes.clear();
    hashes.set(hash, (same = hash));
  }
  return same;
}

const hashes = new Map<string, string>();

/** One solve's existing hosts, read by hostname groups instead of an entry per host (ZeroHosts):
 *  `names[i]` is universe node i's hostname, `present[i]` = 1 when the solve has node i, `usable[i]`
 *  = 1 when node i is a destination (not marked for deletion); `nodesOf` maps a hostname to its
 *  nodes (one, or several: a merged universe lists a node's old and new StateNode). */
export interface HostView {
  readonly names: readonly string[];
  readonly nodesOf: ReadonlyMap<string, number | readonly number[]>;
  /** 1 for a node whose hostname another node carries too (countHost then looks it up). */
  readonly sharedAt?: Uint8Array;
  readonly present: Uint8Array;
  readonly usable: Uint8Array;
}

/**
 * The hosts a hostname group holds without an entry each in `domains`: those its countDomains
 * registers (`registered`, per universe node: registerNodes), with the matching pods each node
 * holds (`counts`, per universe node: what its record steps would add; absent nodes drop out
 * through `present`), and, once the solve registered every present destination's hostname
 * (registerAllHosts), those too at 0. `regMark` and `loopMark` are how many entries `domains`
 * had when each happened, so entries() can list the domains in the order the plain path's
 * register calls make. `domains` holds what this solve changed (moved pods' hosts, new
 * NodeClaims, records). Worked example: 400 nodes and a hostname anti-affinity group matching
 * pods on 300 of them → the dry run of one candidate writes 0 entries, not 400 + 300.
 */
interface ZeroHosts {
  readonly view: HostView;
  readonly registered: Uint8Array | undefined;
  readonly counts: Int32Array | undefined;
  /** The nodes with counts above 0, ascending. */
  readonly recorded: readonly number[];
  readonly regMark: number;
  loopMark: number;
}

export class TopologyGroup {
  /** Counts per domain. A hostname group with ZeroHosts holds only what its view does not:
   *  read counts through count()/countOf(), all domains in order through entries(). */
  readonly domains = new Map<string, number>();
  /** The domains at count 0, in domain order (always exactly those: entries are added at 0 or
   *  above and counts only grow); for ZeroHosts groups only the explicit ones (see emptyEntries). */
  readonly emptyDomains = new Set<string>();
  /** The pods that own the group; with `baseOwners` (ownedFrom), those this solve added. */
  private readonly owners = new Set<string>();
  private baseOwners: ReadonlySet<string> | undefined;
  private droppedOwners: Set<string> | undefined;
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
    /** groupHash of the above (the caller's spec has it already). */
    hash: string,
    /** Start as a copy of this group's domains, counts and owners (copyFor). */
    copy?: TopologyGroup,
  ) {
    this.hash = hash;
    if (copy) {
      for (const [d, c] of copy.domains) this.domains.set(d, c);
      for (const d of copy.emptyDomains) this.emptyDomains.add(d);
      for (const o of copy.ownerList()) this.owners.add(o);
      this.occupiedClaims = copy.occupiedClaims;
      this.positives = copy.positives;
      return;
    }
    forEachDomain(domainGroup, pod, nodeFilter.taintPolicy, (d) => {
      this.domains.set(d, 0);
      this.emptyDomains.add(d);
    });
  }

  /** The same group for another solve (its own tie-break stream), remembering no answer. */
  copyFor(pick: PickOptions): TopologyGroup {
    return this.sameGroup(pick, this);
  }

  /** A group with this one's spec: empty, or a copy of `copy`'s domains, counts and owners. */
  private sameGroup(pick: PickOptions, copy: TopologyGroup | undefined): TopologyGroup {
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
      this.hash,
      copy,
    );
  }

  hasOwner(id: string): boolean {
    return (
      this.owners.has(id) || (this.baseOwners?.has(id) === true && !this.droppedOwners?.has(id))
    );
  }

  addOwner(id: string): void {
    this.owners.add(id);
  }

  deleteOwner(id: string): void {
    this.owners.delete(id);
    if (this.baseOwners?.has(id)) (this.droppedOwners ??= new Set()).add(id);
  }

  ownerList(): string[] {
    const out = [...this.owners];
    for (const o of this.baseOwners ?? [])
      if (!this.droppedOwners?.has(o) && !this.owners.has(o)) out.push(o);
    return out;
  }

  /**
   * The same group for another solve, reading this one's owners (less those deleted) and a
   * hosts view of its counts instead of copying them (as countNodes: `counts` per universe node,
   * `positives` present nodes counting above 0). For hostname groups whose order nothing reads
   * (InverseBase).
   */
  viewFor(
    pick: PickOptions,
    view: HostView,
    counts: Int32Array,
    recorded: readonly number[],
    positives: number,
  ): TopologyGroup {
    const g = this.sameGroup(pick, undefined);
    g.baseOwners = this.owners;
    g.zeros = { view, registered: undefined, counts, recorded, regMark: 0, loopMark: -1 };
    g.positives = positives;
    return g;
  }

  /** Takes back `n` matching pods recorded in domain `d`; a domain left with none is dropped
   *  (callers only take back domains that were never registered or seeded). */
  unrecordN(d: string, n: number): void {
    const c = (this.domains.get(d) ?? 0) - n;
    this.version++;
    if (c > 0) this.domains.set(d, c);
    else {
      this.domains.delete(d);
      this.positives--;
    }
  }

  /** How many domains hold a matching pod (bootstrap: none anywhere). */
  private positives = 0;

  get matchedDomains(): number {
    return this.positives;
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
    const before = this.count(d);
    this.version++;
    if (before === 0) {
      this.positives++;
      if (d.startsWith(PLACEHOLDER_PREFIX)) this.occupiedClaims++;
    }
    this.domains.set(d, before + n);
    this.emptyDomains.delete(d);
  }

  register(d: string): void {
    if (!this.domains.has(d) && !this.zeroHas(d)) {
      this.version++;
      this.domains.set(d, 0);
      this.emptyDomains.add(d);
    }
  }

  private zeros: ZeroHosts | undefined;

  /** countDomains' register steps as a view (hostname groups): every present node with
   *  `registered[i]` = 1 holds its hostname at 0 unless counted. O(1) instead of O(nodes). */
  registerNodes(view: HostView, registered: Uint8Array): void {
    this.zeros = {
      view,
      registered,
      counts: undefined,
      recorded: NONE,
      regMark: this.domains.size,
      loopMark: -1,
    };
  }

  /** registerNodes, plus each present node's `counts` (its record steps) as a view; `positives`:
   *  how many present nodes count above 0 (hostnames of present nodes are distinct). */
  countNodes(
    view: HostView,
    registered: Uint8Array,
    counts: Int32Array,
    recorded: readonly number[],
    positives: number,
  ): void {
    this.zeros = { view, registered, counts, recorded, regMark: this.domains.size, loopMark: -1 };
    this.positives += positives;
  }

  /** A host's count recounted by the caller (a node holding a pod this solve moves). */
  recount(d: string, n: number): void {
    const before = this.count(d);
    if (before === n) return;
    this.version++;
    this.positives += (n > 0 ? 1 : 0) - (before > 0 ? 1 : 0);
    this.domains.set(d, n);
  }

  /** register() of every present destination's hostname, in input order, as a view. */
  registerAllHosts(view: HostView): void {
    if (this.zeros) this.zeros.loopMark = this.domains.size;
    else
      this.zeros = {
        view,
        registered: undefined,
        counts: undefined,
        recorded: NONE,
        regMark: this.domains.size,
        loopMark: this.domains.size,
      };
  }

  /** Whether the ZeroHosts hold domain d. */
  private zeroHas(d: string): boolean {
    return this.viewCount(d) !== undefined;
  }

  /** Domain d's count in the ZeroHosts view; undefined when the view does not hold d. */
  private viewCount(d: string): number | undefined {
    const z = this.zeros;
    if (!z) return undefined;
    const at = z.view.nodesOf.get(d);
    if (at === undefined) return undefined;
    if (typeof at === 'number') return zeroAt(z, at) ? (z.counts?.[at] ?? 0) : undefined;
    let found = false;
    let sum = 0;
    for (const i of at) {
      if (!zeroAt(z, i)) continue;
      found = true;
      sum += z.counts?.[i] ?? 0;
    }
    return found ? sum : undefined;
  }

  /** The count of domain d; undefined when the group has no such domain. */
  countOf(d: string): number | undefined {
    return this.domains.get(d) ?? this.viewCount(d);
  }

  /** The count of domain d, 0 when the group has no such domain. */
  count(d: string): number {
    return this.domains.get(d) ?? this.viewCount(d) ?? 0;
  }

  /**
   * count(d) for the hostname `d` of universe node `u`: when the hosts view names `u` as the only
   * node carrying `d` (most hosts), its count is read at `u` without looking the hostname up in
   * the view's map (the existing-node scan asks once per host it passes, thousands per dry run
   * at 20,000 pods).
   */
  countHost(d: string, u: number): number {
    const explicit = this.domains.get(d);
    if (explicit !== undefined) return explicit;
    const z = this.zeros;
    if (!z) return 0;
    const { names, sharedAt } = z.view;
    if (names[u] !== d || sharedAt === undefined || sharedAt[u] === 1)
      return this.viewCount(d) ?? 0;
    return zeroAt(z, u) ? (z.counts?.[u] ?? 0) : 0;
  }

  /**
   * Every domain with its count, in the order the plain path's register/record calls add them:
   * entries made before countDomains, the hosts it registered (node order), entries made before
   * the solve registered every host, those hosts (input order), then the rest. `domains` itself
   * without ZeroHosts. Built only where the order or the zero entries are read (messages, the
   * multi-domain branches a single-host node never takes).
   */
  entries(): ReadonlyMap<string, number> {
    const z = this.zeros;
    if (!z) return this.domains;
    const out = new Map<string, number>();
    const keys = [...this.domains.keys()];
    const explicit = (from: number, to: number) => {
      for (let k = from; k < to; k++) {
        const d = keys[k] as string;
        if (!out.has(d)) out.set(d, this.domains.get(d) ?? 0);
      }
    };
    const { names, present, usable } = z.view;
    const hosts = (take: Uint8Array) => {
      for (let i = 0; i < names.length; i++) {
        if (present[i] !== 1 || take[i] !== 1) continue;
        const h = names[i] as string;
        if (!out.has(h)) out.set(h, this.count(h));
      }
    };
    explicit(0, z.regMark);
    if (z.registered) hosts(z.registered);
    // Counted hosts (an owned group's are all registered, an inverse view's not).
    for (const i of z.recorded) {
      const h = names[i] as string;
      if (present[i] === 1 && !out.has(h)) out.set(h, this.count(h));
    }
    const loopAt = z.loopMark >= 0 ? z.loopMark : keys.length;
    explicit(z.regMark, loopAt);
    if (z.loopMark >= 0) hosts(usable);
    explicit(loopAt, keys.length);
    return out;
  }

  /** The domains at count 0, in domain order. */
  emptyEntries(): ReadonlySet<string> {
    if (!this.zeros) return this.emptyDomains;
    const out = new Set<string>();
    for (const [d, c] of this.entries()) if (c === 0) out.add(d);
    return out;
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
      const count = this.count(h) + (selfSelecting ? 1 : 0);
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
        const c = this.countOf(d);
        if (c !== undefined) consider(s, d, c);
      }
    } else {
      for (const [d, c] of this.entries()) if (nodeDomains.has(d)) consider(s, d, c);
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
      if (this.count(h) > 0 || this.bootstrap(selfSelecting, podDomains)) {
        return this.in([h]);
      }
      return this.none();
    }
    const options = new Set<string>();
    if (nodeDomains.operator() === 'In') {
      for (const d of nodeDomains.values) {
        const c = this.countOf(d);
        if (podDomains.has(d) && c !== undefined && c > 0) options.add(d);
      }
    } else {
      for (const [d, c] of this.entries())
        if (podDomains.has(d) && c > 0 && nodeDomains.has(d)) options.add(d);
    }
    if (options.size > 0) return this.in(options);
    if (this.bootstrap(selfSelecting, podDomains)) {
      // Upstream takes one domain (map order) compatible with the node, and one the pod allows.
      const intersected = podDomains.intersection(nodeDomains);
      const all = [...this.entries().keys()];
      const a = this.choose(all.filter((d) => intersected.has(d)));
      if (a !== undefined) options.add(a);
      const b = this.choose(all.filter((d) => podDomains.has(d)));
      if (b !== undefined) options.add(b);
    }
    return options.size > 0 ? this.in(options) : this.none();
  }

  /** A self-selecting pod may start a group that has no match anywhere it can go. */
  bootstrap(selfSelecting: boolean, podDomains: Requirement): boolean {
    if (!selfSelecting) return false;
    return this.positives === 0 || !this.anyCompatiblePodDomain(podDomains);
  }

  private anyCompatiblePodDomain(podDomains: Requirement): boolean {
    for (const [d, c] of this.domains) if (c > 0 && podDomains.has(d)) return true;
    // The view's counted hosts (the order does not matter for a yes/no).
    const z = this.zeros;
    if (z)
      for (const i of z.recorded) {
        const h = z.view.names[i] as string;
        if (z.view.present[i] === 1 && !this.domains.has(h) && podDomains.has(h)) return true;
      }
    return false;
  }

  private nextDomainAntiAffinity(podDomains: Requirement, nodeDomains: Requirement): Requirement {
    if (this.key === LABEL.hostname && nodeDomains.values.size === 1) {
      const [host] = nodeDomains.values as Set<string>;
      const h = host ?? '';
      return this.count(h) === 0 ? this.in([h]) : this.none();
    }
    const options: string[] = [];
    const empty = this.emptyEntries();
    if (nodeDomains.operator() === 'In' && nodeDomains.values.size < empty.size) {
      for (const d of nodeDomains.values) if (empty.has(d) && podDomains.has(d)) options.push(d);
    } else {
      for (const d of empty) if (nodeDomains.has(d) && podDomains.has(d)) options.push(d);
    }
    return options.length > 0 ? this.in(options) : this.none();
  }

  /** For error texts: "a: 1, b: 2 and 3 other(s)". */
  countsString(max = 25): string {
    const all = this.entries();
    const keys = [...all.keys()].sort();
    const shown = keys.slice(0, max).map((k) => `${k}: ${all.get(k) ?? 0}`);
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

const NONE: readonly number[] = [];

function zeroAt(z: ZeroHosts, i: number): boolean {
  const { present, usable } = z.view;
  return (
    present[i] === 1 &&
    (z.registered?.[i] === 1 || (z.counts?.[i] ?? 0) > 0 || (z.loopMark >= 0 && usable[i] === 1))
  );
}
