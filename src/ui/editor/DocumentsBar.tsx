// The workspace's documents as a list: jump to one, remove one (Ctrl+Z in the editor undoes it), or
// add one from a template.
import { useMemo } from 'react';
import { useStore } from 'zustand';
import { workspaceStore } from '../stores/workspace.ts';
import { appendDocument, listDocuments, removeDocument } from './documents.ts';
import { revealLine } from './editorHandle.ts';
import { freshName, TEMPLATES } from './templates.ts';

export function DocumentsBar() {
  const text = useStore(workspaceStore, (s) => s.text);
  const docs = useMemo(() => listDocuments(text), [text]);

  const add = (label: string) => {
    const t = TEMPLATES.find((x) => x.label === label);
    if (!t) return;
    const taken = new Set(docs.filter((d) => d.kind === t.kind).map((d) => d.name));
    const name = freshName(
      t.kind === 'NodePool' || t.kind === 'Provisioner' ? 'extra' : t.kind.toLowerCase(),
      taken,
    );
    const next = appendDocument(text, t.body(name));
    workspaceStore.getState().setText(next);
    const added = listDocuments(next).at(-1);
    if (added) setTimeout(() => revealLine(added.line), 0);
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
              onClick={() => workspaceStore.getState().setText(removeDocument(text, d))}
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
