// The requirement algebra of §1.6, mirroring Karpenter's pkg/scheduling/requirement(s).go.
//
// A requirement is a set of allowed values for one label key, written as
// {complement, values, gte, lte}:
//   In [a b]        → {complement: false, values: {a, b}}
//   NotIn [a]       → {complement: true,  values: {a}}       (everything but a, including absent)
//   Exists          → {complement: true,  values: {}}
//   DoesNotExist    → {complement: false, values: {}}        (matches nothing)
//   Gt 2 / Gte 3    → {complement: true,  values: {}, gte: 3} (bounds only match integer values)
//   Lt 5 / Lte 4    → {complement: true,  values: {}, lte: 4}
// Intersection is then plain set algebra, which is why Karpenter can merge a NodePool's
// requirements with every pod's in one pass.

import type { NodeSelectorOperator, NodeSelectorRequirementWithMinValues } from './k8s.ts';
import { LABEL, isRestrictedNodeLabel, normalizeLabelKey } from './labels.ts';

const INTEGER = /^[+-]?\d+$/;

function asInteger(value: string): number | undefined {
  if (!INTEGER.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}

function withinBounds(value: string, gte: number | undefined, lte: number | undefined): boolean {
  if (gte === undefined && lte === undefined) return true;
  const n = asInteger(value);
  if (n === undefined) return false;
  return (gte === undefined || n >= gte) && (lte === undefined || n <= lte);
}

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}

function minDefined(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

// Upper end of the range any() draws from when a requirement has no upper bound.
const ANY_SPAN = 2 ** 31;

export class Requirement {
  private constructor(
    readonly key: string,
    readonly complement: boolean,
    readonly values: ReadonlySet<string>,
    readonly gte: number | undefined,
    readonly lte: number | undefined,
    readonly minValues: number | undefined,
  ) {}

  static of(r: NodeSelectorRequirementWithMinValues): Requirement {
    const key = normalizeLabelKey(r.key);
    const values = r.values ?? [];
    const mk = (complement: boolean, vs: Iterable<string>, gte?: number, lte?: number) =>
      new Requirement(key, complement, new Set(vs), gte, lte, r.minValues);
    const bound = values.length > 0 ? asInteger(values[0] ?? '') : undefined;
    switch (r.operator) {
      case 'In':
        return mk(false, values);
      case 'NotIn':
        return mk(true, values);
      case 'Exists':
        return mk(true, []);
      case 'DoesNotExist':
        return mk(false, []);
      // Validation rejects a non-integer bound; if one slips through it matches nothing.
      case 'Gt':
        return bound === undefined ? mk(false, []) : mk(true, [], bound + 1);
      case 'Gte':
        return bound === undefined ? mk(false, []) : mk(true, [], bound);
      case 'Lt':
        return bound === undefined ? mk(false, []) : mk(true, [], undefined, bound - 1);
      case 'Lte':
        return bound === undefined ? mk(false, []) : mk(true, [], undefined, bound);
    }
  }

  has(value: string): boolean {
    return this.values.has(value) !== this.complement && withinBounds(value, this.gte, this.lte);
  }

  intersection(other: Requirement): Requirement {
    const complement = this.complement && other.complement;
    const gte = maxDefined(this.gte, other.gte);
    const lte = minDefined(this.lte, other.lte);
    const minValues = maxDefined(this.minValues, other.minValues);
    if (gte !== undefined && lte !== undefined && gte > lte) {
      return new Requirement(this.key, false, new Set(), undefined, undefined, minValues);
    }
    let values: Set<string>;
    if (this.complement && other.complement) values = new Set([...this.values, ...other.values]);
    else if (this.complement)
      values = new Set([...other.values].filter((v) => !this.values.has(v)));
    else if (other.complement)
      values = new Set([...this.values].filter((v) => !other.values.has(v)));
    else values = new Set([...this.values].filter((v) => other.values.has(v)));
    for (const v of values) if (!withinBounds(v, gte, lte)) values.delete(v);
    // A concrete set already obeys its bounds, so they are dropped (as upstream does).
    return complement
      ? new Requirement(this.key, true, values, gte, lte, minValues)
      : new Requirement(this.key, false, values, undefined, undefined, minValues);
  }

  /** Same answer as intersection(other).len() > 0, without building the set: the scheduler asks
   *  this for every instance type of every NodeClaim. */
  intersects(other: Requirement): boolean {
    if (this.complement && other.complement) {
      const gte = maxDefined(this.gte, other.gte);
      const lte = minDefined(this.lte, other.lte);
      return gte === undefined || lte === undefined || gte <= lte;
    }
    // At least one side is a concrete set: some value of it must be allowed by both.
    const thisSmall =
      !this.complement && (other.complement || this.values.size <= other.values.size);
    const small = thisSmall ? this : other;
    const big = thisSmall ? other : this;
    for (const v of small.values) if (big.has(v) && small.has(v)) return true;
    return false;
  }

  /** Number of allowed values; Infinity for complement sets. */
  len(): number {
    return this.complement ? Infinity : this.values.size;
  }

  /** Values in sorted order (the order Karpenter prints and serializes them in). */
  sortedValues(): string[] {
    return [...this.values].sort();
  }

  /** A value the requirement allows. For In sets: a seeded pick (the first when no rng). For
   *  complement sets: an integer within the bounds that is not excluded (Karpenter draws at
   *  random; we draw from the seeded rng, or take the smallest when none is given). */
  any(rng?: () => number): string | undefined {
    if (!this.complement) {
      const vs = this.sortedValues();
      return vs[rng ? Math.floor(rng() * vs.length) : 0];
    }
    const min = this.gte ?? 0;
    const max = this.lte ?? min + ANY_SPAN;
    for (let attempt = 0; attempt < 16; attempt++) {
      const n = rng ? min + Math.floor(rng() * (max - min + 1)) : min + attempt;
      if (n <= max && this.has(String(n))) return String(n);
    }
    for (let n = min; n <= max; n++) if (this.has(String(n))) return String(n);
    return undefined;
  }

  operator(): NodeSelectorOperator {
    if (this.complement) return this.values.size > 0 ? 'NotIn' : 'Exists';
    return this.values.size > 0 ? 'In' : 'DoesNotExist';
  }

  /** One selector for this requirement. Bounds are written as Gt/Lt (what every Karpenter version
   *  reads); when both bounds are set only the lower one fits, use toSelectors() for both. */
  toSelector(): NodeSelectorRequirementWithMinValues {
    return this.toSelectorList()[0] ?? { key: this.key, operator: 'Exists' };
  }

  toSelectorList(): NodeSelectorRequirementWithMinValues[] {
    const mv = this.minValues === undefined ? {} : { minValues: this.minValues };
    const out: NodeSelectorRequirementWithMinValues[] = [];
    if (this.gte !== undefined) {
      out.push({ key: this.key, operator: 'Gt', values: [String(this.gte - 1)], ...mv });
    }
    if (this.lte !== undefined) {
      out.push({ key: this.key, operator: 'Lt', values: [String(this.lte + 1)], ...mv });
    }
    const op = this.operator();
    if (out.length === 0 || op === 'NotIn') {
      const values = op === 'In' || op === 'NotIn' ? { values: this.sortedValues() } : {};
      out.push({ key: this.key, operator: op, ...values, ...mv });
    }
    return out;
  }

  /** Karpenter's String(): `key In [a b c d e and 3 others] >=3 minValues 2`. */
  toString(): string {
    const op = this.operator();
    let s: string;
    if (op === 'Exists' || op === 'DoesNotExist') s = `${this.key} ${op}`;
    else {
      const vs = this.sortedValues();
      const shown = vs.length > 5 ? [...vs.slice(0, 5), `and ${vs.length - 5} others`] : vs;
      s = `${this.key} ${op} [${shown.join(' ')}]`;
    }
    if (this.gte !== undefined) s += ` >=${this.gte}`;
    if (this.lte !== undefined) s += ` <=${this.lte}`;
    if (this.minValues !== undefined) s += ` minValues ${this.minValues}`;
    return s;
  }
}

// Requirements are immutable, so one Exists per key can be shared by every get() of an absent key.
const EXISTS = new Map<string, Requirement>();
function exists(key: string): Requirement {
  let r = EXISTS.get(key);
  if (!r) EXISTS.set(key, (r = Requirement.of({ key, operator: 'Exists' })));
  return r;
}

function isNegative(op: NodeSelectorOperator): boolean {
  return op === 'NotIn' || op === 'DoesNotExist';
}

/** A set of requirements keyed by (normalized) label key; adding a key twice intersects. */
export class Requirements {
  private readonly byKey = new Map<string, Requirement>();

  static from(list?: readonly NodeSelectorRequirementWithMinValues[]): Requirements {
    const r = new Requirements();
    for (const s of list ?? []) r.add(Requirement.of(s));
    return r;
  }

  static fromLabels(labels?: Readonly<Record<string, string>>): Requirements {
    const r = new Requirements();
    for (const [key, value] of Object.entries(labels ?? {})) {
      r.add(Requirement.of({ key, operator: 'In', values: [value] }));
    }
    return r;
  }

  add(...rs: Requirement[]): void {
    for (const r of rs) {
      const existing = this.byKey.get(r.key);
      this.byKey.set(r.key, existing ? r.intersection(existing) : r);
    }
  }

  /** The requirement on the key; an Exists requirement when the key is absent. */
  get(key: string): Requirement {
    const k = normalizeLabelKey(key);
    return this.byKey.get(k) ?? exists(k);
  }

  /** The requirement on the key, undefined when the key is absent. */
  own(key: string): Requirement | undefined {
    return this.byKey.get(normalizeLabelKey(key));
  }

  has(key: string): boolean {
    return this.byKey.has(normalizeLabelKey(key));
  }

  keys(): string[] {
    return [...this.byKey.keys()].sort();
  }

  values(): Requirement[] {
    return this.keys().map((k) => this.get(k));
  }

  clone(): Requirements {
    const r = new Requirements();
    const to = r.byKey;
    this.byKey.forEach((v, k) => to.set(k, v));
    return r;
  }

  /** True when any requirement carries minValues. */
  hasMinValues(): boolean {
    for (const r of this.byKey.values()) if (r.minValues !== undefined) return true;
    return false;
  }

  /** `this` is the node or template side, `podReqs` the pod's. Undefined when compatible, else
   *  Karpenter's error text. A pod key outside `allowUndefined` that `this` lacks fails unless the
   *  pod's operator is negative: custom labels without known values do not match. */
  compatible(podReqs: Requirements, allowUndefined?: ReadonlySet<string>): string | undefined {
    let undefinedKeys: string[] | undefined;
    for (const [key, r] of podReqs.byKey) {
      if (allowUndefined?.has(key) || this.byKey.has(key) || isNegative(r.operator())) continue;
      (undefinedKeys ??= []).push(`label "${key}" does not have known values`);
    }
    const intersectErr = this.intersects(podReqs);
    if (!undefinedKeys) return intersectErr;
    undefinedKeys.sort();
    if (intersectErr !== undefined) undefinedKeys.push(intersectErr);
    return undefinedKeys.join('; ');
  }

  /** Undefined when every shared key has a common value; two negative requirements (NotIn,
   *  DoesNotExist) never conflict. */
  intersects(other: Requirements): string | undefined {
    let errs: string[] | undefined;
    // Walk the smaller side; only shared keys matter.
    const walkThis = this.byKey.size <= other.byKey.size;
    const big = walkThis ? other.byKey : this.byKey;
    // (No destructuring: this runs per instance type per launch and per node check.)
    for (const r of (walkThis ? this.byKey : other.byKey).values()) {
      const key = r.key;
      const match = big.get(key);
      if (!match) continue;
      const existing = walkThis ? r : match;
      const incoming = walkThis ? match : r;
      if (existing.intersects(incoming)) continue;
      if (isNegative(incoming.operator()) && isNegative(existing.operator())) continue;
      (errs ??= []).push(`key ${key}, ${incoming.toString()} not in ${existing.toString()}`);
    }
    return errs ? errs.sort().join('; ') : undefined;
  }

  /** Keys with exactly one allowed value (In [v]) → the label a node would carry. */
  labels(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const r of this.byKey.values()) {
      const [only] = r.values;
      if (!r.complement && r.values.size === 1 && only !== undefined) out[r.key] = only;
    }
    return out;
  }

  /** The labels Karpenter itself writes on a NodeClaim from its requirements (Requirements.Labels
   *  upstream): one value per key via any() — so `team NotIn [a]` yields a made-up integer value,
   *  drawn from the seeded rng — leaving out well-known keys (the launched offering supplies
   *  those) and restricted domains. */
  nodeLabels(rng?: () => number): Record<string, string> {
    const out: Record<string, string> = {};
    for (const key of this.keys()) {
      if (isRestrictedNodeLabel(key)) continue;
      const v = this.get(key).any(rng);
      if (v !== undefined) out[key] = v;
    }
    return out;
  }

  toSelectors(): NodeSelectorRequirementWithMinValues[] {
    return this.values().flatMap((r) => r.toSelectorList());
  }

  /** Karpenter's String(): sorted, hostname left out. */
  toString(): string {
    return this.values()
      .filter((r) => r.key !== LABEL.hostname)
      .map((r) => r.toString())
      .sort()
      .join(', ');
  }
}
