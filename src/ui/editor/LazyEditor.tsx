// Paint first, editor next: Monaco (three quarters of the app's code) and its workers load after the
// page has painted and the first simulation is shown. Until then the workspace text is shown as
// plain text (from the workspace store, which the first run also reads), so nothing waits for it.
import { Component, lazy, Suspense, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { workspaceStore } from '../stores/workspace.ts';
import { simulationStore } from '../stores/simulation.ts';
import { DEFAULT_MAX_BYTES, utf8Length } from '../../manifests/source.ts';
import { preview } from './preview.ts';
import './editor.css';

/** Longest the editor waits for the first simulation before loading anyway. */
const MAX_WAIT_MS = 2000;

/** Resolves once the first run has settled, or after MAX_WAIT_MS: then Monaco starts loading. */
function firstRunSettled(): Promise<void> {
  const settled = (s = simulationStore.getState()) => s.status !== 'idle' && s.status !== 'running';
  return new Promise((resolve) => {
    if (settled()) return resolve();
    let stop = () => {};
    const timer = setTimeout(() => done(), MAX_WAIT_MS);
    const done = () => {
      stop();
      clearTimeout(timer);
      resolve();
    };
    stop = simulationStore.subscribe((s) => {
      if (settled(s)) done();
    });
  });
}

// The wait for the first run is part of the lazy load, so one Suspense fallback shows the plain
// text from the start until Monaco is ready: the same element throughout, and keyboard focus on it
// survives the first run settling (a gate outside Suspense swapped it for a new one).
const WorkspaceEditor = lazy(() => firstRunSettled().then(() => import('./WorkspaceEditor.tsx')));

const mib = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MiB`;

/**
 * Why a paste is refused before the editor takes it in (undefined: let it through). Laying out a
 * 5 MB paste blocks the page for seconds, and the engine would refuse such a workspace anyway.
 */
function refusePaste(text: string): string | undefined {
  if (text.length <= DEFAULT_MAX_BYTES / 3 || utf8Length(text) <= DEFAULT_MAX_BYTES) return;
  return `Nothing was pasted: the text is ${mib(utf8Length(text))} and a workspace holds up to ${mib(DEFAULT_MAX_BYTES)}. Paste less, or use Share → Import, which keeps only what the lab reads.`;
}

function PlainText({ note }: { note: string }) {
  const text = useStore(workspaceStore, (s) => s.text);
  const { head, more } = preview(text);
  return (
    <div className="editor-fallback" data-testid="editor-fallback">
      <p className="editor-fallback-note" role="status">
        {note}
      </p>
      {/* Focusable: it can scroll, and a keyboard must be able to scroll it (axe
          scrollable-region-focusable) — it stays up for good when the editor cannot load. */}
      <pre tabIndex={0} aria-label="Workspace YAML (read-only until the editor loads)">
        {head}
      </pre>
      {more > 0 && (
        <p className="editor-fallback-note">
          … and {more} more {more === 1 ? 'line' : 'lines'}, shown when the editor has loaded.
        </p>
      )}
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
  const [refused, setRefused] = useState('');
  const loadingNote = <PlainText note="Loading the editor…" />;
  return (
    <LoadFailure>
      <div className="editor-frame">
        {refused && (
          <p className="editor-refusal" role="alert" data-testid="editor-refusal">
            {refused}
          </p>
        )}
        <div
          className="editor-frame-body"
          // Capture phase: runs before Monaco's own paste handler, which then never sees it.
          onPasteCapture={(e) => {
            const why = refusePaste(e.clipboardData.getData('text/plain'));
            if (why === undefined) return;
            e.preventDefault();
            e.stopPropagation();
            setRefused(why);
          }}
        >
          <Suspense fallback={loadingNote}>
            <WorkspaceEditor onRefused={setRefused} />
          </Suspense>
        </div>
        {/* Shown while the editor has focus: Tab indents there (Monaco's tab focus mode is the
            way out), which a keyboard user cannot guess. */}
        <p className="editor-keys" id="editor-keys" data-testid="editor-keys">
          Tab indents · <kbd>Ctrl</kbd>+<kbd>M</kbd> (<kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>M</kbd>{' '}
          on a Mac) makes Tab move to the next control
        </p>
      </div>
    </LoadFailure>
  );
}
