// The simulation follows the workspace store, the one source of truth for the workspace text. The
// editor, a share link, the console, a lab step and an import all write the store; none of them
// runs the engine on its own text. So the first run starts at startup from the store (before the
// editor has loaded), and a link opened while the editor mounts is what gets simulated and shown.
import type { StoreApi } from 'zustand/vanilla';

interface Workspace {
  text: string;
}
interface Simulation {
  run(text: string): void;
  runSoon(text: string): void;
}

/** Runs the store's text now, and again whenever it changes (runSoon: at once, or after the run
 *  going on). Returns the unsubscribe. */
export function simulateWorkspace(
  workspace: StoreApi<Workspace>,
  simulation: StoreApi<Simulation>,
): () => void {
  simulation.getState().run(workspace.getState().text);
  return workspace.subscribe((s, prev) => {
    if (s.text !== prev.text) simulation.getState().runSoon(s.text);
  });
}
