// What the nodes of one cluster state contribute to topology, derived once and shared by every
// solve against that state. A disruption pass runs one dry-run solve per candidate, each over the
// same StateNode objects minus the candidates; each used to walk every node (and every pod on it)
// for every topology group, the inverse anti-affinity pods and the namespaces. Here a solve's node
// list is recognised as an ordered subset of the last list seen (the "universe"), and the
// per-group work is a replay of steps recorded once over the universe, skipping absent nodes.
//
// Exactness: the replay makes the same register/record calls in the same order as walking the
// solve's own node list would (domain order decides seeded tie-breaks), and nodes hosting a pod
// the solve moves are recounted without it, as before.
import type { Pod } from '../../k8s.ts';
import { LABEL } from '../../labels.ts';
import { own } from '../../own.ts';
import { knownFacts, nodeFacts, type NodeSteps } from '../nodefacts.ts';
import type { StateNode } from '../types.ts';
import { filterMatches, type NodeFilter } from './nodefilter.ts';
import { uid } from './specs.ts';

/** What countDomains needs to know about a group (TopologyGroup satisfies it). */
export interface GroupShape {
  readonly key: string;
  readonly hash: string;
  readonly nodeFilter: NodeFilter;
  selects(p: Pod): boolean;
}

/** A hostname group's steps per node: what TopologyGroup.countNodes reads as a view. */
export interface HostSteps {
  readonly registered: Uint8Array;
  readonly counts: Int32Array;
  /** The nodes with counts above 0, ascending. */
  readonly recorded: readonly number[];
  /** Some node records without registering (no hostname label): the plain replay then. */
  readonly recordOnly: boolean;
}

/** A group's steps by domain (groups keyed by zone, capacity type, any label but hostname): the
 *  nodes registering each domain, ascending, and the matching pods the nodes record into each
 *  domain, summed (the order of records never shows for these groups: see countByDomain). A
 *  solve reads them in O(domains + absent nodes + moved pods' nodes) instead of replaying every
 *  node's steps (Topology.countByDomain). */
export interface DomainSteps {
  readonly registers: ReadonlyMap<string, readonly number[]>;
  readonly records: ReadonlyMap<string, number>;
}

/** The universe's hostnames for HostView (a solve adds its `present`). */
export interface UniverseHosts {
  readonly names: readonly string[];
  readonly nodesOf: ReadonlyMap<string, number | readonly number[]>;
  readonly usable: Uint8Array;
  /** The nodes of each hostname more than one node carries. */
  readonly shared: readonly (readonly number[])[];
  /** 1 for each node in `shared`. */
  readonly sharedAt: Uint8Array;
}

export class Universe {
  readonly index = new Map<StateNode, number>();
  /** topology pod uid → the nodes listing it (usually one; several when a merged universe keeps
   *  a node's old and new StateNode). Handed on to the universe built from this one (`from`),
   *  which patches it for the nodes that came and went instead of re-reading every pod. */
  private holders: Map<string, StateNode | StateNode[]> | undefined;
  /** Per group hash, each node's steps (nodeSteps); the next universe reuses them by index. */
  private readonly steps = new Map<string, readonly NodeSteps[]>();
  /** hostSteps per group hash. */
  private readonly hostsOf = new Map<string, HostSteps>();
  /** domainSteps per group hash. */
  private readonly domainsOf = new Map<string, DomainSteps>();
  /** The previous universe's steps and, per node here, its index there (−1: new node). */
  private readonly carried:
    | {
        steps: Map<string, readonly NodeSteps[]>;
        at: Int32Array;
        /** When both universes list as many nodes: the positions whose node is not the one
         *  the last universe had there (the others carry their steps by a plain copy). */
        moved: number[] | undefined;
      }
    | undefined;
  /** Pods with required anti-affinity, in node order (they seed the inverse groups). */
  readonly antiPods: { node: number; pod: Pod }[] = [];
  /** namespace → indexes of the nodes with a pod in it, ascending. */
  private readonly namespaceNodes = new Map<string, number[]>();
  /** Node indexes by (initialized first, then name): the order existing nodes are tried in. */
  private sortedCache: number[] | undefined;

  /** `from`: the universe the last solves used; what it derived per node carries over here for
   *  the nodes both have (the same StateNode objects), so a new cluster state costs O(changed
   *  nodes' pods) there, not O(every pod). `from` is not used after this. */
  constructor(
    readonly nodes: readonly StateNode[],
    from?: Universe,
  ) {
    sweepEarlier(this.gen);
    nodes.forEach((n, i) => {
      this.index.set(n, i);
      const f = nodeFacts(n);
      for (const pod of f.antiPods) this.antiPods.push({ node: i, pod });
      for (const ns of f.namespaces) {
        const list = this.namespaceNodes.get(ns) ?? [];
        list.push(i);
        this.namespaceNodes.set(ns, list);
      }
    });
    const handed = from?.holders;
    if (from && handed && universeCarry.enabled) {
      from.holders = undefined;
      const at = new Int32Array(nodes.length);
      nodes.forEach((n, i) => {
        const j = from.index.get(n);
        at[i] = j ?? -1;
        if (j === undefined) addHolder(handed, n);
      });
      for (const n of from.nodes) if (!this.index.has(n)) removeHolder(handed, n);
      this.holders = handed;
      let moved: number[] | undefined;
      if (from.nodes.length === nodes.length) {
        moved = [];
        for (let i = 0; i < at.length; i++) if (at[i] !== i) moved.push(i);
      }
      this.carried = { steps: from.steps, at, moved };
    } else {
      const holders = new Map<string, StateNode | StateNode[]>();
      for (const n of nodes) addHolder(holders, n);
      this.holders = holders;
      this.carried = undefined;
    }
  }

  /** The nodes holding any of these pods. */
  hosting(uids: ReadonlySet<string>): Set<number> {
    // Handed on (a solve against an older universe): read from the nodes again.
    if (!this.holders) {
      this.holders = new Map();
      for (const n of this.nodes) addHolder(this.holders, n);
    }
    const out = new Set<number>();
    for (const id of uids) {
      const h = this.holders.get(id);
      if (h === undefined) continue;
      if (!Array.isArray(h)) {
        out.add(this.index.get(h) as number);
        continue;
      }
      // Ascending, as a walk over the nodes finds them.
      for (const i of h.map((n) => this.index.get(n) as number).sort((a, b) => a - b)) out.add(i);
    }
    return out;
  }

  /** The namespaces of present nodes' pods, in order of the first present node holding each. */
  namespaces(present: Uint8Array): string[] {
    const first: [string, number][] = [];
    for (const [ns, list] of this.namespaceNodes) {
      const i = list.find((n) => present[n] === 1);
      if (i !== undefined) first.push([ns, i]);
    }
    return first.sort((a, b) => a[1] - b[1]).map(([ns]) => ns);
  }

  private hostsCache: UniverseHosts | undefined;

  /** Each node's hostname, the nodes per hostname, and which nodes are destinations. */
  hosts(): UniverseHosts {
    if (this.hostsCache) return this.hostsCache;
    const names = this.nodes.map((n) => nodeFacts(n).hostname);
    const nodesOf = new Map<string, number | number[]>();
    const shared: number[][] = [];
    names.forEach((h, i) => {
      const at = nodesOf.get(h);
      if (at === undefined) nodesOf.set(h, i);
      else if (typeof at === 'number') {
        const list = [at, i];
        nodesOf.set(h, list);
        shared.push(list);
      } else at.push(i);
    });
    const usable = new Uint8Array(this.nodes.length);
    this.nodes.forEach((n, i) => {
      if (!n.markedForDeletion) usable[i] = 1;
    });
    const sharedAt = new Uint8Array(this.nodes.length);
    for (const list of shared) for (const i of list) sharedAt[i] = 1;
    return (this.hostsCache = { names, nodesOf, usable, shared, sharedAt });
  }

  /** A hostname group's steps per node. */
  hostSteps(g: GroupShape): HostSteps {
    const hit = this.hostsOf.get(g.hash);
    if (hit) return hit;
    const per = this.stepsFor(g);
    const registered = new Uint8Array(this.nodes.length);
    const counts = new Int32Array(this.nodes.length);
    const recorded: number[] = [];
    let recordOnly = false;
    per.forEach((x, i) => {
      if (x.register !== undefined) registered[i] = 1;
    });
    per.forEach((x, i) => {
      if (x.record === undefined) return;
      counts[i] = x.count;
      recorded.push(i);
      if (registered[i] !== 1) recordOnly = true;
    });
    const h = { registered, counts, recorded, recordOnly };
    this.hostsOf.set(g.hash, h);
    return h;
  }

  /** A group's steps by domain (not for hostname groups: a domain per node gains nothing). */
  domainSteps(g: GroupShape): DomainSteps {
    const hit = this.domainsOf.get(g.hash);
    if (hit) return hit;
    const registers = new Map<string, number[]>();
    const records = new Map<string, number>();
    this.stepsFor(g).forEach((x, i) => {
      if (x.register !== undefined) {
        const list = registers.get(x.register);
        if (list) list.push(i);
        else registers.set(x.register, [i]);
      }
      if (x.record !== undefined) records.set(x.record, (records.get(x.record) ?? 0) + x.count);
    });
    const d = { registers, records };
    this.domainsOf.set(g.hash, d);
    return d;
  }

  sorted(): readonly number[] {
    if (!this.sortedCache) {
      const ns = this.nodes;
      this.sortedCache = ns
        .map((_, i) => i)
        .sort((ia, ib) => {
          const a = ns[ia] as StateNode;
          const b = ns[ib] as StateNode;
          if (a.initialized !== b.initialized) return a.initialized ? -1 : 1;
          return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
        });
    }
    return this.sortedCache;
  }

  /** countDomains over the universe, per node (universe order): the domain it registers (it
   *  passes the group's filter and carries the key) and the one it records `count` matching pods
   *  in; a solve replays every node's register, then every node's record, skipping absent nodes.
   *  Computed on first use; the hash names the key, filter, selector and namespaces, everything
   *  they depend on. */
  stepsFor(g: GroupShape): readonly NodeSteps[] {
    let per = this.steps.get(g.hash);
    if (per) return per;
    const c = this.carried;
    const had = c?.steps.get(g.hash);
    // A node the last universe had gives the same steps (nodeSteps is per StateNode and hash).
    const carry = (i: number): NodeSteps => {
      const j = (c as NonNullable<typeof c>).at[i] as number;
      return j >= 0
        ? ((had as readonly NodeSteps[])[j] as NodeSteps)
        : nodeSteps(this.nodes[i] as StateNode, g);
    };
    if (c && had && c.moved) {
      // Most positions hold the node they held (a state change replaces a few nodes in place):
      // copy the last steps and redo the moved positions only.
      const copy = had.slice();
      for (const i of c.moved) copy[i] = carry(i);
      per = copy;
    } else if (c && had) per = this.nodes.map((_, i) => carry(i));
    else per = this.fromEarlier(g) ?? this.nodes.map((n) => nodeSteps(n, g));
    this.steps.set(g.hash, per);
    if (universeCarry.enabled) earlierSteps.set(g.hash, { gen: this.gen, index: this.index, per });
    return per;
  }

  /** Which universe this is, counted from the first (earlierSteps' age). */
  private readonly gen = ++generations;

  /**
   * The group's steps read through the last universe that derived them, when the one just before
   * this did not (a pass's dry runs touch different groups from state to state): a node both
   * list gives the steps it gave there (per StateNode and hash, as `carry`), by one index lookup
   * instead of a nodeSteps call per node. Universes more than EARLIER_GENS old are not used.
   */
  private fromEarlier(g: GroupShape): NodeSteps[] | undefined {
    const e = universeCarry.enabled ? earlierSteps.get(g.hash) : undefined;
    if (!e || this.gen - e.gen > EARLIER_GENS) return undefined;
    return this.nodes.map((n) => {
      const j = e.index.get(n);
      return j === undefined ? nodeSteps(n, g) : (e.per[j] as NodeSteps);
    });
  }
}

/** Building a universe from the last one can be turned off, for the tests that compare it with
 *  building from scratch. */
export const universeCarry = { enabled: true };

let generations = 0;
/** How many universes back fromEarlier reads steps (older entries are swept every this many
 *  universes, so at most twice this many universes' node indexes are kept alive). */
const EARLIER_GENS = 32;
/** Per group hash, the last universe's steps for it and that universe's node index. */
const earlierSteps = new Map<
  string,
  { gen: number; index: ReadonlyMap<StateNode, number>; per: readonly NodeSteps[] }
>();

/** Drops the entries too old for fromEarlier (called once per new universe, sweeping every
 *  EARLIER_GENS universes). */
function sweepEarlier(gen: number): void {
  if (gen % EARLIER_GENS !== 0) return;
  for (const [hash, e] of earlierSteps) if (gen - e.gen > EARLIER_GENS) earlierSteps.delete(hash);
}

/** Records that node `n` lists its topology pods (each once). */
function addHolder(holders: Map<string, StateNode | StateNode[]>, n: StateNode): void {
  for (const p of nodeFacts(n).topoPods) {
    const id = uid(p);
    const h = holders.get(id);
    if (h === undefined) holders.set(id, n);
    else if (!Array.isArray(h)) {
      if (h !== n) holders.set(id, [h, n]);
    } else if (!h.includes(n)) h.push(n);
  }
}

function removeHolder(holders: Map<string, StateNode | StateNode[]>, n: StateNode): void {
  for (const p of nodeFacts(n).topoPods) {
    const id = uid(p);
    const h = holders.get(id);
    if (h === n) holders.delete(id);
    else if (Array.isArray(h)) {
      const k = h.indexOf(n);
      if (k < 0) continue;
      h.splice(k, 1);
      if (h.length === 1) holders.set(id, h[0] as StateNode);
    }
  }
}

/** A node's steps for a group, kept on the StateNode's facts: the group hash names the key, the
 *  node filter, the selector and the namespaces, so they carry over universes (a new universe,
 *  built on any node change, costs one lookup per unchanged node and group). A node changed by a
 *  pod or two (the engine makes a new StateNode per change) counts from its predecessor's count
 *  and the pods that came and went (podChange), not by asking the group about every pod. */
function nodeSteps(n: StateNode, g: GroupShape): NodeSteps {
  const f = nodeFacts(n);
  let x = f.steps.get(g.hash);
  if (x) return x;
  const passes = filterMatches(g.nodeFilter, n.taints, f.labelReqs);
  const label = own(n.labels, g.key);
  const d = label ?? (g.key === LABEL.hostname ? n.name : undefined);
  let count = 0;
  // Most new nodes (in-flight NodeClaims) hold no pod: nothing to count or carry.
  if (d !== undefined && f.topoPods.length > 0) {
    const before = predecessorSteps(n, g);
    const change = before && podChange(n);
    if (before && change) {
      count = before.count;
      for (const p of change.added) if (g.selects(p)) count++;
      for (const p of change.removed) if (g.selects(p)) count--;
    } else for (const p of f.topoPods) if (g.selects(p)) count++;
  }
  const register = passes ? label : undefined;
  const record = d !== undefined && count > 0 && passes ? d : undefined;
  x =
    register === undefined && record === undefined && count === 0
      ? NO_STEPS
      : { register, record, count };
  f.steps.set(g.hash, x);
  return x;
}

/** Nothing to register or record (read-only, shared). */
const NO_STEPS: NodeSteps = { register: undefined, record: undefined, count: 0 };

/** Building a node's counts from its predecessor's can be turned off, for the tests that compare
 *  it with counting every pod. */
export const countCarry = { enabled: true };

/** What nodeSteps needs of the StateNode a node replaced under its name (canonicalNodes): its
 *  labels, topology pods and steps (not the node and its facts), until the node is replaced in
 *  turn. `change` is podChange's answer, once asked. */
interface Predecessor {
  readonly labels: StateNode['labels'];
  readonly topoPods: readonly Pod[];
  readonly steps: ReadonlyMap<string, NodeSteps>;
  change?: { added: Pod[]; removed: Pod[] } | null;
}

const predecessors = new WeakMap<StateNode, Predecessor>();

/** Links `n` to the node it replaced, if that was ever counted for a group. */
function replaced(n: StateNode, prev: StateNode): void {
  predecessors.delete(prev);
  const f = knownFacts(prev);
  if (f && f.steps.size > 0)
    predecessors.set(n, { labels: prev.labels, topoPods: f.topoPods, steps: f.steps });
}

/** The group's steps on the node's predecessor, when they counted its pods (the predecessor had
 *  a domain for the key: a count does not depend on which). */
function predecessorSteps(n: StateNode, g: GroupShape): NodeSteps | undefined {
  const p = countCarry.enabled ? predecessors.get(n) : undefined;
  if (!p || (own(p.labels, g.key) === undefined && g.key !== LABEL.hostname)) return undefined;
  return p.steps.get(g.hash);
}

/** The topology pods the node has and its predecessor had not (as a multiset of objects), and
 *  the other way round; null when that is no shorter than the node's list. */
function podChange(n: StateNode): { added: Pod[]; removed: Pod[] } | null {
  const p = predecessors.get(n) as Predecessor;
  if (p.change !== undefined) return p.change;
  const was = new Map<Pod, number>();
  for (const pod of p.topoPods) was.set(pod, (was.get(pod) ?? 0) + 1);
  const added: Pod[] = [];
  const now = nodeFacts(n).topoPods;
  for (const pod of now) {
    const k = was.get(pod) ?? 0;
    if (k > 0) was.set(pod, k - 1);
    else added.push(pod);
  }
  const removed: Pod[] = [];
  for (const [pod, k] of was) for (let i = 0; i < k; i++) removed.push(pod);
  p.change = added.length + removed.length < now.length ? { added, removed } : null;
  return p.change;
}

/** A solve's nodes as a subset of a universe: present[i] = 1 for the universe's i-th node. */
export interface NodeSubset {
  readonly universe: Universe;
  readonly present: Uint8Array;
}

let last: Universe | undefined;

/** Lists a caller built from another by leaving some out (a pass's dry runs: the state's nodes
 *  minus candidates): the parent and the left-out positions in it, so canonicalNodes and subsetOf
 *  answer from the parent's check instead of walking every node per dry run. */
const derived = new WeakMap<
  readonly StateNode[],
  { parent: readonly StateNode[]; absent: readonly number[] }
>();

/** Promises that `nodes` is `parent` without the nodes at the ascending positions `absent`. */
export function markSubset(
  nodes: readonly StateNode[],
  parent: readonly StateNode[],
  absent: readonly number[],
): void {
  derived.set(nodes, { parent, absent });
}

/** Per parent list: the canonical map's version it was last found all canonical at, and its
 *  subset of a universe. */
const parentFacts = new WeakMap<
  readonly StateNode[],
  { canonicalAt: number; subset?: NodeSubset }
>();

function factsOf(parent: readonly StateNode[]): { canonicalAt: number; subset?: NodeSubset } {
  let f = parentFacts.get(parent);
  if (!f) parentFacts.set(parent, (f = { canonicalAt: -1 }));
  return f;
}

/** within() for a marked subset: the parent's present positions minus the left-out nodes'. */
function withinDerived(u: Universe, nodes: readonly StateNode[]): NodeSubset | undefined {
  const d = derived.get(nodes);
  if (!d || nodes.length * 2 < u.nodes.length) return undefined;
  const f = factsOf(d.parent);
  if (f.subset?.universe !== u) {
    const s = within(u, d.parent);
    if (!s) return undefined;
    f.subset = s;
  }
  const present = f.subset.present.slice();
  for (const a of d.absent) present[u.index.get(d.parent[a] as StateNode) as number] = 0;
  return { universe: u, present };
}

function within(u: Universe, nodes: readonly StateNode[]): NodeSubset | undefined {
  if (nodes.length * 2 < u.nodes.length) return undefined;
  const present = new Uint8Array(u.nodes.length);
  let prev = -1;
  for (const n of nodes) {
    const i = u.index.get(n);
    if (i === undefined || i <= prev) return undefined;
    present[i] = 1;
    prev = i;
  }
  return { universe: u, present };
}

/** The universe's nodes and the solve's in one order both respect (each dry run leaves out a
 *  different candidate, so the first two of a pass make the whole state); undefined when they
 *  are mostly different states or disagree on order. */
function merged(u: Universe, nodes: readonly StateNode[]): StateNode[] | undefined {
  let unknown = 0;
  for (const n of nodes) if (!u.index.has(n)) unknown++;
  if (unknown * 2 > nodes.length) return undefined;
  const out: StateNode[] = [];
  let j = 0;
  for (const n of nodes) {
    const i = u.index.get(n);
    if (i === undefined) {
      out.push(n);
      continue;
    }
    if (i < j) return undefined;
    while (j < i) out.push(u.nodes[j++] as StateNode);
    out.push(n);
    j = i + 1;
  }
  while (j < u.nodes.length) out.push(u.nodes[j++] as StateNode);
  return out.length > 2 * nodes.length ? undefined : out;
}

/** The last StateNode seen per node name. */
let canonical = new Map<string, StateNode>();
/** Bumped whenever `canonical` may change. */
let canonicalVersion = 0;

function allCanonical(nodes: readonly StateNode[]): boolean {
  for (const n of nodes) if (canonical.get(n.name) !== n) return false;
  return true;
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Claim keys per driver: rebuilt by the caller with every StateNode, so compared by content. */
function sameUsage(
  a: StateNode['volumeUsage'] | undefined,
  b: StateNode['volumeUsage'] | undefined,
): boolean {
  if (a === b) return true;
  if (!a || !b || a.size !== b.size) return false;
  for (const [driver, claims] of a) {
    const other = b.get(driver);
    if (!other || other.size !== claims.size) return false;
    for (const c of claims) if (!other.has(c)) return false;
  }
  return true;
}

/** Every field the same value or the same object (records are immutable: a changed node, pod or
 *  taint is a new object), volume usage the same claims. */
function sameNode(a: StateNode, b: StateNode): boolean {
  return (
    a.name === b.name &&
    a.nodePool === b.nodePool &&
    a.labels === b.labels &&
    a.allocatable === b.allocatable &&
    a.capacity === b.capacity &&
    a.initialized === b.initialized &&
    a.markedForDeletion === b.markedForDeletion &&
    a.volumeLimits === b.volumeLimits &&
    sameUsage(a.volumeUsage, b.volumeUsage) &&
    sameList(a.taints, b.taints) &&
    sameList(a.startupTaints, b.startupTaints) &&
    sameList(a.pods, b.pods)
  );
}

/**
 * The caller rebuilds its StateNode objects whenever anything in the cluster changed, though most
 * nodes did not: a node equal field by field to the one last seen under its name is replaced by
 * that object, so what the solve derives per StateNode (nodeFacts, taints, this universe and its
 * steps) carries over. Indistinguishable to the solve: every field it reads is the same.
 */
export function canonicalNodes(nodes: StateNode[]): StateNode[] {
  // Most solves (a pass's dry runs) hand over the canonical objects themselves: nothing to do.
  // A marked subset of a list found all canonical since the map last changed is one too.
  const d = derived.get(nodes);
  const f = d && factsOf(d.parent);
  if (f && f.canonicalAt !== canonicalVersion && allCanonical(d.parent))
    f.canonicalAt = canonicalVersion;
  const all = f?.canonicalAt === canonicalVersion || allCanonical(nodes);
  if (all && canonical.size <= 2 * nodes.length + 256) return nodes;
  canonicalVersion++;
  let out: StateNode[] | undefined;
  const seen = new Set<string>();
  nodes.forEach((n, i) => {
    const prev = canonical.get(n.name);
    let use = n;
    if (!seen.has(n.name)) {
      if (prev !== undefined && prev !== n && sameNode(prev, n)) use = prev;
      else {
        canonical.set(n.name, n);
        if (prev !== undefined && prev !== n) replaced(n, prev);
      }
    }
    seen.add(n.name);
    if (use !== n) out ??= nodes.slice(0, i);
    out?.push(use);
  });
  // Names of nodes long gone are dropped now and then.
  if (canonical.size > 2 * nodes.length + 256) {
    const keep = new Map<string, StateNode>();
    for (const n of out ?? nodes) keep.set(n.name, canonical.get(n.name) ?? n);
    canonical = keep;
  }
  return out ?? nodes;
}

/** The solve's nodes as an ordered subset of the last universe, of that universe grown by the
 *  nodes it lacked, or of a new one built from them (a new cluster state). */
export function subsetOf(nodes: readonly StateNode[]): NodeSubset {
  if (last) {
    const hit = withinDerived(last, nodes) ?? within(last, nodes);
    if (hit) return hit;
    const m = merged(last, nodes);
    if (m) {
      last = new Universe(m, last);
      const grown = within(last, nodes);
      if (grown) return grown;
    }
  }
  last = new Universe(nodes, last);
  return { universe: last, present: new Uint8Array(nodes.length).fill(1) };
}
