// The mounted editor, for the few actions outside it that move its cursor (jump to a document).
import type { editor } from 'monaco-editor/esm/vs/editor/editor.api.js';

let current: editor.IStandaloneCodeEditor | null = null;
// Monaco loads lazily: a jump asked for before it mounted (a document clicked in the first
// seconds on a slow machine) is kept and made once the editor shows the workspace.
let pending: number | undefined;

/** Call once the editor shows the store's text, so a pending jump lands on the right line. */
export function setEditor(ed: editor.IStandaloneCodeEditor | null): void {
  current = ed;
  if (ed && pending !== undefined) {
    const line = pending;
    pending = undefined;
    revealLine(line);
  }
}

export function revealLine(line: number): void {
  if (!current) {
    pending = line;
    return;
  }
  current.revealLineInCenter(line);
  current.setPosition({ lineNumber: line, column: 1 });
  current.focus();
}
