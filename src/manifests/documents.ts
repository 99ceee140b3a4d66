// The workspace is one multi-document YAML text (one source of truth for the editor, links and the
// engine). This lists its documents with kind/name and their text ranges, and adds or removes a
// document without touching the others' text. The editor's documents bar asks the engine worker
// for the list (`listDocumentsCapped`), so a big paste never parses on the page's main thread.
import { LineCounter, parseAllDocuments } from 'yaml';
import { DEFAULT_MAX_BYTES, utf8Length } from './source.ts';
export { appendDocument } from './edit.ts';

export interface DocumentEntry {
  index: number;
  kind: string;
  name: string;
  /** 1-based first line of the document's content. */
  line: number;
  /** Character offsets of the document in the text, separator included for all but the first. */
  start: number;
  end: number;
}

function field(doc: unknown, path: string[]): string {
  let v: unknown = doc;
  for (const p of path)
    v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
  return typeof v === 'string' ? v : '';
}

export function listDocuments(text: string): DocumentEntry[] {
  const lineCounter = new LineCounter();
  let docs;
  try {
    docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false });
  } catch {
    return [];
  }
  if (!Array.isArray(docs)) return [];
  const out: DocumentEntry[] = [];
  docs.forEach((doc, index) => {
    const [start = 0, , end = text.length] = doc.range;
    let js: unknown;
    try {
      js = doc.toJS({ maxAliasCount: 50 });
    } catch {
      js = undefined;
    }
    if (js === null || js === undefined) return; // empty document
    const contentStart = doc.contents?.range[0] ?? start;
    out.push({
      index,
      kind: field(js, ['kind']) || '(no kind)',
      name: field(js, ['metadata', 'name']) || '(no name)',
      line: lineCounter.linePos(contentStart).line,
      start,
      end,
    });
  });
  return out;
}

/**
 * Removes one document, leaving every other byte as it was. The yaml library's range for a document
 * after the first already includes its own `---` line; for the first document, the next document's
 * separator goes instead.
 */
export function removeDocument(text: string, entry: Pick<DocumentEntry, 'start' | 'end'>): string {
  const removed = text.slice(entry.start, entry.end);
  const before = text.slice(0, entry.start);
  const after = text.slice(entry.end);
  if (/^---/.test(removed)) return before + after;
  const sepAfter = /^---[^\n]*\n?/.exec(after);
  return before + (sepAfter ? after.slice(sepAfter[0].length) : after);
}

/** The documents, or how big the text is when it is over the workspace limit (not parsed at all). */
export type DocumentList =
  { ok: true; documents: DocumentEntry[] } | { ok: false; bytes: number; limit: number };

export function listDocumentsCapped(text: string, limit = DEFAULT_MAX_BYTES): DocumentList {
  if (text.length > limit || utf8Length(text) > limit)
    return { ok: false, bytes: utf8Length(text), limit };
  return { ok: true, documents: listDocuments(text) };
}
