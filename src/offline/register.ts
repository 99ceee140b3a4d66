// Registers the service worker (src/offline/sw.ts) on the built site, and tells the page when a new
// version has been deployed: the new worker waits until the learner chooses "Reload to update"
// (their workspace is saved first), so nothing changes under them mid-edit.
import { createStore } from 'zustand/vanilla';

export interface UpdateState {
  /** A new version is installed and waiting. */
  available: boolean;
  /** Saves, activates the new version and reloads into it. */
  apply(): void;
}

export const updateStore = createStore<UpdateState>()(() => ({ available: false, apply() {} }));

/** `beforeReload` runs just before the page reloads into the new version (e.g. flush a save). */
export function registerServiceWorker(beforeReload: () => void): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  let accepted = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    // The first visit's worker also takes control (clients.claim); only an accepted update reloads.
    if (!accepted) return;
    beforeReload();
    location.reload();
  });
  const offer = (waiting: ServiceWorker) =>
    updateStore.setState({
      available: true,
      apply() {
        accepted = true;
        waiting.postMessage('skip-waiting');
      },
    });
  window.addEventListener('load', () => {
    navigator.serviceWorker
      .register('./sw.js', { scope: './' })
      .then((reg) => {
        // A worker waiting from an earlier visit is an update only if one already controls us.
        if (reg.waiting && navigator.serviceWorker.controller) offer(reg.waiting);
        reg.addEventListener('updatefound', () => {
          const next = reg.installing;
          next?.addEventListener('statechange', () => {
            if (next.state === 'installed' && navigator.serviceWorker.controller) offer(next);
          });
        });
      })
      .catch((err: unknown) => {
        // Offline use is lost, nothing else: the page works from the server as before.
        console.warn('Karpenter Lab: the service worker could not be registered', err);
      });
  });
}
