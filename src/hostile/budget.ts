// The wall-clock budget one CLI run must stay inside in the corpus and fuzz tests. Generous: the
// machine is shared and slow; the work itself is bounded by the engine's deterministic budgets
// (src/sim/engine/limits.ts) and the manifests' caps, which is what keeps a run short anywhere.
export const RUN_BUDGET_MS = Number(process.env['RUN_BUDGET_MS'] ?? 60_000);
