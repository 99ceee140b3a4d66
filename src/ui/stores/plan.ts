// The plan store: a saved scenario planned against the workspace (src/pipeline/plan.ts) in its own
// engine worker, like the comparison, so a plan (two full runs) never delays the main simulation
// and Cancel does not throw away the main worker's session. Runs when the learner asks.
import { createStore } from 'zustand/vanilla';
import { EngineClient, type WorkerLike } from '../../worker/client.ts';
import type { PlanView } from '../../pipeline/plan.ts';
import type { RunStatus } from './simulation.ts';

export interface PlanState {
  status: RunStatus;
  progress: { done: number; total: number; phase: string } | undefined;
  view: PlanView | undefined;
  error: string | undefined;
  run(before: { name: string; text: string }, after: string): void;
  cancel(): void;
}

const SEED = 1;

export function createPlanStore(spawn: () => WorkerLike) {
  return createStore<PlanState>()((set) => {
    let client: EngineClient | undefined;
    const engine = (): EngineClient =>
      (client ??= new EngineClient(spawn, {
        onProgress: (progress) => set({ progress }),
        onResult: () => {},
        onPlan: (view) => set({ status: 'done', view, error: undefined, progress: undefined }),
        onError: (error) => set({ status: 'error', error, progress: undefined }),
      }));
    return {
      status: 'idle',
      progress: undefined,
      view: undefined,
      error: undefined,
      run(before, after) {
        set({ status: 'running', progress: undefined, view: undefined });
        engine().plan({ before: before.text, beforeName: before.name, after, seed: SEED });
      },
      cancel() {
        client?.cancel();
        set({ status: 'cancelled', progress: undefined });
      },
    };
  });
}

export const planStore = createPlanStore(
  () => new Worker(new URL('../../worker/engine.worker.ts', import.meta.url), { type: 'module' }),
);
