// Reading the inputs (problems to stderr) and rendering one result in the format asked for.
import { stringify } from 'yaml';
import { CLI_API_VERSION } from '../explain/columns.ts';
import { EXIT, type OutputFormat } from './args.ts';
import { loadWorkspace, type CliIO, type LoadedWorkspace, type LoadOptions } from './inputs.ts';
import { writeJson } from './jsonPieces.ts';

/** Reads the inputs; prints their problems; undefined (after printing) when the run must stop. */
export function readInputs(
  inputs: readonly string[],
  io: CliIO,
  opts: LoadOptions = {},
): { ws: LoadedWorkspace } | { code: number } {
  const ws = loadWorkspace(inputs, io, opts);
  if (typeof ws === 'string') {
    io.stderr(`karpenter-lab: ${ws}\n`);
    return { code: EXIT.usage };
  }
  for (const m of ws.messages) io.stderr(`${m}\n`);
  return ws.ok ? { ws } : { code: EXIT.invalid };
}

/**
 * One result written to `out` in the format asked for; text forms end with a newline. JSON and
 * YAML are machine-readable documents: `apiVersion` and `kind` first, then the fields
 * (docs/cli.md); JSON is written in pieces (jsonPieces.ts), the text of JSON.stringify(doc, null, 2).
 */
export function renderTo(
  out: (s: string) => void,
  format: OutputFormat,
  kind: string,
  body: object,
  table: () => string,
  markdown: () => string,
): void {
  if (format === 'table' || format === 'markdown') {
    out(`${format === 'markdown' ? markdown() : table()}\n`);
    return;
  }
  const doc = { apiVersion: CLI_API_VERSION, kind, ...body };
  if (format === 'yaml') return out(stringify(doc, { lineWidth: 0 }));
  writeJson(doc, out);
  out('\n');
}
