// How `get` prints what it selected: kubectl's tables (plain, -o wide, -L columns, --show-labels,
// --no-headers, kind-prefixed names and one table per kind when several kinds are listed), or the
// objects (-o yaml|json|name), or a template over them (-o jsonpath=…, -o custom-columns=…).
import { stringify } from 'yaml';
import type { ClusterState } from '../sim/engine/index.ts';
import type { ConsoleContext } from './context.ts';
import { table } from './format.ts';
import type { GetRequest, Target } from './get.ts';
import { selectItems } from './get.ts';
import { evaluate, execute, printValue } from './jsonpath.ts';
import type { Output } from './outputFormat.ts';
import { qualified, type Item, type ResourceType } from './resources.ts';

export interface GetResult {
  output: string;
  error?: string;
}

/** "-L karpenter.sh/capacity-type" → header CAPACITY-TYPE (the key's last path segment). */
function labelHeader(key: string): string {
  return (key.split('/').pop() ?? key).toUpperCase();
}

const wide = (req: GetRequest): boolean => req.output.kind === 'wide';

export function headerRow(req: GetRequest, type: ResourceType, state: ClusterState): string[] {
  return [
    ...(type.namespaced && req.allNamespaces ? ['NAMESPACE'] : []),
    ...type.headers(wide(req), state),
    ...req.labelColumns.map(labelHeader),
    ...(req.showLabels ? ['LABELS'] : []),
  ];
}

export function itemRow(req: GetRequest, type: ResourceType, i: Item): string[] {
  const labels = Object.entries(i.labels)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const [name = '', ...cells] = i.cells(wide(req));
  return [
    ...(type.namespaced && req.allNamespaces ? [i.namespace ?? ''] : []),
    req.multi || req.showKind ? `${qualified(type)}/${name}` : name,
    ...cells,
    ...req.labelColumns.map((k) => i.labels[k] ?? ''),
    ...(req.showLabels ? [labels === '' ? '<none>' : labels] : []),
  ];
}

function noResources(req: GetRequest): string {
  const namespaced = req.targets.some((t) => t.type.namespaced);
  return namespaced && !req.allNamespaces
    ? `No resources found in ${req.namespace} namespace.`
    : 'No resources found';
}

function customColumns(
  columns: Extract<Output, { kind: 'custom-columns' }>['columns'],
  items: Item[],
  noHeaders: boolean,
): string {
  const rows = items.map((i) => {
    const o = i.object();
    return columns.map((c) => {
      const values = evaluate(c.path, o);
      return values.length === 0 ? '<none>' : values.map(printValue).join(',');
    });
  });
  return table(noHeaders ? rows : [columns.map((c) => c.header), ...rows]);
}

/** `widths` receives the table's column widths (what `get -w` rows line up with). */
export function runGet(req: GetRequest, ctx: ConsoleContext, widths?: number[]): GetResult {
  const groups = req.targets.map((t: Target) => ({ t, items: selectItems(req, t, ctx) }));
  const missing = groups.flatMap(({ t, items }) =>
    t.names
      .filter((n) => !items.some((i) => i.name === n))
      .map((n) => `Error from server (NotFound): ${qualified(t.type, true)} "${n}" not found`),
  );
  const notFound = req.ignoreNotFound ? '' : missing.join('\n');
  const withError = (output: string): GetResult =>
    notFound === '' ? { output } : { output, error: notFound };
  const all = groups.flatMap((g) => g.items);
  const named = req.targets.some((t) => t.names.length > 0);
  if (all.length === 0) {
    if (named || req.ignoreNotFound) return withError('');
    return { output: noResources(req) };
  }
  const single = !req.multi && req.targets[0]?.names.length === 1 && all.length === 1;
  const doc = (): object =>
    single
      ? (all[0] as Item).object()
      : {
          apiVersion: 'v1',
          kind: 'List',
          items: all.map((i) => i.object()),
          metadata: { resourceVersion: '' },
        };
  const out = req.output;
  switch (out.kind) {
    case 'name':
      return withError(
        groups
          .flatMap(({ t, items }) => items.map((i) => `${qualified(t.type)}/${i.name}`))
          .join('\n'),
      );
    case 'yaml':
      return withError(
        stringify(doc(), { sortMapEntries: true, indentSeq: false, version: '1.1' }).trimEnd(),
      );
    case 'json':
      return withError(JSON.stringify(doc(), null, 4));
    case 'jsonpath':
      return withError(execute(out.template, doc()));
    case 'custom-columns':
      return withError(customColumns(out.columns, all, req.noHeaders));
    default: {
      const tables = groups
        .filter((g) => g.items.length > 0)
        .map(({ t, items }) => {
          const rows = items.map((i) => itemRow(req, t.type, i));
          return table(
            req.noHeaders ? rows : [headerRow(req, t.type, ctx.state), ...rows],
            groups.length === 1 ? widths : undefined,
          );
        });
      return withError(tables.join('\n\n'));
    }
  }
}
