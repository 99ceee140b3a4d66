import { useEffect } from 'react';
import { useStore } from 'zustand';
import { Header } from './Header.tsx';
import { WorkspaceEditor } from './editor/WorkspaceEditor.tsx';
import { ClusterPane } from './cluster/ClusterPane.tsx';
import { Timeline } from './panels/Timeline.tsx';
import { EventsPanel } from './panels/EventsPanel.tsx';
import { ProblemsPanel } from './panels/ProblemsPanel.tsx';
import { themeStore } from './stores/theme.ts';

export function App() {
  const theme = useStore(themeStore, (s) => s.theme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <div className="app">
      <Header />
      <main className="workspace">
        <section className="editor-pane" aria-label="Workspace">
          <WorkspaceEditor />
        </section>
        <section className="cluster-pane" aria-label="Cluster">
          <Timeline />
          <ClusterPane />
        </section>
        <aside className="side-pane" aria-label="Events and problems">
          <ProblemsPanel />
          <EventsPanel />
        </aside>
      </main>
    </div>
  );
}
