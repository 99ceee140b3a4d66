// The bundled CLI's entry (`karpenter-lab`, built into dist-cli/ by `npm run build:cli`, which
// `npm ci` runs as the prepare script). --help and --version answer before the engine is loaded;
// everything else loads it (a separate chunk) and runs runCli. Output into a pipe its reader has
// closed (`| head`) ends quietly (nodeIO.ts).
import { EXIT, parseArgs, PLAN_USAGE, USAGE } from './args.ts';
import { processIO, quietOnClosedPipe } from './nodeIO.ts';
import { CLI_VERSION } from './version.ts';

quietOnClosedPipe(process.stdout);
quietOnClosedPipe(process.stderr);

const argv = process.argv.slice(2);
const quick = parseArgs(argv);
if ('help' in quick) {
  process.stdout.write(`${quick.help === 'plan' ? PLAN_USAGE : USAGE}\n`);
  process.exitCode = EXIT.ok;
} else if ('version' in quick) {
  process.stdout.write(`karpenter-lab ${CLI_VERSION}\n`);
  process.exitCode = EXIT.ok;
} else {
  const { runCli } = await import('./run.ts');
  process.exitCode = runCli(argv, processIO);
}
