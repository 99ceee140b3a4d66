// kubectl / helm command strings → typed actions (actions.ts). The UI console reuses this parser,
// so an unknown command is an answer (a clear error with the supported list), never an exception.
import type { Taint, TaintEffect } from '../k8s.ts';
import type { Action, Target, TargetKind } from './actions.ts';
import { parseDuration } from './duration.ts';
import { dict } from '../own.ts';
import { shellWords } from './shellWords.ts';

export type ParseResult =
  { ok: true; action: Action } | { ok: false; error: string; supported: readonly string[] };

export const SUPPORTED_COMMANDS: readonly string[] = [
  'kubectl scale deployment|replicaset|statefulset <name> --replicas=<n>',
  'kubectl delete pod|deployment|replicaset|statefulset|daemonset|node|nodeclaim|nodepool|pdb|pvc <name>',
  'kubectl apply -f <document name or file>',
  'kubectl cordon <node>',
  'kubectl uncordon <node>',
  'kubectl drain <node> [--ignore-daemonsets] [--delete-emptydir-data]',
  'kubectl annotate <kind> <name> <key>=<value>… | <key>-',
  'kubectl label <kind> <name> <key>=<value>… | <key>-',
  'kubectl taint nodes <node> <key>[=<value>]:<Effect>[-]',
  "kubectl patch nodepool|deployment|statefulset|daemonset|pdb <name> [--type merge] -p '<json>'",
  'helm install|upgrade karpenter <chart> --version <version>',
  'helm uninstall karpenter',
  'interrupt <node>   (simulated spot interruption notice)',
  'ice <instance-type> [--zone <zone>] [--capacity-type spot|on-demand] [--for <duration>]',
];

const KIND_ALIASES: Readonly<Record<string, TargetKind>> = {
  pod: 'pod',
  pods: 'pod',
  po: 'pod',
  deployment: 'deployment',
  deployments: 'deployment',
  deploy: 'deployment',
  replicaset: 'replicaset',
  replicasets: 'replicaset',
  rs: 'replicaset',
  statefulset: 'statefulset',
  statefulsets: 'statefulset',
  sts: 'statefulset',
  daemonset: 'daemonset',
  daemonsets: 'daemonset',
  ds: 'daemonset',
  node: 'node',
  nodes: 'node',
  no: 'node',
  nodeclaim: 'nodeclaim',
  nodeclaims: 'nodeclaim',
  'nodeclaims.karpenter.sh': 'nodeclaim',
  nodepool: 'nodepool',
  nodepools: 'nodepool',
  'nodepools.karpenter.sh': 'nodepool',
  provisioner: 'provisioner',
  provisioners: 'provisioner',
  poddisruptionbudget: 'poddisruptionbudget',
  poddisruptionbudgets: 'poddisruptionbudget',
  pdb: 'poddisruptionbudget',
  persistentvolumeclaim: 'persistentvolumeclaim',
  persistentvolumeclaims: 'persistentvolumeclaim',
  pvc: 'persistentvolumeclaim',
};

/** Kinds served by a CustomResourceDefinition (no strategic merge patch). */
const CUSTOM_KINDS: ReadonlySet<TargetKind> = new Set(['nodepool', 'nodeclaim', 'provisioner']);

const EFFECTS: readonly TaintEffect[] = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export interface Args {
  positional: string[];
  flags: Map<string, string | true>;
}

// Flags whose value may follow as the next word (`-n kube-system`, `--replicas 3`).
const VALUE_FLAGS = new Set([
  'n',
  'namespace',
  'replicas',
  'f',
  'filename',
  'version',
  'zone',
  'capacity-type',
  'for',
  'p',
  'patch',
  'type',
  'grace-period',
  'timeout',
]);

/** Splits words into positional arguments and flags; `valueFlags` take the next word as a value. */
export function splitArgs(
  words: readonly string[],
  valueFlags: ReadonlySet<string> = VALUE_FLAGS,
): Args {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    const m = /^--?([a-zA-Z][\w-]*)(?:=(.*))?$/.exec(w);
    if (!m) {
      positional.push(w);
      continue;
    }
    const name = m[1] ?? '';
    if (m[2] !== undefined) flags.set(name, m[2]);
    else if (valueFlags.has(name) && i + 1 < words.length) flags.set(name, words[++i] ?? '');
    else flags.set(name, true);
  }
  return { positional, flags };
}

function fail(error: string): ParseResult {
  return { ok: false, error, supported: SUPPORTED_COMMANDS };
}

function flag(a: Args, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = a.flags.get(n);
    if (typeof v === 'string') return v;
  }
  return undefined;
}

/** `deployment inflate`, `deployment/inflate` or `deploy/inflate`; consumes the words it used. */
function target(a: Args): Target | string {
  const first = a.positional.shift();
  if (!first) return 'missing the kind and name of the object';
  let kindWord = first;
  let name: string | undefined;
  if (first.includes('/')) [kindWord, name] = first.split('/', 2) as [string, string];
  else name = a.positional.shift();
  const kind = KIND_ALIASES[kindWord.toLowerCase()];
  if (!kind)
    return `unknown kind "${kindWord}" (known: ${[...new Set(Object.values(KIND_ALIASES))].join(', ')})`;
  if (!name) return `missing the name of the ${kind}`;
  return { kind, name, namespace: flag(a, 'n', 'namespace') ?? 'default' };
}

function keyValues(words: string[]): { set: Record<string, string>; remove: string[] } | string {
  const set = dict<string>(); // a key like __proto__ is data
  const remove: string[] = [];
  for (const w of words) {
    if (w.endsWith('-') && !w.includes('=')) remove.push(w.slice(0, -1));
    else if (/^[^=]+=.*$/.test(w)) {
      const i = w.indexOf('=');
      set[w.slice(0, i)] = w.slice(i + 1);
    } else return `"${w}" is neither key=value nor key-`;
  }
  if (Object.keys(set).length === 0 && remove.length === 0) return 'no key=value given';
  return { set, remove };
}

function parseTaints(
  words: string[],
): { add: Taint[]; remove: { key: string; effect?: TaintEffect }[] } | string {
  const add: Taint[] = [];
  const remove: { key: string; effect?: TaintEffect }[] = [];
  for (const w of words) {
    const removing = w.endsWith('-');
    const body = removing ? w.slice(0, -1) : w;
    const [kv = '', effectWord] = body.split(':', 2) as [string, string | undefined];
    const [key = '', value] = kv.split('=', 2) as [string, string | undefined];
    if (!key) return `"${w}" has no taint key`;
    const effect = effectWord === undefined ? undefined : EFFECTS.find((e) => e === effectWord);
    if (effectWord !== undefined && !effect)
      return `"${effectWord}" is not a taint effect (${EFFECTS.join(', ')})`;
    if (removing) remove.push(effect ? { key, effect } : { key });
    else if (!effect) return `taint "${w}" needs an effect, e.g. ${key}=true:NoSchedule`;
    else add.push(value === undefined ? { key, effect } : { key, value, effect });
  }
  if (add.length === 0 && remove.length === 0) return 'no taint given';
  return { add, remove };
}

/** Names left after the one object a command acts on: real kubectl would act on each; the lab
 *  acts on one per command, and says so rather than silently skipping the others. */
function oneObject(verb: string, a: Args): string | undefined {
  const extra = a.positional;
  if (extra.length === 0) return undefined;
  return `kubectl ${verb}: one object per command in the lab; ${extra.map((w) => `"${w}"`).join(', ')} would be left as they are, so nothing was done (run one command for each)`;
}

function parseKubectl(words: string[]): ParseResult {
  const verb = words[0];
  const a = splitArgs(words.slice(1));
  switch (verb) {
    case 'scale': {
      const t = target(a);
      if (typeof t === 'string') return fail(`kubectl scale: ${t}`);
      const more = oneObject('scale', a);
      if (more) return fail(more);
      if (!['deployment', 'replicaset', 'statefulset'].includes(t.kind))
        return fail(`kubectl scale: cannot scale a ${t.kind}`);
      const r = flag(a, 'replicas');
      const replicas = r === undefined ? NaN : Number(r);
      if (!Number.isInteger(replicas) || replicas < 0)
        return fail('kubectl scale: --replicas=<n> with a whole number ≥ 0 is required');
      return { ok: true, action: { kind: 'scale', target: t, replicas } };
    }
    case 'delete': {
      const t = target(a);
      if (typeof t === 'string') return fail(`kubectl delete: ${t}`);
      const more = oneObject('delete', a);
      if (more) return fail(more);
      return { ok: true, action: { kind: 'delete', target: t } };
    }
    case 'apply': {
      const ref = flag(a, 'f', 'filename') ?? a.positional[0];
      if (!ref) return fail('kubectl apply: -f <document> is required');
      return { ok: true, action: { kind: 'apply', ref } };
    }
    case 'cordon':
    case 'uncordon':
    case 'drain': {
      const node = a.positional.shift()?.replace(/^(node|nodes|no)\//, '');
      if (!node) return fail(`kubectl ${verb}: missing the node name`);
      const more = oneObject(verb, a);
      if (more) return fail(more);
      return { ok: true, action: { kind: verb, node } };
    }
    case 'annotate':
    case 'label': {
      const t = target(a);
      if (typeof t === 'string') return fail(`kubectl ${verb}: ${t}`);
      const kv = keyValues(a.positional);
      if (typeof kv === 'string') return fail(`kubectl ${verb}: ${kv}`);
      return { ok: true, action: { kind: verb, target: t, ...kv } };
    }
    case 'patch': {
      const t = target(a);
      if (typeof t === 'string') return fail(`kubectl patch: ${t}`);
      const text = flag(a, 'p', 'patch');
      if (text === undefined) return fail("kubectl patch: -p '<json>' is required");
      const type = flag(a, 'type') ?? 'strategic';
      if (type === 'json')
        return fail(
          'kubectl patch: --type json (a list of operations) is not simulated; use --type merge',
        );
      if (type !== 'merge' && type !== 'strategic')
        return fail(`kubectl patch: --type must be merge or strategic, not "${type}"`);
      // Custom resources take no strategic merge patch: the API server refuses kubectl's default.
      if (type === 'strategic' && CUSTOM_KINDS.has(t.kind))
        return fail(
          `kubectl patch: a ${t.kind} is a custom resource, which takes no strategic merge patch (kubectl's default type): add --type merge`,
        );
      let patch: unknown;
      try {
        patch = JSON.parse(text);
      } catch (e) {
        return fail(
          `kubectl patch: the patch is not JSON: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
        );
      }
      if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
        return fail(
          'kubectl patch: the patch must be a JSON object, e.g. \'{"spec":{"limits":{"cpu":"8"}}}\'',
        );
      return {
        ok: true,
        action: { kind: 'patch', target: t, patch: patch as Record<string, unknown>, type },
      };
    }
    case 'taint': {
      const t = target(a);
      if (typeof t === 'string') return fail(`kubectl taint: ${t}`);
      if (t.kind !== 'node') return fail('kubectl taint: only nodes can be tainted');
      const taints = parseTaints(a.positional);
      if (typeof taints === 'string') return fail(`kubectl taint: ${taints}`);
      return { ok: true, action: { kind: 'taint', node: t.name, ...taints } };
    }
    default:
      return fail(`unsupported kubectl command "${verb ?? ''}"`);
  }
}

function parseHelm(words: string[]): ParseResult {
  const a = splitArgs(words.slice(1));
  const op = words[0];
  if (op !== 'install' && op !== 'upgrade' && op !== 'uninstall')
    return fail(`unsupported helm command "${op ?? ''}"`);
  if (a.positional[0] !== 'karpenter')
    return fail('helm: only the "karpenter" release is simulated');
  const version = flag(a, 'version');
  return {
    ok: true,
    action: version === undefined ? { kind: 'helm', op } : { kind: 'helm', op, version },
  };
}

function parseIce(words: string[]): ParseResult {
  const a = splitArgs(words);
  const instanceType = a.positional[0];
  if (!instanceType) return fail('ice: missing the instance type');
  const forText = flag(a, 'for');
  const forMs = forText === undefined ? undefined : parseDuration(forText);
  if (forText !== undefined && forMs === undefined)
    return fail(`ice: "${forText}" is not a duration`);
  const zone = flag(a, 'zone');
  const capacityType = flag(a, 'capacity-type');
  return {
    ok: true,
    action: {
      kind: 'ice',
      instanceType,
      ...(zone === undefined ? {} : { zone }),
      ...(capacityType === undefined ? {} : { capacityType }),
      ...(forMs === undefined ? {} : { forMs }),
    },
  };
}

/** Why a line is no Scenario action, and what actions run: the Scenario schema's error and the
 *  engine's run-time warning (for objects that skipped the schema) say the same. */
export function notAnAction(r: Extract<ParseResult, { ok: false }>): string {
  return `${r.error}; actions run ${commandNames(r.supported)}`;
}

/** "kubectl scale, kubectl delete, …, helm install|upgrade, interrupt": the commands a usage list
 *  names, without their arguments (the console's help has the details). */
function commandNames(usages: readonly string[]): string {
  const names = usages.map((u) => {
    const words = u.split(' ');
    return (
      words[0] === 'kubectl' || words[0] === 'helm' ? words.slice(0, 2) : words.slice(0, 1)
    ).join(' ');
  });
  return [...new Set(names)].join(', ');
}

/** Parse one console / Scenario command line. */
export function parseCommand(line: string): ParseResult {
  const split = shellWords(line.trim());
  if (!split.ok) return fail(split.error);
  const words = split.words;
  const head = words[0];
  if (head === undefined) return fail('empty command');
  if (head === 'kubectl') return parseKubectl(words.slice(1));
  if (head === 'helm') return parseHelm(words.slice(1));
  if (head === 'interrupt') {
    const node = words[1];
    return node
      ? { ok: true, action: { kind: 'interrupt', node } }
      : fail('interrupt: missing the node name');
  }
  if (head === 'ice') return parseIce(words.slice(1));
  return fail(`unknown command "${head}"`);
}
