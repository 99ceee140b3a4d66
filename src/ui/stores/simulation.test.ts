// The simulation store's traffic with the engine worker: an edit to an idle lab runs at once, edits
// during a run collapse into one run of the newest text, and a frame's cards are asked for only
// when the cursor reaches it, one question at a time.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { EngineRequest, EngineResponse } from '../../worker/protocol.ts';
import type { WorkerLike } from '../../worker/client.ts';
import type { SimulationResult } from '../../pipeline/run.ts';
import type { Frame } from '../../pipeline/view.ts';
import type * as Module from './simulation.ts';

class FakeWorker implements WorkerLike {
  sent: EngineRequest[] = [];
  private onMessage: ((e: MessageEvent<unknown>) => void) | undefined;
  postMessage(m: EngineRequest) {
    this.sent.push(m);
  }
  terminate() {}
  addEventListener(type: 'message' | 'error', fn: never) {
    if (type === 'message') this.onMessage = fn;
  }
  reply(msg: EngineResponse) {
    this.onMessage?.({ data: msg } as MessageEvent<unknown>);
  }
}

type Create = (typeof Module)['createSimulationStore'];
let createSimulationStore: Create;
beforeAll(async () => {
  // The module also makes the page's store, with a real Worker: give it a harmless one.
  vi.stubGlobal('Worker', FakeWorker);
  ({ createSimulationStore } = await import('./simulation.ts'));
});

const frame = (time: number): Frame => ({
  time,
  nodes: [],
  pods: [],
  costPerHour: 0,
  costTotal: 0,
  costByGroup: {},
  baselinePerHour: 0,
  spentByGroup: {},
  baselineSpent: 0,
  events: [],
});
const summary = (time: number) => {
  const { nodes: _n, pods: _p, events: _e, ...s } = frame(time);
  return s;
};
/** A result with frames at 0, 10, 20, 30 s and the last one sent whole. */
const result = (tag: string): SimulationResult =>
  ({
    diagnostics: [],
    frames: [0, 10_000, 20_000, 30_000].map(summary),
    shown: { index: 3, frame: { ...frame(30_000), tag } },
    end: 30_000,
  }) as unknown as SimulationResult;

function setup() {
  const worker = new FakeWorker();
  const store = createSimulationStore(() => worker);
  const simulations = () =>
    worker.sent.flatMap((m) => (m.type === 'simulate' ? [m.text] : ([] as string[])));
  const finish = (tag: string) => {
    const last = worker.sent.filter((m) => m.type === 'simulate').at(-1);
    worker.reply({ type: 'result', requestId: last?.requestId ?? 0, result: result(tag) });
  };
  return { worker, store, simulations, finish };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('simulation store', () => {
  it('runs an edit at once when idle, and only the newest of the edits made during a run', () => {
    const { store, simulations, finish } = setup();
    store.getState().runSoon('a');
    expect(simulations()).toEqual(['a']);
    store.getState().runSoon('b');
    store.getState().runSoon('c');
    expect(store.getState().queued).toBe(true);
    expect(simulations()).toEqual(['a']);
    finish('of a');
    // The result of 'a' is not shown: the editor holds 'c' now.
    expect(store.getState().result).toBeUndefined();
    expect(simulations()).toEqual(['a', 'c']);
    expect(store.getState()).toMatchObject({ status: 'running', queued: false });
    finish('of c');
    expect(store.getState().status).toBe('done');
    expect(store.getState().frame).toMatchObject({ time: 30_000, tag: 'of c' });
  });

  it('asks for a frame’s cards when the cursor reaches it; the newest position wins', async () => {
    const { worker, store, finish } = setup();
    store.getState().run('a');
    finish('of a');
    const asked = () => worker.sent.filter((m) => m.type === 'frame');
    store.getState().seekTime(10_000);
    store.getState().seekTime(15_000); // same frame: no second question
    store.getState().seekTime(0);
    expect(asked()).toHaveLength(1);
    expect(asked()[0]).toMatchObject({ index: 1, count: 1 });
    // Until the answer comes, the view keeps the frame it has.
    expect(store.getState().frame?.time).toBe(30_000);
    const [q] = asked();
    worker.reply({ type: 'frame', requestId: q?.requestId ?? 0, frames: [frame(10_000)] });
    await flush();
    // The cursor moved on to frame 0 meanwhile: that is asked next, and frame 1 is not shown.
    expect(asked()).toHaveLength(2);
    expect(asked()[1]).toMatchObject({ index: 0 });
    expect(store.getState().frame?.time).toBe(30_000);
    worker.reply({ type: 'frame', requestId: asked()[1]?.requestId ?? 0, frames: [frame(0)] });
    await flush();
    expect(store.getState().frame?.time).toBe(0);
    // Frame 1 was kept: going back there asks nothing.
    store.getState().seekTime(10_000);
    expect(asked()).toHaveLength(2);
    expect(store.getState().frame?.time).toBe(10_000);
  });

  it('after Cancel, a moment the worker no longer holds is said to be lost, until the next result', async () => {
    const { worker, store, finish } = setup();
    store.getState().run('a');
    finish('of a');
    store.getState().run('b');
    store.getState().cancel(); // the worker, and the frames of 'a' it held, are gone
    store.getState().seekTime(0);
    const q = worker.sent.filter((m) => m.type === 'frame').at(-1);
    worker.reply({ type: 'frame', requestId: q?.requestId ?? 0, frames: [] });
    await flush();
    expect(store.getState()).toMatchObject({ framesLost: true, time: 0 });
    expect(store.getState().frame?.time).toBe(30_000); // the view kept what it had
    store.getState().run('a');
    finish('of a again');
    expect(store.getState().framesLost).toBe(false);
  });

  it('while playing, asks for the frame the cursor will have reached, and never shows a later one', async () => {
    const { worker, store, finish } = setup();
    store.getState().run('a');
    finish('of a');
    store.setState({ playing: true, speed: 60 });
    store.getState().seekTime(0);
    const asked = () => worker.sent.filter((m) => m.type === 'frame');
    // 100 ms of latency at 60× is 6 s of simulated time: still frame 0 here.
    expect(asked()[0]).toMatchObject({ index: 0, count: 1 });
    worker.reply({ type: 'frame', requestId: asked()[0]?.requestId ?? 0, frames: [frame(0)] });
    await flush();
    expect(store.getState().frame?.time).toBe(0);
    store.setState({ speed: 60 });
    store.getState().seekTime(9_000); // frame 0 still; then on to 15 s, in frame 1
    store.getState().seekTime(15_000);
    const q = asked().at(-1);
    expect(q?.type === 'frame' && q.index).toBeGreaterThanOrEqual(1);
  });

  it('never moves the playhead below 0 when the first frame began before Play was pressed', () => {
    const { store, finish } = setup();
    store.getState().run('a');
    finish('of a');
    store.getState().seekTime(0);
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    vi.spyOn(performance, 'now').mockReturnValue(1_000);
    store.getState().play();
    // The frame's timestamp is when it began: 13 ms before play() read the clock.
    frames.shift()?.(987);
    expect(store.getState().time).toBe(0);
    frames.shift()?.(1_100);
    expect(store.getState().time).toBeGreaterThan(0);
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
    vi.stubGlobal('Worker', FakeWorker);
  });
});
