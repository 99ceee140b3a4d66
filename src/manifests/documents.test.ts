import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LineCounter, parseAllDocuments } from 'yaml';
import { benchWorkspace } from '../../bench/workspace.ts';
import {
  appendDocument,
  listDocuments,
  listDocumentsCapped,
  removeDocument,
  type DocumentEntry,
} from './documents.ts';

const ws = `# my workspace
apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: default # keep this comment
spec: {}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: inflate
---
apiVersion: v1
kind: Pod
metadata:
  name: solo
`;

describe('workspace documents', () => {
  it('lists each document with its kind, name and first line', () => {
    expect(listDocuments(ws).map((d) => [d.kind, d.name, d.line])).toEqual([
      ['NodePool', 'default', 2],
      ['Deployment', 'inflate', 8],
      ['Pod', 'solo', 13],
    ]);
  });

  it('removes a middle document and keeps every other byte', () => {
    const docs = listDocuments(ws);
    const out = removeDocument(ws, docs[1]!);
    expect(out).toContain('name: default # keep this comment');
    expect(out).not.toContain('inflate');
    expect(listDocuments(out).map((d) => d.name)).toEqual(['default', 'solo']);
    expect(out.match(/^---$/gm)).toHaveLength(1);
  });

  it('removes the first and the last documents cleanly', () => {
    const first = removeDocument(ws, listDocuments(ws)[0]!);
    expect(listDocuments(first).map((d) => d.name)).toEqual(['inflate', 'solo']);
    const last = removeDocument(ws, listDocuments(ws)[2]!);
    expect(listDocuments(last).map((d) => d.name)).toEqual(['default', 'inflate']);
  });

  it('appends a document with a separator', () => {
    const out = appendDocument(ws, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: more\n');
    expect(listDocuments(out).map((d) => d.name)).toEqual(['default', 'inflate', 'solo', 'more']);
    expect(appendDocument('', 'kind: Pod\n')).toBe('kind: Pod\n');
  });

  it('never throws on garbage', () => {
    expect(() => listDocuments('\u0000\u0001: [\n{{{')).not.toThrow();
  });
});

describe('listing a workspace over the size limit', () => {
  it('does not parse it, and says how big it is', () => {
    expect(listDocumentsCapped('kind: Pod\n'.repeat(10), 50)).toEqual({
      ok: false,
      bytes: 100,
      limit: 50,
    });
    expect(listDocumentsCapped('kind: Pod\nmetadata: {name: a}\n')).toMatchObject({
      ok: true,
      documents: [{ kind: 'Pod', name: 'a', line: 1 }],
    });
  });
});

/** The list as it was made before: the yaml package's whole-text parse (the reference). */
function listByYamlPackage(text: string): DocumentEntry[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false });
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
    if (js === null || js === undefined) return;
    const at = (path: string[]): string => {
      let v: unknown = js;
      for (const p of path)
        v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
      return typeof v === 'string' ? v : '';
    };
    out.push({
      index,
      kind: at(['kind']) || '(no kind)',
      name: at(['metadata', 'name']) || '(no name)',
      line: lineCounter.linePos(doc.contents?.range[0] ?? start).line,
      start,
      end,
    });
  });
  return out;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? yamlFiles(join(dir, e.name))
      : /\.ya?ml$/.test(e.name)
        ? [join(dir, e.name)]
        : [],
  );
}

describe('the list read by the engine’s reader', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const texts: [string, string][] = [
    ...['examples', 'labs', 'src/fidelity', 'src/hostile/corpus', 'src/cli/fixtures']
      .flatMap((d) => yamlFiles(join(root, d)))
      .map((f): [string, string] => [f.slice(root.length), readFileSync(f, 'utf8')]),
    // Generated: a Scenario on one flow line first, then block documents.
    ['the scheduling benchmark, 60 pods', benchWorkspace(60, { until: '3m' })],
    // Block documents, then a run of flow-line documents (the reader's fast path).
    [
      'flow lines at the end',
      `${ws}---\n${Array.from(
        { length: 40 },
        (_, i) => `{apiVersion: v1, kind: Pod, metadata: {name: p${i}}, spec: {containers: []}}`,
      ).join('\n---\n')}\n`,
    ],
    ['empty documents', '---\n---\n# only a comment\n---\nkind: Pod\nmetadata: {name: a}\n---\n'],
  ];

  it('is the yaml package’s list, for every workspace the project ships and some generated', () => {
    expect(texts.length).toBeGreaterThan(250);
    const differ = texts
      .filter(
        ([, text]) =>
          JSON.stringify(listDocuments(text)) !== JSON.stringify(listByYamlPackage(text)),
      )
      .map(([name]) => name);
    // Two hostile files differ, on purpose: the reader refuses the alias bomb's document, which is
    // now listed (the yaml package's toJS threw, and the list hid it), and the whole of a text
    // nested past the depth cap (so nothing is listed; Problems shows the located error).
    expect(differ).toEqual([
      'src/hostile/corpus/alias-bomb.yaml',
      'src/hostile/corpus/deep-nesting.yaml',
    ]);
    const text = (n: string) => (texts.find(([name]) => name === n) ?? ['', ''])[1];
    expect(listDocuments(text('src/hostile/corpus/alias-bomb.yaml'))).toMatchObject([
      { index: 0, kind: '(no kind)', name: '(no name)', line: 4 },
    ]);
    expect(listDocuments(text('src/hostile/corpus/deep-nesting.yaml'))).toEqual([]);
  });
});
