// The header's Share button: opens SharePanel. The lead places it in Header's actions.
import { useState } from 'react';
import { SharePanel, type SharePanelProps } from './SharePanel.tsx';

export function ShareButton(props: Omit<SharePanelProps, 'onClose'>) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" data-testid="share-button" onClick={() => setOpen(true)}>
        Share
      </button>
      {open && <SharePanel {...props} onClose={() => setOpen(false)} />}
    </>
  );
}
