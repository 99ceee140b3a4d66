// Mounts the D3 ClusterView once and feeds it frames from the simulation store.
import { useEffect, useRef } from 'react';
import { simulationStore, currentFrame, type SimulationState } from '../stores/simulation.ts';
import { ClusterView } from './ClusterView.ts';
import { themeStore } from '../stores/theme.ts';
import { selectionStore } from '../stores/selection.ts';

const MIN_GAP_MS = 80;

/**
 * Brings the Details panel into view when it is off screen: on a phone the panes stack in one
 * column and a tapped node's details land a screen below, so the tap looked like it did nothing.
 */
function revealDetails(): void {
  requestAnimationFrame(() => {
    const panel = document.querySelector<HTMLElement>('section.panel.details');
    if (!panel) return;
    const r = panel.getBoundingClientRect();
    if (r.top >= window.innerHeight || r.bottom <= 0)
      panel.scrollIntoView({ block: 'start', behavior: 'smooth' });
  });
}

export function ClusterPane() {
  const host = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    if (!host.current) return;
    const view = new ClusterView(host.current, (sel) => {
      selectionStore
        .getState()
        .select(
          sel.kind === 'node' ? { kind: 'node', key: sel.name } : { kind: 'pod', key: sel.key },
        );
      revealDetails();
    });
    let shown = currentFrame(simulationStore.getState());
    if (shown) view.update(shown, false);
    // The selected node's card is marked, so the Details panel says which card it describes.
    const selectedNode = () => {
      const s = selectionStore.getState().selected;
      return s?.kind === 'node' ? s.key : undefined;
    };
    view.setSelected(selectedNode());
    const unsubscribeSelection = selectionStore.subscribe((s, prev) => {
      if (s.selected !== prev.selected) view.setSelected(selectedNode());
    });
    // During playback frames change up to 60 times a second, but each update re-targets 450 ms
    // tweens: at most one update per MIN_GAP_MS (the last frame always lands) keeps motion smooth
    // and leaves the frame budget for drawing (bench/ui-fps.ts).
    let lastAt = 0;
    let pending: ReturnType<typeof setTimeout> | undefined;
    const show = () => {
      pending = undefined;
      const frame = currentFrame(simulationStore.getState());
      if (!frame || frame === shown) return;
      shown = frame;
      lastAt = performance.now();
      view.update(frame);
    };
    // Always in a task of its own, even when no wait is due: called inside the store's set() it
    // shared the result's task with React's commit of the panels (together over 50 ms at 2,000
    // pods), and the page could not paint or take a key in between.
    // The cursor's time names the cluster's moment while the frame at the cursor is the one
    // drawn (frames are the moments something changed; the view holds between them).
    const clock = (s: SimulationState) =>
      s.frame !== undefined && s.result?.frames[s.frameIndex]?.time === s.frame.time
        ? s.time
        : undefined;
    view.setClock(clock(simulationStore.getState()));
    const unsubscribe = simulationStore.subscribe((s) => {
      view.setClock(clock(s));
      const frame = currentFrame(s);
      if (!frame || frame === shown || pending !== undefined) return;
      const wait = MIN_GAP_MS - (performance.now() - lastAt);
      pending = setTimeout(show, Math.max(0, wait));
    });
    // Canvas colours come from CSS variables: re-read them once the new theme's styles apply.
    const unsubscribeTheme = themeStore.subscribe(() =>
      requestAnimationFrame(() => view.refreshColors()),
    );
    return () => {
      clearTimeout(pending);
      unsubscribeTheme();
      unsubscribeSelection();
      unsubscribe();
      view.destroy();
    };
  }, []);
  return (
    <div
      className="cluster-host"
      ref={host}
      data-testid="cluster-view"
      tabIndex={0}
      aria-label="Cluster view"
      role="region"
    />
  );
}
