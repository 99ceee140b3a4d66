// Budget schedules (reference §3.12) exactly as Karpenter reads them: robfig/cron v3
// `ParseStandard("TZ=UTC " + schedule)` (5 fields or an @-descriptor), and `Budget.IsActive`:
//   nextHit = schedule.Next(now − duration);  active ⇔ nextHit is not after now.
// So a budget is active for `duration` after each hit: some hit h with now − duration < h ≤ now.
// Next() searches at most five years ahead and returns Go's zero time when nothing matches; the
// zero time is "not after now", so a schedule that never fires (Feb 30) leaves its budget active
// for good — Karpenter's behaviour, kept here. The search is bounded (≤ 5 years of month, day,
// hour and minute steps), whatever the duration.
//
// Simulation time has no calendar, so time 0 is pinned to SIM_EPOCH_MS: Monday 2024-01-01 00:00 UTC.
// A schedule "0 9 * * 1-5" is therefore first hit 9 h into a run.

import { SIM_EPOCH_MS } from '../engine/duration.ts';

export { SIM_EPOCH_MS };

// robfig/cron parseDescriptor (case-sensitive; `@every` exists there but Karpenter's CRD pattern
// does not let it through, so it is an unknown descriptor here).
const DESCRIPTORS: ReadonlyMap<string, string> = new Map([
  ['@yearly', '0 0 1 1 *'],
  ['@annually', '0 0 1 1 *'],
  ['@monthly', '0 0 1 * *'],
  ['@weekly', '0 0 * * 0'],
  ['@daily', '0 0 * * *'],
  ['@midnight', '0 0 * * *'],
  ['@hourly', '0 * * * *'],
]);

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface Field {
  values: ReadonlySet<number>;
  // robfig's starBit: some part of the field was a star or "?" with no step above 1 (so a star
  // with step 1 counts). It decides the day-of-month/day-of-week rule: with a star on either day
  // field, both must match.
  star: boolean;
}

export interface Cron {
  minute: Field;
  hour: Field;
  dom: Field;
  month: Field;
  dow: Field;
}

interface Bounds {
  min: number;
  max: number;
  names?: readonly string[];
  /** Value of names[0] (months start at 1). */
  nameBase?: number;
}

const MINUTE: Bounds = { min: 0, max: 59 };
const HOUR: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTH: Bounds = { min: 1, max: 12, names: MONTHS, nameBase: 1 };
const DOW: Bounds = { min: 0, max: 6, names: DAYS, nameBase: 0 };

/** strconv.Atoi, then robfig's "negative number" check. */
function parseUint(expr: string): number | string {
  if (!/^[+-]?\d+$/.test(expr)) return `failed to parse int from ${expr}`;
  const n = Number(expr);
  if (!Number.isSafeInteger(n)) return `failed to parse int from ${expr}: value out of range`;
  if (n < 0) return `negative number (${n}) not allowed: ${expr}`;
  return n;
}

function parseIntOrName(expr: string, b: Bounds): number | string {
  const i = b.names?.indexOf(expr.toLowerCase()) ?? -1;
  if (i >= 0) return i + (b.nameBase ?? 0);
  return parseUint(expr);
}

/** robfig getRange: one comma-separated part. */
function parseRange(expr: string, b: Bounds, values: Set<number>): boolean | string {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = (rangeAndStep[0] ?? '').split('-');
  const single = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    [start, end, star] = [b.min, b.max, true];
  } else {
    if (lowAndHigh.length > 2) return `too many hyphens: ${expr}`;
    const lo = parseIntOrName(lowAndHigh[0] ?? '', b);
    if (typeof lo === 'string') return lo;
    const hi = single ? lo : parseIntOrName(lowAndHigh[1] ?? '', b);
    if (typeof hi === 'string') return hi;
    [start, end] = [lo, hi];
  }
  let step = 1;
  if (rangeAndStep.length > 2) return `too many slashes: ${expr}`;
  if (rangeAndStep.length === 2) {
    const s = parseUint(rangeAndStep[1] ?? '');
    if (typeof s === 'string') return s;
    step = s;
    if (single) end = b.max; // "N/step" means "N-max/step"
    if (step > 1) star = false; // "*/2" is a restriction; "*/1" is still a star
  }
  if (start < b.min) return `beginning of range (${start}) below minimum (${b.min}): ${expr}`;
  if (end > b.max) return `end of range (${end}) above maximum (${b.max}): ${expr}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  if (step === 0) return `step of range should be a positive number: ${expr}`;
  for (let v = start; v <= end; v += step) values.add(v);
  return star;
}

/** robfig getField: comma-separated parts (empty parts are skipped, as strings.FieldsFunc does). */
function parseField(text: string, b: Bounds): Field | string {
  const values = new Set<number>();
  let star = false;
  for (const part of text.split(',')) {
    if (part === '') continue;
    const r = parseRange(part, b, values);
    if (typeof r === 'string') return r;
    star ||= r;
  }
  return { values, star };
}

/**
 * Parses a schedule as Karpenter does (robfig/cron v3 ParseStandard: "m h dom mon dow" or an
 * @-descriptor); returns robfig's error message for anything else.
 */
export function parseCron(text: string): Cron | string {
  if (text.length === 0) return 'empty spec string';
  let spec = text.trim();
  if (spec.startsWith('@')) {
    const expanded = DESCRIPTORS.get(spec);
    if (expanded === undefined) return `unrecognized descriptor: ${spec}`;
    spec = expanded;
  }
  const parts = spec.split(/\s+/).filter((p) => p !== '');
  if (parts.length !== 5)
    return `expected exactly 5 fields, found ${parts.length}: [${parts.join(' ')}]`;
  const fields: Field[] = [];
  for (const [i, b] of [MINUTE, HOUR, DOM, MONTH, DOW].entries()) {
    const f = parseField(parts[i] as string, b);
    if (typeof f === 'string') return f;
    fields.push(f);
  }
  const [minute, hour, dom, month, dow] = fields as [Field, Field, Field, Field, Field];
  return { minute, hour, dom, month, dow };
}

/** robfig dayMatches: with a star on either day field both must match, otherwise either may. */
function dayMatches(c: Cron, d: Date): boolean {
  const domOk = c.dom.values.has(d.getUTCDate());
  const dowOk = c.dow.values.has(d.getUTCDay());
  if (c.dom.star || c.dow.star) return domOk && dowOk;
  return domOk || dowOk;
}

/** Does the schedule fire at this (minute-aligned) simulation time? */
export function cronMatches(c: Cron, simMs: number): boolean {
  const d = new Date(SIM_EPOCH_MS + simMs);
  return (
    d.getUTCSeconds() === 0 &&
    c.minute.values.has(d.getUTCMinutes()) &&
    c.hour.values.has(d.getUTCHours()) &&
    c.month.values.has(d.getUTCMonth() + 1) &&
    dayMatches(c, d)
  );
}

/**
 * robfig SpecSchedule.Next in UTC: the first hit strictly after `simMs` (whole seconds), or
 * undefined (Go's zero time) when none comes within five years. Bounded work: the loops advance
 * month by month, then day, hour and minute, wrapping at most up to the year limit.
 */
export function nextHit(c: Cron, simMs: number): number | undefined {
  const H = 3_600_000;
  let t = new Date(Math.floor((SIM_EPOCH_MS + simMs) / 1000) * 1000 + 1000);
  const at = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): Date =>
    new Date(Date.UTC(y, mo, d, h, mi, s));
  // Go's AddDate: every other field kept, overflow normalised (Jan 31 + 1 month = Mar 2 or 3).
  const addDate = (d: Date, months: number, days: number): Date =>
    at(
      d.getUTCFullYear(),
      d.getUTCMonth() + months,
      d.getUTCDate() + days,
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
    );
  const yearLimit = t.getUTCFullYear() + 5;
  let added = false;
  wrap: for (;;) {
    if (t.getUTCFullYear() > yearLimit) return undefined;
    while (!c.month.values.has(t.getUTCMonth() + 1)) {
      if (!added) {
        added = true;
        t = at(t.getUTCFullYear(), t.getUTCMonth(), 1);
      }
      t = addDate(t, 1, 0);
      if (t.getUTCMonth() === 0) continue wrap;
    }
    while (!dayMatches(c, t)) {
      if (!added) {
        added = true;
        t = at(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate());
      }
      t = addDate(t, 0, 1);
      if (t.getUTCDate() === 1) continue wrap;
    }
    while (!c.hour.values.has(t.getUTCHours())) {
      if (!added) {
        added = true;
        t = at(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), t.getUTCHours());
      }
      t = new Date(t.getTime() + H);
      if (t.getUTCHours() === 0) continue wrap;
    }
    while (!c.minute.values.has(t.getUTCMinutes())) {
      if (!added) {
        added = true;
        t = new Date(Math.floor(t.getTime() / 60_000) * 60_000);
      }
      t = new Date(t.getTime() + 60_000);
      if (t.getUTCMinutes() === 0) continue wrap;
    }
    // The standard parser's seconds field is "0".
    while (t.getUTCSeconds() !== 0) {
      if (!added) {
        added = true;
        t = new Date(Math.floor(t.getTime() / 1000) * 1000);
      }
      t = new Date(t.getTime() + 1000);
      if (t.getUTCSeconds() === 0) continue wrap;
    }
    return t.getTime() - SIM_EPOCH_MS;
  }
}

/**
 * Is a budget with this schedule and duration active now? Karpenter's Budget.IsActive: the next
 * hit after (now − duration) is not after now. No hit within five years counts as active.
 */
export function scheduleActive(c: Cron, simMs: number, durationMs: number): boolean {
  const hit = nextHit(c, simMs - durationMs);
  return hit === undefined || hit <= simMs;
}
