// The workspace is one multi-document YAML text (one source of truth for the editor, links and the
// engine). This lists its documents with kind/name and their text ranges, and adds or removes a
// document without touching the others' text. The editor's documents bar asks the engine worker
// for the list (`listDocumentsCapped`), so a big paste never parses on the page's main thread.
import { DEFAULT_MAX_BYTES, loadDocuments, utf8Length, type Loaded } from './source.ts';
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

/**
 * The documents from the engine's own reader (loadDocuments: documents written as one flow line
 * are read directly): a 760 KB generated workspace listed in ~60 ms, where the yaml package's
 * whole-text parse took 0.6–1 s of the worker after every edit, ahead of any click's explain
 * request. Empty documents are left out; index stays the document's position in the text.
 */
export function listDocuments(text: string): DocumentEntry[] {
  let loaded: Loaded;
  try {
    loaded = loadDocuments(text);
  } catch {
    return [];
  }
  const out: DocumentEntry[] = [];
  for (const doc of loaded.docs) {
    // An empty document is left out; one the reader refused (too deep, too many aliases) is
    // listed, so it can still be found and removed.
    if ((doc.value === null || doc.value === undefined) && doc.issues.length === 0) continue;
    out.push({
      index: doc.index,
      kind: field(doc.value, ['kind']) || '(no kind)',
      name: field(doc.value, ['metadata', 'name']) || '(no name)',
      line: loaded.lineCounter.linePos(doc.contentSpan.start).line,
      start: doc.span.start,
      end: doc.span.end,
    });
  }
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
