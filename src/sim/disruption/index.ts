// Public surface of the disruption module (see CONTEXT.md).
export { karpenterDisruption } from './controller.ts';
export type { KarpenterDisruption, KarpenterDisruptionOptions } from './controller.ts';
export { explainNode } from './explain.ts';
export type { ExplainOptions } from './explain.ts';
export type { Explanation, ExplanationState } from './explanation.ts';
export type { ActionRecord } from './actions.ts';
export type { ConsolidationTimeout, SingleNodeRun } from './pass.ts';
export { unreachedAt, unreachedReason, unreachedSentence } from './consolidationMethods.ts';
export { actionMessage } from './actions.ts';
export { notLookedAgainAt } from './memo.ts';
export { balancedRejectedAt } from './balanced.ts';
export type { ConsolidationPass } from './memo.ts';
export type { Command, CommandReason, MethodName } from './types.ts';
export { SIM_EPOCH_MS, parseCron, scheduleActive } from './cron.ts';
export { budgetLimit, allowedDisruptions } from './budgets.ts';
export { generationOf } from './generation.ts';
export type { Generation } from './generation.ts';
