// Builds the DisruptionContext a disruption controller acts through (see disruption.ts).
import type { Pod } from '../k8s.ts';
import { markSubset, solve } from '../scheduling/index.ts';
import type { SolveInput } from '../scheduling/types.ts';
import type { DisruptionContext } from './disruption.ts';
import type { SimEvent } from './events.ts';
import {
  DrawFreeSolves,
  type KeptIds,
  type KeyScratch,
  leaveOut,
  objectIds,
  positions,
  solveInputKey,
} from './disruptionSolves.ts';
import type { Sim } from './runtime.ts';
import { deriveSeed, mulberry32 } from '../random.ts';
import { LABEL } from '../labels.ts';
import { touched } from './touched.ts';

export function makeDisruptionContext(sim: Sim): DisruptionContext {
  let draws = 0;
  const reused = new DrawFreeSolves();
  const scratch: KeyScratch = { buf: new Uint32Array(0) };
  /** nodesChangedSince: events looked at so far, and the index of the last that was neither a
   *  pod's nor a Kubernetes event (−1: none). */
  let scanned = 0;
  let lastNodeEvent = -1;
  // A pass runs up to one dry run per candidate against the same cluster state: the parts of the
  // solve input that do not depend on the moved pods or the excluded nodes (pools, ICE-filtered
  // catalogs, DaemonSets, per-pool usage, all StateNodes) are built once per state and moment
  // (the ICE cache expires with time) and shared; solve() only reads them.
  let shared:
    | {
        version: number;
        now: number;
        input: SolveInput;
        ids: Uint32Array;
        /** node name → its positions in input.nodes (a name is normally listed once). */
        at: Map<string, number[]>;
      }
    | undefined;
  /** The input and, when it is built from the shared one, its nodes' objectIds (solveInputKey). */
  const inputFor = (
    pods: Pod[],
    exclude: ReadonlySet<string>,
  ): { input: SolveInput; nodeIds?: KeptIds } => {
    // Volumes are derived per pod; a pod with any takes the whole path (rare in dry runs).
    if (pods.some((p) => (p.spec.volumes ?? []).length > 0))
      return { input: sim.provisioner.solveInput(pods, exclude, 'dry-run') };
    if (shared?.version !== sim.events.length || shared.now !== sim.now) {
      const input = sim.provisioner.solveInput([], new Set(), 'dry-run');
      const ids = objectIds(input.nodes);
      shared = { version: sim.events.length, now: sim.now, input, ids, at: positions(input.nodes) };
    }
    const { input: base, ids, at } = shared;
    const { nodes, nodeIds, absent } = leaveOut(base.nodes, ids, at, exclude);
    // The solve then takes the shared list's checks instead of walking every node again.
    markSubset(nodes, base.nodes, absent);
    return {
      input: { ...base, pods, nodes, nodePoolUsage: sim.provisioner.usageWithout(exclude) },
      nodeIds,
    };
  };
  return {
    get now() {
      return sim.now;
    },
    get state() {
      return sim.state;
    },
    get semantics() {
      return sim.state.karpenter.semantics;
    },
    timings: sim.config.timings,
    featureGates: sim.config.featureGates,
    rng: sim.rng('disruption'),
    catalog: sim.config.catalogFor(undefined),
    simulate(pods, opts) {
      // Its own random stream: dry runs must not shift the choices real provisioning makes.
      const exclude = opts?.excludeNodes ?? [];
      const { input, nodeIds } = inputFor(pods, new Set(exclude));
      // Part of what the solve is, so part of its key (solveInputKey).
      if (opts?.closedNodes && opts.restrictedPods)
        input.options = {
          ...input.options,
          closedNodes: opts.closedNodes,
          restrictedPods: opts.restrictedPods,
        };
      const excluded = exclude.join('\n');
      const key = solveInputKey(input, nodeIds, scratch);
      const hit = reused.lookup(excluded, key);
      if (hit) return hit;
      // A stream of its own per dry run, named by what the dry run is (the moment and the nodes
      // left out), not by how many dry runs came before: how many numbers one dry run draws, or
      // whether it stops once decided (decidedBy), shifts no other's; nor does a cache that
      // answers some of them. Upstream's solves each see a fresh Go map order.
      let rng: (() => number) | undefined;
      const before = draws;
      input.options = {
        ...input.options,
        ...(opts?.decidedBy ? { decidedBy: opts.decidedBy } : {}),
        rng: () => {
          draws++;
          rng ??= mulberry32(deriveSeed(sim.config.seed, `dry-run@${sim.now}/${excluded}`));
          return rng();
        },
      };
      const result = solve(input);
      if (draws === before) reused.remember(excluded, key, result);
      return result;
    },
    get dryRunsReused() {
      return reused.hits;
    },
    get dryRunDraws() {
      return draws;
    },
    get stateVersion() {
      return sim.events.length;
    },
    nodesChangedSince(version) {
      const { events } = sim;
      if (!(version >= 0 && version <= events.length)) return true;
      // Each event is looked at once, however many scans ask (drift, expiry, taints, budget
      // counts and the candidate index each keep their own mark): the log only grows.
      for (; scanned < events.length; scanned++) {
        const type = (events[scanned] as SimEvent).type;
        if (type !== 'k8s' && !type.startsWith('pod.')) lastNodeEvent = scanned;
      }
      return lastNodeEvent >= version;
    },
    nodeObjectsChangedSince(version) {
      const { events, nodeEventAt: at } = sim;
      if (!(version >= 0 && version <= events.length)) return undefined;
      // The events since `version` that can change a node or claim (Sim.nodeEventAt: ascending).
      let lo = 0;
      let hi = at.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((at[mid] as number) < version) lo = mid + 1;
        else hi = mid;
      }
      return touched(events, at, lo);
    },
    taint(node, taint) {
      const n = sim.state.nodes.get(node);
      if (!n || n.taints.some((t) => t.key === taint.key && t.effect === taint.effect)) return;
      sim.emit({ type: 'node.updated', node, patch: { taints: [...n.taints, taint] } });
    },
    untaint(node, key) {
      const n = sim.state.nodes.get(node);
      if (!n) return;
      sim.emit({
        type: 'node.updated',
        node,
        patch: { taints: n.taints.filter((t) => t.key !== key) },
      });
      sim.scheduler.requestPass();
    },
    createNodeClaims(plans) {
      return plans.map((p) => sim.lifecycle.create(p));
    },
    limitExceeded(nodePool) {
      return sim.provisioner.exceeded(nodePool);
    },
    refuseReplacement(plan, over, command) {
      sim.emit({
        type: 'nodeclaim.refused',
        nodePool: plan.nodePool,
        pods: [],
        ...over,
        disruption: {
          ...command,
          instanceTypes: plan.instanceTypes.map((t) => t.name),
          capacityTypes: [...plan.requirements.get(LABEL.capacityType).values].sort(),
        },
      });
    },
    deleteNodeClaim(name, reason) {
      sim.termination.deleteNodeClaim(name, reason);
    },
    event(type, reason, object, message) {
      sim.k8s(type, reason, object, message);
    },
    after(ms, label, fn, live = true) {
      sim.after(ms, label, fn, live);
    },
  };
}
