// Mounts the D3 ClusterView once and feeds it frames from the simulation store.
import { useEffect, useRef } from 'react';
import { simulationStore, currentFrame } from '../stores/simulation.ts';
import { ClusterView } from './ClusterView.ts';

export function ClusterPane() {
  const host = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    if (!host.current) return;
    const view = new ClusterView(host.current);
    let shown = currentFrame(simulationStore.getState());
    if (shown) view.update(shown, false);
    const unsubscribe = simulationStore.subscribe((s) => {
      const frame = currentFrame(s);
      if (frame && frame !== shown) {
        shown = frame;
        view.update(frame);
      }
    });
    return () => {
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
