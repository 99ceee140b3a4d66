// The page's side of the engine worker. One request is current at a time: a newer request makes
// every older one stale, and replies to stale requests are dropped (the rust-playground pattern).
// Cancelling terminates the worker and starts a fresh one, which is the only way to stop a long
// synchronous simulation mid-run.
import {
  isEngineResponse,
  type EngineRequest,
  type EngineResponse,
  type SimulateRequest,
} from './protocol.ts';
import type { SimulationResult } from './run.ts';

export interface EngineHandlers {
  onProgress(p: { done: number; total: number; phase: string }): void;
  onResult(r: SimulationResult, requestId: number): void;
  onError(message: string): void;
}

export interface WorkerLike {
  postMessage(message: EngineRequest): void;
  terminate(): void;
  addEventListener(type: 'message', fn: (e: MessageEvent<unknown>) => void): void;
  addEventListener(type: 'error', fn: (e: ErrorEvent) => void): void;
}

export class EngineClient {
  private worker: WorkerLike;
  private current = 0;
  private nextId = 1;

  constructor(
    private readonly spawn: () => WorkerLike,
    private readonly handlers: EngineHandlers,
  ) {
    this.worker = this.start();
  }

  simulate(req: Omit<SimulateRequest, 'type' | 'requestId'>): number {
    const requestId = this.nextId++;
    this.current = requestId;
    this.worker.postMessage({ type: 'simulate', requestId, ...req });
    return requestId;
  }

  /** Stops the running simulation, if any. Its reply, should one still arrive, is ignored. */
  cancel(): void {
    this.current = 0;
    this.worker.terminate();
    this.worker = this.start();
  }

  dispose(): void {
    this.current = 0;
    this.worker.terminate();
  }

  get busyWith(): number {
    return this.current;
  }

  private start(): WorkerLike {
    const w = this.spawn();
    w.addEventListener('message', (e: MessageEvent<unknown>) => this.receive(e.data));
    w.addEventListener('error', (e: ErrorEvent) => {
      // A crash inside the worker: report it, and replace the worker so the next edit still runs.
      const wasCurrent = this.current !== 0;
      this.current = 0;
      this.worker = this.start();
      if (wasCurrent)
        this.handlers.onError(`The engine stopped unexpectedly: ${e.message || 'unknown error'}`);
    });
    return w;
  }

  private receive(data: unknown): void {
    if (!isEngineResponse(data)) {
      console.warn('engine: dropped a malformed message', data);
      return;
    }
    if (data.requestId !== this.current) return; // stale: a newer request superseded it
    this.dispatch(data);
  }

  private dispatch(msg: EngineResponse): void {
    switch (msg.type) {
      case 'progress':
        this.handlers.onProgress(msg);
        return;
      case 'result':
        this.current = 0;
        this.handlers.onResult(msg.result, msg.requestId);
        return;
      case 'error':
        this.current = 0;
        this.handlers.onError(msg.message);
        return;
    }
  }
}
