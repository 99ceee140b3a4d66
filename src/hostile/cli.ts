// The CLI's code path, in-process, on a workspace text: what `npm run simulate -- w.yaml [args]`
// does (parse → diagnostics → simulate → located refusal or report), for the hostile corpus and the
// fuzzers. It must stay the same steps as src/cli/main.ts.
import {
  engineObjects,
  formatDiagnostic,
  hasErrors,
  locateRefusal,
  parseWorkspace,
} from '../manifests/index.ts';
import { parseArgs } from '../cli/args.ts';
import { humanReport } from '../cli/report.ts';
import { karpenterDisruption } from '../sim/disruption/index.ts';
import { toJSON } from '../sim/engine/json.ts';
import { simulate } from '../sim/engine/simulate.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Wall-clock milliseconds the run took (noisy on a shared machine). */
  ms: number;
}

export const FILE = 'workspace.yaml';

export function runCliText(text: string, extraArgs: readonly string[] = []): CliRun {
  const started = performance.now();
  const out: string[] = [];
  const err: string[] = [];
  const done = (code: number): CliRun => ({
    code,
    stdout: out.join(''),
    stderr: err.join(''),
    ms: performance.now() - started,
  });
  const args = parseArgs([FILE, ...extraArgs]);
  if ('help' in args || 'error' in args) {
    err.push(`simulate: ${'error' in args ? args.error : 'help'}\n`);
    return done(2);
  }
  const ws = parseWorkspace(text, { file: FILE });
  for (const d of ws.diagnostics) err.push(`${formatDiagnostic(d)}\n`);
  if (hasErrors(ws.diagnostics)) return done(1);
  const timeline = simulate({
    objects: engineObjects(ws),
    disruption: karpenterDisruption(),
    ...(args.seed === undefined ? {} : { seed: args.seed }),
    ...(args.until === undefined ? {} : { until: args.until }),
  });
  if (timeline.refused !== undefined) {
    err.push(
      `${formatDiagnostic(locateRefusal(ws, FILE, timeline.refused, timeline.refusedAt))}\n`,
    );
    return done(1);
  }
  const json = toJSON(timeline);
  out.push(args.json ? `${JSON.stringify(json, null, 2)}\n` : `${humanReport(json)}\n`);
  return done(0);
}
