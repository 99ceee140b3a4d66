// Runs the CLI in-process (the same runCli the bin runs) with files from disk and a fixed stdin,
// capturing stdout and stderr. For tests and benchmarks.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './run.ts';

export const ROOT = join(import.meta.dirname, '..', '..');

export function cliRun(
  argv: readonly string[],
  stdin = '',
): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const abs = (p: string): string => (p.startsWith('/') ? p : join(ROOT, p));
  const code = runCli(argv, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    readFile: (p) => (p === '-' ? stdin : readFileSync(abs(p), 'utf8')),
    listDir: (p) => {
      try {
        return statSync(abs(p)).isDirectory() ? readdirSync(abs(p)) : undefined;
      } catch {
        return undefined;
      }
    },
  });
  return { code, stdout, stderr };
}

/**
 * Applies a unified diff of one file strictly, as `patch --fuzz=0` would without offsets: every
 * context and removed line must be where the hunk header says. Throws otherwise.
 */
export function applyUnifiedDiff(before: string, diff: string): string {
  const src = before === '' ? [] : before.replace(/\n$/, '').split('\n');
  let newlineAtEnd = before === '' || before.endsWith('\n');
  const out: string[] = [];
  let at = 0;
  const lines = diff.replace(/\n$/, '').split('\n');
  for (let i = 2; i < lines.length; i++) {
    const h = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@$/.exec(lines[i] ?? '');
    if (!h) throw new Error(`not a hunk header: ${lines[i] ?? ''}`);
    const count = h[2] === undefined ? 1 : Number(h[2]);
    const start = count === 0 ? Number(h[1]) : Number(h[1]) - 1;
    if (start < at) throw new Error('hunks out of order');
    out.push(...src.slice(at, start));
    at = start;
    let newLacksNewline = false;
    for (; i + 1 < lines.length && !(lines[i + 1] ?? '').startsWith('@@'); i++) {
      const l = lines[i + 1] ?? '';
      if (l === '\\ No newline at end of file') {
        if (!(lines[i] ?? '').startsWith('-')) newLacksNewline = true;
        continue;
      }
      const kind = l[0];
      const text = l.slice(1);
      if (kind === ' ' || kind === '-') {
        if (src[at] !== text) throw new Error(`line ${at + 1}: expected ${JSON.stringify(text)}`);
        at++;
      }
      if (kind === ' ' || kind === '+') out.push(text);
    }
    // A hunk that reaches the old file's end decides how the new one ends.
    if (at === src.length) newlineAtEnd = !newLacksNewline;
  }
  out.push(...src.slice(at));
  return out.length === 0 ? '' : `${out.join('\n')}${newlineAtEnd ? '\n' : ''}`;
}

/** The JSON report's cost with its workloads' names left out (anonymising renames them), their
 *  shares sorted: what stays the same when only names change. */
export interface WorkloadCostJSON {
  byWorkload: { workload: string; pods: number; perHour: number }[];
}
export function costShape(c: WorkloadCostJSON): unknown {
  const shares = c.byWorkload.map((r) => `${r.perHour}/${r.pods}`).sort();
  return { ...c, byWorkload: shares };
}
