// YAML text → plain JSON-like values plus a map from field path to text span, with every hostile
// input turned into a located issue instead of an exception: size cap, nesting cap, bounded alias
// expansion, non-string keys, duplicate keys, tabs, `__proto__` keys (no prototype pollution).
// We convert the yaml AST ourselves (not doc.toJS) because we need a span for every field path.

import {
  isAlias,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  visit,
} from 'yaml';
import type { Document } from 'yaml';
import type { DiagnosticCode, Severity } from './diagnostic.ts';
import { childKey, flowDocuments } from './flowLine.ts';
import type { FlowDoc } from './flowLine.ts';

export type Path = readonly (string | number)[];
/** Half-open offsets into the text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}
export interface SourceIssue {
  readonly span: Span;
  readonly message: string;
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly path: Path;
}
export interface FieldSpans {
  readonly key?: Span;
  readonly value: Span;
}
export interface SourceDoc {
  readonly index: number;
  /** undefined for an empty document. Objects are plain objects built without prototype setters. */
  readonly value: unknown;
  readonly span: Span;
  /** The document's contents (after `---` and leading comments), including trailing comments. */
  readonly contentSpan: Span;
  readonly issues: readonly SourceIssue[];
  /** Spans of the nearest located field along `path` (a missing field falls back to its parent). */
  locate(path: Path): FieldSpans;
}
export interface LoadOptions {
  maxBytes?: number;
  maxDepth?: number;
  /** Cap on values produced per document, counting alias expansions (the alias-bomb guard). */
  maxNodes?: number;
  /** Read documents written as one flow line directly (default); false: the yaml package for all
   *  (the reference the fast reader is tested against). */
  flowLines?: boolean;
}
export interface Loaded {
  readonly docs: readonly SourceDoc[];
  readonly issues: readonly SourceIssue[];
  readonly lineCounter: LineCounter;
}

export const DEFAULT_MAX_BYTES = 1024 * 1024;
const DEFAULT_MAX_DEPTH = 64;
const DEFAULT_MAX_NODES = 200_000;

export function utf8Length(text: string): number {
  // One native scan finds the first non-ASCII character (usually none): the loop runs once per
  // parse, before it is optimised, and cost ~0.1 s on a 300 KB workspace.
  const first = text.search(/[\u0080-\uffff]/);
  if (first < 0) return text.length;
  let n = first;
  for (let i = first; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export function loadDocuments(text: string, opts: LoadOptions = {}): Loaded {
  const lineCounter = new LineCounter();
  // Refusals before parsing still need 1-based positions: the parser would record line starts.
  const counted = (): LineCounter => {
    const lc = new LineCounter();
    lc.addNewLine(0);
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lc.addNewLine(i + 1);
    return lc;
  };
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const bytes = utf8Length(text);
  if (bytes > maxBytes) {
    const issue: SourceIssue = {
      span: { start: 0, end: Math.min(text.length, 1) },
      message: `the workspace is ${bytes} bytes; the limit is ${maxBytes} bytes (${Math.round(maxBytes / 1024)} KiB). Split it or remove unused documents`,
      code: 'limit',
      severity: 'error',
      path: [],
    };
    return { docs: [], issues: [issue], lineCounter: counted() };
  }
  // The yaml parser recurses on nesting; near the stack limit V8 can abort the whole process
  // (not a catchable RangeError), so absurd nesting is refused before parsing.
  const tooDeep = nestingProblem(text, PRESCAN_MAX_NESTING);
  if (tooDeep) return { docs: [], issues: [tooDeep], lineCounter: counted() };
  // Parsing time grows with the number of documents much faster than with their size.
  const markers = text.match(/^(---|\.\.\.)(\s|$)/gm)?.length ?? 0;
  if (markers > MAX_DOCUMENTS) {
    const issue: SourceIssue = {
      span: { start: 0, end: Math.min(text.length, 1) },
      message: `the workspace has more than ${MAX_DOCUMENTS} documents (${markers} "---" separators); use fewer, or one kind: List`,
      code: 'limit',
      severity: 'error',
      path: [],
    };
    return { docs: [], issues: [issue], lineCounter: counted() };
  }
  const caps = {
    maxDepth: opts.maxDepth ?? DEFAULT_MAX_DEPTH,
    maxNodes: opts.maxNodes ?? DEFAULT_MAX_NODES,
  };
  // No `&` anywhere means no anchors, so every alias is unresolved (yaml reported it) and the
  // per-document walk that finds alias targets can be skipped.
  const anchors = text.includes('&');
  // Documents written as one flow line are read directly. The yaml package parses the text before
  // the run of such documents that ends it (most generated workspaces: a few block documents, then
  // thousands of lines), with the flow lines in there blanked to `{}`: same offsets and lines, so
  // it still gives every document's range and every other document exactly as before.
  const flow = opts.flowLines === false ? undefined : flowDocuments(text, caps);
  const fast = flow && withFlowLines(text, flow, { ...caps, anchors });
  if (fast) return fast;
  let parsed: Document.Parsed[];
  try {
    parsed = parseText(text, lineCounter) ?? [];
  } catch (e) {
    // The parser is iterative and caps nothing itself; this is a last line of defence.
    const issue: SourceIssue = {
      span: { start: 0, end: Math.min(text.length, 1) },
      message: `the YAML parser gave up: ${e instanceof Error ? e.message : String(e)}`,
      code: 'yaml',
      severity: 'error',
      path: [],
    };
    return { docs: [], issues: [issue], lineCounter: counted() };
  }
  const docs = parsed.map((d, i) =>
    placeYamlIssues(text, convertDocument(d, i, text.length, { ...caps, anchors })),
  );
  return { docs, issues: [], lineCounter };
}

/**
 * The yaml package's positions for some syntax errors, moved to where the mistake is: an unclosed
 * quote is reported at the end of the text (the string ran to it), so it points at the opening
 * quote; a list item without "- " and a key out of line with its siblings at column 1 of their
 * line, so at the line's first character; and nothing points past the last line.
 */
function placeYamlIssues(text: string, doc: SourceDoc): SourceDoc {
  if (!doc.issues.some((i) => i.code === 'yaml')) return doc;
  const lastChar = text.replace(/\s+$/, '').length - 1;
  const issues = doc.issues.map((issue): SourceIssue => {
    if (issue.code !== 'yaml') return issue;
    let { start, end } = issue.span;
    let { message } = issue;
    const quote = /^Missing closing (["'])quote/.exec(message)?.[1];
    if (quote !== undefined) {
      const open = unclosedQuote(text, doc.span.start, start, quote);
      if (open !== undefined) [start, end] = [open, open + 1];
      message = `${message}: the quoted string that starts here never ends (expected a closing ${quote} on this line)`;
    } else if (message.startsWith('Sequence item without - indicator')) {
      start = end = firstCharOfLine(text, start);
      message = `${message}: expected "- " before this list item, or this line in the same column as the lines above it`;
    } else if (message.startsWith('All mapping items must start at the same column')) {
      // " spec:" one column off: the hint says "this key", so point at the key, not column 1.
      start = end = firstCharOfLine(text, start);
    }
    if (start > lastChar && lastChar >= 0) start = end = lastChar;
    return { ...issue, span: { start, end: Math.max(start, end) }, message };
  });
  return { ...doc, issues };
}

/** The first non-blank character of the line `at` is on, when it is after `at` (else `at`). */
function firstCharOfLine(text: string, at: number): number {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const first = text.slice(lineStart).search(/\S/);
  return first >= 0 && lineStart + first > at ? lineStart + first : at;
}

/** Where the quote that is still open at `until` was opened (a scan of the document that knows
 *  comments and the other kind of quote), or undefined. */
function unclosedQuote(
  text: string,
  from: number,
  until: number,
  quote: string,
): number | undefined {
  let open: number | undefined;
  let inQuote: string | undefined;
  for (let i = from; i < Math.min(until, text.length); i++) {
    const c = text[i];
    if (inQuote !== undefined) {
      if (c === '\\' && inQuote === '"') i++;
      else if (c === inQuote) {
        if (inQuote === "'" && text[i + 1] === "'") i++;
        else inQuote = undefined;
      }
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      const nl = text.indexOf('\n', i);
      if (nl === -1) break;
      i = nl;
    } else if ((c === '"' || c === "'") && /[\s[{,:]|^$/.test(text[i - 1] ?? '')) {
      inQuote = c;
      open = i;
    }
  }
  return inQuote === quote ? open : undefined;
}

function parseText(text: string, lineCounter: LineCounter): Document.Parsed[] | undefined {
  // Duplicate keys are found in convertDocument, after keys become text (`1` and "1" are one key
  // to Kubernetes) and in linear time: the parser's own check is quadratic in a map's size.
  const out = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  return Array.isArray(out) ? out : undefined;
}

/** loadDocuments' result with the flow lines read, or undefined to parse the whole text. */
function withFlowLines(
  text: string,
  flow: { found: Map<number, FlowDoc>; prefix: string; tail: number },
  caps: { maxDepth: number; maxNodes: number; anchors: boolean },
): Loaded | undefined {
  const lineCounter = new LineCounter();
  let parsed: Document.Parsed[] | undefined = [];
  if (flow.tail > 0) {
    try {
      parsed = parseText(flow.prefix, lineCounter);
    } catch {
      parsed = undefined; // the whole text gives the same failure, and reports it
    }
  } else lineCounter.addNewLine(0);
  if (!parsed) return undefined;
  // The prefix's last document ended at the end of the prefix instead of at a `---` line: the
  // same unless it has problems (an unclosed collection, say), which then go the long way.
  const last = parsed.at(-1);
  if (
    flow.tail < text.length &&
    last &&
    (last.errors.length > 0 || last.warnings.length > 0 || last.range[2] !== flow.tail)
  )
    return undefined;
  let matched = 0;
  const docs = parsed.map((d, i) => {
    const f = flowMatch(d, flow.found);
    if (!f) return placeYamlIssues(text, convertDocument(d, i, text.length, caps));
    matched++;
    return flowDocument(i, f, {
      start: Math.min(d.range[0], text.length),
      end: Math.min(d.range[2], text.length),
    });
  });
  for (const [at, f] of flow.found) {
    if (at < flow.tail) continue;
    docs.push(flowDocument(docs.length, f, { start: f.docStart, end: f.end }));
    matched++;
  }
  if (matched !== flow.found.size) return undefined;
  for (let i = text.indexOf('\n', flow.tail); i !== -1; i = text.indexOf('\n', i + 1))
    lineCounter.addNewLine(i + 1);
  return { docs, issues: [], lineCounter };
}

/** The flow line a parsed document of the blanked text stands for: its contents are exactly the
 *  `{}` put there, and nothing else is in the document. */
function flowMatch(doc: Document.Parsed, found: Map<number, FlowDoc>): FlowDoc | undefined {
  const c = doc.contents;
  if (!isMap(c) || c.items.length > 0 || doc.errors.length > 0 || doc.warnings.length > 0)
    return undefined;
  const r = c.range;
  if (r[1] !== r[0] + 2 || c.anchor || c.tag) return undefined;
  const f = found.get(r[0]);
  return f && r[2] === f.end ? f : undefined;
}

/** A flow line's document: its contents run from the line's start to after its newline. */
function flowDocument(index: number, flow: FlowDoc, span: Span): SourceDoc {
  const contentSpan = { start: flow.rootSpan.start, end: flow.end };
  return sourceDoc(index, flow.value, span, contentSpan, [], flow.spans, flow.rootSpan);
}

const PRESCAN_MAX_NESTING = 256;
export const MAX_DOCUMENTS = 2000;

/**
 * A cheap scan for nesting no real manifest has: flow brackets (`[[[[`), compact sequences on one
 * line (`- - - -`) and indentation. Quotes and comments are skipped approximately; the semantic
 * cap (maxDepth, 64) is enforced precisely later, on the parsed tree.
 */
export function nestingProblem(text: string, max: number): SourceIssue | undefined {
  let depth = 0;
  let quote: '"' | "'" | undefined;
  let lineStart = true;
  let indent = 0;
  let dashes = 0;
  const problem = (at: number, what: string): SourceIssue => ({
    span: { start: at, end: Math.min(text.length, at + 1) },
    message:
      what === 'indented blocks'
        ? `lines indented more than ${max} spaces are not supported (is this a Kubernetes manifest?)`
        : `${what} nest deeper than ${max} levels; this is not a Kubernetes manifest the lab can read`,
    code: 'limit',
    severity: 'error',
    path: [],
  });
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      lineStart = true;
      indent = 0;
      dashes = 0;
      if (quote === "'") quote = undefined; // an unterminated single quote: stop guessing
      continue;
    }
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (lineStart) {
      if (c === ' ') {
        if (++indent > max) return problem(i, 'indented blocks');
        if ((indent >> 1) + dashes + depth > max) return problem(i, 'collections');
        continue;
      }
      if ((c === '-' || c === '?' || c === ':') && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
        if ((indent >> 1) + ++dashes + depth > max) return problem(i, 'collections');
        i++;
        continue;
      }
      lineStart = false;
    }
    const prev = i > 0 ? text[i - 1] : ' ';
    if (c === '#' && (prev === ' ' || prev === '\t')) {
      const nl = text.indexOf('\n', i);
      i = (nl === -1 ? text.length : nl) - 1;
    } else if (
      (c === '"' || c === "'") &&
      (prev === ' ' ||
        prev === '[' ||
        prev === '{' ||
        prev === ',' ||
        prev === ':' ||
        prev === '\n')
    ) {
      quote = c;
    } else if (c === '[' || c === '{') {
      if ((indent >> 1) + dashes + ++depth > max) return problem(i, 'collections');
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return undefined;
}

/** Sets an own property even for `__proto__` (plain assignment would replace the prototype). */
export function setOwn(o: Record<string, unknown>, key: string, value: unknown): void {
  // Only `__proto__` is an accessor on Object.prototype; every other key assigns as an own data
  // property, and plain assignment is several times cheaper than defineProperty on big workspaces.
  if (key === '__proto__')
    Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  else o[key] = value;
}

function spanOf(node: unknown, textLength: number): Span | undefined {
  const r = (node as { range?: [number, number, number] } | null)?.range;
  if (!r) return undefined;
  return { start: Math.min(r[0], textLength), end: Math.min(Math.max(r[1], r[0]), textLength) };
}

const INDENT_HINTS: Record<string, string> = {
  'All mapping items must start at the same column':
    'expected this key in the same column as the keys above it (YAML nests by indentation)',
  'Nested mappings are not allowed in compact mappings':
    'expected the next line in the same column as this key, or indented under a key with no value (a line indented deeper than its siblings continues this value)',
  'Implicit keys need to be on a single line':
    'expected "key: value" on one line; check the indentation of the line after it',
  'Implicit map keys need to be followed by map values':
    'expected "key: value" (a colon and a space)',
  'A block sequence may not be used as an implicit map key':
    'expected a list item ("- …") under a key that ends with a colon, indented deeper than it',
};

function yamlMessage(code: string, message: string): { message: string; code: DiagnosticCode } {
  // The yaml package appends " at line L, column C" even without prettyErrors; the marker has it.
  const plain = message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '');
  if (code === 'DUPLICATE_KEY')
    return { message: 'duplicate key: the key is already set in this map', code: 'duplicate-key' };
  if (code === 'TAB_AS_INDENT')
    return { message: `${plain} (indent YAML with spaces)`, code: 'yaml' };
  // The yaml package's words for indentation mistakes, said as what was expected.
  const hint = INDENT_HINTS[plain];
  return { message: hint ? `${plain}: ${hint}` : plain, code: 'yaml' };
}

function convertDocument(
  doc: Document.Parsed,
  index: number,
  textLength: number,
  caps: { maxDepth: number; maxNodes: number; anchors: boolean },
): SourceDoc {
  const issues: SourceIssue[] = [];
  const spans = new Map<string, FieldSpans>();
  const docSpan: Span = {
    start: Math.min(doc.range[0], textLength),
    end: Math.min(doc.range[2], textLength),
  };
  for (const [list, severity] of [
    [doc.errors, 'error'],
    [doc.warnings, 'warning'],
  ] as const) {
    for (const e of list) {
      const { message, code } = yamlMessage(e.code, e.message);
      const start = Math.min(e.pos[0], textLength);
      issues.push({
        span: { start, end: Math.max(start, Math.min(e.pos[1], textLength)) },
        message,
        code,
        severity,
        path: [],
      });
    }
  }
  // Each alias's target, found in one pass over the document: the yaml package's Alias.resolve
  // walks the whole document per alias, quadratic for many aliases (20,000 took 90 s). Same rule:
  // the last node with that anchor before the alias, in document order.
  const aliasTargets = new Map<unknown, unknown>();
  const anchors = new Map<string, unknown>();
  if (caps.anchors)
    visit(doc, (_key, node) => {
      if (isAlias(node)) aliasTargets.set(node, anchors.get(node.source));
      else if (isNode(node) && node.anchor) anchors.set(node.anchor, node);
    });
  let produced = 0;
  let capped = false;
  const cap = (span: Span | undefined, path: Path, message: string) => {
    if (capped) return;
    capped = true;
    issues.push({ span: span ?? docSpan, message, code: 'limit', severity: 'error', path });
  };

  // `inAlias` is the alias node's span while expanding an alias: fields inside it point there.
  const convert = (
    node: unknown,
    path: Path,
    key: string,
    depth: number,
    inAlias: Span | undefined,
    aliasDepth: number,
  ): unknown => {
    if (capped) return undefined;
    if (++produced > caps.maxNodes) {
      cap(
        inAlias ?? spanOf(node, textLength),
        path,
        `the document expands to more than ${caps.maxNodes} values (too many aliases?)`,
      );
      return undefined;
    }
    if (depth > caps.maxDepth) {
      cap(
        inAlias ?? spanOf(node, textLength),
        path,
        `nesting deeper than ${caps.maxDepth} levels is not supported`,
      );
      return undefined;
    }
    if (isAlias(node)) {
      const target = aliasTargets.get(node);
      if (!target || aliasDepth > caps.maxDepth) return null; // unresolved alias: yaml reported it
      return convert(target, path, key, depth, inAlias ?? spanOf(node, textLength), aliasDepth + 1);
    }
    if (isScalar(node)) return scalarValue(node.value);
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      const merges: { value: unknown; span: Span | undefined }[] = [];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keySpan = inAlias ?? spanOf(pair.key, textLength);
        if (isMergeKey(pair.key)) {
          merges.push({ value: pair.value, span: inAlias ?? spanOf(pair.value, textLength) });
          continue;
        }
        const field = keyString(pair.key);
        if (field === undefined) {
          issues.push({
            span: keySpan ?? spanOf(node, textLength) ?? docSpan,
            message: 'map keys must be strings, numbers or booleans, not lists, maps or null',
            code: 'yaml',
            severity: 'error',
            path,
          });
          continue;
        }
        const childPath = [...path, field];
        if (Object.hasOwn(out, field)) {
          // Inside an alias the anchored map was already reported where it is written.
          if (!inAlias)
            issues.push({
              span: keySpan ?? spanOf(node, textLength) ?? docSpan,
              message: `duplicate key ${JSON.stringify(field)}: the key is already set in this map${typeof (pair.key as { value?: unknown }).value === 'string' ? '' : ' (keys are text to Kubernetes: 1 and "1" are the same key)'}`,
              code: 'duplicate-key',
              severity: 'error',
              path: childPath,
            });
          continue;
        }
        const valueSpan = inAlias ?? spanOf(pair.value, textLength) ?? keySpan ?? docSpan;
        const fieldKey = childKey(key, field);
        if (!inAlias)
          spans.set(fieldKey, keySpan ? { key: keySpan, value: valueSpan } : { value: valueSpan });
        setOwn(
          out,
          field,
          pair.value == null
            ? null
            : convert(pair.value, childPath, fieldKey, depth + 1, inAlias, aliasDepth),
        );
      }
      // YAML merge keys (`<<: *base`, `<<: [*a, *b]`), which kubectl's YAML reader accepts: keys
      // written in this map win, then earlier merged maps over later ones.
      for (const m of merges) {
        const sources = isSeq(m.value) ? m.value.items : [m.value];
        for (const src of sources) {
          const merged = convert(src, path, key, depth, m.span, aliasDepth);
          if (capped) return out;
          if (merged === null || typeof merged !== 'object' || Array.isArray(merged)) {
            issues.push({
              span: m.span ?? spanOf(node, textLength) ?? docSpan,
              message: 'a merge key (<<) takes a map or a list of maps',
              code: 'yaml',
              severity: 'error',
              path,
            });
            continue;
          }
          for (const [k, v] of Object.entries(merged))
            if (!Object.hasOwn(out, k)) setOwn(out, k, v);
        }
      }
      return out;
    }
    if (isSeq(node)) {
      return node.items.map((item, i) => {
        const childPath = [...path, i];
        const itemKey = childKey(key, i);
        const s = inAlias ?? spanOf(item, textLength);
        if (!inAlias && s) spans.set(itemKey, { value: s });
        return item == null
          ? null
          : convert(item, childPath, itemKey, depth + 1, inAlias, aliasDepth);
      });
    }
    return null;
  };

  const value = doc.contents == null ? undefined : convert(doc.contents, [], '', 0, undefined, 0);
  const rootSpan = spanOf(doc.contents, textLength) ?? docSpan;
  const cr = (doc.contents as { range?: [number, number, number] } | null)?.range;
  const contentSpan: Span = cr
    ? { start: Math.min(cr[0], textLength), end: Math.min(cr[2], textLength) }
    : { start: docSpan.end, end: docSpan.end };
  return sourceDoc(
    index,
    capped ? undefined : value,
    docSpan,
    contentSpan,
    issues,
    () => spans,
    rootSpan,
  );
}

function sourceDoc(
  index: number,
  value: unknown,
  span: Span,
  contentSpan: Span,
  issues: readonly SourceIssue[],
  spansOf: () => ReadonlyMap<string, FieldSpans>,
  rootSpan: Span,
): SourceDoc {
  return {
    index,
    value,
    span,
    contentSpan,
    issues,
    locate(path: Path): FieldSpans {
      const spans = spansOf();
      const keys: string[] = [];
      for (const segment of path) keys.push(childKey(keys.at(-1) ?? '', segment));
      for (let n = keys.length - 1; n >= 0; n--) {
        const s = spans.get(keys[n] ?? '');
        if (s) return s;
      }
      return { value: rootSpan };
    },
  };
}

/** A plain `<<` key (a quoted "<<" is an ordinary key, as in YAML 1.1). */
function isMergeKey(key: unknown): boolean {
  return isScalar(key) && key.value === '<<' && key.type === 'PLAIN';
}

function keyString(key: unknown): string | undefined {
  if (isAlias(key) || isMap(key) || isSeq(key)) return undefined;
  if (isScalar(key)) {
    const v = key.value;
    if (v === null || v === undefined) return undefined;
    // Like sigs.k8s.io/yaml: a number or boolean key becomes its text (`80: http` → "80").
    if (typeof key.source === 'string' && typeof v !== 'string') return key.source;
    return String(v);
  }
  return undefined;
}

function scalarValue(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return String(v);
}
