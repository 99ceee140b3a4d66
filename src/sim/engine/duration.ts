// Go-style durations ("1m30s", "500ms", "720h") as the Karpenter APIs and the Scenario use them,
// converted to integer milliseconds (the engine's time unit, src/sim/CONTEXT.md "Units").

const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;

/** Parsed texts: disruption reads each NodePool's durations for every node on every pass. */
const parsed = new Map<string, number | undefined>();

/** "1m30s" → 90000; a bare number is seconds; undefined when the text is not a duration. */
export function parseDuration(text: string | number | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (typeof text === 'number')
    return Number.isFinite(text) && text >= 0 ? Math.round(text * 1000) : undefined;
  if (parsed.has(text)) return parsed.get(text);
  const ms = parseText(text);
  if (parsed.size >= 1_000) parsed.clear(); // a bound for texts from user input
  parsed.set(text, ms);
  return ms;
}

function parseText(text: string): number | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  let total = 0;
  let consumed = 0;
  for (const m of s.matchAll(PART)) {
    if (m.index !== consumed) return undefined; // junk between parts, e.g. "1x2s"
    total += Number(m[1]) * (UNIT_MS[m[2] ?? ''] ?? 0);
    consumed += m[0].length;
  }
  return consumed === s.length && consumed > 0 ? Math.round(total) : undefined;
}

/** 90000 → "1m30s", 0 → "0s": how the CLI and events print times. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return ms === 0 ? '0s' : `${ms}ms`;
  const totalS = Math.floor(ms / 1000);
  const h = Math.floor(totalS / 3600);
  const m = Math.floor((totalS % 3600) / 60);
  const s = totalS % 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s || (!h && !m) ? `${s}s` : ''}`;
}

/** Simulation time 0 in wall-clock terms: Monday 2024-01-01T00:00:00Z (budget schedules, event
 *  texts that print a time). */
export const SIM_EPOCH_MS = Date.UTC(2024, 0, 1);

/** A simulation time as Go prints a time.Time (`%v`): "2024-01-01 00:10:00.5 +0000 UTC". */
export function goTime(simMs: number): string {
  const iso = new Date(SIM_EPOCH_MS + simMs).toISOString(); // 2024-01-01T00:10:00.500Z
  const frac = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${frac ? `.${frac}` : ''} +0000 UTC`;
}
