// An existing node or in-flight NodeClaim as a destination (scheduling/existingnode.go). Its room
// is allocatable − pods already there − DaemonSet pods still to come (floored at 0), and label
// compatibility is strict: a custom key the node lacks fails.
import type { Pod, Taint } from '../k8s.ts';
import { LABEL } from '../labels.ts';
import { Requirements, type Requirement } from '../requirements.ts';
import { HostPortUsage } from './hostports.ts';
import { nodeFacts } from './nodefacts.ts';
import type { PodData } from './poddata.ts';
import { requestsForPods } from './podrequests.ts';
import { podRequirements } from './podrequirements.ts';
import { fitsIn, type MutableResources } from './resources.ts';
import type { Resources } from '../quantity.ts';
import { listOf } from './reqfast.ts';
import { exceedsLimits } from '../storage/usage.ts';
import { effectiveNodeTaints, toleratesAll } from './taints.ts';
import { soleValue, type Topology } from './topology/topology.ts';
import type { StateNode } from './types.ts';
import type { Acceptance } from './nodeclaim.ts';

/** effectiveNodeTaints per StateNode (read-only; every dry run builds every node). */
const taintsOf = new WeakMap<StateNode, readonly Taint[]>();

function nodeTaints(node: StateNode): readonly Taint[] {
  let t = taintsOf.get(node);
  if (!t) taintsOf.set(node, (t = effectiveNodeTaints(node)));
  return t;
}

/** Room left for the solve per StateNode, for the last DaemonSet pod list it was asked with
 *  (daemonSetPods hands the same list to every solve of a pass). */
const roomCache = new WeakMap<
  StateNode,
  { daemons: readonly Pod[]; remaining: Resources; full: boolean }
>();

/** allocatable − pods already there − DaemonSet pods that will land here but are not bound yet. */
function roomOf(
  node: StateNode,
  taints: readonly Taint[],
  daemonPods: readonly Pod[],
): { remaining: Resources; full: boolean } {
  const hit = roomCache.get(node);
  if (hit?.daemons === daemonPods) return hit;
  const f = nodeFacts(node);
  let remaining = f.remaining;
  const compatible =
    daemonPods.length === 0
      ? []
      : daemonPods.filter(
          (d) =>
            toleratesAll(taints, d.spec.tolerations) &&
            f.labelReqs.compatible(podRequirements(d, true)) === undefined,
        );
  if (compatible.length > 0) {
    const r: MutableResources = { ...f.remaining };
    const want = requestsForPods(compatible);
    const have = f.daemonRequests;
    for (const k in want) {
      const missing = Math.max(0, (want[k] ?? 0) - (have[k] ?? 0));
      r[k] = (r[k] ?? 0) - missing;
    }
    remaining = r;
  }
  const out = { daemons: daemonPods, remaining, full: overdrawn(remaining) };
  roomCache.set(node, out);
  return out;
}

function overdrawn(r: Resources): boolean {
  for (const k in r) if ((r[k] ?? 0) < 0) return true;
  return false;
}

/** room() per shared room object (remaining is never mutated while shared; full follows it). */
const roomVectors = new WeakMap<Resources, { keys: string; vec: Float64Array }>();
let scratch64 = new Float64Array(8);
function scratchRoom(n: number): Float64Array {
  if (scratch64.length < n) scratch64 = new Float64Array(n);
  return scratch64;
}

// The scan discards these outcomes, so the common ones are shared (read-only).
type Rejected = { readonly ok: false; readonly message: string };
const NO_ROOM: Rejected = { ok: false, message: 'exceeds node resources' };
const TOPOLOGY: Rejected = { ok: false, message: 'topology' };
const TAINT: Rejected = { ok: false, message: 'taint' };
/** Topology's domain requirements for the node being checked (canAdd is synchronous). */
const scratch: Requirement[] = [];

export class ExistingNode {
  readonly pods: Pod[] = [];
  readonly taints: readonly Taint[];
  requirements: Requirements;
  /** Shared with the node's facts until the first add (most nodes of a dry run get none). */
  private remaining: Resources;
  private ownsRemaining: boolean;
  /** A resource already overdrawn fits nothing (resources.Fits); adds never overdraw one, so
   *  this holds for the whole solve. */
  private readonly full: boolean;
  readonly hostname: string;
  private ports: HostPortUsage | undefined;
  /** Claims per driver attached here (bound pods + pods this solve added); copied on first add. */
  private volumeUsage: ReadonlyMap<string, ReadonlySet<string>>;

  /** `registered`: the solve already registered the node's hostname with the topology (in node
   *  order, before any node was built: the scheduler builds nodes when its scan reaches them). */
  constructor(
    readonly node: StateNode,
    private readonly topology: Topology,
    daemonPods: readonly Pod[],
    registered = false,
  ) {
    this.taints = nodeTaints(node);
    // Derived once per StateNode (nodefacts.ts): dry runs rebuild every node per solve.
    const f = nodeFacts(node);
    this.hostname = f.hostname;
    this.requirements = f.hostReqs;
    if (!registered) topology.register(LABEL.hostname, f.hostname);
    // Shared with the node's facts (or the last solve with the same DaemonSet pods) until the
    // first add copies it.
    const room = roomOf(node, this.taints, daemonPods);
    this.remaining = room.remaining;
    this.ownsRemaining = false;
    this.full = room.full;
    this.volumeUsage = node.volumeUsage ?? new Map();
  }

  /** What room() answers for a node not yet built: its room before this solve's adds. */
  static initialRoom(
    node: StateNode,
    daemonPods: readonly Pod[],
    keys: readonly string[],
    keysText: string,
  ): Float64Array {
    const room = roomOf(node, nodeTaints(node), daemonPods);
    const hit = roomVectors.get(room.remaining);
    if (hit?.keys === keysText) return hit.vec;
    const vec = new Float64Array(keys.length);
    for (let d = 0; d < keys.length; d++)
      vec[d] = room.full ? -Infinity : (room.remaining[keys[d] as string] ?? 0);
    roomVectors.set(room.remaining, { keys: keysText, vec });
    return vec;
  }

  /** soleValue() for a node not yet built. */
  static initialSoleValue(node: StateNode, key: string): string | undefined {
    return soleValue(nodeFacts(node).hostReqs.own(key));
  }

  /** The node's host ports, built on first use (few pods ask for any). */
  private portUsage(): HostPortUsage {
    if (!this.ports) {
      this.ports = new HostPortUsage();
      for (const { pod, ports } of nodeFacts(this.node).portPods) this.ports.add(pod, ports);
    }
    return this.ports;
  }

  /** Room per resource for the scheduler's RoomTree (−Infinity everywhere when overdrawn), read
   *  at once (the vector is shared: per room object and key list until the node's first add —
   *  every dry run asks for every node — then one scratch vector). `keysText` names `keys`. */
  room(keys: readonly string[], keysText: string): Float64Array {
    if (this.ownsRemaining) return this.roomInto(keys, scratchRoom(keys.length));
    const hit = roomVectors.get(this.remaining);
    if (hit?.keys === keysText) return hit.vec;
    const vec = this.roomInto(keys, new Float64Array(keys.length));
    roomVectors.set(this.remaining, { keys: keysText, vec });
    return vec;
  }

  private roomInto(keys: readonly string[], out: Float64Array): Float64Array {
    for (let d = 0; d < keys.length; d++)
      out[d] = this.full ? -Infinity : (this.remaining[keys[d] as string] ?? 0);
    return out;
  }

  /** The node's single value for a label key (In [v]), if it has exactly one. */
  soleValue(key: string): string | undefined {
    return soleValue(this.requirements.own(key));
  }

  get name(): string {
    return this.node.name;
  }

  canAdd(pod: Pod, data: PodData): { ok: true; value: Acceptance } | Rejected {
    // Upstream checks taints, ports, resources, labels, topology in that order; only the outcome
    // is used (these errors are discarded), so the cheapest checks go first.
    if (this.full || !fitsIn(data.requests, this.remaining)) return NO_ROOM;
    const free = this.topology.isFree(pod);
    if (!free && this.topology.blockedOnHost(pod, this.hostname)) return TOPOLOGY;
    if (!toleratesAll(this.taints, pod.spec.tolerations)) return TAINT;
    // existingnode.go: volume limits right after taints (a node without CSINode has none).
    if (data.volumes && exceedsLimits(this.volumeUsage, data.volumes, this.node.volumeLimits))
      return { ok: false, message: 'checking volume usage, would exceed volume limit' };
    const ports = data.ports.length > 0 ? this.portUsage().conflicts(pod, data.ports) : undefined;
    if (ports) return { ok: false, message: ports };
    const podList = listOf(data.requirements);
    let reqs = this.requirements;
    if (podList.length > 0) {
      const e = this.requirements.compatible(data.requirements);
      if (e) return { ok: false, message: e };
      reqs = reqs.clone();
      reqs.add(...podList);
    }
    // Each volume alternative must match the node as it is; the first that does is taken.
    const alts = data.volumeAlternatives;
    if (alts && alts.length > 0) {
      let e: string | undefined;
      for (const alt of alts) {
        e = reqs.compatible(alt);
        if (!e) break;
      }
      if (e) return { ok: false, message: `incompatible volume requirements, ${e}` };
    }
    if (!free) {
      const add = scratch;
      if (add.length > 0) add.length = 0;
      if (!this.topology.admits(pod, this.taints, data.strict, reqs, add)) return TOPOLOGY;
      if (add.length > 0) {
        const extra = Requirements.from([]);
        extra.add(...add);
        const te = reqs.compatible(extra);
        if (te) return { ok: false, message: te };
        if (reqs === this.requirements) reqs = reqs.clone();
        reqs.add(...add);
      }
    }
    return { ok: true, value: { requirements: reqs, options: [], minValuesRelaxed: false } };
  }

  add(pod: Pod, data: PodData, a: Acceptance): void {
    this.pods.push(pod);
    const remaining: MutableResources = this.ownsRemaining
      ? (this.remaining as MutableResources)
      : { ...this.remaining };
    for (const k in data.requests) remaining[k] = (remaining[k] ?? 0) - (data.requests[k] ?? 0);
    this.remaining = remaining;
    this.ownsRemaining = true;
    this.requirements = a.requirements;
    this.topology.record(pod, this.taints, a.requirements);
    if (data.ports.length > 0) this.portUsage().add(pod, [...data.ports]);
    if (data.volumes) {
      const next = new Map<string, ReadonlySet<string>>(this.volumeUsage);
      for (const [driver, claims] of data.volumes)
        next.set(driver, new Set([...(next.get(driver) ?? []), ...claims]));
      this.volumeUsage = next;
    }
  }
}
