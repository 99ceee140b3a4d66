// Cluster-wide topology state for one solve (scheduling/topology.go): the groups every pending
// pod owns (its spread constraints and pod (anti-)affinity terms), and "inverse" anti-affinity
// groups so a pod that existing pods repel is kept away from them too.
import type { NodePool, Pod, Taint } from '../../k8s.ts';
import { LABEL } from '../../labels.ts';
import { Requirement, type Requirements } from '../../requirements.ts';
import type { InstanceType } from '../../catalog/types.ts';
import { nodeFacts, type NodeSteps } from '../nodefacts.ts';
import type { StateNode } from '../types.ts';
import { buildDomainGroups, type DomainGroup } from './domains.ts';
import { TopologyGroup, type HostView, type PickOptions, type TopologyType } from './group.ts';
import { filterMatches } from './nodefilter.ts';
import { SelectorIndex } from './selectorindex.ts';
import type { NodeSubset, Universe } from './universe.ts';
import {
  hasAnyAntiAffinity,
  hasRequiredAntiAffinity,
  inverseSpecs,
  ns,
  podSpecs,
  required,
  specsKey,
  uid,
  type GroupSpec,
} from './specs.ts';

export interface TopologyFailure {
  type: TopologyType;
  key: string;
  /** Built on demand: most failures (in-flight NodeClaims) are never shown. */
  message: () => string;
}

/** A host is ruled out for a pod when its count in `group` exceeds `limit` (hostLimits). */
export interface HostLimit {
  group: TopologyGroup;
  limit: number;
  /** Names the test across the solves of one cluster state: whether the group is an owned or an
   *  inverse one (an inverse group counts its owners, an owned one the pods it selects), its
   *  hash and the limit (ScanBase.learnedRuns). */
  key: string;
}

function hostLimit(group: TopologyGroup, limit: number, inverse: boolean): HostLimit {
  return { group, limit, key: `${inverse ? 'i' : 'o'}${limit}\u0000${group.hash}` };
}

const NO_LIMITS: readonly HostLimit[] = [];
const NO_GROUPS: readonly TopologyGroup[] = [];

/** countByDomain's registration order, reused from call to call (a solve runs one at a time). */
const scratch = { at: [] as number[], names: [] as string[] };

/** The per-universe bases (InverseBase, hostname groups' hosts view: TopologyGroup.registerNodes
 *  and registerAllHosts) can be turned off, for the tests that compare them with the plain path. */
export const topologyBases = { enabled: true };

/** Reading a solve pod's groups from its specs on first ask (ownedOf) instead of naming them per
 *  pod up front can be turned off, for the test that compares the two. */
export const ownedFromSpecs = { enabled: true };

export class Topology {
  private readonly groups = new Map<string, TopologyGroup>();
  private readonly inverse = new Map<string, TopologyGroup>();
  /** Both kinds of group by a label their selector requires (selectorindex.ts). */
  private readonly groupIndex = new SelectorIndex<TopologyGroup>();
  private readonly inverseIndex = new SelectorIndex<TopologyGroup>();
  /** Both kinds of group by topology key (register() touches only the key's groups). */
  private readonly byKey = new Map<string, TopologyGroup[]>();
  private readonly domainGroups: ReadonlyMap<string, DomainGroup>;
  private readonly excluded: Set<string>;
  /** Universe indexes of the nodes holding a pod this solve schedules (a dry run moving it). */
  readonly hosting: ReadonlySet<number>;
  private readonly pick: PickOptions;
  /** Groups each pod owns, and the inverse groups that select it (cached per inverse version). */
  private readonly owned = new Map<string, readonly TopologyGroup[]>();
  private readonly repelledBy = new Map<string, { version: number; groups: TopologyGroup[] }>();
  private inverseVersion = 0;
  /** Every namespace seen in this solve, for namespaceSelector. */
  private readonly namespaces = new Set<string>();
  /** The solve's existing hosts, for hostname groups' zero entries (topologyBases). */
  private readonly hosts: HostView & { readonly shared: readonly (readonly number[])[] };

  constructor(
    private readonly subset: NodeSubset,
    nodePools: readonly NodePool[],
    instanceTypes: ReadonlyMap<string, readonly InstanceType[]>,
    pods: readonly Pod[],
    private readonly ignorePreferences: boolean,
    rng: (() => number) | undefined,
  ) {
    this.pick = { rng };
    this.domainGroups = buildDomainGroups(nodePools, instanceTypes);
    this.excluded = new Set(pods.map(uid));
    const { universe, present } = subset;
    this.hosting = universe.hosting(this.excluded);
    this.hosts = { ...universe.hosts(), present };
    for (const p of pods) this.namespaces.add(ns(p));
    for (const x of universe.namespaces(present)) this.namespaces.add(x);
    if (!this.inverseFromBase()) {
      for (const { node, pod } of universe.antiPods) {
        if (present[node] !== 1 || this.excluded.has(uid(pod))) continue;
        this.updateInverseAntiAffinity(pod, nodeLabels(universe.nodes[node] as StateNode));
      }
    }
    // Distinct uids: each pod's groups are those of its own specs until update() says otherwise,
    // read on first ask (ownedBy) and shared by the pods whose specs name the same groups; the
    // constructor only creates the groups, in the order the pods name them.
    this.lazyOwned = this.excluded.size === pods.length && ownedFromSpecs.enabled;
    // Pods of one Deployment share one spec list (specs.ts): once a list's groups exist, the next
    // pod naming the same list has nothing to create.
    let done: readonly GroupSpec[] | undefined;
    for (const p of pods) {
      if (!this.lazyOwned) {
        this.update(p);
        continue;
      }
      const specs = this.createGroups(p, done);
      done = specs;
    }
  }

  /** Whether a solve pod update() did not name owns the groups of its own specs (ownedBy). */
  private readonly lazyOwned: boolean;
  /** The groups of a spec list, by the list's hashes (specsKey): one array per kind of pod. */
  private readonly ownedByKey = new Map<string, readonly TopologyGroup[]>();

  /** The owned groups: hash, domains with counts and empty domains in order, how many domains
   *  hold a match (tests). */
  groupState(): [string, [string, number][], string[], number][] {
    return [...this.groups.values()].map((g) => [
      g.hash,
      [...g.entries()],
      [...g.emptyEntries()],
      g.matchedDomains,
    ]);
  }

  /** The inverse groups in order: hash, domains with counts in order, owners (tests). */
  inverseState(): [string, [string, number][], string[]][] {
    return [...this.inverse.values()].map((g) => [g.hash, [...g.entries()], g.ownerList().sort()]);
  }

  /**
   * The inverse anti-affinity groups of the universe's anti-affinity pods, from the universe's
   * InverseBase (all nodes present, no pod moved) corrected for this solve's absent nodes and
   * moved pods: hostname groups read its counts and owners as a view (absent nodes drop out
   * through `present`), the others are copied and corrected; false (nothing done) when the
   * correction cannot be exact.
   */
  private inverseFromBase(): boolean {
    const { universe, present } = this.subset;
    if (universe.antiPods.length === 0 || !topologyBases.enabled) return false;
    const base = inverseBase(universe, this.domainGroups);
    if (!base) return false;
    // The entries on absent nodes and of moved pods: found through the absent nodes and the
    // solve's pods, not by walking every anti-affinity pod of the cluster.
    const removed: number[] = [];
    const gone = new Uint8Array(universe.antiPods.length);
    const take = (e: number) => {
      if (gone[e] === 1) return;
      gone[e] = 1;
      removed.push(e);
    };
    for (const i of this.absentNodes()) for (const e of base.entriesAt.get(i) ?? []) take(e);
    for (const id of this.excluded) for (const e of base.entriesOf.get(id) ?? []) take(e);
    removed.sort((a, b) => a - b);
    for (const e of removed) {
      for (const c of base.contrib[e] ?? []) {
        if (base.creator[c.group] === e || base.unsafe.has(c.group)) return false;
      }
    }
    // Hostname groups none of whose removed entries sits on a present node read the base's counts
    // and owners as a view (absent nodes drop out through `present`); the others are copied.
    const viewed = new Uint8Array(base.groups.length);
    if (this.distinctHosts()) {
      base.groups.forEach((g, gi) => {
        if (g.key === LABEL.hostname && !base.unsafe.has(gi)) viewed[gi] = 1;
      });
      for (const e of removed) {
        if (present[(universe.antiPods[e] as { node: number }).node] !== 1) continue;
        for (const c of base.contrib[e] ?? []) viewed[c.group] = 0;
      }
    }
    const copies = base.groups.map((g, gi) => {
      if (viewed[gi] !== 1) return g.copyFor(this.pick);
      const { counts, recorded } = base.hosts[gi] as { counts: Int32Array; recorded: number[] };
      return g.viewFor(
        this.pick,
        this.hosts,
        counts,
        recorded,
        this.presentPositives(counts, recorded),
      );
    });
    for (const c of copies) {
      this.inverse.set(c.hash, c);
      this.inverseIndex.add(c);
      this.indexKey(c);
      this.inverseVersion++;
    }
    for (const e of removed) {
      const id = uid((universe.antiPods[e] as { pod: Pod }).pod);
      for (const c of base.contrib[e] ?? []) {
        const g = copies[c.group] as TopologyGroup;
        if (c.domain !== undefined && viewed[c.group] !== 1) g.unrecordN(c.domain, 1);
        // The same pod listed on another node that stays (a merged universe keeps a node's old
        // and new StateNode) still owns the group.
        const kept = (base.entriesOf.get(id) ?? []).some(
          (x) => gone[x] !== 1 && (base.contrib[x] ?? []).some((o) => o.group === c.group),
        );
        if (!kept) g.deleteOwner(id);
      }
    }
    return true;
  }

  /** Re-derives the groups a pod owns from its (possibly relaxed) spec. Owned groups keep no
   *  owner set: which groups a pod owns is `owned` (or its specs', ownedBy), never asked of the
   *  group (inverse groups keep theirs: record() asks them). */
  update(p: Pod): void {
    this.ownedPod = undefined;
    const specs = this.createGroups(p, undefined);
    const owned: TopologyGroup[] = [];
    for (const spec of specs) {
      const tg = this.groups.get(spec.hash) as TopologyGroup;
      if (!owned.includes(tg)) owned.push(tg);
    }
    this.owned.set(uid(p), specs.length === 0 ? NO_GROUPS : owned);
  }

  /** The inverse groups the pod's anti-affinity makes and the groups its specs name, created
   *  (and counted) where new, in spec order; the pod's specs. `done`: a list whose groups all
   *  exist already. */
  private createGroups(p: Pod, done: readonly GroupSpec[] | undefined): readonly GroupSpec[] {
    if (this.ignorePreferences ? hasRequiredAntiAffinity(p) : hasAnyAntiAffinity(p)) {
      this.updateInverseAntiAffinity(p, undefined);
    }
    const specs = podSpecs(p, this.ignorePreferences, this.namespaces);
    if (specs === done) return specs;
    for (const spec of specs) {
      if (this.groups.has(spec.hash)) continue;
      const tg = this.group(spec, p);
      this.countDomains(tg);
      this.groups.set(tg.hash, tg);
      this.groupIndex.add(tg);
      this.indexKey(tg);
    }
    return specs;
  }

  /** The groups a pod owns: update()'s answer for its uid, else (a solve pod the constructor
   *  saw, never updated) those its specs name, which the constructor created. */
  private ownedOf(p: Pod): readonly TopologyGroup[] {
    const id = uid(p);
    const named = this.owned.get(id);
    if (named || !this.lazyOwned || !this.excluded.has(id)) return named ?? NO_GROUPS;
    const specs = podSpecs(p, this.ignorePreferences, this.namespaces);
    if (specs.length === 0) return NO_GROUPS;
    const key = specsKey(specs);
    let list = this.ownedByKey.get(key);
    if (!list) {
      const out: TopologyGroup[] = [];
      for (const spec of specs) {
        const g = this.groups.get(spec.hash) as TopologyGroup;
        if (!out.includes(g)) out.push(g);
      }
      this.ownedByKey.set(key, (list = out));
    }
    return list;
  }

  // The existing-node scan asks about the same pod once per node: the last answers, dropped when
  // a pod's groups change (update) or an inverse group appears (inverseVersion).
  private ownedPod: Pod | undefined;
  private ownedList: readonly TopologyGroup[] = [];
  private inversePod: Pod | undefined;
  private inverseAt = -1;
  private inverseList: readonly TopologyGroup[] = [];

  private ownedBy(p: Pod): readonly TopologyGroup[] {
    if (p !== this.ownedPod) {
      this.ownedList = this.ownedOf(p);
      this.ownedPod = p;
    }
    return this.ownedList;
  }

  private inverseSelecting(p: Pod): readonly TopologyGroup[] {
    if (p !== this.inversePod || this.inverseAt !== this.inverseVersion) {
      this.inverseList = this.inverseSelectingUncached(p);
      this.inversePod = p;
      this.inverseAt = this.inverseVersion;
    }
    return this.inverseList;
  }

  private inverseSelectingUncached(p: Pod): readonly TopologyGroup[] {
    const id = uid(p);
    const c = this.repelledBy.get(id);
    if (c && c.version === this.inverseVersion) return c.groups;
    const groups = this.inverseIndex.selecting(p);
    this.repelledBy.set(id, { version: this.inverseVersion, groups });
    return groups;
  }

  private group(spec: GroupSpec, p: Pod): TopologyGroup {
    return makeGroup(spec, p, this.domainGroups, this.pick);
  }

  private updateInverseAntiAffinity(p: Pod, domains: Record<string, string> | undefined): void {
    for (const spec of inverseSpecs(p, this.namespaces)) {
      let tg = this.inverse.get(spec.hash);
      if (!tg) {
        tg = this.group(spec, p);
        this.inverse.set(spec.hash, tg);
        this.inverseIndex.add(tg);
        this.indexKey(tg);
        this.inverseVersion++;
      }
      const d = domains?.[tg.key];
      if (d !== undefined) tg.record(d);
      tg.addOwner(uid(p));
    }
  }

  /** Seeds a new group with the domains and matching pods of existing nodes: the universe's steps
   *  for the group, replayed over the nodes present, recounting nodes that hold a moved pod. */
  private countDomains(tg: TopologyGroup): void {
    const { universe, present } = this.subset;
    const steps = universe.stepsFor(tg);
    const n = steps.length;
    // A hostname group's steps name a host per node: read as a view of the universe's hosts and
    // their counts (O(nodes) per group per solve otherwise); this solve writes only the hosts of
    // nodes holding a pod it moves. Absent nodes drop out of the view (`present`).
    if (tg.key === LABEL.hostname && topologyBases.enabled) {
      const h = universe.hostSteps(tg);
      // Domains seeded by the pools (tg.domains not empty) would hide the view's counts.
      if (!h.recordOnly && tg.domains.size === 0 && this.distinctHosts()) {
        const positives = this.presentPositives(h.counts, h.recorded);
        tg.countNodes(this.hosts, h.registered, h.counts, h.recorded, positives);
        for (const i of this.hosting) {
          if (present[i] !== 1 || (h.counts[i] ?? 0) === 0) continue;
          tg.recount(this.hosts.names[i] as string, this.recount(tg, i));
        }
        return;
      }
      tg.registerNodes(this.hosts, h.registered);
    } else if (topologyBases.enabled) {
      this.countByDomain(tg, steps);
      return;
    } else {
      for (let i = 0; i < n; i++) {
        const d = (steps[i] as NodeSteps).register;
        if (d !== undefined && present[i] === 1) tg.register(d);
      }
    }
    for (let i = 0; i < n; i++) {
      const s = steps[i] as NodeSteps;
      if (s.record === undefined || present[i] !== 1) continue;
      const count = this.hosting.has(i) ? this.recount(tg, i) : s.count;
      if (count > 0) tg.recordN(s.record, count);
    }
  }

  /**
   * countDomains for a group keyed by anything but hostname, from the universe's steps by domain:
   * the replay's calls merged per domain. Domains register in the order of their first present
   * registering node; then each domain with a count records once, its sum over present nodes
   * (absent nodes' counts taken off, nodes holding a pod this solve moves recounted). Several
   * recordN calls on one domain add up, and the order of records never shows: a node records
   * only a domain it registers (both need its label and the group's node filter; only hostname
   * groups fall back to the node's name). The group ends with the same domains, counts and order
   * as the replay leaves, for O(domains + absent + hosting nodes).
   */
  private countByDomain(tg: TopologyGroup, steps: readonly NodeSteps[]): void {
    const { universe, present } = this.subset;
    const ds = universe.domainSteps(tg);
    // Registered in the order of each domain's first present node (a handful of domains: an
    // insertion sort into scratch arrays, no tuple per domain).
    const at = scratch.at;
    const names = scratch.names;
    let k = 0;
    for (const [d, nodes] of ds.registers) {
      let first = -1;
      for (const i of nodes)
        if (present[i] === 1) {
          first = i;
          break;
        }
      if (first < 0) continue;
      let j = k++;
      for (; j > 0 && (at[j - 1] as number) > first; j--) {
        at[j] = at[j - 1] as number;
        names[j] = names[j - 1] as string;
      }
      at[j] = first;
      names[j] = d;
    }
    for (let j = 0; j < k; j++) tg.register(names[j] as string);
    // Counts: each domain's sum, less absent nodes' counts, with moved pods' nodes recounted.
    let fix: Map<string, number> | undefined;
    for (const i of this.absentNodes()) {
      const s = steps[i] as NodeSteps;
      if (s.record === undefined) continue;
      fix ??= new Map();
      fix.set(s.record, (fix.get(s.record) ?? 0) - s.count);
    }
    for (const i of this.hosting) {
      const s = steps[i] as NodeSteps;
      if (present[i] !== 1 || s.record === undefined) continue;
      fix ??= new Map();
      fix.set(s.record, (fix.get(s.record) ?? 0) + this.recount(tg, i) - s.count);
    }
    for (const [d, sum] of ds.records) {
      const total = sum + (fix?.get(d) ?? 0);
      if (total > 0) tg.recordN(d, total);
    }
  }

  /** The group's matching pods on universe node i, without the pods this solve moves. */
  private recount(tg: TopologyGroup, i: number): number {
    let count = 0;
    for (const p of nodeFacts(this.subset.universe.nodes[i] as StateNode).topoPods)
      if (!this.excluded.has(uid(p)) && tg.selects(p)) count++;
    return count;
  }

  private absent: number[] | undefined;

  /** The universe's nodes this solve does not have. */
  private absentNodes(): readonly number[] {
    if (!this.absent) {
      const { present } = this.subset;
      this.absent = [];
      for (let i = 0; i < present.length; i++) if (present[i] !== 1) this.absent.push(i);
    }
    return this.absent;
  }

  /** How many of the `recorded` nodes (those counting above 0) this solve has. */
  private presentPositives(counts: Int32Array, recorded: readonly number[]): number {
    let positives = recorded.length;
    for (const i of this.absentNodes()) if ((counts[i] ?? 0) > 0) positives--;
    return positives;
  }

  private distinct: boolean | undefined;

  /** No two present nodes carry the same hostname (the view then counts one node per host). */
  private distinctHosts(): boolean {
    if (this.distinct !== undefined) return this.distinct;
    // A merged universe shares a hostname between a node's old and new StateNode for every node
    // that changed: counted without a filtered copy of each list (~2 % of a 24 h day's garbage).
    const { present } = this.subset;
    for (const l of this.hosts.shared) {
      let n = 0;
      for (const i of l) if (present[i] === 1 && ++n > 1) return (this.distinct = false);
    }
    return (this.distinct = true);
  }

  private indexKey(g: TopologyGroup): void {
    const list = this.byKey.get(g.key);
    if (list) list.push(g);
    else this.byKey.set(g.key, [g]);
  }

  register(key: string, domain: string): void {
    for (const g of this.byKey.get(key) ?? []) g.register(domain);
  }

  /** register(hostname, h) for the hostname `each` gives of every present destination, in input
   *  order: with topologyBases, as the hosts view each hostname group reads (O(groups)). */
  registerHosts(each: (fn: (host: string) => void) => void): void {
    if (!topologyBases.enabled) {
      each((host) => this.register(LABEL.hostname, host));
      return;
    }
    for (const g of this.byKey.get(LABEL.hostname) ?? []) g.registerAllHosts(this.hosts);
  }

  /** Counts a placed pod in every group that selects it. */
  record(p: Pod, taints: readonly Taint[], reqs: Requirements): void {
    this.groupIndex.forEachCandidate(p, (g) => {
      if (!g.selects(p) || !filterMatches(g.nodeFilter, taints, reqs)) return;
      const domains = reqs.get(g.key);
      if (g.type === 'pod anti-affinity' || domains.len() === 1)
        for (const d of domains.values) g.recordN(d, 1);
    });
    const id = uid(p);
    for (const g of this.inverse.values())
      if (g.hasOwner(id)) for (const d of reqs.get(g.key).values) g.recordN(d, 1);
  }

  /** The domain requirements every topology the pod takes part in adds to the node, or why it
   *  cannot go there. Each is computed against the node's requirements before any is added. */
  addRequirements(
    p: Pod,
    taints: readonly Taint[],
    podReqs: Requirements,
    nodeReqs: Requirements,
  ): { add: Requirement[] } | { failure: TopologyFailure } {
    const add: Requirement[] = [];
    const g = this.firstBlocking(p, taints, podReqs, nodeReqs, add);
    return g ? { failure: failureOf(g, podReqs, nodeReqs) } : { add };
  }

  /** addRequirements for callers that discard the failure (the existing-node scan): the domain
   *  requirements go into `add`; false when a group rules the node out. Allocates no failure. */
  admits(
    p: Pod,
    taints: readonly Taint[],
    podReqs: Requirements,
    nodeReqs: Requirements,
    add: Requirement[],
  ): boolean {
    const g = this.firstBlocking(p, taints, podReqs, nodeReqs, add);
    if (!g) return true;
    this.blockedKey = undefined;
    if (g.key !== LABEL.hostname && this.soleOtherKeyGroup(p) === g) {
      const d = soleValue(nodeReqs.own(g.key));
      if (d !== undefined) {
        this.blockedKey = g.key;
        this.blockedDomain = d;
      }
    }
    return false;
  }

  // Set by a failed admits(): every other node whose requirement on blockedKey is exactly
  // In [blockedDomain] fails admits() too, until something is recorded. The group that failed
  // answered for that one domain without a tie-break draw (an empty answer never draws), and
  // remembers that answer per domain (TopologyGroup.get); the pod's other groups are hostname
  // groups, which decide a single-host node from its count alone and never draw. So the
  // existing-node scan may skip such nodes: same outcome, same random stream.
  private blockedKey: string | undefined;
  private blockedDomain = '';

  /** The (key, domain) the last failed admits() rules out for the rest of the scan, if any;
   *  cleared by reading. */
  takeBlocked(): { key: string; domain: string } | undefined {
    const key = this.blockedKey;
    if (key === undefined) return undefined;
    this.blockedKey = undefined;
    return { key, domain: this.blockedDomain };
  }

  /** The only group of the pod (owned or repelling it) on a key other than hostname. */
  private soleOtherKeyGroup(p: Pod): TopologyGroup | undefined {
    let found: TopologyGroup | undefined;
    for (const list of [this.ownedBy(p), this.inverseSelecting(p)]) {
      for (const g of list) {
        if (g.key === LABEL.hostname) continue;
        if (found) return undefined;
        found = g;
      }
    }
    return found;
  }

  /** Pushes each group's domain requirement onto `add`, in order; the first group with none. */
  private firstBlocking(
    p: Pod,
    taints: readonly Taint[],
    podReqs: Requirements,
    nodeReqs: Requirements,
    add: Requirement[],
  ): TopologyGroup | undefined {
    for (const g of this.ownedBy(p)) if (!applyGroup(g, p, podReqs, nodeReqs, add)) return g;
    for (const g of this.inverseSelecting(p)) {
      if (!filterMatches(g.nodeFilter, taints, nodeReqs)) continue;
      if (!applyGroup(g, p, podReqs, nodeReqs, add)) return g;
    }
    return undefined;
  }

  /**
   * A cheap, exact pre-check for one candidate host: hostname spread and anti-affinity groups
   * decide from the host's own count alone (topologygroup.go's single-hostname branches), so a
   * full addRequirements on a host they rule out would fail too.
   */
  blockedOnHost(p: Pod, host: string): boolean {
    for (const g of this.ownedBy(p)) {
      if (g.key !== LABEL.hostname) continue;
      const c = g.count(host);
      if (
        g.type === 'pod anti-affinity'
          ? c > 0
          : g.type === 'topology spread' && c + (g.selects(p) ? 1 : 0) > g.maxSkew
      )
        return true;
    }
    for (const g of this.inverseSelecting(p)) {
      if (g.key === LABEL.hostname && g.count(host) > 0) return true;
    }
    return false;
  }

  /**
   * What blockedOnHost checks, as (group, limit) pairs: a host whose count in the group exceeds
   * the limit is ruled out for the pod. Counts only grow during a solve, so a host found ruled
   * out stays ruled out for every pod with the same pair (the scan's skipping, scheduler.ts).
   */
  hostLimits(p: Pod): readonly HostLimit[] {
    const owned = this.ownedBy(p);
    const inverse = this.inverseSelecting(p);
    if (owned.length === 0 && inverse.length === 0) return NO_LIMITS;
    const hit = this.limitsOf.get(p);
    if (hit && hit.owned === owned && hit.inverse === inverse) return hit.limits;
    const out: HostLimit[] = [];
    for (const g of owned) {
      if (g.key !== LABEL.hostname) continue;
      if (g.type === 'pod anti-affinity') out.push(hostLimit(g, 0, false));
      else if (g.type === 'topology spread')
        out.push(hostLimit(g, g.maxSkew - (g.selects(p) ? 1 : 0), false));
    }
    for (const g of inverse) if (g.key === LABEL.hostname) out.push(hostLimit(g, 0, true));
    const limits = out.length > 0 ? out : NO_LIMITS;
    this.limitsOf.set(p, { owned, inverse, limits });
    return limits;
  }
  /** hostLimits per pod object, for the group lists it was derived from. */
  private readonly limitsOf = new WeakMap<
    Pod,
    {
      owned: readonly TopologyGroup[];
      inverse: readonly TopologyGroup[];
      limits: readonly HostLimit[];
    }
  >();

  /**
   * blockedOnHost, plus pod affinity on other keys: a NodeClaim already pinned to domains that hold
   * no matching pod fails unless the pod could bootstrap the group (nextDomainAffinity).
   */
  blockedOnClaim(p: Pod, podStrict: Requirements, host: string, claim: Requirements): boolean {
    if (this.blockedOnHost(p, host)) return true;
    for (const g of this.ownedBy(p)) {
      if (g.type !== 'pod affinity' || g.key === LABEL.hostname || !claim.has(g.key)) continue;
      const r = claim.get(g.key);
      if (r.complement) continue;
      let matched = false;
      for (const d of r.values) {
        if (g.count(d) > 0) {
          matched = true;
          break;
        }
      }
      if (matched) continue;
      const podDomains = podStrict.has(g.key) ? podStrict.get(g.key) : exists(g.key);
      if (!g.bootstrap(g.selects(p), podDomains)) return true;
    }
    return false;
  }

  /** True when hostname anti-affinity already rules out every one of the solve's `claims` new
   *  NodeClaims for this pod, so scanning them one by one would find nothing. */
  blockedOnAllClaims(p: Pod, claims: number): boolean {
    if (claims === 0) return false;
    for (const g of this.ownedBy(p)) {
      if (g.key === LABEL.hostname && g.type === 'pod anti-affinity' && g.occupiedClaims >= claims)
        return true;
    }
    for (const g of this.inverseSelecting(p)) {
      if (g.key === LABEL.hostname && g.occupiedClaims >= claims) return true;
    }
    return false;
  }

  /** True when the pod takes part in no topology at all (the common, cheap case). */
  isFree(p: Pod): boolean {
    return this.ownedBy(p).length === 0 && this.inverseSelecting(p).length === 0;
  }
}

/**
 * What the universe's anti-affinity pods make of the inverse groups with every node present and
 * no pod moved, built by the same updateInverseAntiAffinity calls a solve makes, plus what each
 * entry of `antiPods` contributed, so a solve can copy the groups and take back the contributions
 * of its absent nodes and moved pods. Exact only where taking back is the same as never adding:
 * a group is `unsafe` unless it is a hostname group whose recorded domains were not seeded by
 * the pools' domains. In a hostname group only the counts and the set of domains can be seen,
 * not their order: existing nodes and NodeClaims always carry hostname In [one value], so
 * nextDomainAntiAffinity answers from that host's count (an emptied requirement finds nothing
 * either way) and countsString sorts; a domain taken back to zero is one that no remaining
 * entry recorded, so it is dropped, as it would never have been added. An entry that created a
 * group (group order, seeding pod) cannot be taken back. Terms with a namespaceSelector depend
 * on the solve's namespaces: no base then.
 */
interface InverseBase {
  domainGroups: ReadonlyMap<string, DomainGroup>;
  groups: TopologyGroup[];
  creator: number[];
  contrib: { group: number; domain: string | undefined }[][];
  unsafe: Set<number>;
  /** pod uid → its entries (a merged universe lists a pod under a node's old and new object). */
  entriesOf: Map<string, number[]>;
  /** universe node → its entries. */
  entriesAt: Map<number, number[]>;
  /** Per group, its recorded entries per universe node, and the nodes with any (ascending). */
  hosts: { counts: Int32Array; recorded: number[] }[];
}

const inverseBases = new WeakMap<Universe, InverseBase | null>();

function inverseBase(
  u: Universe,
  domainGroups: ReadonlyMap<string, DomainGroup>,
): InverseBase | undefined {
  const hit = inverseBases.get(u);
  if (hit === null) return undefined;
  if (hit?.domainGroups === domainGroups) return hit;
  const built = buildInverseBase(u, domainGroups);
  inverseBases.set(u, built ?? null);
  return built;
}

const NO_NAMESPACES: ReadonlySet<string> = new Set();

function buildInverseBase(
  u: Universe,
  domainGroups: ReadonlyMap<string, DomainGroup>,
): InverseBase | undefined {
  for (const { pod } of u.antiPods)
    if (required(pod).some((t) => t.namespaceSelector !== undefined)) return undefined;
  const pick: PickOptions = { rng: undefined };
  const byHash = new Map<string, number>();
  const base: InverseBase = {
    domainGroups,
    groups: [],
    creator: [],
    contrib: [],
    unsafe: new Set(),
    entriesOf: new Map(),
    entriesAt: new Map(),
    hosts: [],
  };
  u.antiPods.forEach(({ node, pod }, e) => {
    const labels = nodeLabels(u.nodes[node] as StateNode);
    const id = uid(pod);
    const entries = base.entriesOf.get(id);
    if (entries) entries.push(e);
    else base.entriesOf.set(id, [e]);
    const at = base.entriesAt.get(node);
    if (at) at.push(e);
    else base.entriesAt.set(node, [e]);
    const mine: { group: number; domain: string | undefined }[] = [];
    // Specs without a namespaceSelector do not read the namespaces (checked above).
    for (const spec of inverseSpecs(pod, NO_NAMESPACES)) {
      let gi = byHash.get(spec.hash);
      if (gi === undefined) {
        gi = base.groups.length;
        byHash.set(spec.hash, gi);
        const g = makeGroup(spec, pod, domainGroups, pick);
        base.groups.push(g);
        base.creator.push(e);
        if (g.key !== LABEL.hostname) base.unsafe.add(gi);
      }
      const g = base.groups[gi] as TopologyGroup;
      const d = labels[g.key];
      if (d !== undefined) {
        if (g.emptyDomains.has(d)) base.unsafe.add(gi);
        g.record(d);
      }
      g.addOwner(id);
      mine.push({ group: gi, domain: d });
    }
    base.contrib.push(mine);
  });
  base.hosts = base.groups.map(() => ({ counts: new Int32Array(u.nodes.length), recorded: [] }));
  base.contrib.forEach((mine, e) => {
    const node = (u.antiPods[e] as { node: number }).node;
    for (const c of mine) {
      if (c.domain === undefined) continue;
      const h = base.hosts[c.group] as { counts: Int32Array; recorded: number[] };
      if (h.counts[node] === 0) h.recorded.push(node);
      h.counts[node] = (h.counts[node] ?? 0) + 1;
    }
  });
  for (const h of base.hosts) h.recorded.sort((a, b) => a - b);
  return base;
}

function nodeLabels(n: StateNode): Record<string, string> {
  return LABEL.hostname in n.labels ? n.labels : { ...n.labels, [LABEL.hostname]: n.name };
}

function makeGroup(
  spec: GroupSpec,
  p: Pod,
  domainGroups: ReadonlyMap<string, DomainGroup>,
  pick: PickOptions,
): TopologyGroup {
  const { type, key, namespaces, selector, maxSkew, minDomains } = spec;
  return new TopologyGroup(
    type,
    key,
    p,
    namespaces,
    selector,
    maxSkew,
    minDomains,
    spec.filter(),
    domainGroups.get(key),
    pick,
    spec.hash,
  );
}

const EXISTS = new Map<string, Requirement>();
function exists(key: string): Requirement {
  let r = EXISTS.get(key);
  if (!r) EXISTS.set(key, (r = Requirement.of({ key, operator: 'Exists' })));
  return r;
}

/** The value of an `In [v]` requirement without bounds (TopologyGroup.get's per-domain case). */
export function soleValue(r: Requirement | undefined): string | undefined {
  if (!r || r.complement || r.values.size !== 1 || r.gte !== undefined || r.lte !== undefined)
    return undefined;
  for (const v of r.values) return v;
  return undefined;
}

function domainsOf(g: TopologyGroup, reqs: Requirements): Requirement {
  return reqs.own(g.key) ?? exists(g.key);
}

/** The group's domain requirement for the pod on the node onto `add`; false when it has none. */
function applyGroup(
  g: TopologyGroup,
  p: Pod,
  podReqs: Requirements,
  nodeReqs: Requirements,
  add: Requirement[],
): boolean {
  const req = g.get(p, domainsOf(g, podReqs), domainsOf(g, nodeReqs));
  if (req.len() === 0) return false;
  add.push(req);
  return true;
}

function failureOf(
  g: TopologyGroup,
  podReqs: Requirements,
  nodeReqs: Requirements,
): TopologyFailure {
  const podDomains = domainsOf(g, podReqs);
  const nodeDomains = domainsOf(g, nodeReqs);
  return {
    type: g.type,
    key: g.key,
    message: () =>
      `unsatisfiable topology constraint for ${g.type}, key=${g.key} (counts = ${g.countsString()}, podDomains = ${podDomains.toString()}, nodeDomains = ${nodeDomains.toString()}`,
  };
}
