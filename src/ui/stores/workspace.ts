// The workspace store: the YAML the learner edits, autosaved (debounced) to local storage.
import { createStore } from 'zustand/vanilla';
import { DEFAULT_WORKSPACE } from '../defaultWorkspace.ts';
import { load, save } from './persist.ts';

const KEY = 'workspace';
const VERSION = 1;
const SAVE_DELAY_MS = 400;

export interface WorkspaceState {
  text: string;
  saved: 'saved' | 'pending' | 'failed';
  setText(text: string): void;
  reset(): void;
}

const isString = (v: unknown): v is string => typeof v === 'string';

export const workspaceStore = createStore<WorkspaceState>()((set, get) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = (text: string) => {
    clearTimeout(timer);
    timer = setTimeout(
      () => set({ saved: save(KEY, VERSION, text) ? 'saved' : 'failed' }),
      SAVE_DELAY_MS,
    );
  };
  return {
    text: load(KEY, VERSION, isString) ?? DEFAULT_WORKSPACE,
    saved: 'saved',
    setText(text) {
      if (text === get().text) return; // e.g. the editor echoing text it was just given
      set({ text, saved: 'pending' });
      schedule(text);
    },
    reset() {
      set({ text: DEFAULT_WORKSPACE, saved: 'pending' });
      schedule(DEFAULT_WORKSPACE);
    },
  };
});
