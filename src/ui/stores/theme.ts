// Light / dark theme, remembered across visits; defaults to the system preference.
import { createStore } from 'zustand/vanilla';
import { load, save } from './persist.ts';

export type Theme = 'light' | 'dark';
const isTheme = (v: unknown): v is Theme => v === 'light' || v === 'dark';

function initial(): Theme {
  const stored = load('theme', 1, isTheme);
  if (stored) return stored;
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches
    ? 'dark'
    : 'light';
}

export const themeStore = createStore<{ theme: Theme; toggle(): void }>()((set, get) => ({
  theme: initial(),
  toggle() {
    const theme: Theme = get().theme === 'dark' ? 'light' : 'dark';
    save('theme', 1, theme);
    set({ theme });
  },
}));
