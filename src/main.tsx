import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import { registerServiceWorker } from './offline/register.ts';
import { simulateWorkspace } from './ui/stores/follow.ts';
import { simulationStore } from './ui/stores/simulation.ts';
import { workspaceStore } from './ui/stores/workspace.ts';
import './ui/styles.css';

// The first run starts from the workspace store now, not when the (lazily loaded) editor mounts.
simulateWorkspace(workspaceStore, simulationStore);
registerServiceWorker(() => workspaceStore.getState().flush());
// A save waits 400 ms after the last keystroke; a reload, a closed tab or a tab sent to the
// background inside that window writes it now, so the last edit is never lost.
window.addEventListener('pagehide', () => workspaceStore.getState().flush());
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') workspaceStore.getState().flush();
});
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
