// The provisioning solve (§1.4–§1.5, scheduling/scheduler.go). Pods are taken biggest first; each
// tries existing nodes (initialized first, then by name), then NodeClaims made earlier in this solve
// (fewest pods first), then a new NodeClaim from the first NodePool, in weight order, that can take
// it. A pod that fits nowhere relaxes one preference and tries again; if nothing is left to relax it
// goes to the back of the queue with its original spec, and the solve ends after a pass that placed
// nothing.
import type { Pod } from '../k8s.ts';
import { CONVERTED_FROM, WELL_KNOWN_LABELS } from '../labels.ts';
import { ExistingNode } from './existingnode.ts';
import { HostRuns, type HostRun, type RunSeed } from './hostruns.ts';
import type { SplitRooms } from './roomtree.ts';
import { daemonSetPods } from './daemons.ts';
import { finalize } from './finalize.ts';
import {
  NODES,
  exhaustedLimits,
  filterByRemainingResources,
  remainingLimits,
  subtractLargest,
} from './limits.ts';
import { HostPortUsage } from './hostports.ts';
import { SchedulingNodeClaim } from './nodeclaim.ts';
import { podData, type PodData } from './poddata.ts';
import { relax } from './preferences.ts';
import { podRequests } from './podrequests.ts';
import { PodQueue } from './queue.ts';
import type { Resources } from '../quantity.ts';
import { buildTemplates, type Template } from './template.ts';
import { PLACEHOLDER_PREFIX } from './topology/group.ts';
import { Topology, type HostLimit } from './topology/topology.ts';
import { canonicalNodes, subsetOf } from './topology/universe.ts';
import { scanBase, type ScanBase, type SolveRooms } from './scanbase.ts';
import type {
  PodError,
  PodErrorReason,
  SolveEvent,
  SolveInput,
  SolveResult,
  StateNode,
} from './types.ts';
import { ignoredReason } from './validation.ts';
import { formatResources, type MutableResources } from './resources.ts';

const DEFAULT_MAX_INSTANCE_TYPES = 600;

/** PodData per pod object and policy (read-only), for pods without volume facts; can be turned
 *  off for the test that compares it with building it per solve. */
export const podDataKept = { enabled: true };
const keptData = new WeakMap<Pod, { respect?: PodData; ignore?: PodData }>();

/** The existing-node scan's domain skipping can be turned off, for the test that checks it
 *  changes nothing (scan.test.ts). */
export const scanSkipping = {
  enabled: true,
  skipped: 0,
  /** A solve builds the split room tree (O(nodes)) after its scans skipped this many nodes. */
  splitAfter: 256,
  /** Hosts past a ruled-out one are ruled out before the scan reaches them (ruleAhead). */
  ahead: true,
};

const NO_LIMITS: readonly HostLimit[] = [];
const NO_RUNS: readonly HostRun[] = [];

function uid(p: Pod): string {
  return p.metadata.uid ?? `${p.metadata.namespace ?? 'default'}/${p.metadata.name ?? ''}`;
}

function podError(reasons: (PodErrorReason & { wrapped?: string })[]): PodError {
  return {
    message: reasons.map((r) => r.wrapped ?? r.message).join('; '),
    perNodePool: reasons.map(({ wrapped: _w, ...r }) => r),
  };
}

/** The template's DaemonSet overhead as Karpenter prints it (the largest, with per-type groups). */
function daemonOverheadOf(t: Template): Resources {
  const out: Record<string, number> = {};
  for (const g of t.groups)
    for (const k in g.overhead) out[k] = Math.max(out[k] ?? 0, g.overhead[k] ?? 0);
  return out;
}

/** Solver.decide: a dry run's own pods (options.decidedBy) and how many are not placed yet. */
interface Decide {
  readonly watch: ReadonlySet<string>;
  left: number;
}

class Solver {
  private readonly events: SolveEvent[] = [];
  private readonly errors = new Map<string, PodError>();
  private readonly requests = new Map<string, Resources>();
  private readonly data = new Map<string, PodData>();
  /** Existing nodes in scan order (universe positions, see ScanBase); built when the scan first
   *  reaches them (most dry runs visit a few), undefined until then and for absent nodes. */
  private readonly existing: (ExistingNode | undefined)[];
  /** The scan positions of the nodes built so far. */
  private readonly built: number[] = [];
  private readonly base: ScanBase;
  private readonly present: Uint8Array;
  private readonly dsPods: readonly Pod[];
  /** Room of `existing` per resource any pod of the solve requests (roomtree.ts). */
  private readonly roomKeys: string[];
  private readonly roomKeysText: string;
  private readonly rooms: SolveRooms;
  private readonly claims: SchedulingNodeClaim[] = [];
  private readonly templates: Template[];
  private readonly noPools: boolean;
  private readonly limits: Map<string, MutableResources>;
  private readonly topology: Topology;
  private readonly pods: Pod[] = [];
  private readonly ignorePreferences: boolean;
  private readonly bestEffort: boolean;
  private readonly toleratePreferNoSchedule: boolean;
  /** Before v1.13: the host ports every new NodeClaim of a template shares (per solve). */
  private readonly sharedPorts: Map<Template, HostPortUsage> | undefined;

  /** A new NodeClaim's host-port map: the template's shared one before v1.13, else its own. */
  private portsFor(t: Template): HostPortUsage | undefined {
    if (!this.sharedPorts) return undefined;
    let ports = this.sharedPorts.get(t);
    if (!ports) {
      ports = new HostPortUsage();
      this.sharedPorts.set(t, ports);
    }
    return ports;
  }
  private nextHostname = 1;

  private readonly legacy: boolean;
  /** What a template's owner is called in Karpenter's messages: v0.31's Provisioner or v1's. */
  private get owner(): 'provisioner' | 'nodepool' {
    return this.legacy ? 'provisioner' : 'nodepool';
  }

  constructor(private readonly input: SolveInput) {
    const o = input.options ?? {};
    this.ignorePreferences = o.preferencePolicy === 'Ignore';
    this.bestEffort = o.minValuesPolicy === 'BestEffort';
    // A v0.31 cluster (its Provisioners converted): pods are validated by that version's labels.
    this.legacy =
      o.v1alpha5 ??
      input.nodePools.some((np) => np.metadata.annotations?.[CONVERTED_FROM] !== undefined);
    for (const p of input.pods) {
      const reason = this.validate(p);
      if (reason)
        this.errors.set(uid(p), podError([{ nodePool: '', kind: 'ignored', message: reason }]));
      else this.pods.push(p);
    }
    const dsPods = daemonSetPods(input.daemonSets, input.nodes);
    this.noPools = input.nodePools.length === 0;
    this.templates = buildTemplates(
      input.nodePools,
      input.instanceTypes,
      dsPods,
      {
        bestEffortMinValues: this.bestEffort,
        perTypeDaemonGroups: o.daemonOverheadPerTypeGroup ?? true,
        nodeStateKeys: o.daemonNodeStateAffinity ?? true,
        wellKnown: o.wellKnownLabels ?? WELL_KNOWN_LABELS,
        filterMessage: o.filterMessage ?? 'fields',
      },
      this.events,
    );
    this.sharedPorts = o.hostPortsPerNodeClaim === false ? new Map() : undefined;
    this.toleratePreferNoSchedule = input.nodePools.some((np) =>
      (np.spec.template.spec.taints ?? []).some((t) => t.effect === 'PreferNoSchedule'),
    );
    this.limits = remainingLimits(input.nodePools, input.nodePoolUsage, o.nodeLimits);
    const subset = subsetOf(input.nodes);
    this.topology = new Topology(
      subset,
      input.nodePools,
      input.instanceTypes,
      this.pods,
      this.ignorePreferences,
      o.rng,
    );
    // Each node registers its hostname with the topology in input order (domain order decides
    // seeded tie-breaks) before any is built; nodes are tried initialized first, then by name.
    const { universe, present } = subset;
    this.present = present;
    this.dsPods = dsPods;
    const base = scanBase(universe);
    this.base = base;
    this.topology.registerHosts((fn) => base.forEachInInputOrder(present, fn));
    this.existing = new Array<ExistingNode | undefined>(base.order.length);
    const keys = new Set<string>();
    for (const r of this.requests.values()) for (const k in r) keys.add(k);
    this.roomKeys = [...keys];
    this.roomKeysText = this.roomKeys.join('\u0000');
    this.rooms = base.rooms(dsPods, this.roomKeys, this.roomKeysText);
  }

  /** The existing node at scan position i, built on first use; undefined when absent. */
  private nodeAt(i: number): ExistingNode | undefined {
    let e = this.existing[i];
    if (e) return e;
    const u = this.base.order[i] as number;
    if (this.present[u] !== 1) return undefined;
    e = new ExistingNode(
      this.base.universe.nodes[u] as StateNode,
      this.topology,
      this.dsPods,
      true,
    );
    this.existing[i] = e;
    this.built.push(i);
    return e;
  }

  /** Nodes this solve's scans skipped one by one (scanSkipping.splitAfter). */
  private skippedHere = 0;
  private hostRuns: HostRuns | undefined;

  /** The room tree split by a label key the scan skipped domains of (undefined: not worth it). */
  private splitBy(key: string): SplitRooms | undefined {
    return this.rooms.split(key, this.built, (i) =>
      this.existing[i] || this.base.presentAt(this.present, i) ? this.valueAt(i, key) : undefined,
    );
  }

  /** Scan position i's single value for a label key: the built node's, else its initial one. */
  private valueAt(i: number, key: string): string | undefined {
    const e = this.existing[i];
    return e ? e.soleValue(key) : this.base.initialValue(i, key);
  }

  /**
   * Rules out, from scan position `from` on, the hosts the limit already rules out, up to the
   * first it does not (or one already known): counts only grow, so each would be ruled out when
   * the scan reached it. A run then also spans the nodes without room for this pod between the
   * hosts the scan visits, and later pods jump it in one step instead of one search per host.
   */
  private ruleAhead(run: HostRun, l: HostLimit, from: number): void {
    if (!scanSkipping.ahead) return;
    for (let q = from; q < this.existing.length && !run.has(q); q++) {
      if (l.group.countHost(this.base.hostnameAt(q), this.base.universeAt(q)) <= l.limit) return;
      this.ruleOut(run, q);
    }
  }

  /** Scan position q is ruled out for the run's (group, limit); a fact of every solve's start
   *  against this state too (hostruns.ts) unless this solve made it so — a pod it placed there —
   *  or the count there depends on which nodes are present: a hostname other nodes share, an
   *  absent node. A node holding a pod this solve moves counts less here than in the state, so
   *  a host it rules out is ruled out for every solve but those moving a pod off it (which
   *  forget it: runSeed). */
  private ruleOut(run: HostRun, q: number): void {
    run.rule(q);
    const u = this.base.universeAt(q);
    if (
      this.present[u] === 1 &&
      this.placed?.[q] !== 1 &&
      this.base.universe.hosts().sharedAt[u] !== 1
    )
      run.learn(q);
  }

  /** Scan positions this solve added a pod to (their counts are no longer the state's). */
  private placed: Uint8Array | undefined;

  /** The state's learned host-limit facts, less the hosts of the pods this solve moves. */
  private runSeed(): RunSeed {
    const unknown: number[] = [];
    for (const u of this.topology.hosting) {
      const q = this.base.positionOf(u);
      if (q >= 0) unknown.push(q);
    }
    return { learned: (key) => this.base.learnedRuns(key), unknown };
  }

  /** A request over roomKeys (−Infinity: not asked for); undefined if it names another key. */
  private want(requests: Resources): Float64Array | undefined {
    const w = new Float64Array(this.roomKeys.length).fill(-Infinity);
    let n = 0;
    this.roomKeys.forEach((k, d) => {
      if (k in requests) {
        w[d] = requests[k] ?? 0;
        n++;
      }
    });
    return n === Object.keys(requests).length ? w : undefined;
  }

  private validate(p: Pod): string | undefined {
    try {
      // Per pod spec object (read-only): disruption's dry runs hand the same unbound Pod
      // objects to every solve of a pass, and a Deployment's pods share one spec.
      this.requests.set(uid(p), podRequests(p));
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
    // provisioner.go Validate combines the label checks and the claim checks (multierr).
    const own = ignoredReason(p, this.legacy, this.input.options?.restrictedLabels);
    const volumes = this.input.volumes?.ignored.get(uid(p));
    return own !== undefined && volumes !== undefined ? `${own}; ${volumes}` : (own ?? volumes);
  }

  private makeData(p: Pod): PodData {
    const v = this.input.volumes;
    const id = uid(p);
    const requests = this.requests.get(id);
    const alternatives = v?.alternatives.get(id);
    const usage = v?.usage.get(id);
    // Without volume facts a pod's data depends on the pod object, the policy and its requests
    // only: kept per pod object, as the same pods come back solve after solve.
    const keep = alternatives === undefined && usage === undefined && podDataKept.enabled;
    const kept = keep ? keptData.get(p) : undefined;
    const hit = this.ignorePreferences ? kept?.ignore : kept?.respect;
    if (hit && hit.requests === requests) return hit;
    const d = podData(p, this.ignorePreferences, requests, v ? { alternatives, usage } : undefined);
    if (keep && requests) {
      const entry = kept ?? {};
      if (this.ignorePreferences) entry.ignore = d;
      else entry.respect = d;
      if (!kept) keptData.set(p, entry);
    }
    return d;
  }

  private dataFor(p: Pod): PodData {
    let d = this.data.get(uid(p));
    if (!d) this.data.set(uid(p), (d = this.makeData(p)));
    return d;
  }

  /** options.decidedBy: the dry run's own pods not yet placed. Dropped once one goes to a new
   *  NodeClaim (that placement is only final after the solve, finalize() may still refuse it). */
  private decide: Decide | undefined;
  /** The existing node the last trySchedule placed its pod on (undefined: a NodeClaim, or none). */
  private landed: ExistingNode | undefined;

  /** After a watched pod was placed: whether the dry run's outcome is now decided (every own pod
   *  on an existing node). */
  private decided(d: Decide): boolean {
    if (!this.landed) {
      this.decide = undefined;
      return false;
    }
    return --d.left === 0;
  }

  run(): SolveResult {
    const queue = new PodQueue(this.pods, (p) => this.requests.get(uid(p)) ?? {});
    const decidedBy = this.input.options?.decidedBy ?? 0;
    if (decidedBy > 0) {
      const watch = new Set(this.input.pods.slice(0, decidedBy).map(uid));
      this.decide = { watch, left: watch.size };
    }
    let stopped = false;
    // The room trees are the cluster state's, changed in place for this solve and put back after.
    this.rooms.start(this.present);
    try {
      for (let pod = queue.pop(); pod; pod = queue.pop()) {
        this.landed = undefined;
        const err = this.trySchedule(pod);
        if (!err) {
          this.errors.delete(uid(pod));
          const d = this.decide;
          if (d !== undefined && d.watch.has(uid(pod)) && this.decided(d)) {
            stopped = true;
            break;
          }
          continue;
        }
        this.errors.set(uid(pod), err);
        this.topology.update(pod);
        this.data.set(uid(pod), this.makeData(pod));
        queue.push(pod);
      }
    } finally {
      this.rooms.end();
      this.hostRuns?.release();
    }
    if (stopped) {
      // Nothing is finalized: the NodeClaims so far would only cost time (and random draws).
      return { ...this.results(false), stopped: true };
    }
    return this.results(true);
  }

  private trySchedule(original: Pod): PodError | undefined {
    let pod = original;
    let data = this.dataFor(original);
    for (;;) {
      const err = this.add(pod, data, original);
      if (!err) return undefined;
      const next = relax(pod, this.toleratePreferNoSchedule);
      if (!next) return err;
      pod = next.pod;
      this.topology.update(pod);
      data = this.makeData(pod);
      this.data.set(uid(pod), data);
    }
  }

  /** The nodes options.restrictedPods may not use, by scan position; undefined for another pod. */
  private closedFor(pod: Pod): Uint8Array | undefined {
    const { closedNodes, restrictedPods } = this.input.options ?? {};
    if (!closedNodes || !restrictedPods?.has(uid(pod))) return undefined;
    return this.base.markedByName(closedNodes);
  }

  private add(pod: Pod, data: PodData, original: Pod): PodError | undefined {
    // Existing nodes in order; the room tree skips those without room for the pod (canAdd's
    // first check would reject them), the rest get the full check.
    const want = this.want(data.requests);
    const closed = this.closedFor(original);
    const n = this.existing.length;
    // Domains a topology group already ruled out for this pod (Topology.takeBlocked): later
    // nodes pinned to them would fail the same way, so they are not checked again; once the key
    // is known, the room tree split by its value skips them without visiting (SplitRooms).
    let skipKey: string | undefined;
    let skip: Set<string> | undefined;
    let split: SplitRooms | undefined;
    const next = (from: number) =>
      !want
        ? from < n
          ? from
          : -1
        : split && skip
          ? split.next(want, from, skip)
          : this.rooms.tree.next(want, from);
    // Hosts the pod's hostname groups rule out from their counts alone (blockedOnHost): runs of
    // such hosts found by earlier scans are jumped over (HostRuns).
    const limits = scanSkipping.enabled ? this.topology.hostLimits(pod) : NO_LIMITS;
    const runs =
      limits.length > 0
        ? limits.map((l) => (this.hostRuns ??= new HostRuns(n, this.runSeed())).of(l))
        : NO_RUNS;
    let i = next(0);
    while (i >= 0) {
      // A node is built only once it reaches canAdd: the host-limit and domain checks before it
      // read the scan base while the node is unbuilt (no add yet, so its initial values hold).
      // In a dry run most nodes visited are ruled out by a hostname group's counts.
      const built = this.existing[i];
      if (!built && !this.base.presentAt(this.present, i)) {
        // Absent (a dry run's candidate): its room is −Infinity, found only by a request of nothing.
        i = next(i + 1);
        continue;
      }
      const hostname = built ? built.hostname : this.base.hostnameAt(i);
      if (runs.length > 0) {
        let j = i;
        for (const r of runs) j = r.skip(j);
        if (j !== i) {
          scanSkipping.skipped++;
          i = j < n ? next(j) : -1;
          continue;
        }
        let ruledOut = false;
        for (let k = 0; k < limits.length; k++) {
          const l = limits[k] as HostLimit;
          if (l.group.countHost(hostname, this.base.universeAt(i)) > l.limit) {
            this.ruleOut(runs[k] as HostRun, i);
            this.ruleAhead(runs[k] as HostRun, l, i + 1);
            ruledOut = true;
          }
        }
        if (ruledOut) {
          i = next(i + 1);
          continue;
        }
      }
      if (skip && skip.has(this.valueAt(i, skipKey as string) ?? '\u0000')) {
        scanSkipping.skipped++;
        // Splitting costs O(nodes): only once this solve has skipped enough nodes one by one.
        if (!split && ++this.skippedHere >= scanSkipping.splitAfter)
          split = this.splitBy(skipKey as string);
        i = next(i + 1);
        continue;
      }
      // v1.14: a candidate's pod is not tried on a node inside its consolidateAfter window (after
      // the skips above, which rule the node out for every pod alike: nothing they learn changes).
      if (closed !== undefined && closed[i] === 1) {
        i = next(i + 1);
        continue;
      }
      const node = built ?? (this.nodeAt(i) as ExistingNode);
      const r = node.canAdd(pod, data);
      if (r.ok) {
        node.add(original, data, r.value);
        this.landed = node;
        (this.placed ??= new Uint8Array(n))[i] = 1;
        this.rooms.set(i, node.room(this.roomKeys, this.roomKeysText));
        return undefined;
      }
      const b = this.topology.takeBlocked();
      if (b && scanSkipping.enabled && (skipKey === undefined || skipKey === b.key)) {
        if (skipKey === undefined) split = this.rooms.splitIfBuilt(b.key);
        skipKey = b.key;
        (skip ??= new Set()).add(b.domain);
      }
      i = next(i + 1);
    }
    this.topology.takeBlocked();
    const free = this.topology.isFree(pod);
    const scan = free || !this.topology.blockedOnAllClaims(pod, this.claims.length);
    for (let i = 0; scan && i < this.claims.length; i++) {
      const claim = this.claims[i] as SchedulingNodeClaim;
      if (
        !free &&
        this.topology.blockedOnClaim(pod, data.strict, claim.hostname, claim.requirements)
      ) {
        continue;
      }
      const r = claim.canAdd(pod, data, false, true);
      if (r.ok) {
        claim.add(original, data, r.value);
        this.reposition(i);
        return undefined;
      }
    }
    if (this.templates.length === 0) {
      return podError([
        {
          nodePool: '',
          kind: 'noNodePool',
          // With no NodePool at all Karpenter only logs "no nodepools found"; with NodePools that
          // all lost every instance type, the scheduler's own error.
          message: this.noPools
            ? `no ${this.owner}s found`
            : 'nodepool requirements filtered out all available instance types',
        },
      ]);
    }
    return this.addToNewNodeClaim(pod, data, original);
  }

  private addToNewNodeClaim(pod: Pod, data: PodData, original: Pod): PodError | undefined {
    const reasons: (PodErrorReason & { wrapped?: string })[] = [];
    for (const t of this.templates) {
      let options = t.options;
      const remaining = this.limits.get(t.name);
      if (remaining) {
        // Exactly zero, as upstream checks IsZero(); an overdrawn limit fails the capacity filter below.
        if (remaining[NODES] === 0) {
          reasons.push({
            nodePool: t.name,
            kind: 'limits',
            message: `node limits have been exhausted for nodepool (NodePool=${t.name})`,
            detail: { resources: [NODES] },
          });
          continue;
        }
        options = filterByRemainingResources(options, remaining);
        if (options.length === 0) {
          reasons.push({
            nodePool: t.name,
            kind: 'limits',
            // v0.31 named the Provisioner in its own words (scheduler.go at v0.31.0).
            message: this.legacy
              ? `all available instance types exceed limits for provisioner: ${JSON.stringify(t.name)}`
              : `all available instance types exceed limits for nodepool (NodePool=${t.name})`,
            detail: { resources: exhaustedLimits(t.options, remaining) },
          });
          continue;
        }
      }
      const hostname = `${PLACEHOLDER_PREFIX}${String(this.nextHostname).padStart(4, '0')}`;
      const claim = new SchedulingNodeClaim(
        t,
        hostname,
        options,
        options,
        this.topology,
        this.portsFor(t),
      );
      const r = claim.canAdd(pod, data, this.bestEffort, false);
      if (!r.ok) {
        reasons.push({
          nodePool: t.name,
          kind: r.kind,
          message: r.message(),
          detail: r.detail(),
          // Up to v1.4 Karpenter wrapped a template's failure with the pool and its DaemonSet
          // overhead; since v1.5 (#2126) the pod's error is the NodeClaim's own
          // (pkg/controllers/provisioning/scheduling/scheduler.go addToNewNodeClaim).
          ...(this.input.options?.podErrorNamesPool
            ? {
                wrapped: `incompatible with ${this.owner} ${JSON.stringify(t.name)}, daemonset overhead=${formatResources(daemonOverheadOf(t))}, ${r.message()}`,
              }
            : {}),
        });
        continue;
      }
      this.nextHostname++;
      claim.add(original, data, r.value);
      this.claims.push(claim);
      this.reposition(this.claims.length - 1);
      if (remaining && claim.optionCount > 0)
        subtractLargest(remaining, (k) => claim.maxCapacity(k));
      return undefined;
    }
    return podError(reasons);
  }

  /** Keeps claims ordered by pod count as a stable sort would after the claim at i changed. */
  private reposition(i: number): void {
    const [c] = this.claims.splice(i, 1);
    if (!c) return;
    const n = c.pods.length;
    // A claim that gained a pod precedes equal-count claims it used to precede (it was before them);
    // a new claim (appended) follows every claim with the same count.
    const isNew = i === this.claims.length;
    let lo = 0;
    let hi = this.claims.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = (this.claims[mid] as SchedulingNodeClaim).pods.length;
      if (isNew ? m <= n : m < n) lo = mid + 1;
      else hi = mid;
    }
    this.claims.splice(lo, 0, c);
  }

  private results(finalized: boolean): SolveResult {
    const o = this.input.options ?? {};
    const newNodeClaims = [];
    for (const claim of finalized ? this.claims : []) {
      const f = finalize(
        claim,
        o.maxInstanceTypes ?? DEFAULT_MAX_INSTANCE_TYPES,
        !this.bestEffort,
        o.rng,
      );
      if (f.ok) newNodeClaims.push(f.plan);
      else {
        for (const p of claim.pods) {
          this.errors.set(
            uid(p),
            podError([{ nodePool: claim.template.name, kind: 'minValues', message: f.message }]),
          );
        }
      }
    }
    // Created order: the order NodeClaims were made in (placeholder number), not the pod-count order.
    newNodeClaims.sort((a, b) => (a.hostname < b.hostname ? -1 : a.hostname > b.hostname ? 1 : 0));
    return {
      newNodeClaims,
      existing: this.existing
        .filter((n): n is ExistingNode => n !== undefined && n.pods.length > 0)
        .map((n) => ({ node: n.name, pods: [...n.pods] })),
      podErrors: this.errors,
      events: this.events,
    };
  }
}

export function solve(input: SolveInput): SolveResult {
  const nodes = canonicalNodes(input.nodes);
  return new Solver(nodes === input.nodes ? input : { ...input, nodes }).run();
}
