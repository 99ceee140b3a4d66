// "A new version of Karpenter Lab is ready": shown when a new deploy's service worker is waiting
// (src/offline/register.ts). Reloading saves the workspace first.
import { useStore } from 'zustand';
import { updateStore } from '../offline/register.ts';

export function UpdateBanner() {
  const available = useStore(updateStore, (s) => s.available);
  if (!available) return null;
  return (
    <div className="share-notice share-notice-info" role="status" data-testid="update-banner">
      <span>A new version of Karpenter Lab is ready. Your workspace is saved.</span>
      <button type="button" className="link" onClick={() => updateStore.getState().apply()}>
        Reload to update
      </button>
    </div>
  );
}
