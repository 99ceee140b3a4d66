// SimulateScheduling for disruption (reference §3.9 step 1): the candidates' pods — plus pending
// pods and pods of deleting nodes, which compete for the same room — scheduled as if the
// candidates were gone. Only the candidates' pods decide the outcome; pods landing on a node that
// is not initialized count as failures (UninitializedNodeError). Since v1.14 a consolidation dry
// run also keeps the candidates' pods off nodes still inside their consolidateAfter window
// (`closed`, Pass.destinations); pending pods and pods of deleting nodes may still go there.
import type { Pod, PodDisruptionBudget } from '../k8s.ts';
import type { DisruptionContext } from '../engine/disruption.ts';
import { isTerminal, type PodRec } from '../engine/state.ts';
import { pdbsOf, reschedulableFromDeletingNode } from '../engine/pdb.ts';
import type { NodeClaimPlan, SolveResult } from '../scheduling/types.ts';
import { initialized, type NodeFacts } from './candidates.ts';
import { atLeast, karpenterVersion } from '../version.ts';

export type DryRun = { ok: true; plans: NodeClaimPlan[] } | { ok: false; message: string };

// Records are immutable (a change is a new record), so one unbound copy serves every dry run of a
// pass and the passes after it: the solve then sees the same Pod object each time.
const unboundOf = new WeakMap<PodRec, Pod>();

function unbound(p: PodRec): Pod {
  let pod = unboundOf.get(p);
  if (!pod) {
    const { nodeName: _n, ...spec } = p.pod.spec;
    pod = { ...p.pod, spec };
    unboundOf.set(p, pod);
  }
  return pod;
}

export function dryRun(
  ctx: DisruptionContext,
  candidates: readonly NodeFacts[],
  extraPods: readonly PodRec[],
  closed?: ReadonlySet<string>,
  /** v1.4+ (pdb.go IsCurrentlyReschedulable): a candidate pod that cannot be evicted now (an
   *  active do-not-disrupt, a fully blocking PDB) gets no capacity — "spinning up
   *  capacity until these pods are evicted is wasteful". Only eventual methods meet such pods. */
  notNow?: (p: PodRec) => boolean,
): DryRun {
  const own = new Set<string>();
  const pods: Pod[] = [];
  /** Upstream exempts a pod whose phase is Pending (pod.IsPending), even one already bound. */
  let restricted: Set<string> | undefined;
  const restrict = closed !== undefined && closed.size > 0;
  for (const c of candidates) {
    for (const p of c.reschedulable) {
      if (notNow?.(p)) continue;
      own.add(p.uid);
      pods.push(unbound(p));
      if (restrict && p.phase !== 'Pending') (restricted ??= new Set()).add(p.uid);
    }
  }
  const decidedBy = pods.length;
  for (const p of extraPods) if (!own.has(p.uid)) pods.push(unbound(p));
  const excludeNodes = candidates.map((c) => c.node.name);
  // The candidates' pods come first: the solve may stop once they are all placed on existing
  // nodes. What is read below is then what the whole solve would give: their placements are the
  // same (the solve is the same up to the stop, and a placement is never undone), none of them
  // has an error, and no new NodeClaim holds one of them.
  const res = ctx.simulate(pods, {
    excludeNodes,
    decidedBy,
    ...(restricted && closed ? { closedNodes: closed, restrictedPods: restricted } : {}),
  });
  const failures = failuresOf(ctx, candidates, res);
  if (failures.length > 0) return { ok: false, message: schedulingErrors(failures) };
  const plans = res.newNodeClaims.filter((pl) =>
    pl.pods.some((pod) => own.has(pod.metadata.uid ?? '')),
  );
  return { ok: true, plans };
}

/** The candidates' pods that would not schedule, or would land on a node not initialized. */
function failuresOf(
  ctx: DisruptionContext,
  candidates: readonly NodeFacts[],
  res: SolveResult,
): string[] {
  const failures: string[] = [];
  const byUid = new Map<string, PodRec>();
  for (const c of candidates) for (const p of c.reschedulable) byUid.set(p.uid, p);
  for (const [uid, err] of res.podErrors) {
    const p = byUid.get(uid);
    if (p) failures.push(`${p.key} => ${err.message}`);
  }
  for (const placement of res.existing) {
    const where = uninitialized(ctx, placement.node);
    if (where === undefined) continue;
    // Before v0.37 (helpers.go simulateScheduling) the error named the state node only.
    const error = !atLeast(karpenterVersion(ctx.state.karpenter.version), 0, 37)
      ? `would schedule against a non-initialized node ${placement.node}`
      : `would schedule against uninitialized ${where}`;
    for (const pod of placement.pods) {
      const p = byUid.get(pod.metadata.uid ?? '');
      if (p) failures.push(`${p.key} => ${error}`);
    }
  }
  return failures;
}

/**
 * UninitializedNodeError's objects ("nodeclaim/<claim>, node/<node>"; a NodeClaim that has no
 * Node yet names only itself), or undefined for an initialized node. A node Karpenter does not
 * manage counts as initialized (StateNode.Initialized).
 */
function uninitialized(ctx: DisruptionContext, name: string): string | undefined {
  const node = ctx.state.nodes.get(name);
  // The solve names an in-flight NodeClaim without a Node by the NodeClaim (clusterview.ts).
  if (!node) return `nodeclaim/${name}`;
  if (node.nodeClaim === undefined) return undefined;
  if (initialized(node, ctx.state.nodeClaims.get(node.nodeClaim))) return undefined;
  return `nodeclaim/${node.nodeClaim}, node/${name}`;
}

/**
 * Results.NonPendingPodSchedulingErrors: each error followed by a space, and after the fifth
 * " and N other(s)" — even " and 0 other(s)" when there are exactly five, as upstream's loop
 * prints it. (Upstream's order is Go map order; the lab's is the candidates' pods, then the pods
 * on uninitialized nodes.)
 */
export function schedulingErrors(failures: readonly string[]): string {
  let msg = 'not all pods would schedule, ';
  for (const [i, f] of failures.entries()) {
    msg += `${f} `;
    if (i + 1 >= 5) {
      msg += ` and ${failures.length - 5} other(s)`;
      break;
    }
  }
  return msg;
}

/** Pods that compete for room with a disruption: pending pods and pods of deleting nodes (§1.2). */
export function competingPods(ctx: DisruptionContext): PodRec[] {
  const out: PodRec[] = [];
  // The PDBs are read only if a pod sits on a deleting node (most passes have none).
  let pdbs: PodDisruptionBudget[] | undefined;
  const read = () => (pdbs ??= pdbsOf(ctx.state));
  for (const p of ctx.state.pods.values()) {
    if (p.daemonSet || isTerminal(p)) continue;
    if (p.nodeName === undefined) {
      if (p.phase === 'Pending' && p.reason !== 'InvalidRequests') out.push(p);
      continue;
    }
    if (reschedulableFromDeletingNode(p, ctx.state, ctx.now, read)) out.push(p);
  }
  return out;
}
