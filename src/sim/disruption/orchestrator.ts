// The orchestration queue (reference §3.13): taint the candidates, create the replacements, wait
// until every replacement is Initialized (polled), then delete the candidates — gracefully, through
// the engine's PDB-respecting drain. A replacement that fails (ICE, deleted) or a 10 min timeout
// abandons the command and un-taints the candidates.
import type { DisruptionContext } from '../engine/disruption.ts';
import type { Vocabulary } from './annotations.ts';
import { actionMessage, type ActionRecord } from './actions.ts';
import type { NodeFacts } from './candidates.ts';
import type { Command } from './types.ts';
import { deprovisioningReason, eventWords } from './wording.ts';

/** Poll period while waiting for replacements (Karpenter: rate-limited 1 s … 10 s). */
export const ORCHESTRATION_POLL_MS = 1_000;
/** clamp(80 ms × queue length, 10 min, 1 h) — the lower bound is what a simulation reaches. */
export const COMMAND_TIMEOUT_MS = 10 * 60_000;

interface Entry {
  command: Command;
  replacements: string[];
  startedAt: number;
}

export class Orchestrator {
  private readonly entries: Entry[] = [];

  constructor(private readonly record: (a: ActionRecord) => void) {}

  /** Node names currently held by a command (excluded from candidacy, count as disrupting). */
  nodes(): Set<string> {
    return new Set(this.entries.flatMap((e) => e.command.candidates.map((c) => c.node.name)));
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * Starts a command; false when Karpenter could not (queue.go StartCommand returned an error).
   * provisioner.go Create checks every replacement against its NodePool's usage right now, in
   * parallel: a pool already above a limit refuses its replacement while the others are created
   * anyway (nothing tracks them: they come up empty), and the command fails, its candidates left
   * running. Upstream taints them first and un-taints them on the next reconcile, 5 ms later; the
   * lab leaves them untouched.
   */
  start(ctx: DisruptionContext, vocab: Vocabulary, command: Command): boolean {
    const refused = command.replacements.map((p) => ctx.limitExceeded(p.nodePool));
    if (refused.some((r) => r !== undefined)) {
      const nodes = command.candidates.map((c) => c.node.name);
      const pods = command.candidates.reduce((n, c) => n + c.reschedulable.length, 0);
      command.replacements.forEach((plan, i) => {
        const over = refused[i];
        if (over) ctx.refuseReplacement(plan, over, { reason: command.reason, nodes, pods });
        else ctx.createNodeClaims([plan], command.reason);
      });
      return false;
    }
    for (const c of command.candidates) ctx.taint(c.node.name, vocab.taint);
    const record = toRecord(ctx, command);
    this.record(record);
    for (const c of command.candidates)
      ctx.event('Normal', 'Disrupting', `node/${c.node.name}`, actionMessage(record));
    if (command.replacements.length === 0) {
      for (const c of command.candidates) terminate(ctx, vocab, c, command);
      return true;
    }
    const replacements = ctx.createNodeClaims(command.replacements, command.reason);
    const names = eventWords(vocab.words);
    const v031 = vocab.words === 'v0.31';
    for (const r of replacements)
      ctx.event(
        'Normal',
        names.launching,
        `${names.claim.object}/${r}`,
        v031
          ? `Launching Machine: ${v031Reason(command)}`
          : `Launching NodeClaim: ${command.reason}/${command.candidates.length > 1 ? 'multi' : 'single'} replacement`,
      );
    // v0.31 waited on each replacement Machine (controller.go waitForReadiness); v1 says so on
    // the candidates' NodeClaims.
    const waiting = v031 ? replacements : command.candidates.map((c) => c.claim.name);
    for (const name of waiting)
      ctx.event(
        'Normal',
        names.waitingReadiness,
        `${names.claim.object}/${name}`,
        `Waiting on readiness to continue ${names.process}`,
      );
    const entry: Entry = { command, replacements, startedAt: ctx.now };
    this.entries.push(entry);
    this.poll(ctx, vocab, entry);
    return true;
  }

  private poll(ctx: DisruptionContext, vocab: Vocabulary, entry: Entry): void {
    const claims = entry.replacements.map((n) => ctx.state.nodeClaims.get(n));
    const failed = claims.find(
      (c) => !c || c.phase === 'Failed' || c.phase === 'Deleted' || c.deletingAt !== undefined,
    );
    if (failed !== undefined || ctx.now - entry.startedAt >= COMMAND_TIMEOUT_MS) {
      const why = failed
        ? `replacement ${eventWords(vocab.words).claim.object}/${failed.name} ${failed.error ? `failed: ${failed.error}` : 'was deleted'}`
        : 'replacements did not initialize within 10m';
      this.finish(entry);
      for (const c of entry.command.candidates) {
        ctx.untaint(c.node.name, vocab.taint.key);
        ctx.event(
          'Warning',
          'DisruptionFailed',
          `node/${c.node.name}`,
          `Abandoned ${entry.command.reason} command: ${why}; node un-tainted`,
        );
      }
      return;
    }
    if (claims.every((c) => c?.initializedAt !== undefined)) {
      this.finish(entry);
      for (const c of entry.command.candidates) terminate(ctx, vocab, c, entry.command);
      return;
    }
    ctx.after(ORCHESTRATION_POLL_MS, 'disruption.orchestrate', () => this.poll(ctx, vocab, entry));
  }

  private finish(entry: Entry): void {
    const i = this.entries.indexOf(entry);
    if (i >= 0) this.entries.splice(i, 1);
  }
}

function toRecord(ctx: DisruptionContext, c: Command): ActionRecord {
  return {
    time: ctx.now,
    method: c.method,
    reason: c.reason,
    decision: c.replacements.length === 0 ? 'delete' : 'replace',
    nodes: c.candidates.map((f) => ({
      name: f.node.name,
      instanceType: f.node.instanceType,
      capacityType: f.node.capacityType,
      price: f.price,
      pods: f.reschedulable.map((p) => p.key),
    })),
    replacements: c.replacements.map((p) => ({
      instanceTypes: p.instanceTypes.map((t) => t.name),
      capacityTypes: [...p.requirements.get('karpenter.sh/capacity-type').values].sort(),
    })),
    savingsPerHour: c.savings,
  };
}

/**
 * Deletes a candidate's NodeClaim (queue.go): Karpenter says `Disrupting Node: <reason>` on the
 * Node and `Disrupting NodeClaim: <reason>` on the NodeClaim (events.go Terminating).
 */
function terminate(
  ctx: DisruptionContext,
  vocab: Vocabulary,
  c: NodeFacts,
  command: Command,
): void {
  const names = eventWords(vocab.words);
  const [verb, why] =
    vocab.words === 'v0.31'
      ? ['Deprovisioning', v031Reason(command)]
      : ['Disrupting', command.reason];
  ctx.event('Normal', names.terminating, `node/${c.node.name}`, `${verb} Node: ${why}`);
  ctx.event(
    'Normal',
    names.terminating,
    `${names.claim.object}/${c.claim.name}`,
    `${verb} ${names.claim.kind}: ${why}`,
  );
  ctx.deleteNodeClaim(c.claim.name, command.reason);
}

/** v0.31's "<deprovisioner>/<action>" (controller.go executeCommand): every consolidation
 *  method was the "consolidation" deprovisioner. */
function v031Reason(command: Command): string {
  const method = command.method.endsWith('Consolidation') ? 'consolidation' : command.method;
  return deprovisioningReason(
    method.toLowerCase(),
    command.replacements.length > 0 ? 'replace' : 'delete',
  );
}
