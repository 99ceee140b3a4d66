// What the workspace store could not do quietly (stores/workspace.ts): a saved workspace that could
// not be opened (offered as a download), and another tab's save (the learner chooses which to keep).
import { useStore } from 'zustand';
import { workspaceStore } from './stores/workspace.ts';
import { download } from './share/download.ts';
import { replaceWorkspace } from './share/replaceWorkspace.ts';
import type { StorageIssue } from '../share/workspaceStorage.ts';

function issueText(issue: StorageIssue): string {
  if (issue.kind === 'newer')
    return `Your saved workspace was written by a newer version of Karpenter Lab (format ${issue.version}). This version will not overwrite it: your edits here are not saved.`;
  return issue.kept
    ? `Your saved workspace could not be read (${issue.why}); the default workspace is open. The unreadable copy is kept in this browser.`
    : `Your saved workspace could not be read (${issue.why}) and storage is too full to keep a copy aside, so nothing will be saved over it.`;
}

function downloadRaw(raw: string): void {
  download({
    filename: 'karpenter-lab-saved-workspace.json',
    mime: 'application/json',
    content: raw,
  });
}

export function StorageNotice() {
  const issue = useStore(workspaceStore, (s) => s.issue);
  const other = useStore(workspaceStore, (s) => s.other);
  return (
    <>
      {issue && (
        <div className="share-notice share-notice-error" role="alert" data-testid="storage-issue">
          <span>{issueText(issue)}</span>
          <button type="button" className="link" onClick={() => downloadRaw(issue.raw)}>
            Download it
          </button>
          <button
            type="button"
            className="link"
            aria-label="Dismiss"
            onClick={() => workspaceStore.getState().dismissIssue()}
          >
            ×
          </button>
        </div>
      )}
      {other !== undefined && (
        <div className="share-notice share-notice-info" role="alert" data-testid="storage-other">
          <span>The workspace was changed in another tab. Which one do you want to keep here?</span>
          <button
            type="button"
            className="link"
            onClick={() => {
              // Ours stays undoable (Share → Undo), like any replacement.
              const done = replaceWorkspace(other);
              if (done.ok) workspaceStore.getState().clearOther();
            }}
          >
            Load the other tab's
          </button>
          <button
            type="button"
            className="link"
            onClick={() => workspaceStore.getState().keepMine()}
          >
            Keep mine
          </button>
        </div>
      )}
    </>
  );
}
