import { describe, expect, it } from 'vitest';
import { appendDocument, listDocuments, listDocumentsCapped, removeDocument } from './documents.ts';

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
