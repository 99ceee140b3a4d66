import { describe, expect, it } from 'vitest';
import { EngineClient, type WorkerLike } from './client.ts';
import type { EngineRequest, EngineResponse } from './protocol.ts';
import type { SimulationResult } from '../pipeline/run.ts';

class FakeWorker implements WorkerLike {
  sent: EngineRequest[] = [];
  terminated = false;
  private onMessage: ((e: MessageEvent<unknown>) => void) | undefined;
  private onError: ((e: ErrorEvent) => void) | undefined;
  postMessage(m: EngineRequest) {
    this.sent.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  addEventListener(type: 'message' | 'error', fn: never) {
    if (type === 'message') this.onMessage = fn;
    else this.onError = fn;
  }
  reply(msg: EngineResponse | unknown) {
    this.onMessage?.({ data: msg } as MessageEvent<unknown>);
  }
  crash(message: string) {
    this.onError?.({ message } as ErrorEvent);
  }
}

const result = (tag: string): SimulationResult =>
  ({ diagnostics: [], frames: [], events: [], tag }) as unknown as SimulationResult;

function setup() {
  const workers: FakeWorker[] = [];
  const got: { results: unknown[]; errors: string[]; progress: number[] } = {
    results: [],
    errors: [],
    progress: [],
  };
  const client = new EngineClient(
    () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    {
      onProgress: (p) => got.progress.push(p.done),
      onResult: (r) => got.results.push((r as unknown as { tag: string }).tag),
      onError: (m) => got.errors.push(m),
    },
  );
  return { client, workers, got };
}

describe('EngineClient', () => {
  it('tags each request with a fresh requestId', () => {
    const { client, workers } = setup();
    const a = client.simulate({ text: 'a', file: 'w.yaml', seed: 1 });
    const b = client.simulate({ text: 'b', file: 'w.yaml', seed: 1 });
    expect(b).toBeGreaterThan(a);
    expect(workers[0]?.sent.map((m) => m.requestId)).toEqual([a, b]);
  });

  it('drops the result of a request that a newer one superseded', () => {
    const { client, workers, got } = setup();
    const a = client.simulate({ text: 'a', file: 'w.yaml', seed: 1 });
    const b = client.simulate({ text: 'b', file: 'w.yaml', seed: 1 });
    workers[0]?.reply({ type: 'result', requestId: a, result: result('old') });
    workers[0]?.reply({ type: 'result', requestId: b, result: result('new') });
    expect(got.results).toEqual(['new']);
  });

  it('ignores malformed messages', () => {
    const { client, workers, got } = setup();
    const a = client.simulate({ text: 'a', file: 'w.yaml', seed: 1 });
    workers[0]?.reply({ type: 'result', requestId: a, result: 'not an object' });
    workers[0]?.reply({ type: 'surprise', requestId: a });
    workers[0]?.reply(null);
    expect(got.results).toEqual([]);
  });

  it('answers a question the worker would drop as malformed at once, without sending it', async () => {
    const { client, workers } = setup();
    // A `-w` window that began 13 ms before 0 s: the worker refuses a negative time.
    let reply: unknown = 'no answer';
    void client
      .console({ op: 'follow', follow: {} as never, from: -13, to: 40 })
      .then((r) => (reply = r));
    await new Promise((r) => setTimeout(r, 0));
    expect(reply).toBeUndefined();
    expect(workers[0]?.sent).toEqual([]);
  });

  it('cancel terminates the worker, starts a new one and ignores the old reply', () => {
    const { client, workers, got } = setup();
    const a = client.simulate({ text: 'a', file: 'w.yaml', seed: 1 });
    client.cancel();
    expect(workers[0]?.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    workers[0]?.reply({ type: 'result', requestId: a, result: result('late') });
    expect(got.results).toEqual([]);
  });

  it('reports a worker crash once and keeps working with a new worker', () => {
    const { client, workers, got } = setup();
    client.simulate({ text: 'a', file: 'w.yaml', seed: 1 });
    workers[0]?.crash('boom');
    expect(got.errors).toEqual(['The engine stopped unexpectedly: boom']);
    const b = client.simulate({ text: 'b', file: 'w.yaml', seed: 1 });
    workers[1]?.reply({ type: 'progress', requestId: b, done: 1, total: 2, phase: 'solve' });
    workers[1]?.reply({ type: 'result', requestId: b, result: result('after') });
    expect(got.progress).toEqual([1]);
    expect(got.results).toEqual(['after']);
  });
});
