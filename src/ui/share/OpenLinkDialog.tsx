// Shown when a link would replace work the learner has not got anywhere else. Three ways out, none
// of which loses anything: keep both (save mine as a named scenario, then open the link), open the
// link (mine stays undoable from the trash), or keep mine (the link is not applied).
import { useEffect, useRef } from 'react';
import type { ShareState } from '../../share/link.ts';

export type OpenLinkChoice = 'keep-both' | 'open' | 'keep-mine';

export interface OpenLinkDialogProps {
  local: string;
  linked: ShareState;
  /** A problem with the last choice (e.g. storage full on "keep both"), shown in the dialog. */
  error?: string | undefined;
  onChoice(choice: OpenLinkChoice): void;
}

const PREVIEW_LINES = 30;

function describe(text: string): string {
  const docs = text.split(/^---\s*$/m).filter((d) => d.trim() !== '').length;
  const lines = text.split('\n').length;
  return `${docs} document${docs === 1 ? '' : 's'}, ${lines} line${lines === 1 ? '' : 's'}`;
}

export function OpenLinkDialog({ local, linked, error, onChoice }: OpenLinkDialogProps) {
  const ref = useRef<HTMLDialogElement | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  const preview = linked.workspace.split('\n');
  return (
    <dialog
      ref={ref}
      className="share-dialog"
      aria-labelledby="open-link-title"
      data-testid="open-link-dialog"
      // Escape means "keep mine": closing must never apply the link.
      onCancel={(e) => {
        e.preventDefault();
        onChoice('keep-mine');
      }}
    >
      <h2 id="open-link-title">Open the shared scenario?</h2>
      <p>
        This link holds a different workspace ({describe(linked.workspace)}
        {linked.lab !== undefined ? `, lab ${linked.lab}` : ''}). Yours ({describe(local)}) is not
        saved anywhere else yet.
      </p>
      <details>
        <summary>What the link contains</summary>
        <pre className="share-preview" data-testid="open-link-preview">
          {preview.slice(0, PREVIEW_LINES).join('\n')}
          {preview.length > PREVIEW_LINES ? `\n… ${preview.length - PREVIEW_LINES} more lines` : ''}
        </pre>
      </details>
      {error && (
        <p className="share-warning" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button
          type="button"
          data-testid="open-link-keep-mine"
          onClick={() => onChoice('keep-mine')}
        >
          Keep mine
        </button>
        <button type="button" data-testid="open-link-open" onClick={() => onChoice('open')}>
          Open the link
        </button>
        <button
          type="button"
          className="primary"
          data-testid="open-link-keep-both"
          onClick={() => onChoice('keep-both')}
        >
          Keep both (save mine, open the link)
        </button>
      </div>
    </dialog>
  );
}
