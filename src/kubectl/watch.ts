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
import { readArgs } from './args.ts';
import type { ConsoleContext } from './context.ts';
import { table } from './format.ts';
import { getRequest, headerRow, itemRow, selectItems, type GetRequest } from './get.ts';

export interface WatchSpec {
  /** The get command's words after `get`, without -w (re-parsed at every step). */
  args: string[];
  /** Column widths of what was printed so far. */
  widths: readonly number[];
  /** Whether the header line was printed (not when the first listing was empty). */
  headerPrinted: boolean;
}

// Events that cannot change what `get` prints.
const SILENT: ReadonlySet<SimEvent['type']> = new Set([
  'k8s',
  'action',
  'progress',
  'offering.unavailable',
  'offering.available',
]);

/** Cells that change on their own (AGE, LAST SEEN, "3 (20s ago)") do not make a watch event. */
function signer(req: GetRequest, state: ClusterState): (row: string[]) => string {
  const header = headerRow(req, state);
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
  ctx: ConsoleContext,
  signature: (row: string[]) => string,
  prev?: Map<string, Row>,
): Map<string, Row> {
  const rows = new Map<string, Row>();
  if (!req.type.served(ctx.state)) return rows;
  for (const i of selectItems(req, ctx, false)) {
    const key = `${i.namespace ?? ''}/${i.name}`;
    const before = prev?.get(key);
    if (before && i.source !== undefined && before.source === i.source) {
      rows.set(key, before);
      continue;
    }
    const cells = itemRow(req, i);
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
  const req = getRequest(readArgs(spec.args), { timeline, t: from, state });
  if (typeof req === 'string' || req.output === 'yaml' || req.output === 'json')
    return { lines: [], spec };
  const signature = signer(req, state);
  let prev = rowsAt(req, { timeline, t: from, state }, signature);
  const widths = [...spec.widths];
  const out: string[] = [];
  let headerPrinted = spec.headerPrinted;
  const print = (row: string[]): void => {
    if (!headerPrinted) {
      // Header and first row go through the tabwriter together, as kubectl prints them.
      out.push(...table([headerRow(req, state), row], widths).split('\n'));
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
      changed ||= !SILENT.has(e.type);
    }
    if (!changed) continue;
    const next = rowsAt(req, { timeline, t, state }, signature, prev);
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
