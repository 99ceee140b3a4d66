import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import { simulateWorkspace } from './ui/stores/follow.ts';
import { simulationStore } from './ui/stores/simulation.ts';
import { workspaceStore } from './ui/stores/workspace.ts';
import './ui/styles.css';

// The first run starts from the workspace store now, not when the (lazily loaded) editor mounts.
simulateWorkspace(workspaceStore, simulationStore);
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
