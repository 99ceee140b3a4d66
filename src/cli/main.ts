// `npm run -s simulate -- …`: the CLI run from the TypeScript sources (tsx), always current with
// src/. The bundled bin (bin.ts → dist-cli/karpenter-lab.mjs) runs the same runCli.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { processIO, quietOnClosedPipe } from './nodeIO.ts';
import { runCli as run, type CliIO } from './run.ts';

export type { CliIO } from './run.ts';
export { processIO } from './nodeIO.ts';

/** The whole CLI (src/cli/run.ts); without io it reads files and writes to this process. */
export function runCli(argv: readonly string[], io: CliIO = processIO): number {
  return run(argv, io);
}

// Run only as the entry point: benchmarks and tests import runCli without running the CLI.
const entry = process.argv[1];
if (entry !== undefined && realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url))) {
  quietOnClosedPipe(process.stdout);
  quietOnClosedPipe(process.stderr);
  process.exitCode = runCli(process.argv.slice(2), processIO);
}
