// The mounted editor, for the few actions outside it that move its cursor (jump to a document).
import type { editor } from 'monaco-editor/esm/vs/editor/editor.api.js';

let current: editor.IStandaloneCodeEditor | null = null;

export function setEditor(ed: editor.IStandaloneCodeEditor | null): void {
  current = ed;
}

export function revealLine(line: number): void {
  if (!current) return;
  current.revealLineInCenter(line);
  current.setPosition({ lineNumber: line, column: 1 });
  current.focus();
}
