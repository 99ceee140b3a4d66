// Named scenarios kept in this browser: save the workspace under a name, open, rename, delete, and
// undo the last destructive action (a delete, an overwrite, or a workspace replaced by a link,
// an import or opening a scenario).
import { useReducer, useState } from 'react';
import type { TrashEntry } from '../../share/scenarios.ts';
import { workspaceStore } from '../stores/workspace.ts';
import { scenarioLibrary } from './library.ts';
import { replaceWorkspace, undoLast } from './replaceWorkspace.ts';

function undoLabel(entry: TrashEntry | undefined): string {
  if (!entry) return 'Nothing to undo';
  if (entry.reason === 'workspace-replaced') return 'Undo: bring back the workspace you had before';
  return `Undo ${entry.reason === 'deleted' ? 'deleting' : 'overwriting'} “${entry.scenario.name}”`;
}

export function ScenariosSection() {
  const [, refresh] = useReducer((n: number) => n + 1, 0);
  const [name, setName] = useState('');
  const [message, setMessage] = useState<string | undefined>();
  const [renaming, setRenaming] = useState<{ id: string; name: string } | undefined>();
  const lib = scenarioLibrary;
  const report = (r: { ok: true } | { ok: false; error: string }, done: string) => {
    setMessage(r.ok ? done : r.error);
    refresh();
  };
  const last = lib.trash()[0];

  return (
    <section aria-labelledby="share-scenarios-title" className="share-section">
      <h3 id="share-scenarios-title">Saved scenarios (this browser)</h3>
      {lib.problem && (
        <p className="share-warning" role="alert">
          {lib.problem}
        </p>
      )}
      <form
        className="share-row"
        onSubmit={(e) => {
          e.preventDefault();
          const n = name.trim() || lib.freeName('my scenario');
          report(lib.save(n, workspaceStore.getState().text), `Saved as "${n}".`);
          setName('');
        }}
      >
        <input
          aria-label="Scenario name"
          data-testid="scenario-name"
          placeholder={lib.freeName('my scenario')}
          maxLength={80}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" data-testid="scenario-save">
          Save the workspace
        </button>
      </form>
      <ul className="share-scenarios" data-testid="scenario-list">
        {lib.list().map((s) => (
          <li key={s.id} data-testid="scenario-item">
            {renaming?.id === s.id ? (
              <form
                className="share-row"
                onSubmit={(e) => {
                  e.preventDefault();
                  report(lib.rename(s.id, renaming.name), 'Renamed.');
                  setRenaming(undefined);
                }}
              >
                <input
                  aria-label={`New name for ${s.name}`}
                  value={renaming.name}
                  maxLength={80}
                  onChange={(e) => setRenaming({ id: s.id, name: e.target.value })}
                />
                <button type="submit">Rename</button>
              </form>
            ) : (
              <span className="share-scenario-name">{s.name}</span>
            )}
            <button
              type="button"
              onClick={() => report(replaceWorkspace(s.text), `Opened "${s.name}".`)}
            >
              Open
            </button>
            <button type="button" onClick={() => setRenaming({ id: s.id, name: s.name })}>
              Rename
            </button>
            <button type="button" onClick={() => report(lib.delete(s.id), `Deleted "${s.name}".`)}>
              Delete
            </button>
          </li>
        ))}
      </ul>
      <div className="share-row">
        {last ? (
          <button
            type="button"
            data-testid="scenario-undo"
            onClick={() => {
              setMessage(undoLast());
              refresh();
            }}
          >
            {undoLabel(last)}
          </button>
        ) : (
          // Text, not a disabled button: there is nothing to press.
          <span className="muted">{undoLabel(last)}</span>
        )}
      </div>
      {message && (
        <p role="status" data-testid="scenario-message">
          {message}
        </p>
      )}
    </section>
  );
}
