import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { Header } from './Header.tsx';
import { WorkspaceEditor } from './editor/WorkspaceEditor.tsx';
import { DocumentsBar } from './editor/DocumentsBar.tsx';
import { ClusterPane } from './cluster/ClusterPane.tsx';
import { Timeline } from './panels/Timeline.tsx';
import { Console } from './console/Console.tsx';
import { SidePane } from './SidePane.tsx';
import { Splitter } from './Splitter.tsx';
import { themeStore } from './stores/theme.ts';

export function App() {
  const theme = useStore(themeStore, (s) => s.theme);
  const [editorWidth, setEditorWidth] = useState(520);
  const [sideWidth, setSideWidth] = useState(340);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <div className="app">
      <Header />
      <main
        className="workspace"
        style={{ gridTemplateColumns: `${editorWidth}px 6px minmax(0, 1fr) 6px ${sideWidth}px` }}
      >
        <section className="editor-pane" aria-label="Workspace">
          <DocumentsBar />
          <div className="editor-host">
            <WorkspaceEditor />
          </div>
        </section>
        <Splitter
          label="Resize the editor"
          value={editorWidth}
          min={260}
          max={1100}
          onChange={setEditorWidth}
        />
        <section className="cluster-pane" aria-label="Cluster">
          <Timeline />
          <ClusterPane />
          <Console />
        </section>
        <Splitter
          label="Resize the side panel"
          value={sideWidth}
          min={220}
          max={800}
          side="right"
          onChange={setSideWidth}
        />
        <SidePane />
      </main>
    </div>
  );
}
