// The vocabulary shared by the methods, the orchestrator and the explanations.
import type { NodeClaimPlan } from '../scheduling/types.ts';
import type { PoolScore } from './balanced.ts';
import type { NodeFacts } from './candidates.ts';

/** Why a command disrupts (budget reasons, plus the two that budgets do not govern). */
export type CommandReason = 'Empty' | 'Underutilized' | 'Drifted' | 'Expired';

export type MethodName =
  | 'Emptiness'
  | 'Drift'
  | 'MultiNodeConsolidation'
  | 'SingleNodeConsolidation'
  | 'Expiration'
  | 'EmptyNodeConsolidation';

export interface Command {
  method: MethodName;
  reason: CommandReason;
  candidates: NodeFacts[];
  /** Replacement NodeClaims (0 = delete). Consolidation makes at most one; drift may make several. */
  replacements: NodeClaimPlan[];
  /** $/h: Σ candidate prices − Σ cheapest price of each replacement's options. */
  savings: number;
  /** Consolidation and emptiness wait 15 s and re-check before acting. */
  validate: boolean;
  /** The Balanced scores that approved it (balanced.ts), for ConsolidationApproved. */
  balanced?: readonly PoolScore[];
}

/** A method that found nothing to do, with what it would tell the user per node. */
export interface NoOp {
  node: string;
  reason: string;
  message: string;
}

export type Decision = { kind: 'command'; command: Command } | { kind: 'noop'; message: string };
