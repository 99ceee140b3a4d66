// One disruption pass: everything the methods share for a single tick — the cluster index, budget
// counts, consolidation eligibility — and the per-node explanations they leave behind.
import type { NodePool, Provisioner } from '../k8s.ts';
import type { DisruptionContext } from '../engine/disruption.ts';
import { formatDuration, parseDuration } from '../engine/duration.ts';
import type { PodRec } from '../engine/state.ts';
import type { Vocabulary } from './annotations.ts';
import {
  BudgetLedger,
  countPoolNodes,
  type DisruptionReason,
  type PoolBudgetCount,
} from './budgets.ts';
import { buildIndex, type ClusterIndex, type NodeFacts } from './candidates.ts';
import {
  computeConsolidation,
  type ConsolidationOptions,
  type Destinations,
} from './consolidation.ts';
import { competingPods } from './dryrun.ts';
import { generationOf, type Generation } from './generation.ts';
import type { DriftTracker } from './drift.ts';
import { explanation, type Explanation, type ExplanationState } from './explanation.ts';
import type { Command, Decision, MethodName } from './types.ts';
import type { VerdictCache } from './verdicts.ts';
import { ScanMark } from './scanMark.ts';

export type Eligibility =
  | { ok: true; since?: number }
  | { ok: false; state: ExplanationState; reason: string; sentence: string; until?: number };

/** The v1alpha5 Provisioner a converted pool came from (ttlSecondsAfterEmpty, consolidation.enabled). */
export function provisionerOf(ctx: DisruptionContext, poolName: string): Provisioner | undefined {
  const o = ctx.state.objects.get(`Provisioner//${poolName}`);
  return o?.kind === 'Provisioner' ? o : undefined;
}

// consolidateAfter is read for every node on every 10 s poll; its text is one of a few values.
const afterMs = new Map<string, number>();
function consolidateAfterMs(text: string): number {
  let ms = afterMs.get(text);
  if (ms === undefined) {
    ms = parseDuration(text) ?? 0;
    afterMs.set(text, ms);
  }
  return ms;
}

/** What the controller keeps from pass to pass: the pools a single-node timeout left unseen. */
export interface PassCarry {
  unseenPools: ReadonlySet<string>;
}

/** A consolidation method that ran out of modelled computation time on a pass. */
export interface ConsolidationTimeout {
  at: number;
  method: MethodName;
  /** Modelled computation time when it stopped (ms). */
  afterMs: number;
  /** Dry runs done before it stopped, and the candidates it had (multi-node: at most 100). */
  evaluated: number;
  of: number;
  /** Single-node: the nodes it evaluated (the others were not reached on this pass). */
  reached?: ReadonlySet<string>;
}

/** A pass on which single-node consolidation ran (not answered by its memo), and its timeout. */
export interface SingleNodeRun {
  at: number;
  timeout?: ConsolidationTimeout;
}

/** The last pool counts per state: they read nodes and NodeClaims only, so a state that only
 *  moved pods since (most passes in a busy cluster) keeps them. */
const countsByState = new WeakMap<object, Map<string, PoolBudgetCount>>();
const countsScan = new ScanMark();

function poolCounts(
  ctx: DisruptionContext,
  inQueue: ReadonlySet<string>,
): Map<string, PoolBudgetCount> {
  const queue = [...inQueue].sort().join(',');
  const kept = countsByState.get(ctx.state);
  if (kept && countsScan.skip(ctx, queue)) return kept;
  const counts = countPoolNodes(ctx.state, inQueue);
  countsByState.set(ctx.state, counts);
  countsScan.mark(ctx, queue);
  return counts;
}

export class Pass {
  readonly gen: Generation;
  readonly ix: ClusterIndex;
  readonly counts: Map<string, PoolBudgetCount>;
  readonly notes = new Map<string, Explanation>();
  /** Earliest future time a waiting node becomes consolidatable (keeps a run "until quiet" alive). */
  wakeAt = Number.POSITIVE_INFINITY;
  /**
   * Whether the method running found any candidate. Upstream computes a command (and so marks
   * itself consolidated on a no-op) only when it has candidates (controller.go: disrupt).
   */
  sawCandidates = false;
  /** A memoised consolidation method computed on this pass (it had candidates). */
  computedConsolidation = false;
  /** Nodes eligible now that a memoised no-op saw held back: not looked at again (memo.ts). */
  notLookedAgain = 0;
  /** A no-op caused by budgets is not memoised like the others (§3.1); see controller.ts. */
  budgetLimited = false;
  /** "pool\nreason" of every candidate a used-up budget held back on this pass. */
  readonly heldByBudget = new Set<string>();
  /** Replace commands the consolidation methods computed on this pass, in order: each is a
   *  ConsolidationCandidate event upstream (computeConsolidation), chosen or not. */
  readonly replaceCommands: Command[] = [];
  /**
   * Modelled computation time of this pass's dry runs so far (ms). Karpenter's loop is busy for that
   * long, and consolidation's timeouts (3 min single-node, 1 min multi-node) run out on it. The
   * lab's own solve time never enters the timeline: runs stay deterministic.
   */
  computeMs = 0;
  readonly timeouts: ConsolidationTimeout[] = [];
  /** Set when single-node consolidation ran on this pass (not answered by its memo). */
  singleNode: SingleNodeRun | undefined;
  private competing: PodRec[] | undefined;
  private liveNodes = -1;

  constructor(
    readonly ctx: DisruptionContext,
    readonly vocab: Vocabulary,
    readonly tracker: { lastEventAt(node: string): number | undefined },
    readonly drift: DriftTracker,
    readonly inQueue: ReadonlySet<string>,
    /** The controller's loop passes reuse state-only no-op verdicts (verdicts.ts); others recompute. */
    readonly verdicts?: VerdictCache,
    readonly carry: PassCarry = { unseenPools: new Set() },
  ) {
    this.gen = generationOf(ctx.state);
    this.ix = buildIndex(ctx.state, ctx.now, vocab, inQueue, ctx.stateVersion, (v) =>
      ctx.nodesChangedSince(v),
    );
    this.counts = poolCounts(ctx, inQueue);
  }

  /** v1alpha5: consolidation settings come from the Provisioner. */
  get legacy(): boolean {
    return this.gen.provisioner;
  }

  competingPods(): PodRec[] {
    this.competing ??= competingPods(this.ctx);
    return this.competing;
  }

  /**
   * Adds one dry run's modelled computation time: `timings.dryRunPerPod` per pod it places (the
   * candidates' and the competing ones, as dryrun.ts schedules them) plus `timings.dryRunPer1kNodes`
   * per 1,000 nodes in the cluster. Charged whether or not the lab answers the dry run from a
   * cache: Karpenter computes every one.
   */
  charge(candidates: readonly NodeFacts[], competing: readonly PodRec[]): void {
    let pods = competing.length;
    for (const c of candidates) pods += c.reschedulable.length;
    if (this.liveNodes < 0) {
      this.liveNodes = 0;
      for (const n of this.ctx.state.nodes.values())
        if (n.terminatedAt === undefined) this.liveNodes++;
    }
    const t = this.ctx.timings;
    this.computeMs += t.dryRunPerPod * pods + (t.dryRunPer1kNodes * this.liveNodes) / 1000;
  }

  /** computeConsolidation, answered from the verdict cache when it holds this dry run's no-op. */
  consolidate(candidates: NodeFacts[], o: ConsolidationOptions): Decision {
    this.charge(candidates, o.competing);
    const opts = { ...o, closed: this.destinations() };
    const d = this.verdicts
      ? this.verdicts.consolidate(this.ctx, candidates, opts)
      : computeConsolidation(this.ctx, candidates, opts);
    if (d.kind === 'command' && d.command.replacements.length > 0)
      this.replaceCommands.push(d.command);
    return d;
  }

  private closedDestinations: Destinations | undefined;

  /**
   * v1.14+ (kubernetes-sigs/karpenter#3006, `IsUnderConsolidateAfter`): the initialized nodes
   * whose pods changed (or which initialized) less than their NodePool's consolidateAfter ago. A
   * consolidation dry run does not move a candidate's pods onto them, as a node that just took
   * pods may soon take more; drift's dry runs ignore the window. A NodePool with consolidateAfter
   * 0s or Never closes none. The set is a function of the moment, not only the records: it is
   * part of a verdict's key (verdicts.ts), while the consolidation memo, as upstream's, is not
   * woken when a window ends.
   */
  destinations(): Destinations {
    if (this.closedDestinations) return this.closedDestinations;
    const until = new Map<string, number>();
    if (this.ix.v114 && !this.legacy) {
      for (const f of this.ix.facts.values()) {
        // Cordoned and deleting nodes take no pods anyway: leaving them out keeps the set (and
        // the explanations that list it) to real destinations.
        const n = f.node;
        if (f.claim.initializedAt === undefined || n.terminatedAt !== undefined) continue;
        if (n.unschedulable || n.deletingAt !== undefined) continue;
        const after = f.pool?.spec.disruption?.consolidateAfter;
        if (after === undefined || after === 'Never') continue;
        const ends = this.lastPodEventAt(f) + consolidateAfterMs(after);
        if (ends > this.ctx.now) until.set(n.name, ends);
      }
    }
    const closed = new Set(until.keys());
    this.closedDestinations = { closed, key: [...closed].sort().join(','), until };
    return this.closedDestinations;
  }

  /** The closed destinations but `except`, the soonest window end first (then by name). */
  closedSoonestFirst(except?: string): { node: string; until: number }[] {
    return [...this.destinations().until]
      .filter(([n]) => n !== except)
      .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))
      .map(([node, until]) => ({ node, until }));
  }

  ledger(reason: DisruptionReason): BudgetLedger {
    return new BudgetLedger(
      this.ctx.state,
      this.counts,
      reason,
      this.gen.budgets,
      this.ctx.now,
      this.gen.budgetReasons,
    );
  }

  note(
    node: string,
    state: ExplanationState,
    reason: string,
    sentence: string,
    until?: number,
  ): void {
    this.notes.set(node, explanation(node, state, reason, sentence, until));
  }

  /** Set a note unless a more specific one is already there. */
  noteIfNew(
    node: string,
    state: ExplanationState,
    reason: string,
    sentence: string,
    until?: number,
  ): void {
    if (!this.notes.has(node)) this.note(node, state, reason, sentence, until);
  }

  /** A verdict Karpenter publishes, in place of a countdown an earlier method noted (a countdown
   *  is the lab's own note; the later method's ShouldDisrupt still publishes its refusal). */
  noteOverCountdown(e: Explanation): void {
    const was = this.notes.get(e.node);
    if (was === undefined || was.state === 'waiting') this.notes.set(e.node, e);
  }

  /** When the node's pods last changed (bound/terminal/gone), else its initialization. */
  lastPodEventAt(f: NodeFacts): number {
    return (
      this.tracker.lastEventAt(f.node.name) ??
      f.claim.initializedAt ??
      f.node.readyAt ??
      f.node.createdAt
    );
  }

  /** Consolidation eligibility of a pool + node (§3.2 "Consolidation methods also require", §3.3). */
  consolidatable(f: NodeFacts): Eligibility {
    const np = f.pool as NodePool;
    if (this.legacy) {
      const prov = provisionerOf(this.ctx, f.poolName);
      if (prov?.spec.consolidation?.enabled !== true)
        return {
          ok: false,
          state: 'disabled',
          reason: `Provisioner "${f.poolName}" has consolidation disabled`,
          sentence:
            prov?.spec.ttlSecondsAfterEmpty !== undefined
              ? `Its Provisioner only sets ttlSecondsAfterEmpty: v1alpha5 Karpenter deletes empty nodes and never consolidates underutilized ones.`
              : `Its Provisioner does not enable consolidation.`,
        };
      if (f.node.annotations[this.vocab.nodeBlock] === 'true')
        return {
          ok: false,
          state: 'blocked',
          reason: `node has "${this.vocab.nodeBlock}" annotation`,
          sentence: `The node is annotated ${this.vocab.nodeBlock}=true.`,
        };
      return { ok: true };
    }
    if (np.spec.replicas !== undefined)
      return {
        ok: false,
        state: 'disabled',
        reason: `NodePool "${f.poolName}" is static`,
        sentence:
          'Static NodePools (spec.replicas) keep their node count; consolidation skips them.',
      };
    const after = np.spec.disruption?.consolidateAfter ?? '0s';
    if (after === 'Never')
      return {
        ok: false,
        state: 'disabled',
        reason: `NodePool "${f.poolName}" has consolidation disabled`,
        sentence: `Its NodePool sets consolidateAfter: Never.`,
      };
    const ms = consolidateAfterMs(after);
    const at = this.lastPodEventAt(f) + ms;
    if (this.ctx.now < at) {
      this.wakeAt = Math.min(this.wakeAt, at);
      return {
        ok: false,
        state: 'waiting',
        reason: `consolidateAfter ${after} not yet elapsed`,
        sentence: `Its pods last changed ${formatDuration(this.ctx.now - this.lastPodEventAt(f))} ago; it becomes consolidatable in ${formatDuration(at - this.ctx.now)} (consolidateAfter: ${after}).`,
        until: at,
      };
    }
    return { ok: true, since: at };
  }
}
