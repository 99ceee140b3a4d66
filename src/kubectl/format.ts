// Text primitives kubectl's output is made of: Go's text/tabwriter (the column layout of `get` and
// `describe`), apimachinery's HumanDuration (the AGE column), and the wall clock the simulated
// cluster lives on. Pure functions; nothing here knows about resources.
import { isoAt } from '../sim/engine/workloads.ts';

/** kubectl get: tabwriter.NewWriter(out, 6, 4, 3, ' ', RememberWidths) (cli-runtime printers). */
export const GET_TABS = { minWidth: 6, padding: 3 } as const;
/** kubectl describe: tabwriter.NewWriter(out, 0, 8, 2, ' ', 0). */
export const DESCRIBE_TABS = { minWidth: 0, padding: 2 } as const;

export interface TabOptions {
  minWidth: number;
  padding: number;
}

/**
 * Go's text/tabwriter: a cell is text terminated by a tab; text after a line's last tab is not a
 * cell and is printed as is. Column c is aligned over each run of consecutive lines that have a
 * cell c (so a line without tabs ends every column block — describe's sections rely on this).
 * `remembered` carries widths across calls, like the RememberWidths flag `get -w` uses.
 */
export function tabwrite(text: string, opts: TabOptions, remembered?: number[]): string {
  const lines = text.split('\n').map((l) => l.split('\t'));
  const widths: number[][] = lines.map(() => []);
  const walk = (lo: number, hi: number, col: number): void => {
    let i = lo;
    while (i < hi) {
      if ((lines[i]?.length ?? 0) - 1 <= col) {
        i++;
        continue;
      }
      let j = i;
      let w = Math.max(opts.minWidth, remembered?.[col] ?? 0);
      while (j < hi && (lines[j]?.length ?? 0) - 1 > col) {
        w = Math.max(w, (lines[j]?.[col]?.length ?? 0) + opts.padding);
        j++;
      }
      if (remembered) remembered[col] = w;
      for (let k = i; k < j; k++) (widths[k] as number[])[col] = w;
      walk(i, j, col + 1);
      i = j;
    }
  };
  walk(0, lines.length, 0);
  return lines
    .map((cells, i) =>
      cells
        .map((c, col) => (col < cells.length - 1 ? c.padEnd(widths[i]?.[col] ?? 0) : c))
        .join(''),
    )
    .join('\n');
}

/** Rows of cells → kubectl get's table (no trailing newline). */
export function table(rows: readonly (readonly string[])[], remembered?: number[]): string {
  return tabwrite(rows.map((r) => r.join('\t')).join('\n'), GET_TABS, remembered);
}

/**
 * k8s.io/apimachinery/pkg/util/duration.HumanDuration: 45s, 119s, 3m12s, 12m, 5h30m, 14h, 3d4h, 12d,
 * 2y45d, 9y — precise when young, coarse when old, as kubectl's AGE column prints it.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const d = Math.floor(hours / 24) % 365;
    return d === 0 ? `${Math.floor(hours / 24 / 365)}y` : `${Math.floor(hours / 24 / 365)}y${d}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

/** RFC 3339 with seconds, as in metadata.creationTimestamp ("2025-01-01T00:00:31Z"). */
export function timestamp(t: number): string {
  return isoAt(Math.floor(t / 1000) * 1000).replace('.000Z', 'Z');
}

/** Karpenter's zap logger time field (millisecond precision). */
export function logTime(t: number): string {
  return isoAt(t);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** describe's CreationTimestamp (time.RFC1123Z): "Wed, 01 Jan 2025 00:00:31 +0000". */
export function rfc1123(t: number): string {
  const d = new Date(isoAt(t));
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()] ?? ''}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** FNV-1a: stable made-up identifiers (instance IDs, pod IPs) derived from names, never random. */
export function stableHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** "a, b, c, d, e and 55 other(s)" — how Karpenter's logs abbreviate long lists. */
export function truncatedList(items: readonly string[], max = 5): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} other(s)`;
}
