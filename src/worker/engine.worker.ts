// The Web Worker shell: validate the request, run the pure pipeline, post progress and the result.
// No engine logic lives here (it is in src/sim and src/pipeline, tested in Node).
import { isEngineRequest, type EngineResponse } from './protocol.ts';
import { explainTarget, simulateWorkspace, type Session } from '../pipeline/run.ts';
import { answerConsole } from '../pipeline/console.ts';
import { compareWorkspace } from '../pipeline/compare.ts';
import { planWorkspaces } from '../pipeline/plan.ts';
import { suggestFixes } from '../pipeline/fixes.ts';
import { suggestNodeFixes } from '../pipeline/nodeFixes.ts';
import { importYaml, type ImportResult } from '../share/import.ts';
import { anonymiseWorkspace } from '../share/anonymise.ts';
import { runChecks } from '../labs/checks/evaluate.ts';
import { toJSON } from '../sim/engine/index.ts';
import { editorSchema } from './schema.ts';
import { listDocumentsCapped } from '../manifests/documents.ts';

let session: Session | undefined;
/** The requestId of the simulation `session` holds: frame requests name the run they are about. */
let sessionRun = 0;

const post = (msg: EngineResponse): void => self.postMessage(msg);

self.addEventListener('message', (e: MessageEvent<unknown>) => {
  const req = e.data;
  if (!isEngineRequest(req)) {
    console.warn('engine worker: dropped a malformed request');
    return;
  }
  if (req.type === 'schema') {
    post({ type: 'schema', requestId: req.requestId, schema: editorSchema(req.version) });
    return;
  }
  if (req.type === 'documents') {
    post({ type: 'documents', requestId: req.requestId, list: listDocumentsCapped(req.text) });
    return;
  }
  if (req.type === 'frame') {
    const frames = [];
    try {
      for (let i = req.index; session && req.run === sessionRun && i < req.index + req.count; i++) {
        const frame = session.frames.frame(i);
        if (!frame) break;
        frames.push(frame);
      }
    } catch (err) {
      console.warn('engine worker: frame failed', err);
    }
    post({ type: 'frame', requestId: req.requestId, frames });
    return;
  }
  if (req.type === 'explain') {
    let explanation = null;
    try {
      explanation = explainTarget(session, req.target) ?? null;
    } catch (err) {
      console.warn('engine worker: explain failed', err);
    }
    post({ type: 'explanation', requestId: req.requestId, explanation });
    return;
  }
  if (req.type === 'nodeFixes') {
    let report = null;
    try {
      report = suggestNodeFixes(req.text, req.node, { file: req.file, seed: req.seed });
    } catch (err) {
      console.warn('engine worker: node fixes failed', err);
    }
    post({ type: 'nodeFixes', requestId: req.requestId, report });
    return;
  }
  if (req.type === 'fixes') {
    let report = null;
    try {
      report = suggestFixes(req.text, req.pod, { file: req.file, seed: req.seed });
    } catch (err) {
      console.warn('engine worker: fixes failed', err);
    }
    post({ type: 'fixes', requestId: req.requestId, report });
    return;
  }
  if (req.type === 'timelineJSON') {
    post({
      type: 'timelineJSON',
      requestId: req.requestId,
      json: session ? toJSON(session.timeline, req.t) : null,
    });
    return;
  }
  if (req.type === 'anonymise') {
    answerImported(req.requestId, 'anonymise', () => {
      const r = anonymiseWorkspace(req.text);
      return r.ok ? { ...r, counts: {} } : r;
    });
    return;
  }
  if (req.type === 'import') {
    answerImported(req.requestId, 'import', () => importYaml(req.inputs, req.options));
    return;
  }
  if (req.type === 'checks') {
    let results: ReturnType<typeof runChecks> = [];
    try {
      if (session) results = runChecks(session.timeline, req.checks, session);
    } catch (err) {
      console.warn('engine worker: checks failed', err);
    }
    post({ type: 'checkResults', requestId: req.requestId, results });
    return;
  }
  if (req.type === 'console') {
    let reply;
    try {
      reply = answerConsole(session, req.query);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      reply = { op: 'run' as const, output: '', error: `internal error: ${message}` };
    }
    post({ type: 'console', requestId: req.requestId, reply });
    return;
  }
  const progress = (done: number, total: number, phase: string): void =>
    post({ type: 'progress', requestId: req.requestId, done, total, phase });
  if (req.type === 'plan') {
    try {
      const plan = planWorkspaces(req.before, req.after, {
        beforeName: req.beforeName,
        seed: req.seed,
        onProgress: progress,
      });
      post({ type: 'plan', requestId: req.requestId, plan });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      post({ type: 'error', requestId: req.requestId, message });
    }
    return;
  }
  if (req.type === 'compare') {
    try {
      const comparison = compareWorkspace(req.text, {
        file: req.file,
        seed: req.seed,
        onProgress: progress,
      });
      post({ type: 'comparison', requestId: req.requestId, comparison });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      post({ type: 'error', requestId: req.requestId, message });
    }
    return;
  }
  try {
    // User Timing (DevTools, bench/ui-trace.ts): the run, then copying its result to the page.
    const started = performance.now();
    const { result, session: next } = simulateWorkspace(req.text, {
      file: req.file,
      seed: req.seed,
      onProgress: progress,
      ...(req.cursor ? { cursor: req.cursor } : {}),
    });
    session = next;
    sessionRun = req.requestId;
    const ran = performance.now();
    performance.measure('engine:simulate', { start: started, end: ran });
    post({ type: 'result', requestId: req.requestId, result });
    performance.measure('engine:post-result', { start: ran });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    post({ type: 'error', requestId: req.requestId, message });
  }
});

/** An import or anonymise answer: what `work` returns, or its exception as a failed result. */
function answerImported(requestId: number, verb: string, work: () => ImportResult): void {
  let result: ImportResult;
  try {
    result = work();
  } catch (err) {
    result = {
      ok: false,
      error: `Could not ${verb}: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
  post({ type: 'imported', requestId, result });
}
