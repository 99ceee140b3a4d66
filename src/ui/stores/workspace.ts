// The workspace store: the YAML the learner edits — the one source of truth that the editor, the
// simulation (stores/follow.ts), links, the console and lab steps read and write — autosaved
// (debounced) to local storage without ever losing work (src/share/workspaceStorage.ts): an
// unreadable or newer saved workspace is reported, kept and never overwritten; a failed save says
// why; another tab's save is noticed and the learner chooses (`other`).
import { createStore } from 'zustand/vanilla';
import { DEFAULT_WORKSPACE } from '../defaultWorkspace.ts';
import type { StorageLike } from '../../share/stored.ts';
import {
  openWorkspace,
  saveProblem,
  savedElsewhere,
  saveWorkspace,
  WORKSPACE_KEY,
  type StorageIssue,
} from '../../share/workspaceStorage.ts';

const SAVE_DELAY_MS = 400;

export interface WorkspaceState {
  text: string;
  saved: 'saved' | 'pending' | 'failed';
  /** Why saving failed or is off, in words for the header. */
  saveError: string | undefined;
  /** The saved workspace could not be opened (shown with a download until dismissed). */
  issue: StorageIssue | undefined;
  /** A different workspace another tab saved; autosave holds until the learner chooses. */
  other: string | undefined;
  setText(text: string): void;
  /** setText in a task of its own, soon after this one (the editor's keystrokes: see below);
   *  texts given before it runs are written once, the newest. */
  setTextSoon(text: string): void;
  /** The newest text: a setTextSoon still on its way, else `text`. Read this to derive an edit
   *  from what the learner sees (the editor), not from a store one keystroke behind. */
  latest(): string;
  reset(): void;
  /** Writes a pending edit and a pending save now (e.g. before the page reloads). */
  flush(): void;
  dismissIssue(): void;
  /** Keep this tab's workspace: save it over the other tab's. */
  keepMine(): void;
  /** Forget the other tab's save (after the caller has opened it). */
  clearOther(): void;
  /** A `storage` event from another tab. */
  storageChanged(key: string | null, newValue: string | null): void;
}

export function createWorkspaceStore(storage: StorageLike | undefined, now: () => string) {
  const opened = openWorkspace(storage, now());
  let writable = opened.writable;
  return createStore<WorkspaceState>()((set, get) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const write = () => {
      timer = undefined;
      if (get().other !== undefined) return; // held: the learner has not chosen yet
      if (!writable) return;
      const r = saveWorkspace(storage, get().text, now());
      if (r.ok) set({ saved: 'saved', saveError: undefined });
      else {
        if (r.reason === 'newer') writable = false;
        set({ saved: 'failed', saveError: saveProblem(r) });
      }
    };
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(write, SAVE_DELAY_MS);
    };
    // The editor's keystrokes reach the store (and through it the engine worker and React) in a
    // task of their own, posted on a MessageChannel (no timer clamping), not inside Monaco's input
    // event: Monaco's handling and ours together went over 50 ms (issue 12).
    // The channel is made on first use (in Node, a port listened to would keep the process alive).
    let soon: string | undefined;
    let channel: MessageChannel | undefined;
    const writeSoon = () => {
      if (soon === undefined) return;
      const text = soon;
      soon = undefined;
      get().setText(text);
    };
    const refusal = !storage
      ? 'Not saved: browser storage is off in this browser'
      : opened.issue?.kind === 'newer'
        ? 'Not saved: a newer version of the lab saved here; it is not overwritten'
        : 'Not saved: the unreadable saved workspace could not be kept aside (storage is full)';
    return {
      text: opened.text ?? DEFAULT_WORKSPACE,
      saved: writable ? 'saved' : 'failed',
      saveError: writable ? undefined : refusal,
      issue: opened.issue,
      other: undefined,
      setText(text) {
        // Any other change (a share link, a lab step, Reset, the documents bar) is newer than a
        // keystroke still on its way: that one must not land on top of it afterwards.
        soon = undefined;
        if (text === get().text) return; // e.g. the editor echoing text it was just given
        set({ text, saved: writable ? 'pending' : 'failed' });
        if (writable) schedule();
      },
      setTextSoon(text) {
        if (!channel) {
          channel = new MessageChannel();
          channel.port1.onmessage = writeSoon;
        }
        if (soon === undefined) channel.port2.postMessage(null);
        soon = text;
      },
      latest() {
        return soon ?? get().text;
      },
      reset() {
        get().setText(DEFAULT_WORKSPACE);
      },
      flush() {
        writeSoon();
        if (timer === undefined) return;
        clearTimeout(timer);
        write();
      },
      dismissIssue() {
        set({ issue: undefined });
      },
      keepMine() {
        set({ other: undefined });
        clearTimeout(timer);
        write();
      },
      clearOther() {
        set({ other: undefined });
      },
      storageChanged(key, newValue) {
        if (key !== WORKSPACE_KEY && key !== null) return;
        if (newValue === null) return; // cleared elsewhere: ours is saved again on the next edit
        const theirs = savedElsewhere(newValue);
        if (theirs === undefined) {
          // Not ours to read (e.g. a newer version saved): never write over it.
          writable = false;
          set({
            saved: 'failed',
            saveError: 'Not saved: a newer version of the lab saved here; it is not overwritten',
          });
          return;
        }
        if (theirs !== get().text) set({ other: theirs });
      },
    };
  });
}

function browserStorage(): StorageLike | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // e.g. storage disabled by the browser
  }
}

export const workspaceStore = createWorkspaceStore(browserStorage(), () =>
  new Date().toISOString(),
);

if (typeof window !== 'undefined')
  window.addEventListener('storage', (e) =>
    workspaceStore.getState().storageChanged(e.key, e.newValue),
  );
