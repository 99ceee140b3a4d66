// Budget schedules (reference §3.12): standard 5-field cron in UTC plus the @-macros, as Karpenter
// parses them (robfig/cron). A scheduled budget is active for `duration` after each hit:
// active at t ⇔ some hit h with t − duration < h ≤ t.
//
// Simulation time has no calendar, so time 0 is pinned to SIM_EPOCH_MS: Monday 2024-01-01 00:00 UTC.
// A schedule "0 9 * * 1-5" is therefore first hit 9 h into a run.

/** Simulation time 0 in wall-clock terms: Monday 2024-01-01T00:00:00Z. */
export const SIM_EPOCH_MS = Date.UTC(2024, 0, 1);

const MACROS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface Field {
  values: ReadonlySet<number>;
  /** "*" (or "?"): unrestricted — matters for the day-of-month/day-of-week OR rule. */
  star: boolean;
}

export interface Cron {
  minute: Field;
  hour: Field;
  dom: Field;
  month: Field;
  dow: Field;
}

function parseField(
  text: string,
  min: number,
  max: number,
  names?: readonly string[],
): Field | string {
  const values = new Set<number>();
  const star = text === '*' || text === '?';
  const num = (s: string): number => {
    const i = names?.indexOf(s.toLowerCase()) ?? -1;
    if (i >= 0) return i + (names === MONTHS ? 1 : 0);
    return /^\d+$/.test(s) ? Number(s) : NaN;
  };
  for (const part of text.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) return `bad step in "${part}"`;
    let lo: number;
    let hi: number;
    if (range === '*' || range === '?') [lo, hi] = [min, max];
    else {
      const [a = '', b] = range.split('-');
      lo = num(a);
      hi = b === undefined ? (stepText === undefined ? lo : max) : num(b);
    }
    // Day-of-week 7 is Sunday too.
    if (max === 6 && lo === 7 && hi === 7) {
      values.add(0);
      continue;
    }
    if (max === 6 && hi === 7) {
      hi = 6;
      values.add(0);
    }
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < min || hi > max || lo > hi)
      return `"${part}" is out of range ${min}-${max}`;
    for (let v = lo; v <= hi; v += step) values.add(v);
  }
  return { values, star };
}

/** Parses "m h dom mon dow" or a macro; returns an error message for anything else. */
export function parseCron(text: string): Cron | string {
  const spec = MACROS[text.trim().toLowerCase()] ?? text.trim();
  const parts = spec.split(/\s+/);
  if (parts.length !== 5) return `expected 5 fields or a macro (@daily, @hourly, …), got "${text}"`;
  const [m, h, dom, mon, dow] = parts as [string, string, string, string, string];
  const fields = [
    parseField(m, 0, 59),
    parseField(h, 0, 23),
    parseField(dom, 1, 31),
    parseField(mon, 1, 12, MONTHS),
    parseField(dow, 0, 6, DAYS),
  ];
  const bad = fields.find((f): f is string => typeof f === 'string');
  if (bad !== undefined) return `schedule "${text}": ${bad}`;
  const [minute, hour, d, month, w] = fields as Field[] as [Field, Field, Field, Field, Field];
  return { minute, hour, dom: d, month, dow: w };
}

/** Does the schedule fire at this (minute-aligned) simulation time? */
export function cronMatches(c: Cron, simMs: number): boolean {
  const d = new Date(SIM_EPOCH_MS + simMs);
  if (!c.minute.values.has(d.getUTCMinutes()) || !c.hour.values.has(d.getUTCHours())) return false;
  if (!c.month.values.has(d.getUTCMonth() + 1)) return false;
  const domOk = c.dom.values.has(d.getUTCDate());
  const dowOk = c.dow.values.has(d.getUTCDay());
  // Vixie/robfig rule: when both day fields are restricted, either may match.
  if (!c.dom.star && !c.dow.star) return domOk || dowOk;
  return domOk && dowOk;
}

/** The latest hit at or before `simMs` but after `simMs − windowMs`, if any. Hits are whole minutes. */
export function lastHit(c: Cron, simMs: number, windowMs: number): number | undefined {
  const minute = 60_000;
  const epochOffset = SIM_EPOCH_MS % minute; // 0: the epoch is minute-aligned
  let t = Math.floor((simMs - epochOffset) / minute) * minute + epochOffset;
  for (; t > simMs - windowMs; t -= minute) if (cronMatches(c, t)) return t;
  return undefined;
}

/** Is a budget with this schedule and duration active now? */
export function scheduleActive(c: Cron, simMs: number, durationMs: number): boolean {
  return lastHit(c, simMs, durationMs) !== undefined;
}
