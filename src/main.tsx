import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './ui/editor/monacoSetup.ts';
import { installSchemas } from './ui/editor/schemas.ts';
import { App } from './ui/App.tsx';
import './ui/styles.css';

installSchemas();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
