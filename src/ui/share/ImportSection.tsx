// Import by paste, file picker or drop. The result is previewed with notes (what was kept, what was
// left out and why) before anything touches the workspace; Replace keeps the old text undoable.
import { useState, type DragEvent } from 'react';
import { MAX_IMPORT_BYTES, type ImportInput, type ImportResult } from '../../share/import.ts';
import { simulationStore } from '../stores/simulation.ts';
import { workspaceFile } from '../../share/export.ts';
import { workspaceStore } from '../stores/workspace.ts';
import { download } from './download.ts';
import { replaceWorkspace } from './replaceWorkspace.ts';

async function readFiles(files: FileList | readonly File[]): Promise<ImportInput[] | string> {
  const out: ImportInput[] = [];
  for (const f of Array.from(files)) {
    if (f.size > MAX_IMPORT_BYTES) return `Cannot import ${f.name}: it is larger than 16 MiB.`;
    out.push({ name: f.name, text: await f.text() });
  }
  return out;
}

export function ImportSection() {
  const [pasted, setPasted] = useState('');
  const [result, setResult] = useState<ImportResult | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  const [over, setOver] = useState(false);

  const [busy, setBusy] = useState(false);
  const [anonymise, setAnonymise] = useState(false);
  const run = async (inputs: ImportInput[] | string) => {
    setMessage(undefined);
    if (typeof inputs === 'string') return setResult({ ok: false, error: inputs });
    setBusy(true);
    setResult(undefined);
    // Parsed in the engine worker: a multi-megabyte export takes seconds and must not freeze the page.
    const r = await simulationStore.getState().importYaml(inputs, { anonymise });
    setBusy(false);
    setResult(
      r ?? { ok: false, error: 'The engine restarted before the import finished; try again.' },
    );
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void readFiles(e.dataTransfer.files).then(run);
  };
  const apply = (mode: 'replace' | 'append') => {
    if (!result?.ok) return;
    if (mode === 'append') {
      const current = workspaceStore.getState().latest().replace(/\s*$/, '\n');
      workspaceStore.getState().setText(`${current}---\n${result.text}`);
      setMessage('Added to the workspace.');
    } else {
      const r = replaceWorkspace(result.text);
      setMessage(r.ok ? 'Workspace replaced. Undo is under Saved scenarios.' : r.error);
    }
  };

  return (
    <section aria-labelledby="share-import-title" className="share-section">
      <h3 id="share-import-title">Import</h3>
      <p>
        Paste or drop YAML or JSON — for example{' '}
        <code>kubectl get nodepools,nodes,pods,deployments,pdb -A -o yaml</code>. Status, managed
        fields and ids are removed; existing nodes and the pods bound to them become the starting
        cluster.
      </p>
      <div
        className={`share-drop${over ? ' over' : ''}`}
        data-testid="import-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <textarea
          aria-label="YAML to import"
          data-testid="import-text"
          rows={5}
          spellCheck={false}
          value={pasted}
          placeholder="Paste YAML here, or drop files on this box"
          onChange={(e) => setPasted(e.target.value)}
        />
      </div>
      <label className="share-check">
        <input
          type="checkbox"
          data-testid="import-anonymise"
          checked={anonymise}
          onChange={(e) => setAnonymise(e.target.checked)}
        />{' '}
        Anonymise names (namespaces, workloads, nodes, custom labels, images, AWS ids) before
        sharing; the simulation stays the same
      </label>
      <div className="share-row">
        <button
          type="button"
          data-testid="import-submit"
          disabled={pasted.trim() === '' || busy}
          onClick={() => void run([{ name: 'the pasted text', text: pasted }])}
        >
          {busy ? 'Importing…' : 'Import pasted text'}
        </button>
        <label className="share-file">
          Choose files…
          <input
            type="file"
            multiple
            accept=".yaml,.yml,.json,.txt"
            data-testid="import-file"
            onChange={(e) => {
              if (e.target.files) void readFiles(e.target.files).then(run);
              e.target.value = '';
            }}
          />
        </label>
      </div>
      {result && !result.ok && (
        <p className="share-warning" role="alert" data-testid="import-error">
          {result.error}
        </p>
      )}
      {result?.ok && (
        <div data-testid="import-result">
          <ul data-testid="import-notes">
            {result.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
          <div className="share-row">
            <button
              type="button"
              className="primary"
              data-testid="import-replace"
              onClick={() => apply('replace')}
            >
              Replace the workspace
            </button>
            <button type="button" data-testid="import-append" onClick={() => apply('append')}>
              Add to the workspace
            </button>
          </div>
        </div>
      )}
      {message && (
        <p role="status" data-testid="import-message">
          {message}{' '}
          {message.startsWith('Your current workspace could not be kept') && (
            <button
              type="button"
              className="link"
              onClick={() => download(workspaceFile(workspaceStore.getState().text))}
            >
              Download my workspace
            </button>
          )}
        </p>
      )}
    </section>
  );
}
