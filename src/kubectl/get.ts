// `kubectl get`: which kinds (a comma list, `all`, a category such as `karpenter`, or type/name
// pairs), which objects (namespace, names, -l label and --field-selector field selectors), in which
// order (--sort-by), and how to print them (printers.ts).
import type { ClusterState } from '../sim/engine/index.ts';
import type { ConsoleContext } from './context.ts';
import { parseFieldSelector, type FieldSelector } from './fieldSelector.ts';
import { flagValue, hasFlag, type Args } from './flags.ts';
import { evaluate, JsonPathError, parseFieldPath, printValue } from './jsonpath.ts';
import { parseOutput, type Output } from './outputFormat.ts';
import { RESOURCE_TYPES, resolveType, type Item, type ResourceType } from './resources.ts';
import { parseSelector, type Selector } from './selector.ts';

export interface Target {
  type: ResourceType;
  /** Names asked for; empty = all. */
  names: string[];
}

export interface GetRequest {
  targets: Target[];
  /** More than one kind was asked for: names print as kind/name, one table per kind. */
  multi: boolean;
  namespace: string;
  allNamespaces: boolean;
  output: Output;
  selector?: Selector;
  fieldSelector?: string;
  labelColumns: string[];
  showLabels: boolean;
  showKind: boolean;
  noHeaders: boolean;
  ignoreNotFound: boolean;
  sortBy?: ReturnType<typeof parseFieldPath>;
}

export function notServed(word: string): string {
  return `error: the server doesn't have a resource type "${word}"`;
}

/** "pods,nodes", "all", "karpenter" → kinds the cluster serves, or the word it does not know. */
function expandTypes(words: string, state: ClusterState): ResourceType[] | string {
  const out: ResourceType[] = [];
  for (const word of words.split(',')) {
    const w = word.toLowerCase();
    const inCategory = RESOURCE_TYPES.filter((r) => r.categories?.includes(w) && r.served(state));
    const type = resolveType(w);
    if (type) {
      if (!type.served(state)) return word;
      out.push(type);
    } else if (inCategory.length > 0 || w === 'all') out.push(...inCategory);
    else return word;
  }
  return [...new Set(out)];
}

/** Resource arguments → targets: `pods a b`, `pods,deploy`, `pod/a deploy/b`. */
function targetsOf(positional: readonly string[], state: ClusterState): Target[] | string {
  const [first, ...rest] = positional;
  if (first === undefined)
    return 'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.';
  if (first.includes('/')) {
    const targets: Target[] = [];
    for (const word of positional) {
      const slash = word.indexOf('/');
      if (slash < 0)
        return "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'";
      const typeWord = word.slice(0, slash);
      const type = resolveType(typeWord);
      if (!type || !type.served(state)) return notServed(typeWord);
      const name = word.slice(slash + 1);
      const known = targets.find((t) => t.type === type);
      if (known) known.names.push(name);
      else targets.push({ type, names: [name] });
    }
    return targets;
  }
  const types = expandTypes(first, state);
  if (typeof types === 'string') return notServed(types);
  return types.map((type) => ({ type, names: [...rest] }));
}

/** Flags → a request, or kubectl's error text. */
export function getRequest(a: Args, ctx: ConsoleContext): GetRequest | string {
  const targets = targetsOf(a.positional, ctx.state);
  if (typeof targets === 'string') return targets;
  const output = parseOutput(flagValue(a, 'output'));
  if (typeof output === 'string') return output;
  const sel = flagValue(a, 'selector');
  const selector = sel === undefined ? undefined : parseSelector(sel);
  if (selector && 'error' in selector) return selector.error;
  const fieldSelector = flagValue(a, 'field-selector');
  if (fieldSelector !== undefined)
    for (const t of targets) {
      const parsed = parseFieldSelector(fieldSelector, t.type, sel ?? '');
      if ('error' in parsed) return parsed.error;
    }
  const sortText = flagValue(a, 'sort-by');
  let sortBy: GetRequest['sortBy'];
  try {
    sortBy = sortText === undefined ? undefined : parseFieldPath(sortText);
  } catch (e) {
    return `error: couldn't parse --sort-by ${sortText ?? ''}: ${e instanceof JsonPathError ? e.message : String(e)}`;
  }
  const positionalTypes = a.positional[0]?.includes('/') ? targets.length : 0;
  return {
    targets,
    multi: targets.length > 1 || positionalTypes > 1 || a.positional[0] === 'all',
    namespace: flagValue(a, 'namespace') ?? 'default',
    allNamespaces: hasFlag(a, 'all-namespaces'),
    output,
    ...(selector ? { selector } : {}),
    ...(fieldSelector === undefined ? {} : { fieldSelector }),
    labelColumns: (flagValue(a, 'label-columns') ?? '').split(',').filter((k) => k !== ''),
    showLabels: hasFlag(a, 'show-labels'),
    showKind: hasFlag(a, 'show-kind'),
    noHeaders: hasFlag(a, 'no-headers'),
    ignoreNotFound: hasFlag(a, 'ignore-not-found'),
    ...(sortBy ? { sortBy } : {}),
  };
}

/** All selectable fields of an item: metadata.* plus the kind's own. */
export function fieldsOf(i: Item): Record<string, string> {
  return { 'metadata.name': i.name, 'metadata.namespace': i.namespace ?? '', ...i.fields };
}

/** kubectl sorts strings "naturally": digit runs compare as numbers (node-9 before node-10). */
export function naturalLess(a: string, b: string): boolean {
  const re = /(\d+)|(\D+)/g;
  const xs = a.match(re) ?? [];
  const ys = b.match(re) ?? [];
  for (let k = 0; k < Math.min(xs.length, ys.length); k++) {
    const x = xs[k] ?? '';
    const y = ys[k] ?? '';
    if (x === y) continue;
    const nx = /^\d/.test(x) && /^\d/.test(y);
    return nx ? Number(x) < Number(y) || (Number(x) === Number(y) && x.length < y.length) : x < y;
  }
  return xs.length < ys.length;
}

function sortKey(steps: NonNullable<GetRequest['sortBy']>, i: Item): unknown {
  return evaluate(steps, i.object())[0];
}

function sortItems(items: Item[], steps: NonNullable<GetRequest['sortBy']>): Item[] {
  const keyed = items.map((i) => ({ i, k: sortKey(steps, i) }));
  // Stable: equal keys keep the API server's order; missing values sort first.
  keyed.sort((x, y) => {
    if (x.k === y.k) return 0;
    if (x.k === undefined) return -1;
    if (y.k === undefined) return 1;
    if (typeof x.k === 'number' && typeof y.k === 'number') return x.k - y.k;
    const a = printValue(x.k);
    const b = printValue(y.k);
    return naturalLess(a, b) ? -1 : naturalLess(b, a) ? 1 : 0;
  });
  return keyed.map((x) => x.i);
}

/**
 * The items of one target, in the API server's order (namespace, then name) or --sort-by's; `sorted`
 * false keeps the kind's list order (get -w compares lists between instants).
 */
export function selectItems(
  req: GetRequest,
  target: Target,
  ctx: ConsoleContext,
  sorted = true,
): Item[] {
  const anyNamespace = !target.type.namespaced || req.allNamespaces;
  const fields: FieldSelector | undefined =
    req.fieldSelector === undefined
      ? undefined
      : (parseFieldSelector(req.fieldSelector, target.type) as FieldSelector);
  const items = target.type
    .list(ctx)
    .filter(
      (i) =>
        (anyNamespace || i.namespace === req.namespace) &&
        (target.names.length === 0 || target.names.includes(i.name)) &&
        (!req.selector || req.selector(i.labels)) &&
        (!fields || fields(fieldsOf(i))),
    );
  if (!sorted) return items;
  const byName = items
    .map((i) => ({ i, key: `${i.namespace ?? ''}/${i.name}` }))
    .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
    .map((x) => x.i);
  return req.sortBy ? sortItems(byName, req.sortBy) : byName;
}
