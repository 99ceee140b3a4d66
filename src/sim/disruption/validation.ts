// The 15 s validation before a consolidation or emptiness command acts (reference §3.11):
// re-fetch the candidates with the same filter, check nomination and budgets, and re-simulate.
// Emptiness keeps the candidates that are still valid; multi/single drop the whole command.
import type { NodeFacts } from './candidates.ts';
import { blockerFor } from './candidates.ts';
import { computeConsolidation } from './consolidation.ts';
import type { Pass } from './pass.ts';
import type { Command } from './types.ts';

export const VALIDATION_DELAY_MS = 15_000;

export type Validated =
  | { ok: true; command: Command }
  | { ok: false; kind: 'churn' | 'budget' | 'scheduling'; message: string };

export function validateCommand(pass: Pass, cmd: Command): Validated {
  const fresh: NodeFacts[] = [];
  const dropped: string[] = [];
  const ledger = pass.ledger(cmd.reason === 'Empty' ? 'Empty' : 'Underutilized');
  let budget = false;
  for (const c of cmd.candidates) {
    const f = pass.ix.facts.get(c.node.name);
    const why = !f
      ? 'node is gone'
      : (blockerFor(f, false) ??
        (pass.consolidatable(f).ok
          ? undefined
          : 'node is no longer consolidatable (its pods changed)'));
    const stillEmpty = cmd.reason !== 'Empty' || f?.empty === true;
    if (!f || why !== undefined || !stillEmpty) {
      dropped.push(`${c.node.name}: ${why ?? 'node is no longer empty'}`);
      continue;
    }
    if (!ledger.take(f.poolName)) {
      budget = true;
      dropped.push(`${c.node.name}: budget exhausted`);
      continue;
    }
    fresh.push(f);
  }
  if (cmd.reason === 'Empty') {
    if (fresh.length === 0)
      return {
        ok: false,
        kind: budget ? 'budget' : 'churn',
        message: `candidates changed during validation (${dropped.join('; ')})`,
      };
    return {
      ok: true,
      command: { ...cmd, candidates: fresh, savings: fresh.reduce((s, c) => s + c.price, 0) },
    };
  }
  if (dropped.length > 0)
    return {
      ok: false,
      kind: budget ? 'budget' : 'churn',
      message: `candidates changed during validation (${dropped.join('; ')})`,
    };
  const again = computeConsolidation(pass.ctx, fresh, {
    method: cmd.method,
    single: cmd.method === 'SingleNodeConsolidation',
    competing: pass.competingPods(),
    legacySpot: pass.gen.spotToSpot === 'never',
    closed: pass.destinations(),
  });
  if (again.kind === 'noop') return { ok: false, kind: 'scheduling', message: again.message };
  const next = again.command;
  if (next.replacements.length !== cmd.replacements.length)
    return {
      ok: false,
      kind: 'scheduling',
      message: 'the re-simulation needs a different number of new nodes',
    };
  const original = cmd.replacements[0];
  const now = next.replacements[0];
  if (original && now) {
    const allowed = new Set(now.instanceTypes.map((t) => t.name));
    if (!original.instanceTypes.every((t) => allowed.has(t.name)))
      return {
        ok: false,
        kind: 'scheduling',
        message: 'the replacement options changed during validation',
      };
  }
  return { ok: true, command: { ...cmd, candidates: fresh } };
}
