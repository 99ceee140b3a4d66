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
