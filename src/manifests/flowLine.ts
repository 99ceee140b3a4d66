// A fast reader for the one document shape generated workspaces are made of: a whole document on one
// line as a flow collection, `{ kind: Pod, metadata: { name: a }, spec: { … } }`. The yaml package
// spends ~0.9 s lexing, building its CST and composing a Document for a 760 KB workspace of such
// lines; this reads the same values and spans directly. It accepts a strict subset (plain, single-
// and double-quoted scalars without escapes, nested `{}`/`[]`, spaces) and gives up — `undefined`,
// the caller falls back to the yaml package — on anything else: anchors, aliases, tags, comments,
// escapes, implicit pairs in sequences, trailing commas, duplicate or null keys, `<<`, the depth
// and size caps. Whatever it accepts, it reads exactly as the yaml package's core schema would
// (`flowLine.test.ts` compares the two).

import type { FieldSpans, Span } from './source.ts';

export interface FlowLine {
  readonly value: unknown;
  /** The spans map `source.ts` keeps per document (field path key → spans), read on first use:
   *  only diagnostics and refusals ask, and building it was half of the reading. */
  spans(): ReadonlyMap<string, FieldSpans>;
  /** The collection from its opening to its closing bracket. */
  readonly rootSpan: Span;
}

const FAIL = Symbol('fail');
type Read = unknown;

const SPACE = 32;
const COMMA = 44;
const COLON = 58;
const LBRACE = 123;
const RBRACE = 125;
const LBRACKET = 91;
const RBRACKET = 93;
const DQUOTE = 34;
const SQUOTE = 39;

/** Ends a plain scalar in a flow collection (a `,` or a bracket). */
const flowIndicator = (c: number): boolean =>
  c === COMMA || c === LBRACE || c === RBRACE || c === LBRACKET || c === RBRACKET;

/** The spans map's key for a path, built one segment at a time (each field's key extends its
 *  parent's) instead of serializing the whole path for every field. */
export const childKey = (parent: string, segment: string | number): string =>
  parent === '' ? JSON.stringify(segment) : `${parent},${JSON.stringify(segment)}`;

/**
 * Reads the flow collection in `text` from `start` (a `{` or `[`) to `end` (the end of its line,
 * newline excluded): only spaces may follow the collection. Same caps as `convertDocument`.
 */
export function readFlowLine(
  text: string,
  start: number,
  end: number,
  caps: { maxDepth: number; maxNodes: number },
  withSpans = false,
): FlowLine | undefined {
  const spans = new Map<string, FieldSpans>();
  let pos = start;
  let produced = 0;

  const skipSpaces = (): void => {
    while (pos < end && text.charCodeAt(pos) === SPACE) pos++;
  };

  // Reads a scalar at `pos`; returns its resolved value, `FAIL`, and leaves `pos` after it.
  // `scalarEnd` is the end of its text (a plain scalar's trailing spaces excluded).
  let scalarEnd = 0;
  let scalarPlain = false;
  const scalar = (): Read => {
    const c = text.charCodeAt(pos);
    if (c === DQUOTE || c === SQUOTE) {
      const close = text.indexOf(c === DQUOTE ? '"' : "'", pos + 1);
      if (close < 0 || close >= end) return FAIL;
      for (let i = pos + 1; i < close; i++) {
        const ch = text.charCodeAt(i);
        if (ch < SPACE || ch === 127 || (c === DQUOTE && ch === 92)) return FAIL; // \ escapes
      }
      const s = text.slice(pos + 1, close);
      if (c === SQUOTE && text.charCodeAt(close + 1) === SQUOTE) return FAIL; // '' escape
      pos = close + 1;
      scalarEnd = pos;
      scalarPlain = false;
      return s;
    }
    if (!plainStart(c, text.charCodeAt(pos + 1))) return FAIL;
    const from = pos;
    let last = pos; // end of the last non-space character
    while (pos < end) {
      const ch = text.charCodeAt(pos);
      if (flowIndicator(ch)) break;
      if (ch === COLON) {
        const next = pos + 1 < end ? text.charCodeAt(pos + 1) : SPACE;
        if (next === SPACE || flowIndicator(next)) break;
        if (!plainAfterColon(next) || text.charCodeAt(pos - 1) === SPACE) return FAIL;
      } else if (ch === 35 /* # */ || ch < SPACE || ch === 127) return FAIL;
      pos++;
      if (ch !== SPACE) last = pos;
    }
    if (pos >= end) return FAIL; // a flow collection never ends inside a plain scalar
    pos = last;
    scalarEnd = last;
    scalarPlain = true;
    return resolvePlain(text.slice(from, last));
  };

  const node = (key: string, depth: number): Read => {
    if (++produced > caps.maxNodes || depth > caps.maxDepth) return FAIL;
    const c = text.charCodeAt(pos);
    if (c === LBRACE) return map(key, depth);
    if (c === LBRACKET) return seq(key, depth);
    return scalar();
  };

  // After a node: where its value ends (for spans).
  let nodeEnd = 0;
  const valueAt = (key: string, depth: number): { value: Read; span: Span } => {
    const from = pos;
    const value = node(key, depth);
    const c = text.charCodeAt(from);
    const to = c === LBRACE || c === LBRACKET ? nodeEnd : scalarEnd;
    return { value, span: { start: from, end: to } };
  };

  const map = (key: string, depth: number): Read => {
    const out: Record<string, unknown> = {};
    pos++;
    skipSpaces();
    if (text.charCodeAt(pos) === RBRACE) {
      nodeEnd = ++pos;
      return out;
    }
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === LBRACE || c === LBRACKET) return FAIL; // a collection as a key
      const keyStart = pos;
      const k = scalar();
      if (k === FAIL) return FAIL;
      const keyEnd = scalarEnd;
      let field: string;
      if (scalarPlain) {
        // A plain key is its text (`80: http` → "80"); a null key or `<<` goes the long way.
        if (k === null) return FAIL;
        field = text.slice(keyStart, keyEnd);
        if (field === '<<') return FAIL;
      } else field = k as string;
      if (Object.hasOwn(out, field)) return FAIL;
      skipSpaces();
      if (text.charCodeAt(pos) !== COLON || text.charCodeAt(pos + 1) !== SPACE) return FAIL;
      pos += 2;
      skipSpaces();
      const fieldKey = withSpans ? childKey(key, field) : '';
      const { value, span } = valueAt(fieldKey, depth + 1);
      if (value === FAIL) return FAIL;
      if (withSpans) spans.set(fieldKey, { key: { start: keyStart, end: keyEnd }, value: span });
      if (field === '__proto__')
        Object.defineProperty(out, field, {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else out[field] = value;
      skipSpaces();
      const sep = text.charCodeAt(pos);
      if (sep === RBRACE) {
        nodeEnd = ++pos;
        return out;
      }
      if (sep !== COMMA) return FAIL;
      pos++;
      skipSpaces();
      const after = text.charCodeAt(pos);
      if (after === RBRACE || after === COMMA) return FAIL; // trailing or empty entry
    }
  };

  const seq = (key: string, depth: number): Read => {
    const out: unknown[] = [];
    pos++;
    skipSpaces();
    if (text.charCodeAt(pos) === RBRACKET) {
      nodeEnd = ++pos;
      return out;
    }
    for (;;) {
      const itemKey = withSpans ? childKey(key, out.length) : '';
      const { value, span } = valueAt(itemKey, depth + 1);
      if (value === FAIL) return FAIL;
      if (withSpans) spans.set(itemKey, { value: span });
      out.push(value);
      skipSpaces();
      const sep = text.charCodeAt(pos);
      if (sep === RBRACKET) {
        nodeEnd = ++pos;
        return out;
      }
      if (sep !== COMMA) return FAIL; // `:` here is an implicit pair
      pos++;
      skipSpaces();
      const after = text.charCodeAt(pos);
      if (after === RBRACKET || after === COMMA) return FAIL;
    }
  };

  const first = text.charCodeAt(start);
  if (first !== LBRACE && first !== LBRACKET) return undefined;
  const value = node('', 0);
  if (value === FAIL) return undefined;
  const rootEnd = nodeEnd;
  skipSpaces();
  if (pos !== end) return undefined;
  const rootSpan = { start, end: rootEnd };
  if (withSpans) return { value, rootSpan, spans: () => spans };
  let read: ReadonlyMap<string, FieldSpans> | undefined;
  const again = (): ReadonlyMap<string, FieldSpans> =>
    readFlowLine(text, start, end, caps, true)?.spans() ?? spans;
  return { value, rootSpan, spans: () => (read ??= again()) };
}

/** A one-line flow document: what `readFlowLine` read, and where the document and its line end. */
export interface FlowDoc extends FlowLine {
  /** The document's `---` line, or the content line for a first document without one. */
  readonly docStart: number;
  /** After the line's newline (or the text's end): the document's and its contents' end. */
  readonly end: number;
}

/**
 * The documents that are one line holding a flow collection (`{ kind: Pod, … }` between `---`
 * lines) and that `readFlowLine` reads, by the offset of that line. `tail` is where the run of such
 * documents that ends the text begins (its first `---` line, 0 when every document is one, the
 * text's length when the last is not); `prefix` is the text before `tail` with each such line
 * replaced by `{}` and spaces (same offsets, same lines) for the yaml package. Undefined when there
 * are none, or when the text has anything that makes finding documents by lines unsafe
 * (directives, `...`, markers with content, CR, BOM).
 */
export function flowDocuments(
  text: string,
  caps: { maxDepth: number; maxNodes: number },
): { found: Map<number, FlowDoc>; prefix: string; tail: number } | undefined {
  if (text.includes('\r') || text.charCodeAt(0) === 0xfeff) return undefined;
  const isMarker = (at: number): boolean =>
    text.startsWith('---', at) && (at + 3 === text.length || text.charCodeAt(at + 3) === 10);
  const found = new Map<number, FlowDoc>();
  const lineEnds: number[] = [];
  let tail = 0;
  // The document being scanned: where it starts, whether a `---` line began it, how many lines it
  // has and whether it is (so far) one flow line.
  let docStart = 0;
  let marked = false;
  let lines = 0;
  let fast = false;
  const endDoc = (next: number): void => {
    if (!fast && (lines > 0 || marked)) tail = next; // nothing before a first `---` is no document
  };
  for (let at = 0; at < text.length;) {
    const nl = text.indexOf('\n', at);
    const lineEnd = nl < 0 ? text.length : nl;
    const c = text.charCodeAt(at);
    if (c === 37 /* % */ || text.startsWith('---', at) || text.startsWith('...', at)) {
      if (!isMarker(at)) return undefined;
      endDoc(at);
      docStart = at;
      marked = true;
      lines = 0;
      fast = false;
    } else {
      const first = lines++ === 0;
      fast = false;
      const bracket = c === 123 /* { */ || c === 91; /* [ */
      if (first && bracket && (nl < 0 || nl + 1 === text.length || isMarker(nl + 1))) {
        const read = readFlowLine(text, at, lineEnd, caps);
        if (read) {
          const end = nl < 0 ? text.length : nl + 1;
          found.set(at, { ...read, docStart: marked ? docStart : at, end });
          lineEnds.push(lineEnd);
          fast = true;
        }
      }
    }
    at = nl < 0 ? text.length : nl + 1;
  }
  endDoc(text.length);
  if (found.size === 0) return undefined;
  const parts: string[] = [];
  let copied = 0;
  let i = 0;
  for (const at of found.keys()) {
    const lineEnd = lineEnds[i++] ?? at;
    if (at >= tail) break;
    parts.push(text.slice(copied, at), '{}', ' '.repeat(lineEnd - at - 2));
    copied = lineEnd;
  }
  parts.push(text.slice(copied, tail));
  return { found, prefix: parts.join(''), tail };
}

/** A plain scalar may start here: not an indicator (`-` only before a digit, letter or dot). */
function plainStart(c: number, next: number): boolean {
  if (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 46 /* . */ ||
    c === 47 /* / */ ||
    c === 95 /* _ */ ||
    c === 43 /* + */ ||
    c === 126 /* ~ */ ||
    c === 36 /* $ */ ||
    c === 40 /* ( */ ||
    c === 61 /* = */
  )
    return true;
  if (c === 45 /* - */)
    return (
      (next >= 48 && next <= 57) ||
      (next >= 65 && next <= 90) ||
      (next >= 97 && next <= 122) ||
      next === 46
    );
  return false;
}

/** A `:` inside a plain scalar (`http://x`, `a:b`): only before these, to stay clearly plain. */
function plainAfterColon(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 47; /* / */
}

// The yaml package's core schema (YAML 1.2), tried in its order: null, bool, int (octal, decimal,
// hex), float (.inf/.nan, exponent, decimal); anything else is a string.
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

export function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  // Most plain scalars start with a letter other than those of null/true/false/.inf: strings.
  const digitish = (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 126;
  if (!digitish && c !== 110 && c !== 78 && c !== 116 && c !== 84 && c !== 102 && c !== 70)
    return s;
  if (NULL.test(s)) return null;
  if (BOOL.test(s)) return c === 116 || c === 84;
  if (INT_OCT.test(s)) return parseInt(s.substring(2), 8);
  if (INT.test(s)) return parseInt(s, 10);
  if (INT_HEX.test(s)) return parseInt(s.substring(2), 16);
  if (FLOAT_NAN.test(s))
    return s.slice(-3).toLowerCase() === 'nan'
      ? NaN
      : s[0] === '-'
        ? Number.NEGATIVE_INFINITY
        : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(s) || FLOAT.test(s)) return parseFloat(s);
  return s;
}
