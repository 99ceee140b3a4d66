// Edits that keep the learner's text: `kubectl scale/label/annotate/apply` in the console change
// only the touched fields. Scalars are replaced in place (keeping their quote style); a new scalar
// key is inserted as one line in a block map or one entry in a flow map; anything structural
// falls back to re-printing just that document through the yaml Document API (comments kept).
// Every result is re-parsed and checked, so a clever splice can never silently corrupt the text.

import { isMap, isScalar, isSeq, parseDocument, Scalar, stringify } from 'yaml';
import type { Document, YAMLMap, YAMLSeq } from 'yaml';
import { loadDocuments } from './source.ts';
import type { Path, SourceDoc } from './source.ts';

export interface ObjectRef {
  readonly kind: string;
  readonly name: string;
  /** Matched against metadata.namespace, treating a missing namespace as "default". */
  readonly namespace?: string;
  readonly apiVersion?: string;
}
export type EditOp =
  | { readonly op: 'set'; readonly path: Path; readonly value: unknown }
  | { readonly op: 'remove'; readonly path: Path };
export interface WorkspaceEdit {
  readonly target: ObjectRef;
  readonly ops: readonly EditOp[];
}
export type EditResult = { ok: true; text: string } | { ok: false; error: string };

type Located = { doc: SourceDoc; prefix: Path };

function findObject(text: string, ref: ObjectRef): Located | undefined {
  for (const doc of loadDocuments(text).docs) {
    const v = doc.value as { kind?: unknown; items?: unknown } | undefined;
    const candidates: { o: unknown; prefix: Path }[] = [{ o: v, prefix: [] }];
    if (v?.kind === 'List' && Array.isArray(v.items))
      v.items.forEach((o, i) => candidates.push({ o, prefix: ['items', i] }));
    for (const { o, prefix } of candidates) {
      const obj = o as
        | {
            apiVersion?: unknown;
            kind?: unknown;
            metadata?: { name?: unknown; namespace?: unknown };
          }
        | undefined;
      if (!obj || obj.kind !== ref.kind || obj.metadata?.name !== ref.name) continue;
      if (ref.apiVersion !== undefined && obj.apiVersion !== ref.apiVersion) continue;
      if (ref.namespace !== undefined && (obj.metadata?.namespace ?? 'default') !== ref.namespace)
        continue;
      return { doc, prefix };
    }
  }
  return undefined;
}

const isScalarValue = (v: unknown): v is string | number | boolean | null =>
  v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

function scalarText(value: string | number | boolean | null, like?: Scalar): string {
  if (typeof value === 'string' && like?.type === Scalar.QUOTE_DOUBLE) return JSON.stringify(value);
  if (typeof value === 'string' && like?.type === Scalar.QUOTE_SINGLE)
    return `'${value.replace(/'/g, "''")}'`;
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** One op on one document's text; returns the new document text. */
function applyOp(src: string, op: EditOp): string {
  const doc = parseDocument(src, { keepSourceTokens: true });
  const spliced = trySplice(src, doc, op);
  // What the whole document must read as after the op: a splice is kept only if it reads so,
  // everything else unchanged (a cut one line too far once took the next key with it, or moved
  // the keys after it under another map, and still parsed).
  const expected = doc.clone();
  if (op.op === 'set') expected.setIn(op.path, op.value);
  else expected.deleteIn(op.path);
  if (spliced !== undefined) {
    const check = parseDocument(spliced);
    if (check.errors.length === 0 && sameValue(check.toJS(), expected.toJS())) return spliced;
  }
  // Structural change: re-print this document only.
  return expected.toString({ lineWidth: 0 });
}

function trySplice(src: string, doc: Document.Parsed, op: EditOp): string | undefined {
  const node = doc.getIn(op.path, true);
  if (op.op === 'set') {
    if (isScalar(node) && node.range && isScalarValue(op.value))
      return src.slice(0, node.range[0]) + scalarText(op.value, node) + src.slice(node.range[1]);
    if (node !== undefined) return undefined;
    // Insert under the deepest existing map, nesting the missing parents (labels → new key).
    for (let i = op.path.length - 1; i >= 0; i--) {
      const parent = doc.getIn(op.path.slice(0, i), true);
      if (parent === undefined) continue;
      const key = op.path[i];
      if (!isMap(parent) || typeof key !== 'string') return undefined;
      const value = op.path
        .slice(i + 1)
        .reduceRight<unknown>((v, k) => (typeof k === 'string' ? { [k]: v } : undefined), op.value);
      if (value === undefined) return undefined;
      return insertPair(src, parent, key, value);
    }
    return undefined;
  }
  const parent = doc.getIn(op.path.slice(0, -1), true);
  const key = op.path[op.path.length - 1];
  if (isSeq(parent) && typeof key === 'number') return removeItem(src, parent, key);
  if (!isMap(parent) || typeof key !== 'string' || parent.items.length < 2) return undefined;
  const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
  const k = pair?.key as Scalar | undefined;
  const v = pair?.value as { range?: [number, number, number] } | null | undefined;
  if (!k?.range) return undefined;
  let endOfValue = v?.range ? v.range[1] : k.range[1];
  // A block value's range takes in its final newline: the cut ends on the value's last line, not
  // on the line after it (which it deleted with the pair).
  while (endOfValue > k.range[1] && /\s/.test(src[endOfValue - 1] ?? '')) endOfValue--;
  if (parent.flow) {
    // `{a: 1, b: 2}`: drop the pair and one neighbouring comma.
    const after = /^\s*,\s*/.exec(src.slice(endOfValue));
    if (after) return src.slice(0, k.range[0]) + src.slice(endOfValue + after[0].length);
    const before = /,\s*$/.exec(src.slice(0, k.range[0]));
    return before ? src.slice(0, k.range[0] - before[0].length) + src.slice(endOfValue) : undefined;
  }
  const start = src.lastIndexOf('\n', k.range[0] - 1) + 1;
  if (src.slice(start, k.range[0]).trim() !== '') return undefined; // key not first on its line
  const nl = src.indexOf('\n', endOfValue);
  return src.slice(0, start) + (nl === -1 ? '' : src.slice(nl + 1));
}

/** A block list's item removed with its lines (`- { key: … }` and any lines it continues on),
 *  leaving the rest of the text as written; undefined when the list is not laid out that way. */
function removeItem(src: string, list: YAMLSeq, index: number): string | undefined {
  if (list.flow || list.items.length < 2) return undefined;
  const item = list.items[index] as { range?: [number, number, number] } | null | undefined;
  if (!item?.range) return undefined;
  const start = src.lastIndexOf('\n', item.range[0] - 1) + 1;
  if (!/^ *- *$/.test(src.slice(start, item.range[0]))) return undefined; // `- ` opens its line
  // To the end of the item's last line (a comment above the next item stays with it).
  const nl = src.indexOf('\n', item.range[1] - 1);
  const end = nl === -1 ? src.length : nl + 1;
  return src.slice(0, start) + src.slice(end);
}

function insertPair(src: string, map: YAMLMap, key: string, value: unknown): string | undefined {
  const range = map.range;
  if (!range) return undefined;
  if (map.flow) {
    if (!isScalarValue(value)) return undefined;
    const close = src.lastIndexOf('}', range[1] - 1);
    if (close < range[0]) return undefined;
    const head = src.slice(0, close);
    const before = head.replace(/\s*$/, '');
    const sep = map.items.length === 0 ? '' : ', ';
    return `${before}${sep}${scalarText(key)}: ${scalarText(value)}${head.slice(before.length)}${src.slice(close)}`;
  }
  const first = map.items[0]?.key as Scalar | undefined;
  const last = map.items[map.items.length - 1];
  if (!first?.range || !last) return undefined;
  const lineStart = src.lastIndexOf('\n', first.range[0] - 1) + 1;
  const indent = src.slice(lineStart, first.range[0]);
  if (!/^[ -]*$/.test(indent)) return undefined;
  const lastValue = (last.value ?? last.key) as { range?: [number, number, number] } | null;
  let end = lastValue?.range?.[1];
  if (end === undefined) return undefined;
  // A nested block value's range takes in its final newline (and any blank lines after it):
  // the new pair goes on the line after its last text, not after the newline, which left a blank
  // line before it and the file without its final newline.
  while (end > 0 && /\s/.test(src[end - 1] ?? '')) end--;
  const nl = src.indexOf('\n', end);
  const at = nl === -1 ? src.length : nl;
  const pad = ' '.repeat(indent.length);
  const body = isScalarValue(value)
    ? ` ${scalarText(value)}`
    : `\n${stringify(value, { lineWidth: 0 })
        .trimEnd()
        .split('\n')
        .map((l) => `${pad}  ${l}`)
        .join('\n')}`;
  return `${src.slice(0, at)}\n${pad}${scalarText(key)}:${body}${src.slice(at)}`;
}

export function editWorkspace(written: string, edit: WorkspaceEdit): EditResult {
  // A file saved with Windows line ends keeps them: the edit is made on LF lines and the lines
  // it adds get CRLF like the rest (they came out LF-only, a file of mixed line ends).
  const crlf = written.includes('\r\n');
  const text = crlf ? written.replace(/\r\n/g, '\n') : written;
  const r = editLines(text, edit);
  return r.ok && crlf ? { ok: true, text: r.text.replace(/\n/g, '\r\n') } : r;
}

function editLines(text: string, edit: WorkspaceEdit): EditResult {
  const found = findObject(text, edit.target);
  if (!found) {
    const ns = edit.target.namespace
      ? ` in namespace ${JSON.stringify(edit.target.namespace)}`
      : '';
    return {
      ok: false,
      error: `${edit.target.kind} ${JSON.stringify(edit.target.name)}${ns} not found in the workspace`,
    };
  }
  const { start, end } = found.doc.contentSpan;
  let docText = text.slice(start, end);
  for (const op of edit.ops)
    docText = applyOp(docText, { ...op, path: [...found.prefix, ...op.path] });
  if (!docText.endsWith('\n') && end < text.length) docText += '\n';
  return { ok: true, text: text.slice(0, start) + docText + text.slice(end) };
}

/** Leaf-level differences: objects recurse, arrays and scalars are replaced whole. */
export function diffOps(from: unknown, to: unknown, path: Path = []): EditOp[] {
  const isObj = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObj(from) && isObj(to)) {
    const ops: EditOp[] = [];
    for (const k of Object.keys(to)) ops.push(...diffOps(from[k], to[k], [...path, k]));
    for (const k of Object.keys(from))
      if (!(k in to)) ops.push({ op: 'remove', path: [...path, k] });
    return ops;
  }
  return sameValue(from, to) ? [] : [{ op: 'set', path, value: to }];
}

/**
 * `kubectl apply` of a whole object: changes only the fields that differ (status is ignored);
 * an object not yet in the workspace is appended as a new document.
 */
export function applyObject(
  text: string,
  object: { apiVersion: string; kind: string; metadata: { name?: string; namespace?: string } },
): EditResult {
  const name = object.metadata.name;
  if (name === undefined) return { ok: false, error: 'the object has no metadata.name' };
  const ref: ObjectRef = {
    kind: object.kind,
    name,
    ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
  };
  const found = findObject(text, ref);
  if (!found) {
    const sep = text === '' || text.endsWith('\n') ? '' : '\n';
    return {
      ok: true,
      text: `${text}${sep}${text.trim() === '' ? '' : '---\n'}${stringify(object, { lineWidth: 0 })}`,
    };
  }
  const current = found.prefix.reduce<unknown>(
    (v, k) => (v as Record<string | number, unknown> | undefined)?.[k],
    found.doc.value,
  );
  const { status: _a, ...cur } = (current ?? {}) as Record<string, unknown>;
  const { status: _b, ...next } = object as unknown as Record<string, unknown>;
  return editWorkspace(text, { target: ref, ops: diffOps(cur, next) });
}

/** Adds a document at the end of the workspace, after a `---` separator. */
export function appendDocument(text: string, doc: string): string {
  const body = text.replace(/\s*$/, '');
  return body === '' ? doc : `${body}\n---\n${doc}`;
}
