// The simulation store: runs the workspace through the engine worker after each edit (runSoon),
// keeps the latest result and the playback cursor (a time in ms; every view shows the frame at it).
// Stale results never land: the client drops them. A result carries every frame's time and cost but
// the cards of only the frame at the cursor; the cards of another frame are asked of the worker when
// the cursor reaches it (one question at a time; the newest position wins) and a few are kept.
import { createStore } from 'zustand/vanilla';
import { EngineClient, type WorkerLike } from '../../worker/client.ts';
import type { Explanation, SimulationResult } from '../../pipeline/run.ts';
import type { ExplainTarget } from '../../worker/protocol.ts';
import type { FixReport } from '../../pipeline/fixes.ts';
import type { NodeFixReport } from '../../pipeline/nodeFixes.ts';
import type { ConsoleQuery, ConsoleReply } from '../../pipeline/console.ts';
import type { Check, CheckResult } from '../../labs/types.ts';
import type { TimelineJSON } from '../../sim/engine/index.ts';
import type { ImportInput, ImportOptions, ImportResult } from '../../share/import.ts';
import type { Frame } from '../../pipeline/view.ts';
import { frameIndexAt, keepCursor } from '../../pipeline/frames.ts';
import type { DocumentList } from '../../manifests/documents.ts';
import { nextFrameTime, previousFrameTime, type Speed } from './playback.ts';

export type RunStatus = 'idle' | 'running' | 'done' | 'error' | 'cancelled';

export interface SimulationState {
  status: RunStatus;
  progress: { done: number; total: number; phase: string } | undefined;
  result: SimulationResult | undefined;
  error: string | undefined;
  /** The playback cursor, ms since the simulation started. */
  time: number;
  /** Index of the frame at `time` (derived, kept in state so selectors stay cheap). */
  frameIndex: number;
  /** The frame the views draw, with its cards: the one at `frameIndex` once the worker has sent
   *  it (until then, the one shown before). */
  frame: Frame | undefined;
  /** The worker no longer holds this result's frames (a later run was cancelled, and the worker
   *  with it): moments not already seen cannot be shown until the next run. */
  framesLost: boolean;
  playing: boolean;
  speed: Speed;
  run(text: string): void;
  /** After an edit: runs now if idle, else the newest text when the current run ends. */
  runSoon(text: string): void;
  cancel(): void;
  seekTime(t: number): void;
  stepNext(): void;
  stepPrevious(): void;
  play(): void;
  pause(): void;
  setSpeed(speed: Speed): void;
  /** Asks the worker about an object of the current result (undefined when it cannot say). */
  explain(target: ExplainTarget): Promise<Explanation | undefined>;
  console(query: ConsoleQuery): Promise<ConsoleReply | undefined>;
  /** The checked edits of `text` that would make a Pending pod's workload run (fixes.ts). */
  fixes(text: string, pod: string): Promise<FixReport | undefined>;
  /** The checked edits of `text` that would let Karpenter consolidate a node (nodeFixes.ts). */
  nodeFixes(text: string, node: string): Promise<NodeFixReport | undefined>;
  /** A re-simulation is scheduled (an edit made during a run) but has not started yet. */
  queued: boolean;
  /** Lab checks against the simulation of the current text (waits for a pending re-run). */
  check(checks: readonly Check[]): Promise<CheckResult[]>;
  timelineJSON(t: number): Promise<TimelineJSON | undefined>;
  /** Parses YAML to import in the engine worker, so a big kubectl export never freezes the page. */
  importYaml(inputs: ImportInput[], options?: ImportOptions): Promise<ImportResult | undefined>;
  anonymise(text: string): Promise<ImportResult | undefined>;
  /** The editor's JSON schema with the catalog's values, built in the worker (see worker/schema.ts). */
  schema(version: string): Promise<object | undefined>;
  /** The documents of a workspace text, listed in the worker (the page never parses a big paste). */
  documents(text: string): Promise<DocumentList | undefined>;
}

const SEED = 1;
/** Frames with cards kept on the page, at most, and cards in all of them (a 20,000-pod frame is a
 *  few MB). */
const FRAME_CACHE = 32;
const CACHE_CARDS = 400_000;
const cardsIn = (f: Frame) => f.nodes.length + f.pods.length;

export function currentFrame(s: SimulationState): Frame | undefined {
  return s.frame;
}

export function createSimulationStore(spawn: () => WorkerLike) {
  const store = createStore<SimulationState>()((set, get) => {
    // An edit while a run is going: the newest text, run as soon as that run ends (the run's own
    // result is then dropped: it is of a text no longer in the editor, and its markers would land
    // on the wrong lines). No fixed delay: an edit to an idle lab runs at once, so a small
    // workspace's view follows each keystroke, and a burst of typing costs at most one run behind.
    let pending: string | undefined;
    const runPending = (): boolean => {
      if (pending === undefined) return false;
      const text = pending;
      pending = undefined;
      get().run(text);
      return true;
    };
    let raf: number | undefined;
    let lastTick = 0;
    // A seek before the first result (a lab step loaded while the page's first run is still going)
    // is where the learner asked to be: the first result keeps it instead of jumping to its end.
    let sought = false;
    // The run the result is from (its requestId: frame questions name it) and its frames' cards.
    let run = 0;
    let cards = new Map<number, Frame>();
    let asking = false;
    let cached = 0;
    // How long the worker takes to answer a frame question (ms, smoothed): while playing, the frame
    // asked for is the one the cursor will be at by then, not the one it has already left.
    let latency = 100;

    const remember = (index: number, frame: Frame) => {
      const had = cards.get(index);
      if (had) cached -= cardsIn(had);
      cards.delete(index);
      cards.set(index, frame);
      cached += cardsIn(frame);
      for (const [old, f] of cards) {
        if (cards.size <= 1 || (cards.size <= FRAME_CACHE && cached <= CACHE_CARDS)) break;
        cards.delete(old);
        cached -= cardsIn(f);
      }
    };

    /** Asks the worker for the frame at `index` (while playing: where the cursor will be when the
     *  answer comes), one question at a time. */
    const ask = (index: number) => {
      if (asking || run === 0) return;
      const { playing, result, time, speed } = get();
      const at =
        playing && result
          ? Math.max(index, frameIndexAt(result.frames, time + latency * speed))
          : index;
      asking = true;
      const forRun = run;
      const sent = performance.now();
      void client.frames(forRun, at).then((answer) => {
        asking = false;
        latency = (latency + (performance.now() - sent)) / 2;
        if (forRun !== run) return showFrame();
        answer.forEach((f, k) => remember(at + k, f));
        if (answer.length === 0) set({ framesLost: true });
        // No answer (the worker no longer holds this run, e.g. after Cancel): keep what is shown
        // rather than ask again and again; the cursor moving to another frame asks anew.
        if (answer.length === 0 && get().frameIndex === index) return;
        showFrame();
      });
    };

    /** Shows the frame at the cursor from the cache, else asks for it. While playing, the view
     *  keeps the last frame it has until the one the cursor reached arrives. */
    const showFrame = () => {
      const { frameIndex, frame, playing } = get();
      const want = cards.get(frameIndex);
      if (want) {
        if (want !== frame) set({ frame: want });
        return;
      }
      if (playing) {
        // The newest cached frame at or before the cursor, so playback never shows a later moment.
        let best: number | undefined;
        for (const i of cards.keys())
          if (i <= frameIndex && (best === undefined || i > best)) best = i;
        const near = best === undefined ? undefined : cards.get(best);
        if (near && near !== frame && (frame === undefined || near.time > frame.time))
          set({ frame: near });
      }
      ask(frameIndex);
    };

    const setTime = (t: number) => {
      const frames = get().result?.frames ?? [];
      set({ time: t, frameIndex: frameIndexAt(frames, t) });
      showFrame();
    };

    const tick = (now: number) => {
      const s = get();
      const end = s.result?.end ?? 0;
      if (!s.playing) return;
      // A frame's timestamp is when the frame began, which can be before play() read the clock:
      // the first tick then saw -13 ms, and the playhead (and a `-w` window from 0 s) went below 0.
      const t = Math.min(end, s.time + Math.max(0, now - lastTick) * s.speed);
      lastTick = now;
      setTime(t);
      if (t >= end) set({ playing: false });
      else raf = requestAnimationFrame(tick);
    };

    const client = new EngineClient(spawn, {
      onProgress: (progress) => set({ progress }),
      onResult: (result, requestId) => {
        if (runPending()) return;
        const landed = performance.now();
        const prev = get().result;
        const time = keepCursor(
          prev?.end ?? (sought ? get().time : undefined),
          get().time,
          result.end,
        );
        run = requestId;
        cards = new Map();
        cached = 0;
        if (result.shown) remember(result.shown.index, result.shown.frame);
        const frameIndex = frameIndexAt(result.frames, time);
        set({
          status: 'done',
          result,
          framesLost: false,
          error: undefined,
          progress: undefined,
          time,
          frameIndex,
          // Until the frame at the cursor arrives (the cursor moved during the run), the one sent.
          frame: cards.get(frameIndex) ?? result.shown?.frame ?? get().frame,
        });
        showFrame();
        // User Timing (DevTools, bench/ui-trace.ts): the stores and views taking the result.
        performance.measure('page:result', { start: landed });
      },
      onError: (error) => {
        if (!runPending()) set({ status: 'error', error, progress: undefined });
      },
    });

    return {
      status: 'idle',
      progress: undefined,
      result: undefined,
      error: undefined,
      time: 0,
      frameIndex: 0,
      frame: undefined,
      framesLost: false,
      playing: false,
      speed: 10,
      run(text) {
        pending = undefined;
        set({ status: 'running', progress: undefined, queued: false });
        const { result, time } = get();
        const previousEnd = result?.end ?? (sought ? time : undefined);
        client.simulate({
          text,
          file: 'workspace.yaml',
          seed: SEED,
          cursor: previousEnd === undefined ? { time } : { previousEnd, time },
        });
      },
      runSoon(text) {
        if (get().status !== 'running') return get().run(text);
        pending = text;
        set({ queued: true });
      },
      cancel() {
        pending = undefined;
        client.cancel();
        set({ status: 'cancelled', progress: undefined, queued: false });
      },
      seekTime(t) {
        sought = true;
        const end = get().result?.end ?? 0;
        setTime(Math.max(0, Math.min(end, t)));
      },
      stepNext() {
        const next = nextFrameTime(get().result?.frames ?? [], get().time);
        if (next !== undefined) setTime(next);
      },
      stepPrevious() {
        const prev = previousFrameTime(get().result?.frames ?? [], get().time);
        setTime(prev ?? 0);
      },
      play() {
        const s = get();
        if (!s.result || s.playing) return;
        if (s.time >= s.result.end) setTime(0); // replay from the start
        set({ playing: true });
        lastTick = performance.now();
        raf = requestAnimationFrame(tick);
      },
      pause() {
        if (raf !== undefined) cancelAnimationFrame(raf);
        set({ playing: false });
      },
      setSpeed(speed) {
        set({ speed });
      },
      explain(target) {
        return client.explain(target);
      },
      console(query) {
        return client.console(query);
      },
      nodeFixes(text, node) {
        return client.nodeFixes({ text, node, file: 'workspace.yaml', seed: SEED });
      },
      fixes(text, pod) {
        return client.fixes({ text, pod, file: 'workspace.yaml', seed: SEED });
      },
      timelineJSON(t) {
        return client.timelineJSON(t);
      },
      importYaml(inputs, options) {
        return client.importYaml(inputs, options);
      },
      anonymise(text) {
        return client.anonymise(text);
      },
      schema(version) {
        return client.schema(version);
      },
      documents(text) {
        return client.documents(text);
      },
      queued: false,
      async check(checks) {
        await new Promise<void>((resolve) => {
          const settled = (s: SimulationState) => !s.queued && s.status !== 'running';
          if (settled(get())) return resolve();
          const stop = store.subscribe((s) => {
            if (settled(s)) {
              stop();
              resolve();
            }
          });
        });
        return (await client.checks([...checks])) ?? [];
      },
    };
  });
  return store;
}

export const simulationStore = createSimulationStore(
  () => new Worker(new URL('../../worker/engine.worker.ts', import.meta.url), { type: 'module' }),
);
