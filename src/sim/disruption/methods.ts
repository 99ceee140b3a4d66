// The disruption methods (reference §3.5–3.8, §3.15–3.16): small objects behind one interface,
// tried in Karpenter's order for the version (generation.ts); the first that returns a command wins.
// This file: the interface, emptiness, drift, graceful expiration and the v1alpha5 emptiness
// methods; multi- and single-node consolidation live in consolidationMethods.ts.
import { formatDuration, parseDuration } from '../engine/duration.ts';
import type { NodeFacts } from './candidates.ts';
import { currentlyReschedulable, pdbsOf } from '../engine/pdb.ts';
import { multiNodeConsolidation, singleNodeConsolidation } from './consolidationMethods.ts';
import { dryRun } from './dryrun.ts';
import { budgetNote, consolidationCandidates, eligible } from './eligibility.ts';
import type { MethodKey } from './generation.ts';
import { provisionerOf, type Pass } from './pass.ts';
import type { Command, CommandReason, MethodName } from './types.ts';
import type { PodRec } from '../engine/state.ts';
import type { PodDisruptionBudget } from '../k8s.ts';

/**
 * v1.4+ SimulateScheduling leaves out the candidate pods that cannot be evicted now
 * (pdb.Limits.IsCurrentlyReschedulable: an active do-not-disrupt, a fully blocking PDB),
 * so a drifted node whose terminationGracePeriod lets it go with such a pod is deleted without a
 * replacement; the pod is provisioned for once the grace period removes it (drift_test.go "should
 * not create replacements for drifted nodes that have pods with the blocking PDBs when the
 * NodePool's TerminationGracePeriod is not nil"). Before v1.4 every pod was simulated.
 */
function notReschedulableNow(pass: Pass): (p: PodRec) => boolean {
  const { state, now } = pass.ctx;
  // Fully blocking PDBs only (maxUnavailable 0 / "0%", minAvailable "100%", two PDBs), as
  // IsCurrentlyReschedulable reads them: not the candidate filter's "no disruption allowed now".
  // currentlyReschedulable holds the version gate (every pod before v1.4).
  let pdbs: PodDisruptionBudget[] | undefined;
  return (p) => !currentlyReschedulable(p, state, now, (pdbs ??= pdbsOf(state)));
}

/** Delete empty candidates without replacements; the saving is their whole price. */
function deleteEmpty(method: MethodName, picked: NodeFacts[], validate: boolean): Command {
  const savings = picked.reduce((sum, c) => sum + c.price, 0);
  return { method, reason: 'Empty', candidates: picked, replacements: [], savings, validate };
}

export interface Method {
  readonly name: MethodName;
  /** Consolidation methods are memoised while the cluster does not change (§3.1). */
  readonly consolidation: boolean;
  compute(pass: Pass): Command | undefined;
}

/** Emptiness (§3.5): every empty consolidatable node in one command, up to each pool's Empty budget. */
export const emptiness: Method = {
  name: 'Emptiness',
  consolidation: true,
  compute(pass) {
    const ledger = pass.ledger('Empty');
    const picked: NodeFacts[] = [];
    for (const f of consolidationCandidates(pass, true)) {
      if (ledger.take(f.poolName)) picked.push(f);
      else budgetNote(pass, f, 'Empty');
    }
    if (picked.length === 0) return undefined;
    return deleteEmpty('Emptiness', picked, true);
  },
};

/** Replace one node at a time, empty ones first then oldest first; 1→N allowed (drift, v1alpha5 expiration). */
function replaceOneOf(
  pass: Pass,
  method: MethodName,
  reason: CommandReason,
  ordered: NodeFacts[],
): Command | undefined {
  const ledger = pass.ledger(reason === 'Drifted' ? 'Drifted' : 'Underutilized');
  const sorted = [...ordered.filter((f) => f.empty), ...ordered.filter((f) => !f.empty)];
  for (const f of sorted) {
    if (ledger.remaining(f.poolName) <= 0) {
      budgetNote(pass, f, reason);
      continue;
    }
    if (!f.empty) pass.charge([f], pass.competingPods());
    const sim = f.empty
      ? { ok: true as const, plans: [] }
      : dryRun(pass.ctx, [f], pass.competingPods(), undefined, notReschedulableNow(pass));
    if (!sim.ok) {
      // Drift and graceful expiration report this as DisruptionBlocked, then try the next node.
      pass.note(
        f.node.name,
        'blocked',
        sim.message,
        `It is ${reason.toLowerCase()}, but its pods would not all fit elsewhere or on new nodes.`,
      );
      continue;
    }
    ledger.take(f.poolName);
    const newCost = sim.plans.reduce(
      (s, p) => s + (p.instanceTypes[0]?.offerings.find((o) => o.available)?.price ?? 0),
      0,
    );
    return {
      method,
      reason,
      candidates: [f],
      replacements: sim.plans,
      savings: f.price - newCost,
      validate: false,
    };
  }
  return undefined;
}

/** Drift (§3.6): oldest Drifted first, empty ones first; no validation, no price rule. */
export const drift: Method = {
  name: 'Drift',
  consolidation: false,
  compute(pass) {
    if (pass.gen.provisioner && pass.ctx.featureGates.Drift !== true) return undefined; // v0.31: behind the Drift gate
    const drifted: { f: NodeFacts; at: number }[] = [];
    for (const f of pass.ix.facts.values()) {
      const d = pass.drift.drifted(f.claim.name);
      if (!d || !eligible(pass, f, true)) continue;
      drifted.push({ f, at: d.at });
    }
    drifted.sort((a, b) => a.at - b.at || a.f.claim.createdAt - b.f.claim.createdAt);
    return replaceOneOf(
      pass,
      'Drift',
      'Drifted',
      drifted.map((d) => d.f),
    );
  },
};

/**
 * Graceful expiration before v1 (v1alpha5 ttlSecondsUntilExpired — carried into the converted
 * pool's template expireAfter — and v1beta1 expireAfter): first in order, replacement pre-spun.
 */
export const gracefulExpiration: Method = {
  name: 'Expiration',
  consolidation: false,
  compute(pass) {
    const expired: NodeFacts[] = [];
    for (const f of pass.ix.facts.values()) {
      const ms = expireAfterMs(f.pool?.spec.template.spec.expireAfter);
      if (ms === undefined || pass.ctx.now < f.claim.createdAt + ms) continue;
      if (eligible(pass, f, false)) expired.push(f);
    }
    expired.sort((a, b) => a.claim.createdAt - b.claim.createdAt);
    return replaceOneOf(pass, 'Expiration', 'Expired', expired);
  },
};

/** v1alpha5 ttlSecondsAfterEmpty: empty (DaemonSet pods ignored) for N s → deleted, in parallel, no validation. */
export const legacyEmptiness: Method = {
  name: 'Emptiness',
  consolidation: false,
  compute(pass) {
    const picked: NodeFacts[] = [];
    for (const f of pass.ix.facts.values()) {
      const ttl = provisionerOf(pass.ctx, f.poolName)?.spec.ttlSecondsAfterEmpty;
      if (ttl === undefined || f.reschedulable.length > 0) continue;
      if (!eligible(pass, f, false)) continue;
      const emptySince = pass.lastPodEventAt(f);
      const at = emptySince + ttl * 1000;
      if (pass.ctx.now < at) {
        pass.wakeAt = Math.min(pass.wakeAt, at);
        pass.noteIfNew(
          f.node.name,
          'waiting',
          `empty for ${formatDuration(pass.ctx.now - emptySince)}, ttlSecondsAfterEmpty ${ttl}s`,
          `The node is empty; it is deleted ${formatDuration(at - pass.ctx.now)} from now (ttlSecondsAfterEmpty: ${ttl}).`,
          at,
        );
        continue;
      }
      picked.push(f);
    }
    if (picked.length === 0) return undefined;
    return deleteEmpty('Emptiness', picked, false);
  },
};

/** v1alpha5 EmptyNodeConsolidation: empty nodes of consolidation-enabled pools, together. */
export const emptyNodeConsolidation: Method = {
  name: 'EmptyNodeConsolidation',
  consolidation: true,
  compute(pass) {
    const picked = consolidationCandidates(pass, true);
    if (picked.length === 0) return undefined;
    return deleteEmpty('EmptyNodeConsolidation', picked, true);
  },
};

/** The methods by generation key (generation.ts gives the order per Karpenter version). */
export const METHODS: Readonly<Record<MethodKey, Method>> = {
  expiration: gracefulExpiration,
  drift,
  emptiness,
  legacyEmptiness,
  emptyNodeConsolidation,
  multi: multiNodeConsolidation,
  single: singleNodeConsolidation,
};

/** expireAfter in ms; undefined for Never (shared by forceful and graceful expiration). */
export function expireAfterMs(text: string | undefined): number | undefined {
  if (text === undefined || text === 'Never') return undefined;
  // Asked per NodeClaim on every state change (forceful expiry): parse each text once.
  if (!parsedExpiry.has(text)) parsedExpiry.set(text, parseDuration(text));
  return parsedExpiry.get(text);
}

const parsedExpiry = new Map<string, number | undefined>();
