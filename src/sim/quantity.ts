// Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource) parsed exactly with BigInt,
// so "0.1" + "0.2" cpu is 300m, never 300.00000000000006. The engine then works in canonical
// integers (convention 6): cpu in millicores, everything else in its base unit rounded up — the
// same as Kubernetes' MilliValue() for cpu and Value() for the rest.

export type Resources = Readonly<Record<string, number>>;

export class QuantityError extends Error {
  override name = 'QuantityError';
}

// <sign><digits>[.<digits>]<suffix>; suffix is binary SI, decimal SI or a decimal exponent.
const GRAMMAR = /^([+-]?)(\d*)(?:\.(\d*))?(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

const BINARY: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Readonly<Record<string, number>> = {
  n: -9,
  u: -6,
  m: -3,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

// An exponent beyond this cannot name a value the engine could hold; refuse before BigInt blows up.
const MAX_EXPONENT = 40;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function ceilDiv(num: bigint, den: bigint): bigint {
  // Rounds away from zero, like Kubernetes' RoundUp (values are exact when den divides num).
  const q = num / den;
  return num % den === 0n ? q : num > 0n ? q + 1n : q - 1n;
}

function parseOrThrow(input: string | number): bigint {
  const s = typeof input === 'number' ? numberToString(input) : input.trim();
  const m = GRAMMAR.exec(s);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) {
    throw new QuantityError(
      `quantities must match the regular expression '${GRAMMAR.source}': "${s}"`,
    );
  }
  const sign = m[1] === '-' ? -1n : 1n;
  const whole = m[2] ?? '';
  const frac = m[3] ?? '';
  const suffix = m[4] ?? '';
  // value = digits × 10^-len(frac) × multiplier; keep numerator/denominator exact, then × 1000.
  let num = BigInt(whole + frac || '0') * 1000n * sign;
  let den = 10n ** BigInt(frac.length);
  if (suffix in BINARY) {
    num *= 2n ** BigInt(BINARY[suffix] ?? 0);
  } else {
    const exp = suffix in DECIMAL ? (DECIMAL[suffix] ?? 0) : suffix ? Number(suffix.slice(1)) : 0;
    if (Math.abs(exp) > MAX_EXPONENT) throw new QuantityError(`quantity "${s}" is out of range`);
    if (exp >= 0) num *= 10n ** BigInt(exp);
    else den *= 10n ** BigInt(-exp);
  }
  const milli = ceilDiv(num, den);
  if (milli > MAX_SAFE * 1000n || milli < -MAX_SAFE * 1000n) {
    throw new QuantityError(
      `quantity "${s}" is too large: beyond Number.MAX_SAFE_INTEGER (2^53−1)`,
    );
  }
  return milli;
}

function numberToString(n: number): string {
  if (!Number.isFinite(n)) throw new QuantityError(`quantity ${n} is not a finite number`);
  // JSON/YAML numbers: String() gives "1e+21" style for huge values, which the grammar accepts.
  return String(n);
}

/** The exact value in milli-units (1 → 1000n, "100m" → 100n, "1Ki" → 1024000n). Throws QuantityError. */
export function parseQuantity(s: string | number): bigint {
  return parseOrThrow(s);
}

export function tryParseQuantity(
  s: string | number,
): { ok: true; milli: bigint } | { ok: false; error: string } {
  try {
    return { ok: true, milli: parseOrThrow(s) };
  } catch (e) {
    if (e instanceof QuantityError) return { ok: false, error: e.message };
    throw e;
  }
}

/** cpu → millicores; any other resource → its base unit rounded up (away from zero). */
export function toCanonical(resource: string, milli: bigint): number {
  const v = resource === 'cpu' ? milli : ceilDiv(milli, 1000n);
  if (v > MAX_SAFE || v < -MAX_SAFE) {
    throw new QuantityError(`${resource} value ${v} is beyond Number.MAX_SAFE_INTEGER`);
  }
  return Number(v);
}

export function parseResourceList(list: Record<string, string | number> | undefined): Resources {
  const out: Record<string, number> = {};
  for (const [name, q] of Object.entries(list ?? {})) {
    try {
      out[name] = toCanonical(name, parseOrThrow(q));
    } catch (e) {
      if (e instanceof QuantityError) throw new QuantityError(`${name}: ${e.message}`);
      throw e;
    }
  }
  return out;
}

/**
 * NodePool/Provisioner limits: each entry on its own (one bad entry never drops the others), and
 * a limit beyond what the engine holds exactly (memory: 1Ei is 2^60 bytes) is +Infinity: no
 * capacity the engine can represent reaches it, so every comparison comes out as it would exactly.
 * Entries that are not quantities at all are skipped (validation refuses them first).
 */
export function parseLimits(
  list: Readonly<Record<string, string | number>> | undefined,
): Resources {
  const out: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const [name, q] of Object.entries(list ?? {})) {
    const r = tryParseQuantity(q);
    if (!r.ok) {
      if (/too large|out of range/.test(r.error) && !String(q).trim().startsWith('-'))
        out[name] = Infinity;
      continue;
    }
    try {
      out[name] = toCanonical(name, r.milli);
    } catch {
      out[name] = r.milli > 0n ? Infinity : -Infinity;
    }
  }
  return out;
}

function combine(rs: readonly Resources[], f: (a: number, b: number) => number): Resources {
  const out: Record<string, number> = {};
  for (const r of rs) {
    for (const [k, v] of Object.entries(r)) {
      const prev = out[k];
      out[k] = prev === undefined ? v : f(prev, v);
    }
  }
  return out;
}

export function addResources(...rs: Resources[]): Resources {
  return combine(rs, (a, b) => a + b);
}

/** a − b per resource; may go negative (a resource only in b becomes −b). */
export function subtractResources(a: Resources, b: Resources): Resources {
  const out: Record<string, number> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) - v;
  return out;
}

export function maxResources(...rs: Resources[]): Resources {
  return combine(rs, Math.max);
}

/** The names whose request exceeds what is available (an absent resource counts as 0). */
export function exceededResources(requests: Resources, available: Resources): string[] {
  return Object.entries(requests)
    .filter(([k, v]) => v > (available[k] ?? 0))
    .map(([k]) => k)
    .sort();
}

export function fits(requests: Resources, available: Resources): boolean {
  for (const [k, v] of Object.entries(requests)) if (v > (available[k] ?? 0)) return false;
  return true;
}

const BYTE_RESOURCES = /^(memory|ephemeral-storage|hugepages-.*|storage)$/;
const BINARY_UNITS: readonly [string, number][] = [
  ['Ei', 60],
  ['Pi', 50],
  ['Ti', 40],
  ['Gi', 30],
  ['Mi', 20],
  ['Ki', 10],
];

/** Canonical number → the string kubectl would show: 1930 cpu → "1930m", 2000 cpu → "2",
 *  memory 7238000640 → "6903Mi"; counts stay plain. */
export function formatQuantity(resource: string, v: number): string {
  if (resource === 'cpu') return v % 1000 === 0 ? String(v / 1000) : `${v}m`;
  if (BYTE_RESOURCES.test(resource) && v !== 0) {
    const b = BigInt(v);
    for (const [suffix, shift] of BINARY_UNITS) {
      const unit = 1n << BigInt(shift);
      if (b % unit === 0n) return `${b / unit}${suffix}`;
    }
  }
  return String(v);
}

/** Canonical numbers for common sizes, so callers do not spell 2 ** 20 by hand. */
export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;
