// Reading the inputs (problems to stderr) and rendering one result in the format asked for.
import { stringify } from 'yaml';
import { CLI_API_VERSION } from '../explain/columns.ts';
import { EXIT, type OutputFormat } from './args.ts';
import { loadWorkspace, type CliIO, type LoadedWorkspace } from './inputs.ts';
import { writeJson } from './jsonPieces.ts';

/** A machine-readable document: `apiVersion` and `kind` first, then the fields (docs/cli.md). */
export function machineOutput(kind: string, body: object, format: 'json' | 'yaml'): string {
  const doc = { apiVersion: CLI_API_VERSION, kind, ...body };
  return format === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : stringify(doc, { lineWidth: 0 });
}

/** Reads the inputs; prints their problems; undefined (after printing) when the run must stop. */
export function readInputs(
  inputs: readonly string[],
  io: CliIO,
): { ws: LoadedWorkspace } | { code: number } {
  const ws = loadWorkspace(inputs, io);
  if (typeof ws === 'string') {
    io.stderr(`karpenter-lab: ${ws}\n`);
    return { code: EXIT.usage };
  }
  for (const m of ws.messages) io.stderr(`${m}\n`);
  return ws.ok ? { ws } : { code: EXIT.invalid };
}

/** render() written to `out`; a JSON document in pieces (jsonPieces.ts), the same text. */
export function renderTo(
  out: (s: string) => void,
  format: OutputFormat,
  kind: string,
  body: object,
  table: () => string,
  markdown: () => string,
): void {
  if (format !== 'json') return out(render(format, kind, body, table, markdown));
  writeJson({ apiVersion: CLI_API_VERSION, kind, ...body }, out);
  out('\n');
}

/** One result in the format asked for; text forms end with a newline. */
export function render(
  format: OutputFormat,
  kind: string,
  body: object,
  table: () => string,
  markdown: () => string,
): string {
  if (format === 'json' || format === 'yaml') return machineOutput(kind, body, format);
  return `${format === 'markdown' ? markdown() : table()}\n`;
}
