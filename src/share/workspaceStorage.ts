// The learner's workspace in browser storage, without ever losing it (issue 15 item 5). Pure over a
// StorageLike, so every case is tested in Node:
// - an unreadable saved value is kept ONCE, in one slot (bounded), and reported so the page can
//   offer it as a download; if even that copy cannot be written, the original is never overwritten;
// - a value written by a NEWER version of the lab is reported and never overwritten;
// - a save says why it failed: too large for the lab, storage full, or storage off;
// - another tab's save (a `storage` event) is read back as text for the page to offer.
import { DEFAULT_MAX_BYTES, utf8Length } from '../manifests/source.ts';
import { loadStored, saveStored, type StorageLike } from './stored.ts';

export const WORKSPACE_KEY = 'karpenter-lab/workspace';
/** The one slot where an unreadable saved workspace is kept. */
export const UNREADABLE_KEY = `${WORKSPACE_KEY}.unreadable`;
export const WORKSPACE_VERSION = 1;
const ENVELOPE = { key: WORKSPACE_KEY, version: WORKSPACE_VERSION, migrations: {} };

const asText = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Why the saved workspace was not opened. `raw` is what storage holds, for a download. */
export type StorageIssue =
  | { kind: 'unreadable'; why: string; raw: string; kept: boolean }
  | { kind: 'newer'; version: number; raw: string };

export interface Opened {
  /** The saved text, when there is one that this version can read. */
  text: string | undefined;
  issue: StorageIssue | undefined;
  /** false when saving would destroy something only storage holds (newer data, an unkept copy). */
  writable: boolean;
}

export function openWorkspace(storage: StorageLike | undefined, now: string): Opened {
  if (!storage) return { text: undefined, issue: undefined, writable: false };
  const raw = safeGet(storage, WORKSPACE_KEY);
  // loadStored keeps unreadable values under a timestamped key; this slot is kept ONCE instead.
  const noAside: StorageLike = {
    getItem: (k) => storage.getItem(k),
    setItem: (k, v) => {
      if (k === WORKSPACE_KEY) storage.setItem(k, v);
    },
    removeItem: (k) => storage.removeItem(k),
  };
  const loaded = loadStored(noAside, ENVELOPE, asText, now);
  switch (loaded.status) {
    case 'empty':
      return { text: undefined, issue: undefined, writable: true };
    case 'ok':
      return { text: loaded.value, issue: undefined, writable: true };
    case 'newer':
      return {
        text: undefined,
        issue: { kind: 'newer', version: loaded.version, raw: raw ?? '' },
        writable: false,
      };
    case 'unreadable': {
      const kept = keepOnce(storage, raw ?? '');
      return {
        text: undefined,
        issue: { kind: 'unreadable', why: loaded.why, raw: raw ?? '', kept },
        writable: kept,
      };
    }
  }
}

function keepOnce(storage: StorageLike, raw: string): boolean {
  if (safeGet(storage, UNREADABLE_KEY) === raw) return true;
  try {
    storage.setItem(UNREADABLE_KEY, raw); // replaces an older unreadable copy: one slot, bounded
    return true;
  } catch {
    return false;
  }
}

export type Saved =
  | { ok: true }
  | { ok: false; reason: 'too-large'; bytes: number; limit: number }
  | { ok: false; reason: 'full' | 'off' | 'newer' };

/** Saves the text, or says why not. Over the lab's size limit it does not even try (fast, exact). */
export function saveWorkspace(storage: StorageLike | undefined, text: string, now: string): Saved {
  if (!storage) return { ok: false, reason: 'off' };
  // Cheap bound first: a UTF-8 byte is at most one UTF-16 unit here, at most 3 per unit.
  if (text.length > DEFAULT_MAX_BYTES || utf8Length(text) > DEFAULT_MAX_BYTES)
    return { ok: false, reason: 'too-large', bytes: utf8Length(text), limit: DEFAULT_MAX_BYTES };
  // Another version may have written since we opened (another tab): never overwrite newer data.
  const current = safeGet(storage, WORKSPACE_KEY);
  if (current !== null && versionOf(current) > WORKSPACE_VERSION)
    return { ok: false, reason: 'newer' };
  return saveStored(storage, ENVELOPE, text, now) ? { ok: true } : { ok: false, reason: 'full' };
}

/** The text another tab saved (from a `storage` event's newValue), if this version can read it. */
export function savedElsewhere(newValue: string | null): string | undefined {
  if (newValue === null) return undefined;
  try {
    const parsed = JSON.parse(newValue) as { version?: unknown; value?: unknown };
    return parsed.version === WORKSPACE_VERSION ? asText(parsed.value) : undefined;
  } catch {
    return undefined;
  }
}

/** The sentence the header shows for a failed save. */
export function saveProblem(s: Exclude<Saved, { ok: true }>): string {
  const mib = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  switch (s.reason) {
    case 'too-large':
      return `Not saved: the workspace is ${mib(s.bytes)}, over the lab's ${mib(s.limit)} limit`;
    case 'full':
      return 'Not saved: browser storage is full (delete saved scenarios or export your work)';
    case 'off':
      return 'Not saved: browser storage is off in this browser';
    case 'newer':
      return 'Not saved: a newer version of the lab saved here; it is not overwritten';
  }
}

function versionOf(raw: string): number {
  try {
    const v = (JSON.parse(raw) as { version?: unknown }).version;
    return typeof v === 'number' ? v : 0;
  } catch {
    return 0;
  }
}

function safeGet(storage: StorageLike, key: string): string | null {
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}
