// The CLI's code path, in-process, on a workspace text: exactly what `karpenter-lab w.yaml [args]`
// does (src/cli/run.ts: arguments → parse → diagnostics → simulate → located refusal or report),
// for the hostile corpus and the fuzzers.
import { runCli } from '../cli/run.ts';

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
  const code = runCli([FILE, ...extraArgs], {
    stdout: (s) => void out.push(s),
    stderr: (s) => void err.push(s),
    readFile: (path) => {
      if (path !== FILE) throw new Error(`no such file: ${path}`);
      return text;
    },
  });
  return { code, stdout: out.join(''), stderr: err.join(''), ms: performance.now() - started };
}
