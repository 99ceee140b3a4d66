// The one way share code replaces the learner's workspace: keep the old text undoable first, and
// refuse (rather than lose it) when the copy cannot be kept.
import { normalizeText } from '../../share/openLink.ts';
import { workspaceStore } from '../stores/workspace.ts';
import { scenarioLibrary } from './library.ts';

export type Replaced = { ok: true } | { ok: false; error: string };

export function replaceWorkspace(text: string): Replaced {
  const current = workspaceStore.getState().text;
  if (normalizeText(current) !== '' && normalizeText(current) !== normalizeText(text)) {
    const kept = scenarioLibrary.keepWorkspace(current);
    if (!kept.ok)
      return {
        ok: false,
        error: `Your current workspace could not be kept for undo (${kept.error}) so it was not replaced. Download it first, or save it as a file.`,
      };
  }
  workspaceStore.getState().setText(text);
  announceOutsideReplace();
  return { ok: true };
}

/** Fired when share code (a link, an import, a saved scenario, Anonymise) replaced the workspace:
 *  a lab step loaded before is no longer what the editor holds (src/ui/labs/LabPanel.tsx). */
export const WORKSPACE_REPLACED_EVENT = 'karpenter-lab:workspace-replaced';

function announceOutsideReplace(): void {
  if (typeof window !== 'undefined') window.dispatchEvent(new Event(WORKSPACE_REPLACED_EVENT));
}

/** Undo the newest destructive action; returns a sentence for a notice. */
export function undoLast(): string {
  const r = scenarioLibrary.undo();
  if (!r.ok) return r.error;
  if (r.value.reason === 'workspace-replaced') {
    workspaceStore.getState().setText(r.value.scenario.text);
    announceOutsideReplace();
    return 'Your previous workspace is back.';
  }
  return `Scenario "${r.value.scenario.name}" is back.`;
}
