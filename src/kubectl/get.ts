// `kubectl get`: pick the resource type, filter by namespace / names / label selector, and print
// the table (plain, wide, with -L and --show-labels columns) or the objects (-o yaml|json|name).
import { stringify } from 'yaml';
import type { ClusterState } from '../sim/engine/index.ts';
import { flagValue, hasFlag, type ReadArgs } from './args.ts';
import type { ConsoleContext } from './context.ts';
import { table } from './format.ts';
import { qualified, resolveType, type Item, type ResourceType } from './resources.ts';
import { parseSelector, type Selector } from './selector.ts';
import { own } from '../sim/own.ts';

export type OutputFormat = 'table' | 'wide' | 'yaml' | 'json' | 'name';

export interface GetRequest {
  type: ResourceType;
  names: string[];
  namespace: string;
  allNamespaces: boolean;
  output: OutputFormat;
  selector?: Selector;
  labelColumns: string[];
  showLabels: boolean;
}

export interface GetResult {
  output: string;
  error?: string;
}

export function notServed(word: string): string {
  return `error: the server doesn't have a resource type "${word}"`;
}

/** Flags → a request, or kubectl's error text. */
export function getRequest(a: ReadArgs, ctx: ConsoleContext): GetRequest | string {
  const [first, ...rest] = a.positional;
  if (first === undefined)
    return 'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.';
  // `get nodeclaim/x`, `get deploy inflate web`
  const slash = first.split('/');
  const typeWord = slash[0] ?? '';
  const names = slash.length > 1 ? [slash.slice(1).join('/'), ...rest] : rest;
  const type = resolveType(typeWord);
  if (!type || !type.served(ctx.state)) return notServed(typeWord);
  const given = flagValue(a, 'o', 'output');
  const o = given ?? 'table';
  if (given !== undefined && !['wide', 'yaml', 'json', 'name'].includes(given))
    return `error: unable to match a printer suitable for the output format "${o}", allowed formats are: json,name,wide,yaml`;
  const sel = flagValue(a, 'l', 'selector');
  const selector = sel === undefined ? undefined : parseSelector(sel);
  if (selector && 'error' in selector) return selector.error;
  const labelColumns = (flagValue(a, 'L', 'label-columns') ?? '')
    .split(',')
    .filter((k) => k !== '');
  const allNamespaces = hasFlag(a, 'A', 'all-namespaces');
  return {
    type,
    names,
    namespace: flagValue(a, 'n', 'namespace') ?? 'default',
    allNamespaces,
    output: o as OutputFormat,
    ...(selector ? { selector } : {}),
    labelColumns,
    showLabels: hasFlag(a, 'show-labels'),
  };
}

/** The items a request names, in the API server's order (namespace, then name) unless `sorted` is false. */
export function selectItems(req: GetRequest, ctx: ConsoleContext, sorted = true): Item[] {
  const anyNamespace = !req.type.namespaced || req.allNamespaces;
  const items = req.type
    .list(ctx)
    .filter(
      (i) =>
        (anyNamespace || i.namespace === req.namespace) &&
        (req.names.length === 0 || req.names.includes(i.name)) &&
        (!req.selector || req.selector(i.labels)),
    );
  if (req.type.chronological || !sorted) return items;
  return items
    .map((i) => ({ i, key: `${i.namespace ?? ''}/${i.name}` }))
    .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
    .map((x) => x.i);
}

/** "-L karpenter.sh/capacity-type" → header CAPACITY-TYPE (the key's last path segment). */
function labelHeader(key: string): string {
  return (key.split('/').pop() ?? key).toUpperCase();
}

export function headerRow(req: GetRequest, state: ClusterState): string[] {
  return [
    ...(req.type.namespaced && req.allNamespaces ? ['NAMESPACE'] : []),
    ...req.type.headers(req.output === 'wide', state),
    ...req.labelColumns.map(labelHeader),
    ...(req.showLabels ? ['LABELS'] : []),
  ];
}

export function itemRow(req: GetRequest, i: Item): string[] {
  const labels = Object.entries(i.labels)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return [
    ...(req.type.namespaced && req.allNamespaces ? [i.namespace ?? ''] : []),
    ...i.cells(req.output === 'wide'),
    ...req.labelColumns.map((k) => own(i.labels, k) ?? ''),
    ...(req.showLabels ? [labels === '' ? '<none>' : labels] : []),
  ];
}

function noResources(req: GetRequest): string {
  return req.type.namespaced && !req.allNamespaces
    ? `No resources found in ${req.namespace} namespace.`
    : 'No resources found';
}

/** `widths` receives the table's column widths (what `get -w` rows line up with). */
export function runGet(req: GetRequest, ctx: ConsoleContext, widths?: number[]): GetResult {
  const items = selectItems(req, ctx);
  const missing = req.names.filter((n) => !items.some((i) => i.name === n));
  const notFound = missing
    .map((n) => `Error from server (NotFound): ${qualified(req.type, true)} "${n}" not found`)
    .join('\n');
  const withError = (output: string): GetResult =>
    notFound === '' ? { output } : { output, error: notFound };
  if (items.length === 0)
    return req.names.length > 0 ? { output: '', error: notFound } : { output: noResources(req) };
  switch (req.output) {
    case 'name':
      return withError(items.map((i) => `${qualified(req.type)}/${i.name}`).join('\n'));
    case 'yaml':
    case 'json': {
      const single = req.names.length === 1 && items.length === 1;
      const doc = single
        ? (items[0] as Item).object()
        : {
            apiVersion: 'v1',
            kind: 'List',
            items: items.map((i) => i.object()),
            metadata: { resourceVersion: '' },
          };
      return withError(
        req.output === 'yaml'
          ? stringify(doc, { sortMapEntries: true, indentSeq: false, version: '1.1' }).trimEnd()
          : JSON.stringify(doc, null, 4),
      );
    }
    default:
      return withError(
        table([headerRow(req, ctx.state), ...items.map((i) => itemRow(req, i))], widths),
      );
  }
}
