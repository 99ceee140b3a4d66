// Mounted once by the app: reads a share link from the URL fragment (on load and on hashchange),
// and opens it without ever losing the learner's work — a bad link only shows a notice; different
// unsaved work opens OpenLinkDialog. The fragment is removed once handled, so a reload does not
// ask again.
import { useCallback, useEffect, useState } from 'react';
import { decode, type ShareState } from '../../share/link.ts';
import { decideOpenLink, keepBothName } from '../../share/openLink.ts';
import { simulationStore } from '../stores/simulation.ts';
import { workspaceStore } from '../stores/workspace.ts';
import { scenarioLibrary } from './library.ts';
import { OpenLinkDialog, type OpenLinkChoice } from './OpenLinkDialog.tsx';
import { replaceWorkspace, undoLast } from './replaceWorkspace.ts';
import { pageUrl } from './useShareLink.ts';
import './share.css';

export interface LinkOpenerProps {
  /** Texts that are nothing of the learner's (the default workspace, lab starts): opened over silently. */
  pristine?: readonly string[];
  /** Everything in the link but the text and time (lab/step, version, gates, region, catalog). */
  onOpened?: (state: ShareState) => void;
}

type Notice = { kind: 'error' | 'info'; text: string; undo?: boolean };

/**
 * Moves the cursor once the simulation of the opened text has a result. After a replacement the
 * text is run at once: the engine client drops results of older runs, so the next 'done' is for
 * this text (a later debounced run of the same text keeps the cursor: keepCursor).
 */
function seekWhenReady(t: number | undefined, replacedWith: string | undefined): void {
  if (replacedWith !== undefined) simulationStore.getState().run(replacedWith);
  if (t === undefined) return;
  const s = simulationStore.getState();
  if (s.status === 'done' && s.result) {
    s.seekTime(t);
    return;
  }
  const off = simulationStore.subscribe((next) => {
    if (next.status !== 'done' || !next.result) return;
    off();
    next.seekTime(t);
  });
}

const NONE: readonly string[] = [];

const looksLikeShareLink = (hash: string): boolean => /(^#|&)(v|s)=/.test(hash);

export function LinkOpener({ pristine = NONE, onOpened }: LinkOpenerProps) {
  const [notice, setNotice] = useState<Notice | undefined>();
  const [asking, setAsking] = useState<{ state: ShareState; error?: string } | undefined>();

  const applied = useCallback(
    (state: ShareState, text: string, replaced: boolean) => {
      seekWhenReady(state.t, replaced ? state.workspace : undefined);
      onOpened?.(state);
      setNotice({ kind: 'info', text, undo: text.includes('previous workspace') });
    },
    [onOpened],
  );

  const handle = useCallback(async () => {
    const hash = location.hash;
    if (!looksLikeShareLink(hash)) return;
    history.replaceState(null, '', pageUrl());
    const r = await decode(hash);
    if (!r.ok) {
      setNotice({ kind: 'error', text: r.error });
      return;
    }
    const local = workspaceStore.getState().text;
    switch (decideOpenLink(local, r.state.workspace, pristine)) {
      case 'same':
        applied(r.state, 'This link holds the workspace you already have.', false);
        return;
      case 'open': {
        const done = replaceWorkspace(r.state.workspace);
        if (done.ok) applied(r.state, 'Opened the shared scenario.', true);
        else setAsking({ state: r.state, error: done.error });
        return;
      }
      case 'ask':
        setAsking({ state: r.state });
    }
  }, [applied, pristine]);

  useEffect(() => {
    // Deferred a tick: handling sets state, which React wants outside the effect body.
    queueMicrotask(() => void handle());
    const onHash = () => void handle();
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [handle]);

  const choose = (choice: OpenLinkChoice) => {
    if (!asking) return;
    const { state } = asking;
    if (choice === 'keep-mine') {
      setAsking(undefined);
      setNotice({ kind: 'info', text: 'The link was not opened; your workspace is unchanged.' });
      return;
    }
    let savedAs = '';
    if (choice === 'keep-both') {
      const name = scenarioLibrary.freeName(keepBothName(new Date().toLocaleString()));
      const saved = scenarioLibrary.save(name, workspaceStore.getState().text);
      if (!saved.ok) {
        setAsking({ state, error: `${saved.error} Your workspace was not replaced.` });
        return;
      }
      savedAs = ` Your work is saved as the scenario "${saved.value.name}".`;
    }
    const done = replaceWorkspace(state.workspace);
    if (!done.ok) {
      setAsking({ state, error: done.error });
      return;
    }
    setAsking(undefined);
    applied(
      state,
      `Opened the shared scenario.${savedAs} Your previous workspace can be restored.`,
      true,
    );
  };

  return (
    <>
      {notice && (
        <div
          className={`share-notice share-notice-${notice.kind}`}
          role={notice.kind === 'error' ? 'alert' : 'status'}
          data-testid="share-notice"
        >
          <span>{notice.text}</span>
          {notice.undo && (
            <button
              type="button"
              className="link"
              data-testid="share-undo"
              onClick={() => setNotice({ kind: 'info', text: undoLast() })}
            >
              Undo
            </button>
          )}
          <button
            type="button"
            className="link"
            aria-label="Dismiss"
            onClick={() => setNotice(undefined)}
          >
            ×
          </button>
        </div>
      )}
      {asking && (
        <OpenLinkDialog
          local={workspaceStore.getState().text}
          linked={asking.state}
          error={asking.error}
          onChoice={choose}
        />
      )}
    </>
  );
}
