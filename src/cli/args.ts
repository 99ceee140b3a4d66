// Command-line arguments of `karpenter-lab [simulate] <inputs…>` and `karpenter-lab plan BEFORE AFTER`.
// Strict: an unknown flag, a missing value or a value out of range is a usage error (exit 2).
// Pure and light (no engine import), so `--help` and `--version` answer without loading the engine.
import { formatDuration, parseDuration } from '../sim/engine/duration.ts';
import { MAX_UNTIL_MS } from '../sim/engine/limits.ts';

export type OutputFormat = 'table' | 'json' | 'yaml' | 'markdown';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'yaml', 'markdown'];

/** Conditions `--fail-on` can turn into exit code 3. */
export type FailOn = 'pending' | 'disruption' | 'cost-increase' | 'still-drifted';
const FAIL_ON: Readonly<Record<'simulate' | 'plan', readonly FailOn[]>> = {
  simulate: ['pending'],
  plan: ['pending', 'disruption', 'cost-increase', 'still-drifted'],
};

export type Command = 'simulate' | 'plan' | 'anonymise';

export interface CliArgs {
  command: Command;
  /** simulate: files, directories or `-`; plan: [BEFORE, AFTER]. */
  inputs: string[];
  output: OutputFormat;
  failOn: FailOn[];
  /** Run the workspace under Cluster Autoscaler too and print the comparison (simulate only). */
  compareCa: boolean;
  /** For each workload left Pending, try the edits its reasons point at and print the ones that
   *  work, each with a diff (simulate only). */
  fixes: boolean;
  /** ms */
  until?: number;
  seed?: number;
}

export type Parsed =
  CliArgs | { error: string; command?: Command } | { help: Command } | { version: true };

export const EXIT = { ok: 0, invalid: 1, usage: 2, failOn: 3 } as const;

export const USAGE = `usage: karpenter-lab [simulate] <input>... [options]
       karpenter-lab plan <before> <after> [options]
       karpenter-lab anonymise <input>...
       karpenter-lab --version | --help | plan --help | anonymise --help

  <input>            a workspace file, a directory of *.yaml / *.yml files, or - for stdin;
                     several inputs are read as one workspace (Kubernetes/Karpenter objects and
                     at most one Scenario document)

options:
  -o, --output <f>   table (default), json, yaml or markdown; --json is short for --output json
  --until <duration> simulate this long (e.g. 90s, 10m, 1h); default: until the cluster is quiet
  --seed <n>         seed for every random choice (default: Scenario spec.seed, else 1)
  --compare-ca       also run the workload on a Cluster Autoscaler node group and print both
                     side by side (simulate only)
  --fixes            for each workload with pods Pending at the end, try the edits its reasons
                     point at (a toleration, a selector or requirement dropped, limits lifted…),
                     each by running the edited inputs again; print the ones after which every
                     pod runs, cheapest first, each as a diff that patch -p0 applies; and for
                     nodes kept by a do-not-disrupt pod, a PDB, WhenEmpty or a budget of 0, the
                     edits after which the run ends cheaper
  --fail-on <list>   exit 3 when a condition holds at the end: pending (simulate and plan),
                     disruption, cost-increase, still-drifted (plan); comma-separated or repeated
  -h, --help         this text        --version   the CLI's version

exit codes: 0 ran, 1 invalid input (errors on stderr as file:line:column: message),
            2 usage error, 3 a --fail-on condition holds (named on stderr)

npm run -s simulate -- <args> runs the same CLI from the TypeScript sources.`;

export const PLAN_USAGE = `usage: karpenter-lab plan <before> <after> [options]

  <before>, <after>  workspaces (files, directories or - for stdin, at most one -)

<before> runs until the cluster is quiet. Then every document of <after> that is new or differs
from <before> is applied as \`kubectl apply\` would, to that running cluster (NodePool and
EC2NodeClass changes drift NodeClaims by hash, Deployment changes roll out), and the run goes on
until quiet. The report: NodeClaims drifted and the field that drifted, the replacement order and
its pacing under budgets and PDBs, pods moved and how long each was not Running, time to converge,
$/h before and after, and the cost of the transition.

options:
  -o, --output <f>   table (default), json, yaml or markdown (for a pull-request comment)
  --seed <n>         seed for every random choice
  --fail-on <list>   exit 3 when: pending (pods not Running once converged), disruption (any
                     NodeClaim replaced or pod moved), cost-increase ($/h after > before),
                     still-drifted (a drifted NodeClaim Karpenter did not replace once
                     converged: a PDB, a do-not-disrupt pod or a budget keeps it);
                     comma-separated or repeated

exit codes: 0 ran, 1 invalid input (or the cluster refused part of the apply: the report still
            prints), 2 usage error, 3 a --fail-on condition holds`;

export const ANONYMISE_USAGE = `usage: karpenter-lab anonymise <input>... > shareable.yaml

  <input>  files, directories or - (stdin), read as one workspace: a workspace or the output of
           kubectl get nodepools,ec2nodeclasses,nodes,pods,deployments,pdb -A -o yaml

Prints the inputs as one workspace with what names the cluster's owner replaced: namespaces,
workload, node, NodePool and node class names, custom label and taint keys and values, images,
AWS ids, roles and tags (one replacement per name everywhere, numbered in the names' sort order),
annotations the lab does not read and userData removed. Zones, instance types, well-known labels
and quantities stay, so the anonymised workspace simulates the same. Status, managed fields and
kinds the lab does not model are stripped as the page's Import does. What was renamed goes to
stderr.

exit codes: 0 printed, 1 an input is not YAML the lab can read, 2 usage error`;

function parseAnonymise(argv: readonly string[]): Parsed {
  const inputs: string[] = [];
  for (const a of argv) {
    if (a === '-h' || a === '--help') return { help: 'anonymise' };
    if (a !== '-' && a.startsWith('-'))
      return { error: `unknown option ${a} (anonymise takes only inputs)`, command: 'anonymise' };
    inputs.push(a);
  }
  if (inputs.length === 0)
    return { error: 'missing the workspace (a file, a directory or -)', command: 'anonymise' };
  if (inputs.filter((x) => x === '-').length > 1)
    return { error: 'stdin (-) can be read only once', command: 'anonymise' };
  return {
    command: 'anonymise',
    inputs,
    output: 'table',
    failOn: [],
    compareCa: false,
    fixes: false,
  };
}

export function parseArgs(argv: readonly string[]): Parsed {
  if (argv[0] === 'anonymise' || argv[0] === 'anonymize') return parseAnonymise(argv.slice(1));
  const parsed = parseWords(argv);
  // A usage error under `plan` is followed by plan's usage, not simulate's.
  return 'error' in parsed && argv[0] === 'plan' ? { ...parsed, command: 'plan' } : parsed;
}

function parseWords(argv: readonly string[]): Parsed {
  let command: 'simulate' | 'plan' = 'simulate';
  let rest = argv;
  if (argv[0] === 'plan' || argv[0] === 'simulate') {
    command = argv[0];
    rest = argv.slice(1);
  }
  const inputs: string[] = [];
  let output: OutputFormat | undefined;
  const failOn: FailOn[] = [];
  let compareCa = false;
  let fixes = false;
  let until: number | undefined;
  let seed: number | undefined;
  let endOfFlags = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] ?? '';
    if (endOfFlags || a === '-' || !a.startsWith('-')) {
      inputs.push(a);
      continue;
    }
    if (a === '--') {
      endOfFlags = true;
      continue;
    }
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    // `-ojson` as kubectl reads it: a short option with its value attached.
    const [flag, inline] =
      eq > 0
        ? [a.slice(0, eq), a.slice(eq + 1)]
        : /^-o./.test(a)
          ? ['-o', a.slice(2).replace(/^=/, '')]
          : [a, undefined];
    const value = (): string | undefined => inline ?? rest[++i];
    const noValue = (): string | undefined =>
      inline === undefined ? undefined : `${flag} takes no value`;
    switch (flag) {
      case '-h':
      case '--help': {
        const e = noValue();
        if (e) return { error: e };
        return { help: command };
      }
      case '--version': {
        const e = noValue();
        if (e) return { error: e };
        return { version: true };
      }
      case '--json': {
        const e = noValue();
        if (e) return { error: e };
        if (output !== undefined && output !== 'json')
          return { error: `--json conflicts with --output ${output}` };
        output = 'json';
        break;
      }
      case '-o':
      case '--output': {
        const v = value();
        if (!OUTPUT_FORMATS.includes(v as OutputFormat))
          return {
            error: `--output needs one of ${OUTPUT_FORMATS.join(', ')}, got "${v ?? ''}"`,
          };
        if (output !== undefined && output !== v)
          return { error: `--output given twice (${output} and ${v ?? ''})` };
        output = v as OutputFormat;
        break;
      }
      case '--compare-ca': {
        const e = noValue();
        if (e) return { error: e };
        if (command === 'plan') return { error: '--compare-ca is not an option of plan' };
        compareCa = true;
        break;
      }
      case '--fixes': {
        const e = noValue();
        if (e) return { error: e };
        if (command === 'plan') return { error: '--fixes is not an option of plan' };
        fixes = true;
        break;
      }
      case '--fail-on': {
        const v = value();
        const allowed = FAIL_ON[command];
        const items = (v ?? '').split(',').map((s) => s.trim());
        for (const item of items) {
          if (!allowed.includes(item as FailOn))
            return {
              error: `--fail-on for ${command} takes ${allowed.join(', ')}; got "${item}"`,
            };
          if (!failOn.includes(item as FailOn)) failOn.push(item as FailOn);
        }
        break;
      }
      case '--until': {
        const v = value();
        if (command === 'plan')
          return { error: '--until is not an option of plan (each phase runs until quiet)' };
        // A bare number reads as seconds in a Scenario (YAML numbers); on the command line a
        // unit is required, so "--until 90" is not silently 90 seconds.
        const ms = v !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(v) ? undefined : parseDuration(v);
        if (ms === undefined)
          return {
            error: `--until needs a duration with a unit such as 90s, 10m or 1h, got "${v ?? ''}"`,
          };
        if (ms <= 0) return { error: `--until must be longer than 0, got "${v ?? ''}"` };
        if (ms > MAX_UNTIL_MS)
          return {
            error: `--until ${v ?? ''} is longer than the lab simulates (at most ${formatDuration(MAX_UNTIL_MS)}, one week)`,
          };
        if (until !== undefined && until !== ms)
          return { error: `--until given twice (${formatDuration(until)} and ${v ?? ''})` };
        until = ms;
        break;
      }
      case '--seed': {
        const v = value();
        const n = Number(v);
        if (v === undefined || v.trim() === '' || !Number.isInteger(n) || n < 0 || n > 0xffffffff)
          return { error: `--seed needs a whole number from 0 to 4294967295, got "${v ?? ''}"` };
        seed = n;
        break;
      }
      default:
        return { error: `unknown option ${flag}` };
    }
  }
  if (command === 'plan') {
    if (inputs.length !== 2)
      return {
        error: `plan takes two workspaces, BEFORE and AFTER (got ${inputs.length})`,
      };
  } else if (inputs.length === 0)
    return { error: 'missing the workspace (a file, a directory or -)' };
  if (fixes && compareCa) return { error: '--fixes and --compare-ca cannot be used together' };
  if (inputs.filter((x) => x === '-').length > 1)
    return { error: 'stdin (-) can be read only once' };
  return {
    command,
    inputs,
    output: output ?? 'table',
    failOn,
    compareCa,
    fixes,
    ...(until === undefined ? {} : { until }),
    ...(seed === undefined ? {} : { seed }),
  };
}
