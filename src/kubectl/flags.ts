// Command-line flags as kubectl's flag library (spf13/pflag) reads them, per command: `--name=v`,
// `--name v`, `-n v`, `-nv`, `-n=v`, bundled booleans (`-Aw`), `--` ends the flags. A flag the
// command does not have fails with kubectl's own text instead of being silently ignored (an
// ignored `--field-selector type=Warning` used to become a name to look up).
import { own } from '../sim/own.ts';
export type FlagKind = 'bool' | 'string' | 'slice';

export interface FlagSpec {
  name: string;
  short?: string;
  kind: FlagKind;
}

export interface Args {
  positional: string[];
  /** By long name; booleans are true (or false when given as --x=false), slices are joined with commas. */
  flags: Map<string, string | boolean>;
}

const bool = (name: string, short?: string): FlagSpec => ({
  name,
  kind: 'bool',
  ...(short ? { short } : {}),
});
const str = (name: string, short?: string): FlagSpec => ({
  name,
  kind: 'string',
  ...(short ? { short } : {}),
});
const slice = (name: string, short?: string): FlagSpec => ({
  name,
  kind: 'slice',
  ...(short ? { short } : {}),
});

/** Flags every kubectl command has (of kubectl's global flags, the ones that mean something here). */
const GLOBAL: readonly FlagSpec[] = [str('namespace', 'n'), bool('help', 'h')];

const LIST = [bool('all-namespaces', 'A'), str('selector', 'l'), str('field-selector')];
const PRINT = [str('output', 'o'), bool('no-headers'), str('sort-by')];

/** The flags each command honours, by the words that name it ("get", "top node", "events"). */
export const COMMAND_FLAGS: Readonly<Record<string, readonly FlagSpec[]>> = {
  get: [
    ...LIST,
    ...PRINT,
    bool('watch', 'w'),
    slice('label-columns', 'L'),
    bool('show-labels'),
    bool('show-kind'),
    bool('ignore-not-found'),
  ],
  describe: [bool('all-namespaces', 'A'), str('selector', 'l'), bool('show-events')],
  logs: [
    bool('follow', 'f'),
    str('tail'),
    str('container', 'c'),
    str('since'),
    str('selector', 'l'),
  ],
  events: [
    bool('all-namespaces', 'A'),
    str('for'),
    slice('types'),
    str('output', 'o'),
    bool('no-headers'),
    bool('watch', 'w'),
  ],
  'top node': [str('selector', 'l'), str('sort-by'), bool('no-headers'), bool('show-capacity')],
  'top pod': [...LIST, str('sort-by'), bool('no-headers')],
  explain: [bool('recursive'), str('api-version'), str('output', 'o')],
  'api-resources': [
    str('output', 'o'),
    bool('no-headers'),
    str('api-group'),
    str('namespaced'),
    str('sort-by'),
  ],
  version: [bool('client'), str('output', 'o')],
  scale: [str('replicas')],
  // Grace periods and --force are accepted for copy-paste; the simulation evicts and deletes with
  // the pods' own timing (named in CONTEXT.md).
  delete: [str('grace-period'), bool('force'), bool('now'), bool('wait')],
  apply: [str('filename', 'f')],
  cordon: [],
  uncordon: [],
  drain: [
    bool('ignore-daemonsets'),
    bool('delete-emptydir-data'),
    bool('delete-local-data'),
    bool('force'),
    str('grace-period'),
    str('timeout'),
  ],
  label: [bool('overwrite')],
  annotate: [bool('overwrite')],
  taint: [bool('overwrite')],
  patch: [str('patch', 'p'), str('type')],
};

// Flags real kubectl has for these commands but this console does not honour: they fail with a
// message that says so, instead of kubectl's "unknown flag" (which would suggest kubectl lacks them).
const GLOBAL_ELSEWHERE = [
  'context',
  'kubeconfig',
  'cluster',
  'user',
  'server',
  's',
  'request-timeout',
  'as',
  'v',
];
const KUBECTL_ONLY: Readonly<Record<string, readonly string[]>> = {
  get: [
    'raw',
    'chunk-size',
    'template',
    'watch-only',
    'output-watch-events',
    'filename',
    'f',
    'kustomize',
    'k',
    'recursive',
    'R',
    'subresource',
    'server-print',
    'show-managed-fields',
    'allow-missing-template-keys',
  ],
  describe: ['filename', 'f', 'field-selector', 'chunk-size', 'kustomize', 'k', 'recursive', 'R'],
  logs: [
    'previous',
    'p',
    'timestamps',
    'all-containers',
    'prefix',
    'since-time',
    'limit-bytes',
    'max-log-requests',
  ],
  events: ['chunk-size', 'template', 'allow-missing-template-keys', 'show-managed-fields'],
  'top node': ['use-protocol-buffers', 'field-selector'],
  'top pod': ['containers', 'sum', 'use-protocol-buffers'],
  'api-resources': ['verbs', 'cached', 'categories'],
  scale: [
    'current-replicas',
    'resource-version',
    'timeout',
    'all',
    'selector',
    'l',
    'filename',
    'f',
  ],
  delete: [
    'selector',
    'l',
    'all',
    'all-namespaces',
    'A',
    'field-selector',
    'filename',
    'f',
    'cascade',
    'dry-run',
    'ignore-not-found',
  ],
  apply: [
    'server-side',
    'dry-run',
    'kustomize',
    'k',
    'prune',
    'recursive',
    'R',
    'force',
    'validate',
  ],
  cordon: ['selector', 'l', 'dry-run'],
  uncordon: ['selector', 'l', 'dry-run'],
  drain: [
    'pod-selector',
    'selector',
    'l',
    'dry-run',
    'disable-eviction',
    'skip-wait-for-delete-timeout',
    'chunk-size',
  ],
  label: ['all', 'selector', 'l', 'field-selector', 'dry-run', 'list', 'local', 'resource-version'],
  annotate: [
    'all',
    'selector',
    'l',
    'field-selector',
    'dry-run',
    'list',
    'local',
    'resource-version',
  ],
  taint: ['all', 'selector', 'l', 'dry-run'],
  patch: ['patch-file', 'local', 'dry-run', 'subresource', 'filename', 'f'],
};

const TRUE = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'false', 'FALSE', 'False']);

function usageHint(command: string): string {
  return `See 'kubectl ${command} --help' for usage.`;
}

/** kubectl's "unknown flag" text, or, for a flag kubectl has and the console does not, saying so. */
function unknown(command: string, name: string, shown: string, kubectlText: string): string {
  const elsewhere = GLOBAL_ELSEWHERE.includes(name) || own(KUBECTL_ONLY, command)?.includes(name);
  return elsewhere ? `${shown} is a kubectl flag this console does not support` : kubectlText;
}

/** Words after the command → flags and positional arguments, or kubectl's error text. */
export function parseFlags(command: string, words: readonly string[]): Args | { error: string } {
  const specs = [...GLOBAL, ...(own(COMMAND_FLAGS, command) ?? [])];
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short ?? '', s]));
  const positional: string[] = [];
  const flags = new Map<string, string | boolean>();
  const fail = (msg: string): { error: string } => ({
    error: `error: ${msg}\n${usageHint(command)}`,
  });
  const set = (spec: FlagSpec, value: string | undefined, shown: string): string | undefined => {
    if (spec.kind === 'bool') {
      if (value === undefined || TRUE.has(value)) flags.set(spec.name, true);
      else if (FALSE.has(value)) flags.set(spec.name, false);
      else
        return `invalid argument "${value}" for "${spec.short ? `-${spec.short}, ` : ''}--${spec.name}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`;
      return undefined;
    }
    if (value === undefined) return `flag needs an argument: ${shown}`;
    const before = flags.get(spec.name);
    flags.set(
      spec.name,
      spec.kind === 'slice' && typeof before === 'string' ? `${before},${value}` : value,
    );
    return undefined;
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    if (w === '--') {
      positional.push(...words.slice(i + 1));
      break;
    }
    if (w.startsWith('--')) {
      const eq = w.indexOf('=');
      const name = eq < 0 ? w.slice(2) : w.slice(2, eq);
      const spec = byName.get(name);
      if (!spec) return fail(unknown(command, name, `--${name}`, `unknown flag: --${name}`));
      let value = eq < 0 ? undefined : w.slice(eq + 1);
      if (value === undefined && spec.kind !== 'bool' && i + 1 < words.length) value = words[++i];
      const problem = set(spec, value, `--${name}`);
      if (problem) return fail(problem);
    } else if (w.startsWith('-') && w.length > 1) {
      // -Aw (bundled booleans), -oyaml / -o=yaml / -o yaml (a value flag ends the bundle).
      for (let j = 1; j < w.length; j++) {
        const letter = w[j] ?? '';
        const spec = byShort.get(letter);
        if (!spec)
          return fail(
            unknown(command, letter, `-${letter}`, `unknown shorthand flag: '${letter}' in ${w}`),
          );
        if (spec.kind === 'bool') {
          const rest = w.slice(j + 1);
          if (rest.startsWith('=')) {
            const problem = set(spec, rest.slice(1), `'${letter}' in ${w}`);
            if (problem) return fail(problem);
            break;
          }
          set(spec, undefined, w);
          continue;
        }
        let value: string | undefined = w.slice(j + 1).replace(/^=/, '');
        if (value === '' && j + 1 === w.length)
          value = i + 1 < words.length ? words[++i] : undefined;
        const problem = set(spec, value, `'${letter}' in ${w}`);
        if (problem) return fail(problem);
        break;
      }
    } else positional.push(w);
  }
  return { positional, flags };
}

export function flagValue(a: Args, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = a.flags.get(n);
    if (typeof v === 'string') return v;
  }
  return undefined;
}

/** Whether a boolean flag is on (or a value flag given). */
export function hasFlag(a: Args, ...names: string[]): boolean {
  return names.some((n) => {
    const v = a.flags.get(n);
    return v === true || typeof v === 'string';
  });
}
