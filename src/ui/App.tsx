import { useEffect, useState, type CSSProperties } from 'react';
import { useStore } from 'zustand';
import { Header } from './Header.tsx';
import { LazyEditor } from './editor/LazyEditor.tsx';
import { DocumentsBar } from './editor/DocumentsBar.tsx';
import { ClusterPane } from './cluster/ClusterPane.tsx';
import { Timeline } from './panels/Timeline.tsx';
import { Console } from './console/Console.tsx';
import { SidePane } from './SidePane.tsx';
import { LinkOpener } from './share/LinkOpener.tsx';
import { UpdateBanner } from './UpdateBanner.tsx';
import { StorageNotice } from './StorageNotice.tsx';
import type { ShareState } from '../share/index.ts';
import { DEFAULT_WORKSPACE } from './defaultWorkspace.ts';
import { LABS } from '../labs/index.ts';
import { formatLabLink } from '../labs/progress.ts';

/** Texts that hold nothing of the learner's: a link may replace them without asking. */
const PRISTINE = [
  DEFAULT_WORKSPACE,
  ...LABS.flatMap((l) => l.steps.flatMap((s) => (s.start === undefined ? [] : [s.start]))),
];

/** A link's lab step opens in the Labs tab (it follows the address bar). */
function onOpened(state: ShareState): void {
  if (state.lab !== undefined)
    location.hash = formatLabLink({ lab: state.lab, step: state.step ?? 1 }, location.hash);
}
import { Splitter } from './Splitter.tsx';
import { PaneNav } from './PaneNav.tsx';
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
      <LinkOpener pristine={PRISTINE} onOpened={onOpened} />
      <UpdateBanner />
      <StorageNotice />
      <PaneNav />
      <main
        className="workspace"
        style={{ '--editor-w': `${editorWidth}px`, '--side-w': `${sideWidth}px` } as CSSProperties}
      >
        <section className="editor-pane" id="pane-workspace" aria-label="Workspace">
          <DocumentsBar />
          <div className="editor-host">
            <LazyEditor />
          </div>
        </section>
        <Splitter
          label="Resize the editor"
          value={editorWidth}
          min={260}
          max={1100}
          onChange={setEditorWidth}
        />
        <section className="cluster-pane" id="pane-cluster" aria-label="Cluster">
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
          className="splitter-side"
          onChange={setSideWidth}
        />
        <SidePane />
      </main>
    </div>
  );
}
