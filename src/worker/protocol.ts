// The typed message protocol between the page and the engine worker. Both sides validate what they
// receive (convention 10): a message that does not match is dropped with a console warning rather
// than trusted. Every request carries a requestId; replies echo it so stale ones can be ignored.
import type { ExplainTarget, Explanation, SimulationResult } from '../pipeline/run.ts';
import type { Frame } from '../pipeline/view.ts';

export type { ExplainTarget };
import type { ComparisonView } from '../pipeline/compare.ts';
import type { PlanView } from '../pipeline/plan.ts';
import type { FixReport } from '../pipeline/fixes.ts';
import type { NodeFixReport } from '../pipeline/nodeFixes.ts';
import type { ImportInput, ImportOptions, ImportResult } from '../share/import.ts';
import { isConsoleQuery, type ConsoleQuery, type ConsoleReply } from '../pipeline/console.ts';
import type { Check, CheckResult } from '../labs/types.ts';
import type { TimelineJSON } from '../sim/engine/index.ts';
import type { DocumentList } from '../manifests/documents.ts';

export interface SimulateRequest {
  type: 'simulate';
  requestId: number;
  /** The workspace: multi-document YAML, exactly as the learner typed it. */
  text: string;
  /** File name used in error locations (file:line:column). */
  file: string;
  seed: number;
  /** The page's cursor and the end of the run it shows: the result carries that frame whole. */
  cursor?: { previousEnd?: number; time: number };
}

/** The cards of `count` consecutive frames from `index` of a finished simulation (`run` is its
 *  requestId), shown on demand: one while scrubbing, a batch ahead of the cursor while playing. */
export interface FrameRequest {
  type: 'frame';
  requestId: number;
  run: number;
  index: number;
  count: number;
}

/** Most frames one request may ask for. */
export const MAX_FRAMES_PER_REQUEST = 64;

/** What to explain, at which moment of the last simulation. */

export interface ExplainRequest {
  type: 'explain';
  requestId: number;
  target: ExplainTarget;
}

export interface ConsoleRequest {
  type: 'console';
  requestId: number;
  query: ConsoleQuery;
}

/** A lab step's checks, evaluated against the last simulation (see src/labs). */
export interface ChecksRequest {
  type: 'checks';
  requestId: number;
  checks: Check[];
}

/** The CLI's JSON of the last simulation at a moment (the "Timeline (JSON)" export). */
export interface TimelineJSONRequest {
  type: 'timelineJSON';
  requestId: number;
  t: number;
}

/** The workspace run with Karpenter and with Cluster Autoscaler (progress, then `comparison`). */
export interface CompareRequest {
  type: 'compare';
  requestId: number;
  text: string;
  file: string;
  seed: number;
}

/** A saved scenario (before) planned against the workspace (after): progress, then `plan`. */
export interface PlanRequest {
  type: 'plan';
  requestId: number;
  before: string;
  beforeName: string;
  after: string;
  seed: number;
}

/** The workspace with its owner's names replaced (share/anonymise.ts); answered as 'imported'. */
export interface AnonymiseRequest {
  type: 'anonymise';
  requestId: number;
  text: string;
}

/** Import of pasted or dropped YAML (kubectl exports can be megabytes: parsed off the page). */
export interface ImportRequest {
  type: 'import';
  requestId: number;
  inputs: ImportInput[];
  options?: ImportOptions;
}

/**
 * The editor's JSON schema, with the catalog's values (the catalog lives in the worker only), for
 * the Karpenter version the workspace starts with (src/sim/version.ts: the kinds it serves).
 */
export interface SchemaRequest {
  type: 'schema';
  requestId: number;
  version: string;
}

/** The documents in a workspace text, for the editor's documents bar (parsed off the page). */
export interface DocumentsRequest {
  type: 'documents';
  requestId: number;
  text: string;
}

/** The edits that would make a Pending pod's workload run, each checked by a run (fixes.ts). */
export interface FixesRequest {
  type: 'fixes';
  requestId: number;
  text: string;
  file: string;
  seed: number;
  pod: string;
}

/** The edits that would let Karpenter consolidate a node it keeps, each checked by a run
 *  (nodeFixes.ts). */
export interface NodeFixesRequest {
  type: 'nodeFixes';
  requestId: number;
  text: string;
  file: string;
  seed: number;
  node: string;
}

export type EngineRequest =
  | FixesRequest
  | NodeFixesRequest
  | SchemaRequest
  | DocumentsRequest
  | FrameRequest
  | SimulateRequest
  | ExplainRequest
  | ConsoleRequest
  | ChecksRequest
  | TimelineJSONRequest
  | CompareRequest
  | PlanRequest
  | ImportRequest
  | AnonymiseRequest;

export type EngineResponse =
  | { type: 'progress'; requestId: number; done: number; total: number; phase: string }
  | { type: 'result'; requestId: number; result: SimulationResult }
  | { type: 'error'; requestId: number; message: string }
  | { type: 'explanation'; requestId: number; explanation: Explanation | null }
  | { type: 'console'; requestId: number; reply: ConsoleReply }
  | { type: 'checkResults'; requestId: number; results: CheckResult[] }
  | { type: 'timelineJSON'; requestId: number; json: TimelineJSON | null }
  | { type: 'comparison'; requestId: number; comparison: ComparisonView }
  | { type: 'plan'; requestId: number; plan: PlanView }
  | { type: 'imported'; requestId: number; result: ImportResult }
  | { type: 'schema'; requestId: number; schema: object }
  | { type: 'documents'; requestId: number; list: DocumentList }
  | { type: 'frame'; requestId: number; frames: Frame[] }
  | { type: 'fixes'; requestId: number; report: FixReport | null }
  | { type: 'nodeFixes'; requestId: number; report: NodeFixReport | null };

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function hasRequestId(x: Record<string, unknown>): boolean {
  return typeof x.requestId === 'number' && Number.isSafeInteger(x.requestId) && x.requestId > 0;
}

const isTime = (t: unknown): boolean => typeof t === 'number' && Number.isFinite(t) && t >= 0;
const isIndex = (i: unknown): boolean => typeof i === 'number' && Number.isSafeInteger(i) && i >= 0;

function isCursor(c: unknown): boolean {
  return (
    c === undefined ||
    (isObject(c) && isTime(c.time) && (c.previousEnd === undefined || isTime(c.previousEnd)))
  );
}

function isExplainTarget(t: unknown): t is ExplainTarget {
  if (!isObject(t)) return false;
  switch (t.kind) {
    case 'node':
    case 'pod':
      return typeof t.key === 'string' && isTime(t.t);
    case 'event':
      return typeof t.index === 'number' && Number.isSafeInteger(t.index) && t.index >= 0;
    case 'summary':
      return isTime(t.t);
    default:
      return false;
  }
}

export function isEngineRequest(x: unknown): x is EngineRequest {
  if (!isObject(x) || !hasRequestId(x)) return false;
  if (x.type === 'schema') return typeof x.version === 'string' && x.version.length <= 64;
  if (x.type === 'documents') return typeof x.text === 'string';
  if (x.type === 'explain') return isExplainTarget(x.target);
  if (x.type === 'console') return isConsoleQuery(x.query);
  if (x.type === 'timelineJSON') return isTime(x.t);
  if (x.type === 'frame')
    return (
      isIndex(x.run) &&
      isIndex(x.index) &&
      isIndex(x.count) &&
      (x.count as number) >= 1 &&
      (x.count as number) <= MAX_FRAMES_PER_REQUEST
    );
  if (x.type === 'plan')
    return (
      typeof x.before === 'string' &&
      typeof x.beforeName === 'string' &&
      typeof x.after === 'string' &&
      typeof x.seed === 'number' &&
      Number.isFinite(x.seed)
    );
  if (x.type === 'nodeFixes')
    return (
      typeof x.text === 'string' &&
      typeof x.file === 'string' &&
      typeof x.node === 'string' &&
      typeof x.seed === 'number' &&
      Number.isFinite(x.seed)
    );
  if (x.type === 'fixes')
    return (
      typeof x.text === 'string' &&
      typeof x.file === 'string' &&
      typeof x.pod === 'string' &&
      typeof x.seed === 'number' &&
      Number.isFinite(x.seed)
    );
  if (x.type === 'anonymise') return typeof x.text === 'string';
  if (x.type === 'import')
    return (
      Array.isArray(x.inputs) &&
      x.inputs.length <= 100 &&
      x.inputs.every(
        (i) => isObject(i) && typeof i.name === 'string' && typeof i.text === 'string',
      ) &&
      (x.options === undefined ||
        (isObject(x.options) &&
          (x.options.anonymise === undefined || typeof x.options.anonymise === 'boolean')))
    );
  if (x.type === 'checks')
    return (
      Array.isArray(x.checks) &&
      x.checks.length <= 200 &&
      x.checks.every((c) => isObject(c) && typeof c.kind === 'string')
    );
  return (
    (x.type === 'simulate' || x.type === 'compare') &&
    typeof x.text === 'string' &&
    typeof x.file === 'string' &&
    typeof x.seed === 'number' &&
    Number.isFinite(x.seed) &&
    isCursor(x.cursor)
  );
}

export function isEngineResponse(x: unknown): x is EngineResponse {
  if (!isObject(x) || !hasRequestId(x)) return false;
  switch (x.type) {
    case 'progress':
      return (
        typeof x.done === 'number' && typeof x.total === 'number' && typeof x.phase === 'string'
      );
    case 'result':
      return isObject(x.result) && Array.isArray(x.result.diagnostics);
    case 'error':
      return typeof x.message === 'string';
    case 'explanation':
      return x.explanation === null || isObject(x.explanation);
    case 'console':
      return isObject(x.reply) && typeof x.reply.op === 'string';
    case 'checkResults':
      return Array.isArray(x.results);
    case 'timelineJSON':
      return x.json === null || isObject(x.json);
    case 'imported':
      return isObject(x.result) && typeof x.result.ok === 'boolean';
    case 'plan':
      return isObject(x.plan);
    case 'schema':
      return isObject(x.schema);
    case 'documents':
      return isObject(x.list) && typeof x.list.ok === 'boolean';
    case 'frame':
      return Array.isArray(x.frames) && x.frames.every((f) => isObject(f) && Array.isArray(f.pods));
    case 'fixes':
    case 'nodeFixes':
      return x.report === null || (isObject(x.report) && Array.isArray(x.report.fixes));
    case 'comparison':
      return (
        isObject(x.comparison) &&
        isObject(x.comparison.karpenter) &&
        isObject(x.comparison.clusterAutoscaler)
      );
    default:
      return false;
  }
}
