// What the learner clicked, and its explanation at the moment under the cursor. Explanations come
// from the worker (it holds the timeline); when the cursor or the result changes, the selection is
// explained again. Only the newest answer lands.
import { createStore } from 'zustand/vanilla';
import type { Explanation } from '../../pipeline/run.ts';
import type { RunSummary } from '../../explain/index.ts';
import { simulationStore, currentFrame } from './simulation.ts';

export type Selected =
  { kind: 'node'; key: string } | { kind: 'pod'; key: string } | { kind: 'event'; index: number };

export interface SelectionState {
  selected: Selected | undefined;
  /** undefined while the worker is asked; null when it answered that there is nothing to explain
   *  (the object is not in this run at this moment, e.g. a node of the run before an edit). */
  explanation: Explanation | null | undefined;
  summary: RunSummary | undefined;
  select(s: Selected | undefined): void;
}

export const selectionStore = createStore<SelectionState>()((set, get) => {
  // One round of questions at a time: while playback moves the cursor faster than the worker
  // answers, later moments coalesce into one follow-up round instead of a queue.
  let inFlight = false;
  let dirty = false;
  const refresh = () => {
    const sim = simulationStore.getState();
    const frame = currentFrame(sim);
    if (!sim.result || !frame) return;
    if (inFlight) {
      dirty = true;
      return;
    }
    inFlight = true;
    const t = frame.time;
    // A node or pod is explained at the cursor, not at its frame: nothing changed between them,
    // but countdowns and Karpenter's next pass are measured from the moment the learner looks at.
    const at = Math.max(t, sim.time);
    const sel = get().selected;
    const asks: Promise<void>[] = [
      // The summary too is read at the cursor: "spent so far" grows between events.
      sim.explain({ kind: 'summary', t: at }).then((summary) => {
        if (summary && 'paragraph' in summary) set({ summary });
      }),
    ];
    if (sel) {
      const target =
        sel.kind === 'event'
          ? { kind: 'event' as const, index: sel.index }
          : { kind: sel.kind, key: sel.key, t: at };
      asks.push(
        sim.explain(target).then((explanation) => {
          if (get().selected === sel) set({ explanation: explanation ?? null });
        }),
      );
    }
    void Promise.all(asks).finally(() => {
      inFlight = false;
      if (dirty) {
        dirty = false;
        refresh();
      }
    });
  };
  let lastFrame: unknown;
  let lastTime = Number.NaN;
  let lastPlaying = false;
  simulationStore.subscribe((s) => {
    const frame = currentFrame(s);
    // A scrub inside one frame, or a pause between two events, asks again (countdowns and the
    // spend so far are read at the cursor); playback asks once per frame.
    const scrubbed = !s.playing && (s.time !== lastTime || lastPlaying);
    lastTime = s.time;
    lastPlaying = s.playing;
    if (frame !== lastFrame || scrubbed) {
      lastFrame = frame;
      refresh();
    }
  });
  return {
    selected: undefined,
    explanation: undefined,
    summary: undefined,
    select(selected) {
      set({ selected, explanation: undefined });
      refresh();
    },
  };
});
