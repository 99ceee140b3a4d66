// Paint first, editor next: Monaco (three quarters of the app's code) and its workers load after the
// page has painted and the first simulation is shown. Until then the workspace text is shown as
// plain text (from the workspace store, which the first run also reads), so nothing waits for it.
import { Component, lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { workspaceStore } from '../stores/workspace.ts';
import { simulationStore } from '../stores/simulation.ts';
import './editor.css';

/** Longest the editor waits for the first simulation before loading anyway. */
const MAX_WAIT_MS = 2000;

const WorkspaceEditor = lazy(() => import('./WorkspaceEditor.tsx'));

/** True once the first run has settled, or after MAX_WAIT_MS: then Monaco starts loading. */
function useFirstRunSettled(): boolean {
  const settled = (s = simulationStore.getState()) => s.status !== 'idle' && s.status !== 'running';
  const [ready, setReady] = useState(() => settled());
  useEffect(() => {
    if (ready) return;
    const go = () => setReady(true);
    const stop = simulationStore.subscribe((s) => {
      if (settled(s)) go();
    });
    const timer = setTimeout(go, MAX_WAIT_MS);
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [ready]);
  return ready;
}

function PlainText({ note }: { note: string }) {
  const text = useStore(workspaceStore, (s) => s.text);
  return (
    <div className="editor-fallback" data-testid="editor-fallback">
      <p className="editor-fallback-note" role="status">
        {note}
      </p>
      <pre aria-label="Workspace YAML (read-only until the editor loads)">{text}</pre>
    </div>
  );
}

class LoadFailure extends Component<{ children: ReactNode }, { error: string | undefined }> {
  override state = { error: undefined as string | undefined };
  static getDerivedStateFromError(e: unknown) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  override render() {
    if (this.state.error === undefined) return this.props.children;
    return (
      <PlainText
        note={`The editor could not load (${this.state.error}). Your workspace is safe; reload the page to edit it.`}
      />
    );
  }
}

export function LazyEditor() {
  const ready = useFirstRunSettled();
  const loadingNote = <PlainText note="Loading the editor…" />;
  return (
    <LoadFailure>
      {ready ? <Suspense fallback={loadingNote}>{<WorkspaceEditor />}</Suspense> : loadingNote}
    </LoadFailure>
  );
}
