// `kubectl get … -w`: after the first table, kubectl prints one row each time a watched object
// changes (and the last state of an object when it is deleted). The console replays that as the
// cursor moves: watchLines(spec, timeline, from, to) gives the rows for changes in (from, to].
// Rows share the first table's column widths (kubectl's tabwriter remembers them); when the first
// listing was empty, the header comes with the first row. Each call returns the spec to pass to
// the next one, so widths and the header survive across calls.
import {
  cloneState,
  applyInPlace,
  countUpTo,
  stateAt,
  type ClusterState,
  type SimEvent,
  type Timeline,
} from '../sim/engine/index.ts';
import type { ConsoleContext } from './context.ts';
import { parseFlags } from './flags.ts';
import { table } from './format.ts';
import { getRequest, selectItems, type GetRequest, type Target } from './get.ts';
import { headerRow, itemRow } from './output.ts';

export interface WatchSpec {
  /** The get command's words after `get`, without -w (re-parsed at every step). */
  args: string[];
  /** Column widths of what was printed so far. */
  widths: readonly number[];
  /** Whether the header line was printed (not when the first listing was empty). */
  headerPrinted: boolean;
}

// Events that cannot change what `get` prints (Kubernetes events only change `get events`).
const SILENT: ReadonlySet<SimEvent['type']> = new Set([
  'action',
  'progress',
  'offering.unavailable',
  'offering.available',
]);

/** Cells that change on their own (AGE, LAST SEEN, "3 (20s ago)") do not make a watch event. */
function signer(req: GetRequest, target: Target, state: ClusterState): (row: string[]) => string {
  const header = headerRow(req, target.type, state);
  const keep = header.map((h) => h !== 'AGE' && h !== 'LAST SEEN');
  return (row) =>
    row
      .filter((_, i) => keep[i])
      .map((c) => c.replace(/ \(.* ago\)$/, ''))
      .join('\t');
}

interface Row {
  cells: string[];
  signature: string;
  source: object | undefined;
}

/** The rows at ctx, reusing the previous row of any item whose engine record has not changed. */
function rowsAt(
  req: GetRequest,
  target: Target,
  ctx: ConsoleContext,
  signature: (row: string[]) => string,
  prev?: Map<string, Row>,
): Map<string, Row> {
  const rows = new Map<string, Row>();
  if (!target.type.served(ctx.state)) return rows;
  for (const i of selectItems(req, target, ctx, false)) {
    const key = `${i.namespace ?? ''}/${i.name}`;
    const before = prev?.get(key);
    if (before && i.source !== undefined && before.source === i.source) {
      rows.set(key, before);
      continue;
    }
    const cells = itemRow(req, target.type, i);
    rows.set(key, { cells, signature: signature(cells), source: i.source });
  }
  return rows;
}

export function watchLines(
  spec: WatchSpec,
  timeline: Timeline,
  from: number,
  to: number,
): { lines: string[]; spec: WatchSpec } {
  const state = cloneState(stateAt(timeline, from));
  const args = parseFlags('get', spec.args);
  const req = 'error' in args ? args.error : getRequest(args, { timeline, t: from, state });
  const target = typeof req === 'string' ? undefined : req.targets[0];
  if (
    typeof req === 'string' ||
    !target ||
    (req.output.kind !== 'table' && req.output.kind !== 'wide')
  )
    return { lines: [], spec };
  const signature = signer(req, target, state);
  const silent = (e: SimEvent): boolean =>
    e.type === 'k8s' ? target.type.plural !== 'events' : SILENT.has(e.type);
  let prev = rowsAt(req, target, { timeline, t: from, state }, signature);
  const widths = [...spec.widths];
  const out: string[] = [];
  let headerPrinted = spec.headerPrinted;
  const print = (row: string[]): void => {
    if (!headerPrinted) {
      // Header and first row go through the tabwriter together, as kubectl prints them.
      out.push(...table([headerRow(req, target.type, state), row], widths).split('\n'));
      headerPrinted = true;
    } else out.push(table([row], widths));
  };
  const { events } = timeline;
  let i = countUpTo(events, from);
  while (i < events.length && (events[i]?.t ?? Infinity) <= to) {
    const t = events[i]?.t ?? 0;
    let changed = false;
    for (; i < events.length && events[i]?.t === t; i++) {
      const e = events[i] as SimEvent;
      applyInPlace(state, e);
      changed ||= !silent(e);
    }
    if (!changed) continue;
    const next = rowsAt(req, target, { timeline, t, state }, signature, prev);
    const rows: [string, Row][] = [];
    for (const [key, row] of next) {
      const before = prev.get(key);
      if (!before || before.signature !== row.signature) rows.push([key, row]);
    }
    for (const [key, row] of prev) if (!next.has(key)) rows.push([key, row]);
    // Within one instant, rows come in the API server's order.
    rows.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [, row] of rows) print(row.cells);
    prev = next;
  }
  return { lines: out, spec: { ...spec, widths, headerPrinted } };
}
