// The workspace editor: Monaco with monaco-yaml (schema markers, completion, hover) plus the
// engine's own located diagnostics as markers, so schema and API-server-grade errors show alike.
// Loaded lazily (App's LazyEditor): the page, the cluster and the first run do not wait for Monaco.
//
// The editor FOLLOWS the workspace store; it never leads it. On mount it shows the store's text
// (a share link or a lab step may have replaced it while Monaco loaded), later store changes are
// pushed in as undoable edits, and only the learner's own edits are written back.
import { useEffect, useRef } from 'react';
import Editor, { type OnMount } from '@monaco-editor/react';
import { useStore } from 'zustand';
import { configureSchemas, monaco, WORKSPACE_URI } from './monacoSetup.ts';
import { workspaceStore } from '../stores/workspace.ts';
import { simulationStore } from '../stores/simulation.ts';
import { themeStore } from '../stores/theme.ts';
import type { DiagnosticView } from '../../pipeline/view.ts';
import { setEditor } from './editorHandle.ts';

const MARKER_OWNER = 'karpenter-lab';

// One object for every render: @monaco-editor/react calls updateOptions() whenever the prop is a
// new object, and Monaco then compares its whole configuration (~10-30 ms after each 2,000-pod
// result, which re-renders this component through its diagnostics).
const OPTIONS: monaco.editor.IStandaloneEditorConstructionOptions = {
  minimap: { enabled: false },
  fontSize: 13,
  tabSize: 2,
  scrollBeyondLastLine: false,
  automaticLayout: true,
  ariaLabel:
    'Workspace YAML editor. Tab indents; press Control+M (Control+Shift+M on a Mac) to make Tab move to the next control.',
  quickSuggestions: { other: true, comments: false, strings: true },
  // Monaco's defaults, named so a text shrinking below LARGE_TEXT turns them back on.
  matchBrackets: 'always',
  stickyScroll: { enabled: true },
  folding: true,
};

/**
 * Above this many characters the editor neither colours brackets by depth nor highlights the
 * bracket matching the cursor's. Both come from a bracket tree Monaco parses over the whole text,
 * and again whenever the language configuration changes (monaco-yaml sets it when the schema
 * arrives): at the 20,000-pod benchmark workspace (764 KB) that was 130–320 ms at once, in the
 * first render and again when the schema landed, while the engine ran (issue 12: no main-thread
 * task over 50 ms). Brackets are rare in a workspace; typical ones (under 20 KB) keep both.
 */
const LARGE_TEXT = 100_000;
const isLarge = (text: string) => text.length > LARGE_TEXT;
const LARGE_OPTIONS: monaco.editor.IStandaloneEditorConstructionOptions = {
  ...OPTIONS,
  matchBrackets: 'never',
  // Sticky scroll (on by default) asks the YAML worker for the outline of the whole text, and
  // folding for its ranges: at the 20,000-pod workspace the answer took one 329 ms main-thread
  // task (bench/ui-tasks.ts, after the run) to unpack and apply.
  stickyScroll: { enabled: false },
  folding: false,
};

/**
 * The model the editor opens (@monaco-editor/react reuses the one at its path), which colours
 * brackets only while its text is under LARGE_TEXT: from before its first render (a render with
 * colours on builds the tree, and Monaco keeps it from then on), and after every edit or options
 * change (Monaco's configuration, set again when an editor is made, turns them back on).
 */
function openModel(m: typeof monaco, text: string): void {
  const uri = m.Uri.parse(WORKSPACE_URI);
  const model = m.editor.getModel(uri) ?? m.editor.createModel(text, 'yaml', uri);
  const colours = () => {
    const enabled = model.getValueLength() <= LARGE_TEXT;
    if (model.getOptions().bracketPairColorizationOptions.enabled === enabled) return;
    model.updateOptions({
      bracketColorizationOptions: { enabled, independentColorPoolPerBracketType: false },
    });
  };
  model.onDidChangeOptions(colours);
  model.onDidChangeContent(colours);
  colours();
}

/**
 * Schema markers, completion and hover arrive when the engine worker has built the schema — for the
 * Karpenter version the last run found (src/sim/version.ts, the rule Problems and the engine use),
 * so a v0.31 Provisioner is not underlined as unknown. A newer version asked for wins.
 */
let wanted: string | undefined;
async function installSchema(version: string): Promise<void> {
  if (version === wanted) return;
  wanted = version;
  for (let tries = 0; tries < 3; tries++) {
    const schema = await simulationStore.getState().schema(version);
    if (wanted !== version) return;
    if (schema) return configureSchemas(schema);
  }
}
void installSchema(simulationStore.getState().result?.karpenterVersion ?? 'v1');
simulationStore.subscribe((s) => {
  if (s.result) void installSchema(s.result.karpenterVersion);
});

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

function showMarkers(ed: monaco.editor.IStandaloneCodeEditor | null): void {
  const model = ed?.getModel();
  const diagnostics = simulationStore.getState().result?.diagnostics ?? [];
  if (model) monaco.editor.setModelMarkers(model, MARKER_OWNER, diagnostics.map(toMarker));
}

/**
 * Makes the editor show `text`, as one undoable edit of its own (Ctrl+Z brings back what was
 * there, and only that). The stop before it closes the learner's open typing group: without it a
 * console `kubectl scale` after typing `replicas: 12` joined that group, and one Ctrl+Z took
 * both away, leaving `replicas: `.
 */
function follow(ed: monaco.editor.IStandaloneCodeEditor, text: string): void {
  const model = ed.getModel();
  if (!model || model.getValue() === text) return;
  ed.pushUndoStop();
  ed.executeEdits('workspace', [{ range: model.getFullModelRange(), text }]);
  ed.pushUndoStop();
}

export default function WorkspaceEditor({ onRefused }: { onRefused(why: string): void }) {
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const theme = useStore(themeStore, (s) => s.theme);
  const diagnostics = useStore(simulationStore, (s) => s.result?.diagnostics);
  const large = useStore(workspaceStore, (s) => isLarge(s.text));

  useEffect(() => showMarkers(editorRef.current), [diagnostics]);

  useEffect(
    () =>
      workspaceStore.subscribe((s, prev) => {
        // Only a new text is followed, and only when no keystroke is still on its way to the
        // store (setTextSoon): until it lands the store's text is behind the editor's, and any
        // other change (a save finishing) would carry that older text back into the editor —
        // whose echo then replaced the keystroke for good (the lost paste in e2e, 2026-12-04).
        if (s.text === prev.text || s.latest() !== s.text) return;
        if (editorRef.current) follow(editorRef.current, s.text);
      }),
    [],
  );
  useEffect(() => () => setEditor(null), []);

  const onMount: OnMount = (ed) => {
    editorRef.current = ed;
    // The model was created from the text at first render; the store may have moved on since.
    const text = workspaceStore.getState().text;
    if (ed.getValue() !== text) ed.setValue(text);
    setEditor(ed);
    showMarkers(ed);
  };

  return (
    <Editor
      path={WORKSPACE_URI}
      defaultLanguage="yaml"
      defaultValue={workspaceStore.getState().text}
      theme={theme === 'dark' ? 'vs-dark' : 'vs'}
      beforeMount={(m) => openModel(m, workspaceStore.getState().text)}
      onMount={onMount}
      onChange={(value) => {
        onRefused('');
        // In a task of its own: the store, the engine worker and React take the edit after
        // Monaco's input event rather than inside it (issue 12).
        workspaceStore.getState().setTextSoon(value ?? '');
      }}
      options={large ? LARGE_OPTIONS : OPTIONS}
    />
  );
}
