// "Convert to the v1 API": the workspace before and after conversion, side by side, with what
// changed and why; Apply replaces the workspace text (Ctrl+Z in the editor undoes it).
import { useEffect, useMemo, useRef } from 'react';
import { convertWorkspace } from '../../manifests/index.ts';
import { workspaceStore } from '../stores/workspace.ts';

export function ConvertDialog({ onClose }: { onClose(): void }) {
  const ref = useRef<HTMLDialogElement | null>(null);
  const before = workspaceStore.getState().text;
  const conversion = useMemo(() => convertWorkspace(before), [before]);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog ref={ref} className="convert-dialog" aria-labelledby="convert-title" onClose={onClose}>
      <h2 id="convert-title">Convert to the Karpenter v1 API</h2>
      <p>
        {conversion.converted} document{conversion.converted === 1 ? '' : 's'} converted, following
        Karpenter&apos;s migration guide.
      </p>
      {conversion.notes.length > 0 && (
        <ul className="notes">
          {conversion.notes.map((n, i) => (
            <li key={i}>
              <b>
                {n.kind} {n.name}
              </b>
              : {n.message}
            </li>
          ))}
        </ul>
      )}
      <div className="side-by-side">
        <section aria-label="Before">
          <h3>Before</h3>
          <pre>{before}</pre>
        </section>
        <section aria-label="After">
          <h3>After</h3>
          <pre data-testid="converted">{conversion.text}</pre>
        </section>
      </div>
      <div className="dialog-actions">
        <button type="button" onClick={() => ref.current?.close()}>
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          disabled={conversion.converted === 0}
          onClick={() => {
            workspaceStore.getState().setText(conversion.text);
            ref.current?.close();
          }}
        >
          Apply
        </button>
      </div>
    </dialog>
  );
}
