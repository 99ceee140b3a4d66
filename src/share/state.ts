// What a share link carries, and the one validator every decoder ends with. Anything read from a
// URL is hostile until proven otherwise: each field is type-checked and size-capped, unknown fields
// are dropped, and the result is a fresh object (no prototype tricks survive JSON.parse → here).

/** Everything needed to reopen exactly what the author saw. */
export interface ShareState {
  /** The multi-document workspace YAML, verbatim. */
  workspace: string;
  /** Only when the text does not say it (no Scenario `spec.karpenter`): the version/gates in use. */
  karpenter?: { version?: string; featureGates?: Record<string, boolean> };
  /** Only when not in the text: the region and catalog the author simulated against. */
  region?: string;
  catalog?: string;
  /** Inside a lab: its id and the 0-based step. */
  lab?: string;
  step?: number;
  /** Timeline cursor, ms since the simulation start. */
  t?: number;
}

export const LIMITS = {
  /** The same cap the manifests parser applies to a workspace (UTF-8 bytes). */
  workspaceBytes: 1024 * 1024,
  featureGates: 64,
  /** Ten years of simulated time: far past any `until`, small enough to stay an exact integer. */
  maxTimeMs: 10 * 365 * 24 * 3600 * 1000,
  maxStep: 1000,
} as const;

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

const VERSION = /^v?[0-9][0-9A-Za-z.+-]{0,31}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$/;
const ID = /^[a-z0-9][a-z0-9._-]{0,99}$/;
const GATE = /^[A-Za-z][A-Za-z0-9]{0,63}$/;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Record<string, unknown>, k: string): unknown =>
  Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;
const utf8Bytes = (s: string): number => new TextEncoder().encode(s).byteLength;

/** Validates a decoded payload into a ShareState; the error names the first bad field. */
export function checkShareState(raw: unknown): Checked<ShareState> {
  if (!isRecord(raw)) return bad('its content is not an object');
  const workspace = own(raw, 'workspace');
  if (typeof workspace !== 'string') return bad('"workspace" is missing or not text');
  if (utf8Bytes(workspace) > LIMITS.workspaceBytes) return bad('"workspace" is larger than 1 MiB');
  const state: ShareState = { workspace };

  const karpenter = own(raw, 'karpenter');
  if (karpenter !== undefined) {
    const k = checkKarpenter(karpenter);
    if (!k.ok) return k;
    state.karpenter = k.value;
  }
  for (const [key, pattern] of [
    ['region', REGION],
    ['catalog', ID],
    ['lab', ID],
  ] as const) {
    const v = own(raw, key);
    if (v === undefined) continue;
    if (typeof v !== 'string' || !pattern.test(v))
      return bad(`"${key}" is not a valid ${key} name`);
    state[key] = v;
  }
  const step = own(raw, 'step');
  if (step !== undefined) {
    if (!isIntIn(step, 0, LIMITS.maxStep)) return bad('"step" is not a step number');
    state.step = step;
  }
  const t = own(raw, 't');
  if (t !== undefined) {
    if (!isIntIn(t, 0, LIMITS.maxTimeMs)) return bad('"t" is not a timeline position');
    state.t = t;
  }
  return { ok: true, value: state };
}

function checkKarpenter(raw: unknown): Checked<NonNullable<ShareState['karpenter']>> {
  if (!isRecord(raw)) return bad('"karpenter" is not an object');
  const out: NonNullable<ShareState['karpenter']> = {};
  const version = own(raw, 'version');
  if (version !== undefined) {
    if (typeof version !== 'string' || !VERSION.test(version))
      return bad('"karpenter.version" is not a version like v1.14');
    out.version = version;
  }
  const gates = own(raw, 'featureGates');
  if (gates !== undefined) {
    if (!isRecord(gates)) return bad('"karpenter.featureGates" is not a map');
    const entries = Object.keys(gates);
    if (entries.length > LIMITS.featureGates)
      return bad('"karpenter.featureGates" has too many gates');
    const clean: Record<string, boolean> = {};
    for (const name of entries) {
      const on = gates[name];
      if (!GATE.test(name) || typeof on !== 'boolean')
        return bad('"karpenter.featureGates" must map gate names to true/false');
      clean[name] = on;
    }
    out.featureGates = clean;
  }
  return { ok: true, value: out };
}

function isIntIn(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

function bad(error: string): { ok: false; error: string } {
  return { ok: false, error };
}
