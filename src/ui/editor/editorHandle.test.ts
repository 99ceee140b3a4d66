import { afterEach, describe, expect, it } from 'vitest';
import type { editor } from 'monaco-editor/esm/vs/editor/editor.api.js';
import { revealLine, setEditor } from './editorHandle.ts';

function fakeEditor(calls: string[]): editor.IStandaloneCodeEditor {
  return {
    revealLineInCenter: (line: number) => calls.push(`reveal ${line}`),
    setPosition: (p: { lineNumber: number }) => calls.push(`position ${p.lineNumber}`),
    focus: () => calls.push('focus'),
  } as unknown as editor.IStandaloneCodeEditor;
}

describe('revealLine', () => {
  afterEach(() => setEditor(null));

  it('moves the mounted editor to the line', () => {
    const calls: string[] = [];
    setEditor(fakeEditor(calls));
    revealLine(7);
    expect(calls).toEqual(['reveal 7', 'position 7', 'focus']);
  });

  it('keeps a jump asked for before Monaco mounted and makes the latest one on mount, once', () => {
    revealLine(3);
    revealLine(42);
    const calls: string[] = [];
    const ed = fakeEditor(calls);
    setEditor(ed);
    expect(calls).toEqual(['reveal 42', 'position 42', 'focus']);
    setEditor(null);
    setEditor(ed);
    expect(calls).toHaveLength(3);
  });
});
