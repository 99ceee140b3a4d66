// The workspace editor: Monaco with monaco-yaml (schema markers, completion, hover) plus the
// engine's own located diagnostics as markers, so schema and API-server-grade errors show alike.
import { useEffect, useRef } from 'react';
import Editor, { type OnMount } from '@monaco-editor/react';
import { useStore } from 'zustand';
import { monaco, WORKSPACE_URI } from './monacoSetup.ts';
import { workspaceStore } from '../stores/workspace.ts';
import { simulationStore } from '../stores/simulation.ts';
import { themeStore } from '../stores/theme.ts';
import type { DiagnosticView } from '../../pipeline/view.ts';
import { setEditor } from './editorHandle.ts';

const MARKER_OWNER = 'karpenter-lab';

function toMarker(d: DiagnosticView): monaco.editor.IMarkerData {
  return {
    severity: d.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
    message: d.path ? `${d.message} (${d.path})` : d.message,
    startLineNumber: d.line,
    startColumn: d.column,
    endLineNumber: d.endLine,
    endColumn: d.endColumn,
    source: 'Karpenter Lab',
  };
}

export function WorkspaceEditor() {
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const theme = useStore(themeStore, (s) => s.theme);
  const diagnostics = useStore(simulationStore, (s) => s.result?.diagnostics);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (model)
      monaco.editor.setModelMarkers(model, MARKER_OWNER, (diagnostics ?? []).map(toMarker));
  }, [diagnostics]);

  // Text changed elsewhere (console edits, reset): push it into the editor without losing undo.
  useEffect(
    () =>
      workspaceStore.subscribe((s) => {
        const ed = editorRef.current;
        if (ed && ed.getValue() !== s.text) {
          ed.executeEdits('workspace', [
            { range: ed.getModel()!.getFullModelRange(), text: s.text },
          ]);
        }
      }),
    [],
  );

  const onMount: OnMount = (ed) => {
    editorRef.current = ed;
    setEditor(ed);
    simulationStore.getState().run(ed.getValue());
  };

  return (
    <Editor
      path={WORKSPACE_URI}
      defaultLanguage="yaml"
      defaultValue={workspaceStore.getState().text}
      theme={theme === 'dark' ? 'vs-dark' : 'vs'}
      onMount={onMount}
      onChange={(value) => {
        const text = value ?? '';
        workspaceStore.getState().setText(text);
        simulationStore.getState().runSoon(text);
      }}
      options={{
        minimap: { enabled: false },
        fontSize: 13,
        tabSize: 2,
        scrollBeyondLastLine: false,
        automaticLayout: true,
        ariaLabel: 'Workspace YAML editor',
        quickSuggestions: { other: true, comments: false, strings: true },
      }}
    />
  );
}
