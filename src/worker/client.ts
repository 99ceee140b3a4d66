// The page's side of the engine worker. One request is current at a time: a newer request makes
// every older one stale, and replies to stale requests are dropped (the rust-playground pattern).
// Cancelling terminates the worker and starts a fresh one, which is the only way to stop a long
// synchronous simulation mid-run.
import {
  isEngineRequest,
  isEngineResponse,
  type EngineRequest,
  type EngineResponse,
  type ExplainTarget,
  type FixesRequest,
  type NodeFixesRequest,
  type PlanRequest,
  type SimulateRequest,
} from './protocol.ts';
import type { ConsoleQuery, ConsoleReply } from '../pipeline/console.ts';
import type { Check, CheckResult } from '../labs/types.ts';
import type { TimelineJSON } from '../sim/engine/index.ts';
import type { Explanation, SimulationResult } from '../pipeline/run.ts';
import type { ComparisonView } from '../pipeline/compare.ts';
import type { PlanView } from '../pipeline/plan.ts';
import type { FixReport } from '../pipeline/fixes.ts';
import type { NodeFixReport } from '../pipeline/nodeFixes.ts';
import type { ImportInput, ImportOptions, ImportResult } from '../share/import.ts';
import type { DocumentList } from '../manifests/documents.ts';
import type { Frame } from '../pipeline/view.ts';

export interface EngineHandlers {
  onProgress(p: { done: number; total: number; phase: string }): void;
  onResult(r: SimulationResult, requestId: number): void;
  onError(message: string): void;
  /** A finished Karpenter-vs-Cluster-Autoscaler comparison (see `compare`). */
  onComparison?(c: ComparisonView, requestId: number): void;
  /** A finished plan (see `plan`). */
  onPlan?(p: PlanView, requestId: number): void;
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
  /** Questions in flight (explain, console); they answer about the last finished simulation. */
  private readonly asking = new Map<number, (reply: EngineResponse | undefined) => void>();

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

  /** Like simulate, but runs Karpenter and Cluster Autoscaler; the answer goes to onComparison. */
  compare(req: Omit<SimulateRequest, 'type' | 'requestId'>): number {
    const requestId = this.nextId++;
    this.current = requestId;
    this.worker.postMessage({ type: 'compare', requestId, ...req });
    return requestId;
  }

  /** Plans the workspace against a saved scenario; the answer goes to onPlan. */
  plan(req: Omit<PlanRequest, 'type' | 'requestId'>): number {
    const requestId = this.nextId++;
    this.current = requestId;
    this.worker.postMessage({ type: 'plan', requestId, ...req });
    return requestId;
  }

  /** Asks the worker to explain an object of the last simulation (undefined if it cannot). */
  async explain(target: ExplainTarget): Promise<Explanation | undefined> {
    const reply = await this.ask({ type: 'explain', requestId: this.nextId++, target });
    return reply?.type === 'explanation' ? (reply.explanation ?? undefined) : undefined;
  }

  /** Runs a console command, a -w follow-up or a completion against the last simulation. */
  async console(query: ConsoleQuery): Promise<ConsoleReply | undefined> {
    const reply = await this.ask({ type: 'console', requestId: this.nextId++, query });
    return reply?.type === 'console' ? reply.reply : undefined;
  }

  /** Evaluates a lab step's checks against the last simulation. */
  async checks(checks: Check[]): Promise<CheckResult[] | undefined> {
    const reply = await this.ask({ type: 'checks', requestId: this.nextId++, checks });
    return reply?.type === 'checkResults' ? reply.results : undefined;
  }

  /** The checked edits that would make a Pending pod's workload run (undefined: no answer). */
  async fixes(req: Omit<FixesRequest, 'type' | 'requestId'>): Promise<FixReport | undefined> {
    const reply = await this.ask({ type: 'fixes', requestId: this.nextId++, ...req });
    return reply?.type === 'fixes' ? (reply.report ?? undefined) : undefined;
  }

  /** The checked edits that would let Karpenter consolidate a node (undefined: no answer). */
  async nodeFixes(
    req: Omit<NodeFixesRequest, 'type' | 'requestId'>,
  ): Promise<NodeFixReport | undefined> {
    const reply = await this.ask({ type: 'nodeFixes', requestId: this.nextId++, ...req });
    return reply?.type === 'nodeFixes' ? (reply.report ?? undefined) : undefined;
  }

  /** toJSON(timeline, t) of the last simulation, for the timeline export. */
  async timelineJSON(t: number): Promise<TimelineJSON | undefined> {
    const reply = await this.ask({ type: 'timelineJSON', requestId: this.nextId++, t });
    return reply?.type === 'timelineJSON' ? (reply.json ?? undefined) : undefined;
  }

  /** Parses pasted or dropped YAML for import, in the worker (undefined if it could not answer). */
  async importYaml(
    inputs: ImportInput[],
    options: ImportOptions = {},
  ): Promise<ImportResult | undefined> {
    const reply = await this.ask({ type: 'import', requestId: this.nextId++, inputs, options });
    return reply?.type === 'imported' ? reply.result : undefined;
  }

  /** The workspace anonymised, in the worker (undefined if it could not answer). */
  async anonymise(text: string): Promise<ImportResult | undefined> {
    const reply = await this.ask({ type: 'anonymise', requestId: this.nextId++, text });
    return reply?.type === 'imported' ? reply.result : undefined;
  }

  /** The editor's JSON schema (undefined if the worker was replaced before it answered). */
  async schema(version: string): Promise<object | undefined> {
    const reply = await this.ask({ type: 'schema', requestId: this.nextId++, version });
    return reply?.type === 'schema' ? reply.schema : undefined;
  }

  /** The cards of `count` frames from `index` of the simulation `run` (none if the worker no
   *  longer holds that run: a newer one finished, or the worker was replaced). */
  async frames(run: number, index: number, count = 1): Promise<Frame[]> {
    const reply = await this.ask({ type: 'frame', requestId: this.nextId++, run, index, count });
    return reply?.type === 'frame' ? reply.frames : [];
  }

  /** The documents of a workspace text (undefined if the worker was replaced meanwhile). */
  async documents(text: string): Promise<DocumentList | undefined> {
    const reply = await this.ask({ type: 'documents', requestId: this.nextId++, text });
    return reply?.type === 'documents' ? reply.list : undefined;
  }

  private ask(request: EngineRequest): Promise<EngineResponse | undefined> {
    // The worker drops a request it finds malformed and never answers: one it would drop gets no
    // answer here at once, rather than a promise left pending forever (a `-w` window from -13 ms).
    if (!isEngineRequest(request)) {
      console.warn('engine: a malformed request was not sent', request);
      return Promise.resolve(undefined);
    }
    return new Promise((resolve) => {
      this.asking.set(request.requestId, resolve);
      this.worker.postMessage(request);
    });
  }

  /** Stops the running simulation, if any. Its reply, should one still arrive, is ignored. */
  cancel(): void {
    this.current = 0;
    this.worker.terminate();
    this.dropExplains();
    this.worker = this.start();
  }

  dispose(): void {
    this.current = 0;
    this.dropExplains();
    this.worker.terminate();
  }

  /** A new worker knows no timeline: pending questions get no answer. */
  private dropExplains(): void {
    for (const resolve of this.asking.values()) resolve(undefined);
    this.asking.clear();
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
      this.dropExplains();
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
    const asked = this.asking.get(data.requestId);
    if (asked) {
      this.asking.delete(data.requestId);
      asked(data);
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
      case 'imported':
      case 'schema':
      case 'documents':
      case 'frame':
        return; // answers to questions, handled in receive()
      case 'comparison':
        this.current = 0;
        this.handlers.onComparison?.(msg.comparison, msg.requestId);
        return;
      case 'plan':
        this.current = 0;
        this.handlers.onPlan?.(msg.plan, msg.requestId);
        return;
      case 'explanation':
      case 'console':
      case 'checkResults':
      case 'timelineJSON':
        return; // answers to questions, handled in receive()
    }
  }
}
