// Walks a plain value against a Spec. Returns the value pruned to known fields (like the API
// server's structural pruning) and issues worded like the API server's field errors.

import type { DiagnosticCode, Severity } from '../diagnostic.ts';
import { pathToString } from '../diagnostic.ts';
import { setOwn } from '../source.ts';
import { closestName } from '../typo.ts';
import type { Path } from '../source.ts';
import type { Spec } from './dsl.ts';

export interface Issue {
  readonly path: Path;
  readonly message: string;
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  /** Point at the key rather than the value (unknown fields). */
  readonly atKey?: boolean;
}

const typeName = (v: unknown): string =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'array'
      : typeof v === 'object'
        ? 'object'
        : typeof v === 'number' && Number.isInteger(v)
          ? 'integer'
          : typeof v;

const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : String(v));

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function validateValue(
  value: unknown,
  spec: Spec,
  root: unknown = value,
  base: Path = [],
): { value: unknown; issues: Issue[] } {
  const issues: Issue[] = [];
  let errorCount = 0;
  const err = (path: Path, code: DiagnosticCode, message: string) => {
    errorCount++;
    issues.push({ path, code, message, severity: 'error' });
  };

  const walk = (v: unknown, s: Spec, path: Path): unknown => {
    const errorsBefore = errorCount;
    const out = checkType(v, s, path);
    if (out === INVALID) return undefined;
    // Rules run only on a subtree that passed its schema checks: no cascades, and rules can
    // trust the shapes they read.
    if (errorCount > errorsBefore) return out;
    for (const rule of s.rules ?? []) {
      let violations: readonly { path: Path; message: string }[];
      try {
        violations = rule(out as never, root);
      } catch {
        violations = []; // a rule must never take the parser down; the schema checks still stand
      }
      for (const violation of violations)
        err([...path, ...violation.path], 'rule', violation.message);
    }
    return out;
  };

  const typeError = (v: unknown, expected: string, path: Path, pattern?: RegExp) => {
    // A bare number where a duration is expected ("at: 40") needs a unit as well as quotes: the
    // hint offers the text the pattern takes, so following it does not lead to the next error.
    const quoted =
      pattern && typeof v === 'number' && !pattern.test(String(v)) && pattern.test(`${v}s`)
        ? `${v}s`
        : String(v);
    const hint =
      expected === 'string' && (typeof v === 'number' || typeof v === 'boolean')
        ? ` (YAML read ${show(v)} as a ${typeof v}; quote it: "${quoted}")`
        : '';
    err(path, 'type', `Invalid value: "${typeName(v)}": must be of type ${expected}${hint}`);
    return INVALID;
  };

  const checkString = (
    v: string,
    s: {
      enum?: readonly string[];
      pattern?: RegExp;
      patternHint?: string;
      patternMessage?: string;
      minLength?: number;
      maxLength?: number;
    },
    path: Path,
  ): boolean => {
    if (s.enum && !s.enum.includes(v)) {
      err(
        path,
        'enum',
        `Unsupported value: ${show(v)}: supported values: ${s.enum.map(show).join(', ')}`,
      );
      return false;
    }
    if (s.maxLength !== undefined && v.length > s.maxLength) {
      err(path, 'range', `Too long: may not be more than ${s.maxLength} bytes`);
      return false;
    }
    if (s.minLength !== undefined && v.length < s.minLength) {
      err(path, 'range', `Invalid value: ${show(v)}: should be at least ${s.minLength} chars long`);
      return false;
    }
    if (s.pattern && !s.pattern.test(v)) {
      const hint = s.patternHint ? ` (${s.patternHint})` : '';
      const detail = s.patternMessage ?? `should match '${s.pattern.source}'${hint}`;
      err(path, 'pattern', `Invalid value: ${show(v)}: ${detail}`);
      return false;
    }
    return true;
  };

  const checkType = (v: unknown, s: Spec, path: Path): unknown => {
    switch (s.type) {
      case 'any':
        return v;
      case 'string':
        if (typeof v !== 'string') return typeError(v, 'string', path, s.pattern);
        return checkString(v, s, path) ? v : INVALID;
      case 'boolean':
        return typeof v === 'boolean' ? v : typeError(v, 'boolean', path);
      case 'integer':
      case 'number': {
        if (
          typeof v !== 'number' ||
          !Number.isFinite(v) ||
          (s.type === 'integer' && !Number.isInteger(v))
        )
          return typeError(v, s.type, path);
        if (s.type === 'integer') {
          // The Go field is an int32 (replicas, ports, maxSkew…) or an int64 the lab holds exactly.
          const int64 = s.format === 'int64';
          const [lo, hi] = int64
            ? [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]
            : [-(2 ** 31), 2 ** 31 - 1];
          if (v < lo || v > hi) {
            err(
              path,
              'range',
              `Invalid value: ${v}: must fit in ${int64 ? 'a 64-bit integer the lab holds exactly (at most 2^53−1)' : `a 32-bit integer (${lo} to ${hi})`}`,
            );
            return INVALID;
          }
        }
        if (s.minimum !== undefined && v < s.minimum) {
          err(
            path,
            'range',
            `Invalid value: ${v}: should be greater than or equal to ${s.minimum}`,
          );
          return INVALID;
        }
        if (s.maximum !== undefined && v > s.maximum) {
          err(path, 'range', `Invalid value: ${v}: should be less than or equal to ${s.maximum}`);
          return INVALID;
        }
        return v;
      }
      case 'int-or-string':
        if (typeof v === 'number' && Number.isFinite(v)) return v;
        if (typeof v !== 'string') return typeError(v, 'integer or string', path);
        return checkString(v, s, path) ? v : INVALID;
      case 'array': {
        if (!Array.isArray(v)) return typeError(v, 'array', path);
        if (s.maxItems !== undefined && v.length > s.maxItems) {
          err(path, 'range', `Too many: ${v.length}: must have at most ${s.maxItems} items`);
          return INVALID;
        }
        if (s.minItems !== undefined && v.length < s.minItems) {
          err(path, 'range', `Invalid value: ${v.length}: must have at least ${s.minItems} items`);
          return INVALID;
        }
        return v.map((item, i) =>
          item === null
            ? typeError(item, specTypeName(s.items), [...path, i])
            : walk(item, s.items, [...path, i]),
        );
      }
      case 'object': {
        if (!isObject(v)) return typeError(v, 'object', path);
        // A map keyed by user text (labels, images, resource lists…) has no prototype, so a key
        // like "constructor" or "toString" looked up in it is absent, not Object.prototype's.
        const out: Record<string, unknown> =
          s.additionalProperties || s.preserveUnknown ? Object.create(null) : {};
        const keys = Object.keys(v);
        if (s.maxProperties !== undefined && keys.length > s.maxProperties)
          err(
            path,
            'range',
            `Too many: ${keys.length}: must have at most ${s.maxProperties} items`,
          );
        for (const key of keys) {
          const child = v[key];
          const childSpec =
            (s.properties && Object.hasOwn(s.properties, key) ? s.properties[key] : undefined) ??
            s.additionalProperties;
          if (childSpec === undefined) {
            if (s.preserveUnknown) setOwn(out, key, child);
            else if (!s.ignored?.includes(key))
              issues.push({
                path: [...path, key],
                code: 'unknown-field',
                severity: 'warning',
                atKey: true,
                message: `unknown field "${pathToString([...base, ...path, key])}"${didYouMean(key, s.properties)}`,
              });
            continue;
          }
          if (child === null || child === undefined) continue; // null = absent, as for the API server
          const r = walk(child, childSpec, [...path, key]);
          if (r !== undefined) setOwn(out, key, r);
        }
        for (const key of s.required ?? [])
          if (v[key] === null || v[key] === undefined || !Object.hasOwn(v, key))
            err([...path, key], 'required', `Required value${requiredHint(key, v)}`);
        return out;
      }
    }
  };

  const result = walk(value, spec, []);
  return { value: result, issues };
}

const INVALID = Symbol('invalid');

/** `; did you mean "actions"?` when one known field is a typo away from an unknown one (typo.ts),
 *  else ''. The warning alone left `action:` in a Scenario looking harmless while every action was
 *  lost. */
function didYouMean(key: string, properties: Readonly<Record<string, Spec>> | undefined): string {
  const best = properties === undefined ? undefined : closestName(key, Object.keys(properties));
  return best === undefined ? '' : `; did you mean "${best}"?`;
}

function specTypeName(s: Spec): string {
  return s.type === 'int-or-string' ? 'integer or string' : s.type;
}

/** What to write for a required field a learner often leaves out: apps/v1 dropped the selector
 *  that extensions/v1beta1 defaulted from the template's labels (the seed lab's Deployment). */
function requiredHint(key: string, parent: Record<string, unknown>): string {
  if (key !== 'selector') return '';
  const template = parent.template as { metadata?: { labels?: unknown } } | undefined;
  const labels = template?.metadata?.labels;
  if (labels === null || typeof labels !== 'object' || Array.isArray(labels)) return '';
  const pairs = Object.entries(labels as Record<string, unknown>)
    .filter(([, v]) => typeof v === 'string')
    .map(([k, v]) => `${k}: ${String(v)}`);
  if (pairs.length === 0) return '';
  return ` (apps/v1 needs one: add selector: { matchLabels: { ${pairs.join(', ')} } }, matching the pod template's labels)`;
}
