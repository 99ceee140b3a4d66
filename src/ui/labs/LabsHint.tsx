// A first visit points to the Labs: a newcomer lands on the Explain tab and might never find the
// guided labs. Shown until dismissed or until the learner has opened a lab; remembered locally.
import { useState } from 'react';
import { PROGRESS_STORAGE_KEY } from '../../labs/progress.ts';

const DISMISSED_KEY = 'karpenter-lab:labs-hint-dismissed';

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function dismiss(): void {
  try {
    window.localStorage.setItem(DISMISSED_KEY, '1');
  } catch {
    // Storage off: the hint comes back next visit, which is harmless.
  }
}

export function LabsHint(props: { onOpenLabs: () => void }) {
  const [shown, setShown] = useState(
    () => read(DISMISSED_KEY) === null && read(PROGRESS_STORAGE_KEY) === null,
  );
  if (!shown) return null;
  const close = () => {
    dismiss();
    setShown(false);
  };
  return (
    <div className="labs-hint" role="note" aria-label="Getting started">
      <p>
        New to Karpenter? The <strong>Labs</strong> tab has guided, self-checking labs, starting
        with just-in-time scaling.
      </p>
      <button
        type="button"
        className="primary"
        onClick={() => {
          close();
          props.onOpenLabs();
        }}
      >
        Open the Labs
      </button>{' '}
      <button type="button" className="link" onClick={close}>
        Dismiss
      </button>
    </div>
  );
}
