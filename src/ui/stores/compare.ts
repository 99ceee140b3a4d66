// The comparison store: "Karpenter beside Cluster Autoscaler" runs in its own engine worker, so a
// long comparison (two full runs) never delays the main simulation, and cancelling it does not
// throw away the main worker's session. It runs only while the Compare tab is open.
import { createStore } from 'zustand/vanilla';
import { EngineClient, type WorkerLike } from '../../worker/client.ts';
import type { ComparisonView } from '../../pipeline/compare.ts';
import type { RunStatus } from './simulation.ts';

export interface CompareState {
  status: RunStatus;
  progress: { done: number; total: number; phase: string } | undefined;
  view: ComparisonView | undefined;
  error: string | undefined;
  /** The workspace text `view` (or the run in progress) belongs to. */
  text: string | undefined;
  run(text: string): void;
  /** Runs after a pause unless `text` is already compared (or being compared). */
  runSoon(text: string): void;
  cancel(): void;
}

const DEBOUNCE_MS = 500;
const SEED = 1;

export function createCompareStore(spawn: () => WorkerLike) {
  return createStore<CompareState>()((set, get) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The worker starts with the first comparison, not with the page.
    let client: EngineClient | undefined;
    const engine = (): EngineClient =>
      (client ??= new EngineClient(spawn, {
        onProgress: (progress) => set({ progress }),
        onResult: () => {},
        onComparison: (view) =>
          set({ status: 'done', view, error: undefined, progress: undefined }),
        onError: (error) => set({ status: 'error', error, progress: undefined }),
      }));
    return {
      status: 'idle',
      progress: undefined,
      view: undefined,
      error: undefined,
      text: undefined,
      run(text) {
        clearTimeout(timer);
        set({ status: 'running', progress: undefined, text });
        engine().compare({ text, file: 'workspace.yaml', seed: SEED });
      },
      runSoon(text) {
        clearTimeout(timer);
        if (text === get().text && get().status !== 'cancelled' && get().status !== 'error') return;
        timer = setTimeout(() => get().run(text), DEBOUNCE_MS);
      },
      cancel() {
        clearTimeout(timer);
        client?.cancel();
        set({ status: 'cancelled', progress: undefined });
      },
    };
  });
}

export const compareStore = createCompareStore(
  () => new Worker(new URL('../../worker/engine.worker.ts', import.meta.url), { type: 'module' }),
);
