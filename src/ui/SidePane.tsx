// The right-hand pane: "Explain" (details, cost, problems, events), "Labs" (guided, self-checking
// steps), "Compare" (Karpenter beside Cluster Autoscaler) and "Plan" (a saved scenario → the workspace). Tabs follow the WAI-ARIA tabs pattern (arrow keys move between them).
import { useEffect, useState } from 'react';
import { DetailsPanel } from './panels/DetailsPanel.tsx';
import { CostPanel } from './cost/CostPanel.tsx';
import { ProblemsPanel } from './panels/ProblemsPanel.tsx';
import { EventsPanel } from './panels/EventsPanel.tsx';
import { LabPanel } from './labs/LabPanel.tsx';
import { LabsHint } from './labs/LabsHint.tsx';
import { ComparePanel } from './compare/ComparePanel.tsx';
import { PlanPanel } from './plan/PlanPanel.tsx';
import { LABS, LAB_ERRORS } from '../labs/index.ts';
import { workspaceStore } from './stores/workspace.ts';
import { simulationStore } from './stores/simulation.ts';
import { selectionStore } from './stores/selection.ts';
import { useLabLink } from './useLabLink.ts';

type Tab = 'explain' | 'labs' | 'compare' | 'plan';
const TABS: { id: Tab; label: string }[] = [
  { id: 'explain', label: 'Explain' },
  { id: 'labs', label: 'Labs' },
  { id: 'compare', label: 'Compare' },
  { id: 'plan', label: 'Plan' },
];

const getWorkspace = () => workspaceStore.getState().text;
// A lab's workspace (a step's start, a solution) is a new story: the playhead goes back to 0s, so
// console commands the step asks for "at 0s" land there, not at the previous run's end.
const setWorkspace = (text: string) => {
  workspaceStore.getState().setText(text);
  simulationStore.getState().pause();
  simulationStore.getState().seekTime(0);
};
const check: Parameters<typeof LabPanel>[0]['check'] = (checks) =>
  simulationStore.getState().check(checks);

export function SidePane() {
  // A lab deep link (#lab=…) opens the Labs tab, at load and whenever the address bar names one.
  const lab = useLabLink();
  const [tab, setTab] = useState<Tab>(lab ? 'labs' : 'explain');
  const [seenLab, setSeenLab] = useState(lab);
  if (lab !== seenLab) {
    setSeenLab(lab);
    if (lab) setTab('labs');
  }
  // Where the panes stack (phones, tablets), the lab sat ~1,240 px below the top with no cue: a
  // deep link brings it into view. Beside the other panes (already in view) nothing moves.
  useEffect(() => {
    if (!lab) return;
    const pane = document.getElementById('pane-side');
    const r = pane?.getBoundingClientRect();
    // Below the middle of the screen: at 768 px only its top edge peeked out under the cluster.
    if (pane && r && (r.top > window.innerHeight / 2 || r.bottom <= 0))
      pane.scrollIntoView({ block: 'start' });
  }, [lab]);
  // A node or pod clicked in the cluster is explained in the Explain tab: from Labs (whose step 3
  // says "select the node to see why"), Compare or Plan the click only outlined the card, and the
  // details stayed behind a tab the learner had no reason to try.
  useEffect(
    () =>
      selectionStore.subscribe((s, prev) => {
        if (s.selected && s.selected !== prev.selected) setTab('explain');
      }),
    [],
  );
  return (
    <aside className="side-pane" id="pane-side" aria-label="Explanations and labs">
      <div role="tablist" aria-label="Side panel" className="tabs">
        {TABS.map((t, i) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
            onKeyDown={(e) => {
              if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
              const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
              if (next) {
                setTab(next.id);
                document.getElementById(`tab-${next.id}`)?.focus();
              }
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      {tab !== 'labs' && (
        <div
          role="tabpanel"
          id={`panel-${tab}`}
          aria-labelledby={`tab-${tab}`}
          className="tab-body"
          tabIndex={0}
        >
          {tab === 'explain' ? (
            <>
              <LabsHint onOpenLabs={() => setTab('labs')} />
              <DetailsPanel />
              <CostPanel />
              <ProblemsPanel />
              <EventsPanel />
            </>
          ) : tab === 'compare' ? (
            <ComparePanel />
          ) : (
            <PlanPanel />
          )}
        </div>
      )}
      {/* The lab stays mounted behind the other tabs: a look at a node's details (Explain) used
          to unmount it, and coming back lost the step's check results, its Undo, and that the
          step's workspace was loaded (it offered to load it again, over the learner's work). */}
      <div
        role="tabpanel"
        id="panel-labs"
        aria-labelledby="tab-labs"
        className="tab-body"
        tabIndex={0}
        hidden={tab !== 'labs'}
      >
        <LabPanel
          labs={LABS}
          labErrors={LAB_ERRORS}
          getWorkspace={getWorkspace}
          setWorkspace={setWorkspace}
          check={check}
        />
      </div>
    </aside>
  );
}
