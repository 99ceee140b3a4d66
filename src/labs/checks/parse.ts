// A step's ```checks block: a YAML list, one single-key map per check, e.g.
//   - podsRunning: {selector: app=inflate, count: 5}
//   - allNodes: {capacityType: spot}
//   - nodeTerminated: {after: 5m, max: 0}
// Lab content is trusted more than a URL but still validated: a typo in a check must fail the lab's
// test with a located message, not pass silently.
import { parse } from 'yaml';
import { parseDuration } from '../../sim/engine/index.ts';
import type { Autoscaler, AutoscalerMetricName, Check, CheckKind, Selector } from '../types.ts';
import { AUTOSCALER_METRICS } from '../../explain/autoscalers.ts';

type Fields = Record<string, unknown>;
type Result = { ok: true; check: Check } | { ok: false; error: string };

const KNOWN: Readonly<Record<CheckKind, readonly string[]>> = {
  karpenterInstalled: ['version'],
  poolServed: ['name'],
  podsRunning: ['selector', 'count', 'at'],
  noPendingPods: ['at'],
  allNodes: ['capacityType', 'arch', 'at', 'nodePool'],
  nodeCount: ['min', 'max', 'at', 'nodePool', 'capacityType'],
  nodesLaunched: ['min', 'max', 'nodePool', 'capacityType'],
  podsSpread: ['selector', 'topologyKey', 'maxSkew', 'minDomains', 'at'],
  disruptionsAtOnce: ['max', 'min', 'after'],
  nodeDisrupted: ['reason', 'min', 'max', 'after', 'before', 'nodePool'],
  workspaceValid: [],
  minPodsRunning: ['selector', 'min', 'after', 'before'],
  autoscalerMetric: ['autoscaler', 'metric', 'min', 'max'],
  autoscalerBetter: ['metric', 'better'],
  cheapestFittingInstance: ['nodePool'],
  nodeTerminated: ['after', 'before', 'min', 'max'],
  costPerHour: ['min', 'max', 'at'],
  event: ['reason', 'object', 'message', 'after', 'before'],
  podFailed: ['reason', 'selector', 'message'],
  consolidated: ['after'],
  podZone: ['selector', 'zone', 'sameAsClaim', 'at'],
  claimBound: ['selector', 'name', 'zone', 'at'],
  podPending: ['selector', 'message', 'at'],
  volumesPerNode: ['max'],
  plan: [
    'document',
    'minDrifted',
    'field',
    'maxConverge',
    'maxNotRunning',
    'maxCostDelta',
    'minCostDelta',
  ],
};

function isKind(k: string): k is CheckKind {
  return Object.hasOwn(KNOWN, k);
}

/** "app=inflate,tier=web" → {app: inflate, tier: web}; a map is taken as matchLabels. */
export function parseSelector(v: unknown): Selector | string {
  if (v === undefined || v === '') return {};
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const out: Record<string, string> = {};
    for (const [k, x] of Object.entries(v)) out[k] = String(x);
    return out;
  }
  if (typeof v !== 'string') return 'selector must be "key=value[,key=value]" or a map';
  const out: Record<string, string> = {};
  for (const part of v.split(',')) {
    const m = /^\s*([^=\s]+)\s*=\s*(\S*)\s*$/.exec(part);
    if (!m) return `selector part "${part}" is not key=value`;
    out[m[1] ?? ''] = m[2] ?? '';
  }
  return out;
}

/** The check's `selector` field; a bad one is reported and read as "all pods". */
function sel(f: Fields, errors: string[]): Selector {
  const s = parseSelector(f.selector);
  if (typeof s !== 'string') return s;
  errors.push(s);
  return {};
}

function num(f: Fields, key: string, errors: string[]): number | undefined {
  const v = f[key];
  if (v === undefined) return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  errors.push(`${key} must be a number, got ${JSON.stringify(v)}`);
  return undefined;
}

function dur(f: Fields, key: string, errors: string[]): number | undefined {
  const v = f[key];
  if (v === undefined) return undefined;
  const ms = typeof v === 'string' || typeof v === 'number' ? parseDuration(v) : undefined;
  if (ms === undefined) errors.push(`${key} must be a duration like 5m or 90s`);
  return ms;
}

function str(f: Fields, key: string, errors: string[], required = false): string | undefined {
  const v = f[key];
  if (v === undefined) {
    if (required) errors.push(`${key} is required`);
    return undefined;
  }
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  errors.push(`${key} must be text`);
  return undefined;
}

function metricName(f: Fields, errors: string[]): AutoscalerMetricName {
  const v = f.metric;
  if (typeof v === 'string' && (AUTOSCALER_METRICS as readonly string[]).includes(v))
    return v as AutoscalerMetricName;
  errors.push(`metric must be one of ${AUTOSCALER_METRICS.join(', ')}`);
  return 'cost';
}

function autoscalerName(f: Fields, key: string, errors: string[]): Autoscaler {
  const v = f[key];
  if (v === 'karpenter' || v === 'clusterAutoscaler') return v;
  errors.push(`${key} must be karpenter or clusterAutoscaler`);
  return 'karpenter';
}

/** Spread only the defined values, so exactOptionalPropertyTypes holds. */
function opt<T extends Record<string, unknown>>(
  o: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

function build(kind: CheckKind, f: Fields): Result {
  const errors: string[] = [];
  for (const k of Object.keys(f))
    if (!KNOWN[kind].includes(k))
      errors.push(`unknown field "${k}" (known: ${KNOWN[kind].join(', ') || 'none'})`);
  const at = dur(f, 'at', errors);
  let check: Check;
  switch (kind) {
    case 'karpenterInstalled':
      check = { kind, ...opt({ version: str(f, 'version', errors) }) };
      break;
    case 'poolServed':
      check = { kind, name: str(f, 'name', errors, true) ?? '' };
      break;
    case 'podsRunning': {
      const selector = sel(f, errors);
      const count = num(f, 'count', errors);
      if (count === undefined) errors.push('count is required');
      check = {
        kind,
        selector,
        count: count ?? 0,
        ...opt({ at }),
      };
      break;
    }
    case 'noPendingPods':
      check = { kind, ...opt({ at }) };
      break;
    case 'allNodes':
      check = {
        kind,
        ...opt({
          capacityType: str(f, 'capacityType', errors),
          arch: str(f, 'arch', errors),
          at,
          nodePool: str(f, 'nodePool', errors),
        }),
      };
      if (!('capacityType' in check) && !('arch' in check))
        errors.push('allNodes needs capacityType or arch');
      break;
    case 'nodeCount':
    case 'nodesLaunched':
      check = {
        kind,
        ...opt({
          min: num(f, 'min', errors),
          max: num(f, 'max', errors),
          nodePool: str(f, 'nodePool', errors),
          capacityType: str(f, 'capacityType', errors),
          ...(kind === 'nodeCount' ? { at } : {}),
        }),
      };
      if (f.min === undefined && f.max === undefined) errors.push(`${kind} needs min or max`);
      break;
    case 'podsSpread': {
      const selector = sel(f, errors);
      check = {
        kind,
        selector,
        topologyKey: str(f, 'topologyKey', errors) ?? 'topology.kubernetes.io/zone',
        maxSkew: num(f, 'maxSkew', errors) ?? 1,
        ...opt({ minDomains: num(f, 'minDomains', errors), at }),
      };
      break;
    }
    case 'disruptionsAtOnce': {
      const max = num(f, 'max', errors);
      if (max === undefined) errors.push('max is required');
      check = {
        kind,
        max: max ?? 0,
        ...opt({ min: num(f, 'min', errors), after: dur(f, 'after', errors) }),
      };
      break;
    }
    case 'nodeDisrupted':
      check = {
        kind,
        reason: str(f, 'reason', errors, true) ?? '',
        min: num(f, 'min', errors) ?? (f.max === 0 ? 0 : 1),
        ...opt({
          max: num(f, 'max', errors),
          after: dur(f, 'after', errors),
          before: dur(f, 'before', errors),
          nodePool: str(f, 'nodePool', errors),
        }),
      };
      break;
    case 'workspaceValid':
      check = { kind };
      break;
    case 'minPodsRunning': {
      const selector = sel(f, errors);
      const min = num(f, 'min', errors);
      if (min === undefined) errors.push('min is required');
      check = {
        kind,
        selector,
        min: min ?? 0,
        ...opt({ after: dur(f, 'after', errors), before: dur(f, 'before', errors) }),
      };
      break;
    }
    case 'autoscalerMetric': {
      const metric = metricName(f, errors);
      // Time metrics take durations ("90s"); the others plain numbers.
      const bound = (key: string) =>
        metric === 'timeToAllRunning' || metric === 'maxWait'
          ? dur(f, key, errors)
          : num(f, key, errors);
      check = {
        kind,
        autoscaler: autoscalerName(f, 'autoscaler', errors),
        metric,
        ...opt({ min: bound('min'), max: bound('max') }),
      };
      if (f.min === undefined && f.max === undefined)
        errors.push('autoscalerMetric needs min or max');
      break;
    }
    case 'autoscalerBetter':
      check = { kind, metric: metricName(f, errors), better: autoscalerName(f, 'better', errors) };
      break;
    case 'cheapestFittingInstance':
      check = { kind, ...opt({ nodePool: str(f, 'nodePool', errors) }) };
      break;
    case 'nodeTerminated':
      check = {
        kind,
        min: num(f, 'min', errors) ?? (f.max === 0 ? 0 : 1),
        ...opt({
          after: dur(f, 'after', errors),
          before: dur(f, 'before', errors),
          max: num(f, 'max', errors),
        }),
      };
      break;
    case 'costPerHour':
      check = { kind, ...opt({ min: num(f, 'min', errors), max: num(f, 'max', errors), at }) };
      break;
    case 'event':
      check = {
        kind,
        reason: str(f, 'reason', errors, true) ?? '',
        ...opt({
          object: str(f, 'object', errors),
          message: str(f, 'message', errors),
          after: dur(f, 'after', errors),
          before: dur(f, 'before', errors),
        }),
      };
      break;
    case 'podFailed': {
      const selector = sel(f, errors);
      check = {
        kind,
        reason: str(f, 'reason', errors, true) ?? '',
        selector,
        ...opt({ message: str(f, 'message', errors) }),
      };
      break;
    }
    case 'plan':
      check = {
        kind,
        ...opt({
          document: str(f, 'document', errors),
          minDrifted: num(f, 'minDrifted', errors),
          field: str(f, 'field', errors),
          maxConverge: dur(f, 'maxConverge', errors),
          maxNotRunning: dur(f, 'maxNotRunning', errors),
          maxCostDelta: num(f, 'maxCostDelta', errors),
          minCostDelta: num(f, 'minCostDelta', errors),
        }),
      };
      break;
    case 'podZone': {
      const sameAsClaim = f.sameAsClaim;
      if (sameAsClaim !== undefined && typeof sameAsClaim !== 'boolean')
        errors.push('sameAsClaim must be true or false');
      const zone = str(f, 'zone', errors);
      if (zone === undefined && sameAsClaim !== true)
        errors.push('podZone needs zone or sameAsClaim: true');
      check = {
        kind,
        selector: sel(f, errors),
        ...opt({ zone, sameAsClaim: sameAsClaim === true ? true : undefined, at }),
      };
      break;
    }
    case 'claimBound':
    case 'podPending':
      check = {
        kind,
        selector: sel(f, errors),
        ...opt({
          ...(kind === 'claimBound'
            ? { name: str(f, 'name', errors), zone: str(f, 'zone', errors) }
            : { message: str(f, 'message', errors) }),
          at,
        }),
      } as Check;
      break;
    case 'volumesPerNode': {
      const max = num(f, 'max', errors);
      if (max === undefined) errors.push('max is required');
      check = { kind, max: max ?? 0 };
      break;
    }
    case 'consolidated': {
      const after = dur(f, 'after', errors);
      if (after === undefined && f.after === undefined) errors.push('after is required');
      check = { kind, after: after ?? 0 };
      break;
    }
  }
  return errors.length > 0
    ? { ok: false, error: `${kind}: ${errors.join('; ')}` }
    : { ok: true, check };
}

/** Parse a ```checks block. Every entry is checked; errors name the entry (1-based). */
export function parseChecks(text: string): { checks: Check[]; errors: string[] } {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    return { checks: [], errors: [`checks are not valid YAML: ${(e as Error).message}`] };
  }
  if (doc === null || doc === undefined) return { checks: [], errors: [] };
  if (!Array.isArray(doc)) return { checks: [], errors: ['checks must be a YAML list'] };
  const checks: Check[] = [];
  const errors: string[] = [];
  doc.forEach((entry: unknown, i) => {
    const where = `check ${i + 1}`;
    const [kind, ...extra] =
      typeof entry === 'string'
        ? [entry]
        : entry && typeof entry === 'object'
          ? Object.keys(entry)
          : [];
    if (kind === undefined || extra.length > 0) {
      errors.push(`${where}: write one check per list entry, e.g. "- noPendingPods: {}"`);
      return;
    }
    if (!isKind(kind)) {
      errors.push(`${where}: unknown check "${kind}" (known: ${Object.keys(KNOWN).join(', ')})`);
      return;
    }
    const raw = typeof entry === 'string' ? {} : (entry as Record<string, unknown>)[kind];
    const fields: Fields =
      raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Fields) : {};
    const r = build(kind, fields);
    if (r.ok) checks.push(r.check);
    else errors.push(`${where}: ${r.error}`);
  });
  return { checks, errors };
}
