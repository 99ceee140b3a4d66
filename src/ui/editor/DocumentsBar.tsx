// The workspace's documents as a list: jump to one, remove one (Ctrl+Z in the editor undoes it), or
// add one from a template. The list comes from the engine worker a moment after typing stops, so a
// large workspace (or a 5 MB paste, refused by size without parsing) never stalls the page.
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { workspaceStore } from '../stores/workspace.ts';
import { simulationStore } from '../stores/simulation.ts';
import {
  appendDocument,
  listDocumentsCapped,
  removeDocument,
  type DocumentEntry,
  type DocumentList,
} from '../../manifests/documents.ts';
import { revealLine } from './editorHandle.ts';
import { freshName, TEMPLATES } from './templates.ts';

/** The list follows typing after a pause. */
const LIST_DELAY_MS = 300;

const mib = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MiB`;

/** The list of `text`, asked of the worker after a pause; stale answers are dropped. */
function useDocumentList(text: string): { text: string; list: DocumentList } | undefined {
  const [listed, setListed] = useState<{ text: string; list: DocumentList }>();
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      void simulationStore
        .getState()
        .documents(text)
        .then((list) => {
          if (live && list) setListed({ text, list });
        });
    }, LIST_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text]);
  return listed;
}

export function DocumentsBar() {
  const text = useStore(workspaceStore, (s) => s.text);
  const listed = useDocumentList(text);
  const docs = listed?.list.ok ? listed.list.documents : [];

  const add = (label: string) => {
    const t = TEMPLATES.find((x) => x.label === label);
    if (!t) return;
    const taken = new Set(docs.filter((d) => d.kind === t.kind).map((d) => d.name));
    const name = freshName(
      t.kind === 'NodePool' || t.kind === 'Provisioner' ? 'extra' : t.kind.toLowerCase(),
      taken,
    );
    const next = appendDocument(workspaceStore.getState().latest(), t.body(name));
    workspaceStore.getState().setText(next);
    // The new document is the last one: its first line is where the appended body starts.
    const line = next.slice(0, next.length - t.body(name).length).split('\n').length;
    setTimeout(() => revealLine(line), 0);
  };

  // The list may lag the text (it comes back from the worker a moment after an edit, the console's
  // included): find the document again in the text as it is now (a click is rare enough to parse
  // for, and the size cap still holds).
  const current = (d: DocumentEntry): { now: string; fresh: DocumentEntry | undefined } => {
    const now = workspaceStore.getState().latest();
    if (now === listed?.text) return { now, fresh: d };
    const same = (x: DocumentEntry) =>
      x.index === d.index && x.kind === d.kind && x.name === d.name;
    const again = listDocumentsCapped(now);
    return { now, fresh: again.ok ? again.documents.find(same) : undefined };
  };
  const remove = (d: DocumentEntry) => {
    const { now, fresh } = current(d);
    if (fresh) workspaceStore.getState().setText(removeDocument(now, fresh));
  };
  const jump = (d: DocumentEntry) => revealLine(current(d).fresh?.line ?? d.line);

  return (
    <nav className="documents" aria-label="Documents in the workspace">
      {listed && !listed.list.ok && (
        <p className="muted" role="status">
          The workspace is {mib(listed.list.bytes)}, over the {mib(listed.list.limit)} limit: its
          documents are not listed (see Problems).
        </p>
      )}
      <ul>
        {docs.map((d) => (
          <li key={`${d.index}-${d.kind}-${d.name}`}>
            <button
              type="button"
              className="doc"
              onClick={() => jump(d)}
              title={`Go to line ${d.line}`}
            >
              <span className="kind">{d.kind}</span> {d.name}
            </button>
            <button
              type="button"
              className="remove"
              aria-label={`Remove ${d.kind} ${d.name}`}
              title="Remove this document (Ctrl+Z in the editor undoes it)"
              onClick={() => remove(d)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <label className="add">
        <span className="visually-hidden">Add a document from a template</span>
        <select
          value=""
          onChange={(e) => {
            add(e.target.value);
            e.target.value = '';
          }}
          aria-label="Add a document from a template"
        >
          <option value="">+ Add document…</option>
          {TEMPLATES.map((t) => (
            <option key={t.label} value={t.label}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}
