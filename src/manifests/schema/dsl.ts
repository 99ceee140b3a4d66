// A small declarative description of each API kind. One description drives both validation (with
// the API server's messages) and the JSON Schema the editor uses, so the two never disagree.
// CEL rules and webhook checks that JSON Schema cannot express are `rules`: functions returning
// the sub-paths that violate them.

import type { Path } from '../source.ts';

/** Catalog value lists the editor can complete (filled in by buildSchemas). */
export type CompletionSource =
  'instanceTypes' | 'families' | 'categories' | 'zones' | 'labelKeys' | 'nodeClasses';

export interface Violation {
  /** Relative to the field carrying the rule; [] = the field itself. */
  readonly path: Path;
  readonly message: string;
}
export type Rule = (value: never, root: unknown) => readonly Violation[];

interface Base {
  /** Emit once under this name in the JSON Schema's definitions (shared pieces like PodSpec). */
  readonly id?: string;
  readonly description?: string;
  readonly default?: unknown;
  readonly rules?: readonly Rule[];
  readonly completion?: CompletionSource;
  readonly examples?: readonly string[];
}
export interface StringSpec extends Base {
  readonly type: 'string';
  readonly enum?: readonly string[];
  readonly pattern?: RegExp;
  /** Plain-words explanation appended when the pattern fails. */
  readonly patternHint?: string;
  /** Replaces "should match '<regex>'" (e.g. Kubernetes' own quantity message). */
  readonly patternMessage?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
}
export interface NumberSpec extends Base {
  readonly type: 'integer' | 'number';
  /** Integers are int32 unless marked int64 (then: exact in JavaScript, |n| ≤ 2^53−1). */
  readonly format?: 'int32' | 'int64';
  readonly minimum?: number;
  readonly maximum?: number;
}
export interface BooleanSpec extends Base {
  readonly type: 'boolean';
}
/** int-or-string (quantities, PDB counts); `pattern` applies to the string form. */
export interface IntOrStringSpec extends Base {
  readonly type: 'int-or-string';
  readonly pattern?: RegExp;
  readonly patternHint?: string;
  readonly patternMessage?: string;
}
export interface ObjectSpec extends Base {
  readonly type: 'object';
  readonly properties?: Readonly<Record<string, Spec>>;
  readonly required?: readonly string[];
  /** Map values (labels, resource lists). */
  readonly additionalProperties?: Spec;
  /** Keep and do not warn about fields we do not model (x-kubernetes-preserve-unknown-fields). */
  readonly preserveUnknown?: boolean;
  /** Known fields the lab ignores: accepted silently, dropped from the result. */
  readonly ignored?: readonly string[];
  readonly maxProperties?: number;
}
export interface ArraySpec extends Base {
  readonly type: 'array';
  readonly items: Spec;
  readonly maxItems?: number;
  readonly minItems?: number;
}
export interface AnySpec extends Base {
  readonly type: 'any';
}
export type Spec =
  StringSpec | NumberSpec | BooleanSpec | IntOrStringSpec | ObjectSpec | ArraySpec | AnySpec;

type Opts<S> = Omit<S, 'type'>;

export const str = (o: Opts<StringSpec> = {}): StringSpec => ({ type: 'string', ...o });
export const int = (o: Opts<NumberSpec> = {}): NumberSpec => ({ type: 'integer', ...o });
export const num = (o: Opts<NumberSpec> = {}): NumberSpec => ({ type: 'number', ...o });
export const bool = (o: Opts<BooleanSpec> = {}): BooleanSpec => ({ type: 'boolean', ...o });
export const intOrString = (o: Opts<IntOrStringSpec> = {}): IntOrStringSpec => ({
  type: 'int-or-string',
  ...o,
});
export const any = (o: Opts<AnySpec> = {}): AnySpec => ({ type: 'any', ...o });
export const arr = (items: Spec, o: Opts<Omit<ArraySpec, 'items'>> = {}): ArraySpec => ({
  type: 'array',
  items,
  ...o,
});
export const obj = (
  properties: Readonly<Record<string, Spec>>,
  o: Opts<Omit<ObjectSpec, 'properties'>> = {},
): ObjectSpec => ({ type: 'object', properties, ...o });
export const map = (
  values: Spec,
  o: Opts<Omit<ObjectSpec, 'additionalProperties'>> = {},
): ObjectSpec => ({
  type: 'object',
  additionalProperties: values,
  ...o,
});

/** Marks a spec as shared: the JSON Schema defines it once and refers to it. */
export const named = <S extends Spec>(id: string, s: S): S => ({ ...s, id });

/** Adds rules/description to an existing spec without mutating it. */
export function withRules<S extends Spec>(s: S, ...rules: Rule[]): S {
  return { ...s, rules: [...(s.rules ?? []), ...rules] };
}

/** A CEL-like rule on one value: `ok(value)` false → one violation at the field itself. */
export function cel<T>(message: string, ok: (value: T, root: unknown) => boolean): Rule {
  return ((value: T, root: unknown) => (ok(value, root) ? [] : [{ path: [], message }])) as Rule;
}

/** A rule checked on every element of a list, located at the failing element. */
export function eachItem<T>(
  message: string | ((item: T) => string),
  ok: (item: T) => boolean,
): Rule {
  return ((list: readonly T[]) =>
    list.flatMap((item, i) =>
      ok(item)
        ? []
        : [{ path: [i], message: typeof message === 'string' ? message : message(item) }],
    )) as Rule;
}
