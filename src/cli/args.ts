// Command-line arguments of
// `npm run -s simulate -- <file.yaml> [--json] [--until 10m] [--seed N] [--compare-ca]`.
// Pure: returns a usage error as data so main.ts can exit 2 with it.
import { parseDuration } from '../sim/engine/duration.ts';

export interface CliArgs {
  file: string;
  json: boolean;
  /** Run the workspace under Cluster Autoscaler too and print the comparison. */
  compareCa: boolean;
  /** ms */
  until?: number;
  seed?: number;
}

export const USAGE = `usage: npm run -s simulate -- <file.yaml> [--json] [--until <duration>] [--seed <n>] [--compare-ca]

  <file.yaml>        a workspace: Kubernetes/Karpenter objects and an optional Scenario document
  --json             print the result as one JSON object (the CLI contract) instead of a report
  --until <duration> simulate this long (e.g. 90s, 10m, 1h); default: until the cluster is quiet
  --seed <n>         seed for every random choice (default: Scenario spec.seed, else 1)
  --compare-ca       also run the workload on a Cluster Autoscaler node group (Scenario
                     spec.clusterAutoscaler; default one m5.large on-demand ASG) and print
                     both side by side: time until all pods run, cost, idle capacity

exit codes: 0 ok, 1 invalid input (errors on stderr as file:line:column: message), 2 usage error`;

export function parseArgs(argv: readonly string[]): CliArgs | { error: string } | { help: true } {
  let file: string | undefined;
  let json = false;
  let compareCa = false;
  let until: number | undefined;
  let seed: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const [flag, inline] =
      a.startsWith('--') && a.includes('=')
        ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '-h':
      case '--help':
        return { help: true };
      case '--json':
        json = true;
        break;
      case '--compare-ca':
        compareCa = true;
        break;
      case '--until': {
        const v = value();
        const ms = parseDuration(v);
        if (ms === undefined || ms <= 0)
          return { error: `--until needs a duration such as 10m, got "${v ?? ''}"` };
        until = ms;
        break;
      }
      case '--seed': {
        const v = value();
        const n = Number(v);
        if (v === undefined || !Number.isInteger(n) || n < 0 || n > 0xffffffff)
          return { error: `--seed needs a whole number ≥ 0, got "${v ?? ''}"` };
        seed = n;
        break;
      }
      default:
        if (a.startsWith('-')) return { error: `unknown option ${a}` };
        if (file !== undefined)
          return { error: `one workspace file at a time (got "${file}" and "${a}")` };
        file = a;
    }
  }
  if (file === undefined) return { error: 'missing the workspace file' };
  return {
    file,
    json,
    compareCa,
    ...(until === undefined ? {} : { until }),
    ...(seed === undefined ? {} : { seed }),
  };
}
