// karpenterDisruption(): the disruption controller the engine ticks every 10 s (reference §3.1).
// Per tick: fold pod events and drift, expire NodeClaims forcefully (v1), clear leftover taints,
// then try the methods in order — the first that issues a command wins. Consolidation commands
// wait 15 s (VALIDATION_DELAY_MS) and are re-checked before the orchestrator acts; the loop is
// blocked meanwhile, as in Karpenter.
import { approvedMessage, isBalancedRejection, type BalancedRejection } from './balanced.ts';
import type { DisruptionContext, DisruptionController } from '../engine/disruption.ts';
import { formatDuration } from '../engine/duration.ts';
import type { NodeClaimRec } from '../engine/state.ts';
import { DISRUPTION_TAINT_KEYS, vocabulary } from './annotations.ts';
import { eventObjects } from './candidates.ts';
import { budgetFor, type DisruptionReason } from './budgets.ts';
import { commandText, type ActionRecord } from './actions.ts';
import { DriftTracker } from './drift.ts';
import { explanation, type Explanation } from './explanation.ts';
import { generationOf, type Generation } from './generation.ts';
import { expireAfterMs, METHODS, type Method } from './methods.ts';
import { Orchestrator } from './orchestrator.ts';
import { ConsolidationState } from './consolidationState.ts';
import { consolidationCandidates } from './eligibility.ts';
import { ConsolidationMemos, fingerprintAt, type ConsolidationPass } from './memo.ts';
import { Pass, type ConsolidationTimeout, type PassCarry, type SingleNodeRun } from './pass.ts';
import { PodEventTracker } from './podEvents.ts';
import { ScanMark } from './scanMark.ts';
import {
  DEFAULT_DEDUPE_MS,
  EventRecorder,
  NODEPOOL_BLOCKED_DEDUPE_MS,
  UNCONSOLIDATABLE_DEDUPE_MS,
} from '../recorder.ts';
import type { Command } from './types.ts';
import { unavailableNow, VerdictCache } from './verdicts.ts';
import {
  blockedMessage,
  claimWithoutNodeReason,
  eventWords,
  nodeWithoutClaimReason,
  publishesBlocker,
  unconsolidatableMessage,
} from './wording.ts';
import { VALIDATION_DELAY_MS, validateCommand } from './validation.ts';

export interface KarpenterDisruptionOptions {
  /** Replace the method order (tests); defaults follow the API generation. */
  methods?: readonly Method[];
}

export interface KarpenterDisruption extends DisruptionController {
  /** Every action taken so far (also in the timeline as `Disrupting` events). */
  readonly actions: readonly ActionRecord[];
  /** What the last pass concluded about each managed node. */
  readonly explanations: ReadonlyMap<string, Explanation>;
  /** Every consolidation method that ran out of modelled computation time (§3.7–3.8). */
  readonly timeouts: readonly ConsolidationTimeout[];
  /** Every pass on which single-node consolidation ran, ascending: which one a moment saw. */
  readonly singleNodeRuns: readonly SingleNodeRun[];
  /**
   * Every poll on which a memoised consolidation method computed (its memo did not hold and it had
   * candidates), ascending: between two of them Karpenter did not look at consolidation again.
   */
  readonly consolidationPasses: readonly ConsolidationPass[];
  /** Per node, the Balanced rejections computing passes noted, ascending (balancedRejectedAt). */
  readonly balancedRejections: ReadonlyMap<string, readonly BalancedRejection[]>;
  /** The last pod event per node at or before `t` (for explainNode over a recorded timeline). */
  lastPodEventsAt(t: number): ReadonlyMap<string, number>;
  /** One pass without acting: the command the methods would issue now (bench, what-if). */
  plan(ctx: DisruptionContext): Command | undefined;
}

/**
 * A pass's modelled computation time, counted in whole seconds: a pass under a second (every
 * cluster of a few dozen nodes) takes no simulated time, so small timelines are as before.
 */
function computeTime(pass: Pass): number {
  return Math.floor(pass.computeMs / 1000) * 1000;
}

/**
 * Whether Karpenter gates the method on its consolidation state (IsConsolidated): the
 * consolidation methods, except v1beta1's Emptiness (upstream v0.32–v0.37 gated only
 * EmptyNodeConsolidation, which the lab folds into Emptiness: named in docs/simplifications.md).
 */
function memoised(m: Method, gen: Generation): boolean {
  return m.consolidation && !(gen.label === 'v1beta1' && m.name === 'Emptiness');
}

/** controller-runtime's per-item rate limiter after a reconcile error: 5 ms doubling to 1,000 s. */
export const ERROR_BACKOFF_BASE_MS = 5;
export const ERROR_BACKOFF_MAX_MS = 1_000_000;

/** An event's message, or how to write it (publishEvent). */
type Message = string | (() => string);

const NODE_ONLY = ['Node'] as const;
const NODE_AND_CLAIM = ['Node', 'NodeClaim'] as const;

export function karpenterDisruption(opts: KarpenterDisruptionOptions = {}): KarpenterDisruption {
  const tracker = new PodEventTracker();
  const drift = new DriftTracker();
  const actions: ActionRecord[] = [];
  const orchestrator = new Orchestrator((a) => actions.push(a));
  let explanations = new Map<string, Explanation>();
  let validating: Command | undefined;
  const memos = new ConsolidationMemos();
  const recorder = new EventRecorder();
  const timeouts: ConsolidationTimeout[] = [];
  const singleNodeRuns: SingleNodeRun[] = [];
  const balancedRejections = new Map<string, BalancedRejection[]>();
  const consolidationPasses: ConsolidationPass[] = [];
  const consolidationState = new ConsolidationState();
  const carry: PassCarry = { unseenPools: new Set() };
  /** The loop is busy computing until then (a pass's modelled dry-run time, then the 10 s requeue). */
  let busyUntil = Number.NEGATIVE_INFINITY;
  /** Reconciles that failed in a row (a replacement refused), and when the next may run. */
  let failures = 0;
  let backoffUntil = Number.NEGATIVE_INFINITY;

  const methodsFor = (ctx: DisruptionContext): readonly Method[] =>
    opts.methods ?? generationOf(ctx.state).order.map((k) => METHODS[k]);

  const verdicts = new VerdictCache();

  // The trackers fold state changes into per-node times; a state that has not moved since the last
  // fold (the same records: the version is the engine's event count) has nothing to fold, and most
  // 10 s polls of a quiet cluster find it so. Each tracker keeps its own mark: the validation
  // callback folds pod events only.
  const foldedPods = new WeakMap<object, number>();
  function foldPodEvents(ctx: DisruptionContext): void {
    if (foldedPods.get(ctx.state) === ctx.stateVersion) return;
    foldedPods.set(ctx.state, ctx.stateVersion);
    tracker.update(ctx.state, ctx.now, consolidationState);
  }
  // Drift reads NodeClaims, Nodes, NodePools and node classes: a state that only moved pods since
  // the last fold cannot drift anything new.
  const driftScan = new ScanMark();
  function foldDrift(ctx: DisruptionContext): void {
    if (driftScan.skip(ctx)) return;
    // Only the NodeClaims touched since the last fold can drift now (a pool or node class change
    // touches all: undefined, a full fold).
    const last = driftScan.last(ctx);
    driftScan.mark(ctx);
    drift.update(ctx.state, ctx.now, last && ctx.nodeObjectsChangedSince?.(last.version));
  }

  function newPass(ctx: DisruptionContext, cache?: VerdictCache, loop?: PassCarry): Pass {
    const vocab = vocabulary(ctx.state.karpenter);
    return new Pass(ctx, vocab, tracker, drift, orchestrator.nodes(), cache, loop);
  }

  /**
   * Runs the methods in order; the first command wins. With `memo`, a consolidation method whose
   * memo holds is not run: its last no-op's explanations are set again instead.
   */
  function runMethods(
    ctx: DisruptionContext,
    pass: Pass,
    memo?: { state: number; fresh: ReadonlySet<string>; refreshAt: number },
    after?: Method,
  ): Command | undefined {
    // v1alpha5 has no budgets: one command at a time, though empty nodes may go in parallel.
    const oneAtATime = !pass.gen.budgets && orchestrator.size > 0;
    let gathered: ReadonlySet<string> | undefined;
    const methods = methodsFor(ctx);
    for (const m of after ? methods.slice(methods.indexOf(after) + 1) : methods) {
      if (oneAtATime && m.name !== 'Emptiness') continue;
      let cmd: Command | undefined;
      if (!memo || !memoised(m, pass.gen)) cmd = m.compute(pass);
      else if (memo.fresh.has(m.name)) cmd = memos.run(m, pass, memo.state);
      else {
        // Upstream gathers candidates (and publishes why a node is not one) on every poll, and
        // only then finds the method consolidated: the blockers and countdowns are current.
        if (!gathered) {
          // What the gathering says now (blockers, countdowns) is kept; notes of methods that ran
          // before may be replaced by the replay, as the later methods' notes did on their pass.
          const earlier = new Map(pass.notes);
          pass.notes.clear();
          consolidationCandidates(pass, false);
          gathered = new Set(pass.notes.keys());
          for (const [node, e] of earlier) if (!pass.notes.has(node)) pass.notes.set(node, e);
        }
        memos.replay(m.name, pass, memo.refreshAt, gathered);
      }
      if (cmd) return cmd;
    }
    return undefined;
  }

  // Expiry reads NodeClaims and NodePools only: pods moving since the last scan change nothing
  // before the next expiry that scan saw coming.
  const expiryScan = new ScanMark();

  function expireForcefully(ctx: DisruptionContext): void {
    if (expiryScan.skip(ctx)) return;
    if (expiryTouched(ctx)) return;
    let next = Number.POSITIVE_INFINITY;
    const version = ctx.stateVersion;
    for (const nc of ctx.state.nodeClaims.values()) {
      const ms = expiresAfter(ctx, nc);
      if (ms === undefined) continue;
      if (ctx.now < nc.createdAt + ms) {
        next = Math.min(next, nc.createdAt + ms);
        continue;
      }
      ctx.event(
        'Normal',
        'Expired',
        `nodeclaim/${nc.name}`,
        `NodeClaim expired after ${formatDuration(ms)} (expireAfter): deleted now, without budgets or a pre-launched replacement; its pods are re-provisioned as they are evicted`,
      );
      ctx.deleteNodeClaim(nc.name, 'Expired');
    }
    // Deleting moved the version, so the next poll scans again.
    expiryScan.mark(ctx, '', { version, until: next });
  }

  /**
   * Forceful expiry when only some NodeClaims were touched since the last scan, before the expiry
   * it saw coming: the others are no nearer expiry than then (an expiry moves only with the
   * pool's expireAfter, which touches all), so none is due unless a touched one is. True when
   * that settles it (nothing due: marked, with the touched claims' expiries folded into `until`);
   * false for the full scan. A stale `until` (its claim gone since) only brings a full scan early.
   */
  function expiryTouched(ctx: DisruptionContext): boolean {
    const last = expiryScan.last(ctx);
    if (!last || ctx.now >= last.until) return false;
    const changed = ctx.nodeObjectsChangedSince?.(last.version);
    if (!changed) return false;
    let next = last.until;
    for (const name of changed.nodeClaims) {
      const nc = ctx.state.nodeClaims.get(name);
      const ms = nc && expiresAfter(ctx, nc);
      if (nc === undefined || ms === undefined) continue;
      if (ctx.now >= nc.createdAt + ms) return false;
      next = Math.min(next, nc.createdAt + ms);
    }
    expiryScan.mark(ctx, '', { until: next });
    return true;
  }

  /** A live NodeClaim's expireAfter in ms (its pool's, default 720h); undefined when it is gone,
   *  failed or already deleting, or never expires. */
  function expiresAfter(ctx: DisruptionContext, nc: NodeClaimRec): number | undefined {
    if (nc.phase === 'Deleted' || nc.phase === 'Failed' || nc.deletingAt !== undefined)
      return undefined;
    return expireAfterMs(
      ctx.state.nodePools.get(nc.nodePool)?.spec.template.spec.expireAfter ?? '720h',
    );
  }

  /** The state a scan left with no leftover taint (marked after its untaints, which it made). */
  const taintScan = new ScanMark();

  function clearLeftoverTaints(ctx: DisruptionContext): void {
    const held = orchestrator.nodes();
    const validatingNodes = new Set(validating?.candidates.map((c) => c.node.name) ?? []);
    const kept = `${[...held].sort().join(',')}|${[...validatingNodes].sort().join(',')}`;
    // Taints are on nodes: a state that only moved pods since the last clean scan has none new.
    if (taintScan.skip(ctx, kept)) return;
    for (const n of ctx.state.nodes.values()) {
      if (
        n.terminatedAt !== undefined ||
        n.deletingAt !== undefined ||
        held.has(n.name) ||
        validatingNodes.has(n.name)
      )
        continue;
      for (const t of n.taints)
        if (DISRUPTION_TAINT_KEYS.includes(t.key) && t.key !== 'node.kubernetes.io/unschedulable')
          ctx.untaint(n.name, t.key);
      if (
        ctx.semantics === 'v1alpha5' &&
        n.taints.some((t) => t.key === 'node.kubernetes.io/unschedulable')
      )
        ctx.untaint(n.name, 'node.kubernetes.io/unschedulable');
    }
    taintScan.mark(ctx, kept);
  }

  /**
   * State nodes that are half there (wording.ts claimWithoutNodeReason): a launched NodeClaim whose
   * Node has not registered (every launch, while it boots) says so on the NodeClaim since v1.0, and
   * at v1.0 a Node no NodeClaim owns says so on the Node. Not in the pass's notes: no explanation
   * follows a node that is not there, and the Node alone is "unmanaged" in its details.
   */
  function publishHalfNodes(
    ctx: DisruptionContext,
    pass: Pass,
    send: (r: string, o: string, m: Message, k: readonly string[], ms: number) => void,
  ): void {
    const { words, priceLabels } = pass.vocab;
    const names = eventWords(words);
    const claimReason = claimWithoutNodeReason(words, priceLabels);
    if (claimReason !== undefined)
      for (const nc of ctx.state.nodeClaims.values()) {
        if (nc.launchedAt === undefined || nc.nodeName !== undefined) continue;
        if (nc.phase === 'Deleted' || nc.phase === 'Failed') continue;
        const object = `${names.claim.object}/${nc.name}`;
        const message = () => blockedMessage(words, 'NodeClaim', claimReason);
        send(names.blocked, object, message, [object], DEFAULT_DEDUPE_MS);
      }
    const nodeReason = nodeWithoutClaimReason(words, priceLabels);
    if (nodeReason !== undefined)
      for (const n of ctx.state.nodes.values()) {
        if (n.nodeClaim !== undefined || n.terminatedAt !== undefined) continue;
        const object = `node/${n.name}`;
        const message = () => blockedMessage(words, 'Node', nodeReason);
        send(names.blocked, object, message, [object], DEFAULT_DEDUPE_MS);
      }
  }

  /**
   * Each pass offers every node's verdict to the event recorder, as Karpenter publishes on every
   * evaluation; the recorder's dedupe windows (recorder.ts) decide what is published.
   */
  function publish(ctx: DisruptionContext, pass: Pass, gatherOnly: boolean): void {
    for (const f of pass.ix.facts.values()) {
      pass.noteIfNew(
        f.node.name,
        'candidate',
        'eligible',
        'Eligible for disruption; no method chose it on this pass.',
      );
    }
    explanations = pass.notes;
    recorder.sweep(ctx.now);
    const send = (
      reason: string,
      object: string,
      message: Message,
      key: readonly string[],
      ms: number,
    ) => publishEvent(ctx, reason, object, message, key, ms);
    const words = pass.vocab.words;
    const names = eventWords(words);
    for (const [node, e] of pass.notes) {
      // A node on its way out says so every poll (upstream: "node is deleting or marked for
      // deletion"), unless it is in the orchestration queue ("candidate is already being
      // disrupted", never published).
      const leaving = e.state === 'disrupting' && !e.reason.includes('being disrupted');
      const blocked = e.state === 'blocked' || leaving;
      // A poll whose consolidation methods were all memoised only gathered candidates: it says
      // why a node is not one (as upstream's GetCandidates, every poll), not the dry runs' verdicts.
      if (gatherOnly && !blocked && e.state !== 'disabled') continue;
      if (e.state === 'budget') {
        // A lab addition (Karpenter only counts it in a metric), on the node only: the node a
        // used-up budget holds back says so, on a key of its own so it never hides Karpenter's
        // DisruptionBlocked, at most every 15 min per node and reason (during a big
        // consolidation most nodes wait).
        send(
          'DisruptionBlocked',
          `node/${node}`,
          e.reason,
          [node, e.reason],
          UNCONSOLIDATABLE_DEDUPE_MS,
        );
        continue;
      }
      // A Balanced rejection is only counted in a metric upstream, and v0.34–v0.37 skip a busy
      // node of a WhenEmpty pool without a word: explained, not published.
      const kept =
        (e.state === 'kept' || e.state === 'disabled') && !isBalancedRejection(e) && !e.silent;
      if (!blocked && !kept) continue;
      if (blocked && !publishesBlocker(words, e.reason)) continue;
      // Karpenter's disruption events go to the Node and to its NodeClaim, each deduped by itself.
      const claim = ctx.state.nodes.get(node)?.nodeClaim;
      for (const kind of claim === undefined ? NODE_ONLY : NODE_AND_CLAIM) {
        const object = kind === 'Node' ? `node/${node}` : `${names.claim.object}/${claim ?? ''}`;
        if (blocked)
          send(
            names.blocked,
            object,
            () => blockedMessage(words, kind, e.reason),
            [object],
            DEFAULT_DEDUPE_MS,
          );
        else
          send(
            'Unconsolidatable',
            object,
            () => unconsolidatableMessage(words, e.reason),
            [object],
            UNCONSOLIDATABLE_DEDUPE_MS,
          );
      }
    }
    publishHalfNodes(ctx, pass, send);
    // Every replace command computeConsolidation built, chosen or not (upstream EmitCandidateEvents:
    // a delete command, or one validation re-simulates, says nothing). Since v1.9.
    for (const cmd of pass.gen.consolidationEvents ? pass.replaceCommands : []) {
      const savings = `(savings: $${cmd.savings.toFixed(2)})`;
      for (const c of cmd.candidates) {
        const text = commandText(cmd, c.node.name);
        const message = `Consolidation candidate: ${text} ${savings}`;
        for (const object of eventObjects(c))
          send('ConsolidationCandidate', object, message, [object, text], DEFAULT_DEDUPE_MS);
      }
    }
    // Karpenter's own budget event: on the NodePool, only when its budget for the reason is 0.
    for (const held of pass.heldByBudget) {
      const [pool = '', reason = 'Underutilized'] = held.split('\n') as [string, DisruptionReason];
      const np = ctx.state.nodePools.get(pool);
      const count = pass.counts.get(pool);
      if (!np || !count?.total) continue;
      if (budgetFor(np, count, reason, ctx.now, pass.gen.budgetReasons) !== 0) continue;
      send(
        'DisruptionBlocked',
        `nodepool/${pool}`,
        `No allowed disruptions for disruption reason ${reason} due to blocking budget`,
        [pool, reason],
        NODEPOOL_BLOCKED_DEDUPE_MS,
      );
    }
  }

  /** Karpenter requeues at once after a command (10 s only when idle): run another pass now. */
  function requeue(ctx: DisruptionContext): void {
    ctx.after(0, 'disruption.requeue', () => controller.tick(ctx));
  }

  /**
   * A countdown (consolidateAfter, a do-not-disrupt duration) ends at `wake`: keep a run "until
   * quiet" alive to the first poll after it, so a scale-down shows its consolidation without an
   * explicit `until`. Budget-limited re-checks do not count, or a stuck budget would never end a run.
   */
  let keptAliveTo = -1;
  function keepAliveUntil(ctx: DisruptionContext, wake: number): void {
    if (!Number.isFinite(wake) || wake <= ctx.now) return;
    const poll = ctx.timings.disruptionPoll;
    const at = Math.ceil(wake / poll) * poll;
    if (at === keptAliveTo) return;
    keptAliveTo = at;
    ctx.after(at - ctx.now, 'disruption.countdown', () => controller.tick(ctx));
  }

  /**
   * A Normal event through Karpenter's recorder: published unless its dedupe window is open. Most
   * offers are refused (every pass offers every node's verdict), so a message may be given as a
   * function, written only for an event that is published.
   */
  function publishEvent(
    ctx: DisruptionContext,
    reason: string,
    object: string,
    message: Message,
    key: readonly string[],
    windowMs: number,
  ): void {
    if (recorder.admit(ctx.now, reason, key, windowMs))
      ctx.event('Normal', reason, object, typeof message === 'string' ? message : message());
  }

  /**
   * Balanced pools that scored this move and approved it say so (§3.10, balanced.go): a
   * single-node move on its node and NodeClaim, a multi-node move once per approved pool on the
   * NodePool; each object at most every 2 min (the recorder's default window).
   */
  function approvedEvents(ctx: DisruptionContext, cmd: Command): void {
    const scores = cmd.balanced ?? [];
    const send = (object: string, message: string) =>
      publishEvent(ctx, 'ConsolidationApproved', object, message, [object], DEFAULT_DEDUPE_MS);
    const [one] = cmd.candidates;
    if (cmd.candidates.length === 1 && one) {
      const s = scores.find((p) => p.pool === one.poolName);
      if (!s?.approved) return;
      for (const object of eventObjects(one)) send(object, approvedMessage(s));
      return;
    }
    for (const s of scores) if (s.approved) send(`nodepool/${s.pool}`, approvedMessage(s));
  }

  /**
   * The orchestrator starts the command; a reconcile that cannot (a replacement's NodePool is
   * above its limits) returns the error, and controller-runtime requeues the singleton with its
   * per-item backoff, 5 ms doubling to 1,000 s, reset by the next reconcile that succeeds. The
   * retries do not keep a run "until quiet" going: Karpenter would retry for ever.
   */
  function start(ctx: DisruptionContext, cmd: Command): void {
    if (orchestrator.start(ctx, vocabulary(ctx.state.karpenter), cmd)) {
      failures = 0;
      requeue(ctx);
      return;
    }
    failures++;
    const delay = Math.min(ERROR_BACKOFF_BASE_MS * 2 ** (failures - 1), ERROR_BACKOFF_MAX_MS);
    backoffUntil = ctx.now + delay;
    ctx.after(delay, 'disruption.backoff', () => controller.tick(ctx), false);
    const what = cmd.replacements.length === 1 ? 'its replacement' : 'a replacement';
    for (const c of cmd.candidates)
      explanations.set(
        c.node.name,
        explanation(
          c.node.name,
          'candidate',
          `${cmd.method} candidate; the replacement's NodePool is over its limits`,
          `Chosen by ${cmd.method}, but Karpenter could not create ${what}: the NodePool's usage is already above one of its limits (see kubectl logs: "Reconciler error"). The command fails and the node stays; Karpenter retries after an error backoff (5 ms, doubling to 1,000 s).`,
          backoffUntil,
        ),
      );
  }

  function act(ctx: DisruptionContext, cmd: Command): void {
    approvedEvents(ctx, cmd);
    if (!cmd.validate) {
      start(ctx, cmd);
      return;
    }
    validating = cmd;
    for (const c of cmd.candidates) {
      explanations.set(
        c.node.name,
        explanation(
          c.node.name,
          'validating',
          `${cmd.method} candidate`,
          `Chosen by ${cmd.method}; Karpenter waits 15 s and re-checks before acting.`,
          ctx.now + VALIDATION_DELAY_MS,
        ),
      );
    }
    // A retry after an error keeps no run going (start()); its validation neither.
    const live = failures === 0;
    ctx.after(
      VALIDATION_DELAY_MS,
      'disruption.validate',
      () => {
        validating = undefined;
        foldPodEvents(ctx);
        const pass = newPass(ctx);
        const v = validateCommand(pass, cmd);
        if (!v.ok) {
          // Upstream's text names the command and the kind of failure; the lab's finer message
          // stays in the node's explanation. Only single- and multi-node consolidation publish it
          // (EmitRejectedEvents, v1.9+); Emptiness only logs that it abandons the command
          // (emptiness.go ComputeCommands).
          const rejected = pass.gen.consolidationEvents && cmd.method !== 'Emptiness';
          for (const c of cmd.candidates) {
            const text = commandText(cmd, c.node.name);
            const message = `Consolidation rejected: ${text}, reason: ${v.kind} (savings: $${cmd.savings.toFixed(2)})`;
            for (const object of rejected ? eventObjects(c) : [])
              publishEvent(
                ctx,
                'ConsolidationRejected',
                object,
                message,
                [object, text, v.kind],
                DEFAULT_DEDUPE_MS,
              );
            explanations.set(
              c.node.name,
              explanation(
                c.node.name,
                'candidate',
                `validation failed (${v.kind}): ${v.message}`,
                `Chosen by ${cmd.method}, but the 15 s re-check failed (${v.kind}): ${v.message}. Karpenter drops the command and looks again.`,
              ),
            );
          }
          memos.clear();
          // Upstream's reconcile goes on to the next method at once: a method whose command fails
          // validation returns no command, and the controller tries the methods after it
          // (controller.go Reconcile; consolidation_test.go "should continue to single nodeclaim
          // consolidation when multi-nodeclaim consolidation fails validation after the node ttl").
          // The lab waited for the next poll, which started over with the failed method.
          const method = methodsFor(ctx).find((m) => m.name === cmd.method);
          const next = method && runMethods(ctx, pass, undefined, method);
          publish(ctx, pass, false);
          if (next) act(ctx, next);
          return;
        }
        start(ctx, v.command);
      },
      live,
    );
  }

  const controller: KarpenterDisruption = {
    name: 'karpenter',
    actions,
    timeouts,
    singleNodeRuns,
    balancedRejections,
    consolidationPasses,
    get explanations() {
      return explanations;
    },
    lastPodEventsAt: (t) => tracker.snapshotAt(t),
    plan(ctx) {
      foldPodEvents(ctx);
      foldDrift(ctx);
      return runMethods(ctx, newPass(ctx));
    },
    tick(ctx) {
      if (!ctx.state.karpenter.installed) return;
      // Karpenter's cluster state sees every change as it happens, busy or not (pods through
      // the pod-event fold, which walks them once for both).
      foldPodEvents(ctx);
      consolidationState.observe(ctx.state, ctx.stateVersion, ctx.now, (v) =>
        ctx.nodesChangedSince(v),
      );
      foldDrift(ctx);
      if (generationOf(ctx.state).forcefulExpiration) expireForcefully(ctx);
      clearLeftoverTaints(ctx);
      if (validating) return; // the 15 s validation blocks the loop
      if (ctx.now < busyUntil) return; // still computing the last pass
      if (ctx.now < backoffUntil) return; // the error backoff after a failed command
      const gen = generationOf(ctx.state);
      const state = consolidationState.at(ctx.now);
      const refreshAt = consolidationState.refreshAt();
      const fresh = new Set<string>();
      for (const m of methodsFor(ctx))
        if (memoised(m, gen) && !memos.valid(m.name, state, ctx.now)) fresh.add(m.name);
      // Every memo holds: nothing changed since the last no-op, so nothing is re-published.
      const skip = fresh.size === 0;
      const fingerprint = fingerprintAt(ctx.state, ctx.stateVersion);
      verdicts.sync(`${fingerprint}|${unavailableNow(ctx.state, ctx.now)}`);
      const pass = newPass(ctx, verdicts, carry);
      const cmd = runMethods(ctx, pass, { state, fresh, refreshAt });
      if (pass.computedConsolidation) {
        consolidationPasses.push({ at: ctx.now, state });
        for (const [node, e] of pass.notes)
          if (isBalancedRejection(e)) {
            const list = balancedRejections.get(node) ?? [];
            list.push({ at: ctx.now, explanation: e });
            balancedRejections.set(node, list);
          }
      }
      timeouts.push(...pass.timeouts);
      if (pass.singleNode) singleNodeRuns.push(pass.singleNode);
      publish(ctx, pass, skip);
      const took = computeTime(pass);
      if (cmd) {
        memos.clear();
        if (took === 0) act(ctx, cmd);
        else {
          // Karpenter decides when its dry runs are done: the loop is blocked until then.
          validating = cmd;
          ctx.after(
            took,
            'disruption.compute',
            () => {
              validating = undefined;
              act(ctx, cmd);
            },
            failures === 0,
          );
        }
        return;
      }
      failures = 0; // a reconcile that did nothing succeeded
      if (took > 0) busyUntil = ctx.now + took + ctx.timings.disruptionPoll;
      // A node that became a candidate while the memos hold is seen at the refresh (or at an
      // earlier change, which keeps the run going by itself): keep a run "until quiet" alive to it.
      if (pass.notLookedAgain > 0) keepAliveUntil(ctx, Math.max(refreshAt, busyUntil));
      if (!skip) keepAliveUntil(ctx, Math.max(Math.min(pass.wakeAt, pass.ix.wakeAt), busyUntil));
    },
  };
  return controller;
}
