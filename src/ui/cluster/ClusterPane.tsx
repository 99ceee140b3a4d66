// Mounts the D3 ClusterView once and feeds it frames from the simulation store.
import { useEffect, useRef } from 'react';
import { simulationStore, currentFrame } from '../stores/simulation.ts';
import { ClusterView } from './ClusterView.ts';
import { themeStore } from '../stores/theme.ts';
import { selectionStore } from '../stores/selection.ts';

export function ClusterPane() {
  const host = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    if (!host.current) return;
    const view = new ClusterView(host.current, (sel) =>
      selectionStore
        .getState()
        .select(
          sel.kind === 'node' ? { kind: 'node', key: sel.name } : { kind: 'pod', key: sel.key },
        ),
    );
    let shown = currentFrame(simulationStore.getState());
    if (shown) view.update(shown, false);
    const unsubscribe = simulationStore.subscribe((s) => {
      const frame = currentFrame(s);
      if (frame && frame !== shown) {
        shown = frame;
        view.update(frame);
      }
    });
    // Canvas colours come from CSS variables: re-read them once the new theme's styles apply.
    const unsubscribeTheme = themeStore.subscribe(() =>
      requestAnimationFrame(() => view.refreshColors()),
    );
    return () => {
      unsubscribeTheme();
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
