// The simulation store: runs the workspace through the engine worker (debounced after edits), keeps
// the latest result, and the playback cursor. Stale results never land: the client drops them.
import { createStore } from 'zustand/vanilla';
import { EngineClient, type WorkerLike } from '../../worker/client.ts';
import type { SimulationResult } from '../../worker/run.ts';
import type { Frame } from '../../worker/view.ts';

export type RunStatus = 'idle' | 'running' | 'done' | 'error' | 'cancelled';

export interface SimulationState {
  status: RunStatus;
  progress: { done: number; total: number; phase: string } | undefined;
  result: SimulationResult | undefined;
  error: string | undefined;
  /** Index into result.frames shown by every view. */
  frameIndex: number;
  run(text: string): void;
  runSoon(text: string): void;
  cancel(): void;
  seek(frameIndex: number): void;
}

const EDIT_DEBOUNCE_MS = 350;
const SEED = 1;

export function currentFrame(s: SimulationState): Frame | undefined {
  return s.result?.frames[s.frameIndex];
}

export function createSimulationStore(spawn: () => WorkerLike) {
  return createStore<SimulationState>()((set, get) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const client = new EngineClient(spawn, {
      onProgress: (progress) => set({ progress }),
      onResult: (result) =>
        set({
          status: 'done',
          result,
          error: undefined,
          progress: undefined,
          frameIndex: Math.max(0, result.frames.length - 1),
        }),
      onError: (error) => set({ status: 'error', error, progress: undefined }),
    });
    return {
      status: 'idle',
      progress: undefined,
      result: undefined,
      error: undefined,
      frameIndex: 0,
      run(text) {
        clearTimeout(timer);
        set({ status: 'running', progress: undefined });
        client.simulate({ text, file: 'workspace.yaml', seed: SEED });
      },
      runSoon(text) {
        clearTimeout(timer);
        timer = setTimeout(() => get().run(text), EDIT_DEBOUNCE_MS);
      },
      cancel() {
        clearTimeout(timer);
        client.cancel();
        set({ status: 'cancelled', progress: undefined });
      },
      seek(frameIndex) {
        const n = get().result?.frames.length ?? 0;
        set({ frameIndex: Math.max(0, Math.min(n - 1, frameIndex)) });
      },
    };
  });
}

export const simulationStore = createSimulationStore(
  () => new Worker(new URL('../../worker/engine.worker.ts', import.meta.url), { type: 'module' }),
);
