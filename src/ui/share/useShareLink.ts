// The share link for the current workspace and cursor, recomputed when either changes. Encoding is
// async (CompressionStream); a result for an older input is dropped so a slow encode cannot show a
// link for text the learner has since changed.
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { encode, linkSize, type LinkSize, type ShareState } from '../../share/link.ts';
import { simulationStore } from '../stores/simulation.ts';
import { workspaceStore } from '../stores/workspace.ts';

export type ShareExtra = Omit<ShareState, 'workspace' | 't'>;

export interface ShareLink {
  url: string;
  fragment: string;
  size: LinkSize;
}

export function pageUrl(): string {
  return location.href.split('#')[0] ?? '';
}

export function useShareLink(extra: ShareExtra = {}): ShareLink | undefined {
  const text = useStore(workspaceStore, (s) => s.text);
  const time = useStore(simulationStore, (s) => Math.round(s.time));
  const extraKey = JSON.stringify(extra);
  const [link, setLink] = useState<{ key: string; link: ShareLink } | undefined>();
  const key = `${extraKey}\u0000${time}\u0000${text}`;
  useEffect(() => {
    let current = true;
    const state: ShareState = { ...(JSON.parse(extraKey) as ShareExtra), workspace: text, t: time };
    void encode(state).then((fragment) => {
      if (!current) return;
      const url = `${pageUrl()}${fragment}`;
      setLink({ key, link: { url, fragment, size: linkSize(url) } });
    });
    return () => {
      current = false;
    };
  }, [key, extraKey, text, time]);
  return link?.key === key ? link.link : undefined;
}
