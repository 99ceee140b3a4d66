// The Share dialog: copy a link (its length shown; past ~8 KB a warning and a file instead), export
// YAML / timeline JSON / Markdown, import by paste or drop, and named scenarios. Every name, label
// and message is rendered as React text, never as HTML.
import { useEffect, useRef, useState } from 'react';
import type { TimelineJSON } from '../../sim/engine/json.ts';
import { markdownSummary, timelineFile, workspaceFile } from '../../share/export.ts';
import { formatBytes } from '../../share/compress.ts';
import { simulationStore } from '../stores/simulation.ts';
import { workspaceStore } from '../stores/workspace.ts';
import { download } from './download.ts';
import { replaceWorkspace } from './replaceWorkspace.ts';
import { ImportSection } from './ImportSection.tsx';
import { ScenariosSection } from './ScenariosSection.tsx';
import { useShareLink, type ShareExtra, type ShareLink } from './useShareLink.ts';
import './share.css';

export interface SharePanelProps {
  onClose(): void;
  /** lab/step, and the version/gates/region/catalog when the workspace text does not say them. */
  extra?: ShareExtra;
  /** toJSON(timeline, t) from the worker; without it the timeline export is unavailable. */
  getTimelineJSON?: (t: number) => Promise<TimelineJSON | undefined>;
}

export function SharePanel({ onClose, extra, getTimelineJSON }: SharePanelProps) {
  const ref = useRef<HTMLDialogElement | null>(null);
  const link = useShareLink(extra ?? {});
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className="share-dialog"
      aria-labelledby="share-title"
      data-testid="share-dialog"
      onClose={onClose}
    >
      <h2 id="share-title">Share, export and import</h2>
      <LinkSection link={link} />
      <ExportSection link={link} getTimelineJSON={getTimelineJSON} />
      <ImportSection />
      <ScenariosSection />
      <div className="dialog-actions">
        <button type="button" onClick={() => ref.current?.close()}>
          Close
        </button>
      </div>
    </dialog>
  );
}

function LinkSection({ link }: { link: ShareLink | undefined }) {
  const [copied, setCopied] = useState<'no' | 'yes' | 'select'>('no');
  const input = useRef<HTMLInputElement | null>(null);
  const copy = async () => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link.url);
      setCopied('yes');
    } catch {
      input.current?.select(); // clipboard refused (permissions, http): let the learner copy
      setCopied('select');
    }
  };
  return (
    <section aria-labelledby="share-link-title" className="share-section">
      <h3 id="share-link-title">Link</h3>
      <p>
        The link holds the whole workspace and the timeline position; nothing is uploaded. Opening
        it never replaces someone&apos;s saved work without asking.
      </p>
      <div className="share-row">
        <input
          ref={input}
          readOnly
          aria-label="Share link"
          data-testid="share-link"
          value={link?.size === 'too-long' ? '' : (link?.url ?? '')}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button
          type="button"
          className="primary"
          data-testid="share-copy"
          disabled={!link || link.size === 'too-long'}
          onClick={() => void copy()}
        >
          Copy link
        </button>
      </div>
      <p aria-live="polite">
        <span data-testid="share-link-length">
          {link ? `${link.url.length.toLocaleString('en-US')} characters` : 'Making the link…'}
        </span>
        {copied === 'yes' && ' · copied'}
        {copied === 'select' && ' · press Ctrl+C (or ⌘C) to copy'}
      </p>
      {link && link.size !== 'ok' && (
        <p className="share-warning" role="alert" data-testid="share-link-warning">
          {link.size === 'too-long'
            ? `This workspace makes a link of ${formatBytes(link.url.length)}, too long to open. Share the workspace file instead.`
            : `This link is ${formatBytes(link.url.length)}: chat tools and some browsers cut links this long. A file is safer.`}{' '}
          <button
            type="button"
            className="link"
            data-testid="share-download-instead"
            onClick={() => download(workspaceFile(workspaceStore.getState().text))}
          >
            Download the workspace file
          </button>
        </p>
      )}
      <AnonymiseRow />
    </section>
  );
}

/** Replaces the workspace with its anonymised copy (the old one undoable), so the link, the
 *  exports and a bug report name nothing of the cluster it came from. */
function AnonymiseRow() {
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ alert: boolean; lines: string[] } | undefined>();
  const run = async () => {
    setBusy(true);
    setSaid(undefined);
    const r = await simulationStore.getState().anonymise(workspaceStore.getState().text);
    setBusy(false);
    if (!r) return setSaid({ alert: true, lines: ['The engine restarted; try again.'] });
    if (!r.ok) return setSaid({ alert: true, lines: [r.error] });
    const replaced = replaceWorkspace(r.text);
    setSaid(
      replaced.ok
        ? { alert: false, lines: [...r.notes, 'Undo is under Saved scenarios.'] }
        : { alert: true, lines: [replaced.error] },
    );
  };
  return (
    <>
      <div className="share-row">
        <button
          type="button"
          data-testid="share-anonymise"
          disabled={busy}
          onClick={() => void run()}
        >
          {busy ? 'Anonymising…' : 'Anonymise the workspace'}
        </button>
        <span>
          before sharing a real cluster: names, custom labels, images and AWS ids are replaced; the
          simulation stays the same.
        </span>
      </div>
      {said && (
        <ul
          role={said.alert ? 'alert' : 'status'}
          className={said.alert ? 'share-warning' : undefined}
          data-testid="share-anonymise-notes"
        >
          {said.lines.map((l, i) => (
            <li key={i}>{l}</li>
          ))}
        </ul>
      )}
    </>
  );
}

function ExportSection({
  link,
  getTimelineJSON,
}: {
  link: ShareLink | undefined;
  getTimelineJSON: SharePanelProps['getTimelineJSON'];
}) {
  const [problem, setProblem] = useState<string | undefined>();
  const timeline = async (): Promise<TimelineJSON | undefined> => {
    if (!getTimelineJSON) return undefined;
    return getTimelineJSON(Math.round(simulationStore.getState().time));
  };
  const exportTimeline = async () => {
    const json = await timeline();
    if (json) download(timelineFile(json));
    else setProblem('Run the simulation first: there is no timeline to export yet.');
  };
  const exportMarkdown = async () => {
    const json = await timeline();
    download(
      markdownSummary({
        link: link?.url ?? '',
        workspace: workspaceStore.getState().text,
        ...(json ? { timeline: json } : {}),
      }),
    );
  };
  return (
    <section aria-labelledby="share-export-title" className="share-section">
      <h3 id="share-export-title">Export</h3>
      <div className="share-row">
        <button
          type="button"
          data-testid="export-yaml"
          onClick={() => download(workspaceFile(workspaceStore.getState().text))}
        >
          Workspace (YAML)
        </button>
        <button
          type="button"
          data-testid="export-timeline"
          disabled={!getTimelineJSON}
          onClick={() => void exportTimeline()}
        >
          Timeline (JSON)
        </button>
        <button
          type="button"
          data-testid="export-markdown"
          disabled={!link}
          onClick={() => void exportMarkdown()}
        >
          Summary for a bug report (Markdown)
        </button>
      </div>
      {problem && <p role="alert">{problem}</p>}
    </section>
  );
}
