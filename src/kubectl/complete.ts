// Tab completion: the word under the cursor → candidates (commands, verbs, resource types the
// cluster serves, object names, flags, flag values). Pure; the UI shows or inserts them.
import type { ClusterState } from '../sim/engine/index.ts';
import { LABEL } from '../sim/labels.ts';
import { claimExists, nodeExists } from './objects.ts';
import { own } from '../sim/own.ts';
import { COMMAND_FLAGS } from './flags.ts';
import { RESOURCE_TYPES, resolveType } from './resources.ts';

export interface Completion {
  /** Where the word being completed starts in the line (replace line[from, cursor)). */
  from: number;
  candidates: string[];
}

const HEADS = ['kubectl', 'k', 'helm', 'help', 'clear', 'interrupt', 'ice'];
const VERBS = [
  'get',
  'describe',
  'logs',
  'scale',
  'apply',
  'delete',
  'cordon',
  'uncordon',
  'drain',
  'annotate',
  'label',
  'taint',
  'patch',
  'events',
  'top',
  'explain',
  'api-resources',
  'version',
];
const TYPED_VERBS = new Set([
  'get',
  'describe',
  'delete',
  'label',
  'annotate',
  'scale',
  'explain',
  'patch',
]);
const NODE_VERBS = new Set(['cordon', 'uncordon', 'drain']);
// Every flag a command honours (flags.ts), spelled the way people type them; `top node` and
// `top pod` share the verb's list.
const FLAGS: Readonly<Record<string, readonly string[]>> = (() => {
  const out: Record<string, string[]> = {
    helm: ['--version', '--namespace', '--create-namespace', '--wait'],
  };
  for (const [command, specs] of Object.entries(COMMAND_FLAGS)) {
    const verb = command.split(' ')[0] ?? command;
    const words = specs.flatMap((f) => [
      ...(f.short ? [`-${f.short}`] : []),
      f.kind === 'bool' ? `--${f.name}` : `--${f.name}=`,
    ]);
    out[verb] = [...new Set([...(out[verb] ?? ['-n']), ...words])];
  }
  return out;
})();
const OUTPUTS = ['wide', 'yaml', 'json', 'name', 'jsonpath=', 'custom-columns='];
const HELM_VERSIONS = ['1.8.0', '1.0.0', '0.37.0', '0.31.0'];
const LABEL_KEYS = [LABEL.capacityType, LABEL.instanceType, LABEL.zone, LABEL.nodePool, LABEL.arch];

function namesOf(typeWord: string, state: ClusterState, namespace: string): string[] {
  const type = resolveType(typeWord);
  if (!type || !type.served(state)) return [];
  switch (type.plural) {
    case 'nodes':
      return [...state.nodes.values()].filter(nodeExists).map((n) => n.name);
    case 'pods':
      return [...state.pods.values()]
        .filter((p) => (p.pod.metadata.namespace ?? 'default') === namespace)
        .map((p) => p.pod.metadata.name ?? '');
    case 'nodeclaims':
      return [...state.nodeClaims.values()].filter(claimExists).map((c) => c.name);
    case 'nodepools':
      return [...state.nodePools.keys()];
    default:
      return [...state.objects.values()]
        .filter(
          (o) =>
            o.kind === type.kind &&
            (!type.namespaced || (o.metadata.namespace ?? 'default') === namespace),
        )
        .map((o) => o.metadata.name ?? '');
  }
}

function namespaces(state: ClusterState): string[] {
  const set = new Set(['default']);
  for (const p of state.pods.values()) set.add(p.pod.metadata.namespace ?? 'default');
  if (state.karpenter.installed) set.add('karpenter');
  return [...set];
}

const SORT_PATHS = ['.metadata.name', '.metadata.creationTimestamp', '.lastTimestamp'];

/** `--field-selector` fields of the kind typed so far (metadata.* for every kind). */
function fieldsFor(rest: readonly string[], state: ClusterState): string[] {
  const type = resolveType(positionals(rest)[0]?.split(',')[0] ?? '');
  const fields = ['metadata.name', ...(type?.selectableFields ?? []), 'metadata.namespace'];
  return type && type.served(state) ? fields.map((f) => `${f}=`) : [];
}

/** `--for` values: type/name of the objects events are about. */
function typedNames(state: ClusterState, namespace: string): string[] {
  return ['pod', 'node', 'nodeclaim', 'nodepool'].flatMap((t) =>
    namesOf(t, state, namespace).map((n) => `${t}/${n}`),
  );
}

/** Positional words after the verb, skipping flags and the values of -n/-o/-l/-L. */
function positionals(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    if (
      /^-[nolLfc]$|^--(namespace|output|selector|version|tail|field-selector|sort-by|for|types)$/.test(
        w,
      )
    )
      i++;
    else if (!w.startsWith('-')) out.push(w);
  }
  return out;
}

function candidatesFor(before: string[], word: string, state: ClusterState): readonly string[] {
  const [head, verb, ...rest] = before;
  const nsIdx = before.findIndex((w) => w === '-n' || w === '--namespace');
  const namespace = nsIdx >= 0 ? (before[nsIdx + 1] ?? 'default') : 'default';
  const prev = before[before.length - 1] ?? '';
  if (head === undefined) return HEADS;
  if (prev === '-n' || prev === '--namespace') return namespaces(state);
  if (prev === '-o' || prev === '--output') return OUTPUTS;
  if (prev === '-L' || prev === '-l') return LABEL_KEYS;
  if (prev === '--field-selector') return fieldsFor(rest, state);
  if (prev === '--types') return ['Normal', 'Warning'];
  if (prev === '--sort-by') return verb === 'top' ? ['cpu', 'memory'] : SORT_PATHS;
  if (prev === '--for') return typedNames(state, namespace);
  if (head === 'helm') {
    if (prev === '--version') return HELM_VERSIONS;
    if (verb === undefined) return ['install', 'upgrade', 'uninstall'];
    if (word.startsWith('-')) return FLAGS.helm ?? [];
    const pos = positionals(rest);
    if (pos.length === 0) return ['karpenter'];
    return pos.length === 1 && verb !== 'uninstall'
      ? ['oci://public.ecr.aws/karpenter/karpenter']
      : [];
  }
  if (head === 'interrupt') return verb === undefined ? namesOf('nodes', state, namespace) : [];
  if (head !== 'kubectl' && head !== 'k') return [];
  if (verb === undefined) return VERBS;
  if (word.startsWith('-')) return own(FLAGS, verb) ?? [];
  const pos = positionals(rest);
  if (NODE_VERBS.has(verb)) return pos.length === 0 ? namesOf('nodes', state, namespace) : [];
  if (verb === 'taint')
    return pos.length === 0
      ? ['nodes']
      : pos.length === 1
        ? namesOf('nodes', state, namespace)
        : [];
  if (verb === 'top') return pos.length === 0 ? ['nodes', 'pods'] : [];
  if (verb === 'logs')
    return pos.length === 0 ? ['deploy/karpenter', ...namesOf('pods', state, namespace)] : [];
  if (!TYPED_VERBS.has(verb)) return [];
  if (pos.length === 0) {
    const slash = word.indexOf('/');
    if (slash >= 0) {
      const typeWord = word.slice(0, slash);
      return namesOf(typeWord, state, namespace).map((n) => `${typeWord}/${n}`);
    }
    const served = RESOURCE_TYPES.filter(
      (r) => r.served(state) && (verb !== 'scale' || r.plural === 'deployments'),
    );
    const categories = verb === 'get' ? served.flatMap((r) => r.categories ?? []) : [];
    return [...served.map((r) => r.plural), ...categories];
  }
  return namesOf(pos[0] ?? '', state, namespace);
}

export function complete(line: string, cursor: number, state: ClusterState): Completion {
  const upto = line.slice(0, cursor);
  const word = /\S*$/.exec(upto)?.[0] ?? '';
  const before = upto
    .slice(0, upto.length - word.length)
    .split(/\s+/)
    .filter((w) => w !== '');
  const candidates = [...new Set(candidatesFor(before, word, state))]
    .filter((c) => c.startsWith(word))
    .sort();
  return { from: cursor - word.length, candidates };
}

/** The longest text every candidate starts with (what a single Tab inserts). */
export function commonPrefix(candidates: readonly string[]): string {
  if (candidates.length === 0) return '';
  let p = candidates[0] ?? '';
  for (const c of candidates) while (!c.startsWith(p)) p = p.slice(0, -1);
  return p;
}
