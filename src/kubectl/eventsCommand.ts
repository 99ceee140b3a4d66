// `kubectl events`: the newer events command. Unlike `get events` it sorts by last time, prints
// LAST SEEN as "2m (x4 over 5m)" for repeats, names the object with its Kind ("Pod/web-1"),
// filters with --for TYPE/NAME and --types Normal,Warning, and -w keeps printing new ones.
import { stringify } from 'yaml';
import type { Timeline } from '../sim/engine/index.ts';
import type { ConsoleContext } from './context.ts';
import { eventObject, eventsAt, interval, objectColumn, type EventView } from './events.ts';
import { flagValue, hasFlag, type Args } from './flags.ts';
import { table } from './format.ts';
import { notServed } from './get.ts';
import { resolveType } from './resources.ts';
import type { CommandResult } from './run.ts';

export interface EventsSpec {
  namespace?: string;
  forKind?: string;
  forName?: string;
  types: string[];
  /** Column widths printed so far (rows line up with the first table). */
  widths: number[];
  headerPrinted: boolean;
}

function matches(spec: EventsSpec, e: EventView): boolean {
  return (
    (spec.namespace === undefined || e.namespace === spec.namespace) &&
    (spec.forKind === undefined || (e.kind === spec.forKind && e.name === spec.forName)) &&
    (spec.types.length === 0 || spec.types.some((t) => t.toLowerCase() === e.type.toLowerCase()))
  );
}

const header = (spec: EventsSpec): string[] => [
  ...(spec.namespace === undefined ? ['NAMESPACE'] : []),
  'LAST SEEN',
  'TYPE',
  'REASON',
  'OBJECT',
  'MESSAGE',
];

function row(spec: EventsSpec, t: number, e: EventView): string[] {
  return [
    ...(spec.namespace === undefined ? [e.namespace] : []),
    interval(t, e),
    e.type,
    e.reason,
    objectColumn(e, false),
    e.message,
  ];
}

export function eventsCommand(a: Args, ctx: ConsoleContext): CommandResult {
  const types = (flagValue(a, 'types') ?? '').split(',').filter((t) => t !== '');
  if (types.some((t) => !/^(normal|warning)$/i.test(t)))
    return { output: '', error: 'error: valid --types are Normal or Warning' };
  const allNamespaces = hasFlag(a, 'all-namespaces');
  const namespace = flagValue(a, 'namespace') ?? 'default';
  const spec: EventsSpec = {
    ...(allNamespaces ? {} : { namespace }),
    types,
    widths: [],
    headerPrinted: false,
  };
  const forText = flagValue(a, 'for');
  if (forText !== undefined) {
    const parts = forText.split('/');
    if (parts.length !== 2)
      return {
        output: '',
        error:
          parts.length > 2
            ? 'error: arguments in resource/name form may not have more than one slash'
            : 'error: --for must be in resource/name form',
      };
    const type = resolveType(parts[0] ?? '');
    if (!type || !type.served(ctx.state)) return { output: '', error: notServed(parts[0] ?? '') };
    spec.forKind = type.kind;
    spec.forName = parts[1] ?? '';
  }
  const o = flagValue(a, 'output');
  if (o !== undefined && o !== 'yaml' && o !== 'json')
    return {
      output: '',
      error: `error: unable to match a printer suitable for the output format "${o}", allowed formats are: json,yaml`,
    };
  const evs = eventsAt(ctx.timeline, ctx.t)
    .filter((e) => matches(spec, e))
    .sort((x, y) => x.last - y.last);
  const watch = hasFlag(a, 'watch');
  if (evs.length === 0 && !watch)
    return {
      output: '',
      error: allNamespaces ? 'No events found.' : `No events found in ${namespace} namespace.`,
    };
  if (o !== undefined) {
    const list = { apiVersion: 'v1', kind: 'EventList', items: evs.map(eventObject) };
    return {
      output: o === 'json' ? JSON.stringify(list, null, 4) : stringify(list).trimEnd(),
    };
  }
  const noHeaders = hasFlag(a, 'no-headers');
  const rows = evs.map((e) => row(spec, ctx.t, e));
  const output =
    rows.length === 0 ? '' : table(noHeaders ? rows : [header(spec), ...rows], spec.widths);
  spec.headerPrinted = rows.length > 0 && !noHeaders;
  return watch ? { output, watch: { kind: 'events', spec } } : { output };
}

/** `kubectl events -w`: one row per event occurrence in (from, to], with its count then. */
export function eventLines(
  spec: EventsSpec,
  timeline: Timeline,
  from: number,
  to: number,
): { lines: string[]; spec: EventsSpec } {
  const lines: string[] = [];
  const widths = [...spec.widths];
  let headerPrinted = spec.headerPrinted;
  const times = [
    ...new Set(
      timeline.events.filter((e) => e.type === 'k8s' && e.t > from && e.t <= to).map((e) => e.t),
    ),
  ];
  for (const t of times) {
    for (const e of eventsAt(timeline, t))
      if (e.last === t && matches(spec, e)) {
        const r = row(spec, t, e);
        const text = table(headerPrinted ? [r] : [header(spec), r], widths);
        headerPrinted = true;
        lines.push(...text.split('\n'));
      }
  }
  return { lines, spec: { ...spec, widths, headerPrinted } };
}
