// The workspace's documents as a list: jump to one, remove one (Ctrl+Z in the editor undoes it), or
// add one from a template.
import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { workspaceStore } from '../stores/workspace.ts';
import { appendDocument, listDocuments, removeDocument, type DocumentEntry } from './documents.ts';
import { revealLine } from './editorHandle.ts';
import { freshName, TEMPLATES } from './templates.ts';

/** The list follows typing after a pause: parsing a large workspace on every keystroke stalls it. */
const LIST_DELAY_MS = 300;

export function DocumentsBar() {
  const text = useStore(workspaceStore, (s) => s.text);
  const [listed, setListed] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setListed(text), LIST_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const docs = useMemo(() => listDocuments(listed), [listed]);

  const add = (label: string) => {
    const t = TEMPLATES.find((x) => x.label === label);
    if (!t) return;
    const taken = new Set(docs.filter((d) => d.kind === t.kind).map((d) => d.name));
    const name = freshName(
      t.kind === 'NodePool' || t.kind === 'Provisioner' ? 'extra' : t.kind.toLowerCase(),
      taken,
    );
    const next = appendDocument(workspaceStore.getState().text, t.body(name));
    workspaceStore.getState().setText(next);
    const added = listDocuments(next).at(-1);
    if (added) setTimeout(() => revealLine(added.line), 0);
  };

  // The list may lag the text by LIST_DELAY_MS: find the document again in the text as it is now.
  const remove = (d: DocumentEntry) => {
    const now = workspaceStore.getState().text;
    const same = (x: DocumentEntry) =>
      x.index === d.index && x.kind === d.kind && x.name === d.name;
    const fresh = now === listed ? d : listDocuments(now).find(same);
    if (fresh) workspaceStore.getState().setText(removeDocument(now, fresh));
  };

  return (
    <nav className="documents" aria-label="Documents in the workspace">
      <ul>
        {docs.map((d) => (
          <li key={`${d.index}-${d.kind}-${d.name}`}>
            <button
              type="button"
              className="doc"
              onClick={() => revealLine(d.line)}
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
