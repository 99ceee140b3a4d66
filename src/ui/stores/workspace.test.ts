import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryStorage } from '../../share/testing.ts';
import { WORKSPACE_KEY } from '../../share/workspaceStorage.ts';
import { DEFAULT_WORKSPACE } from '../defaultWorkspace.ts';
import { createWorkspaceStore } from './workspace.ts';

const envelope = (value: unknown, version = 1) => JSON.stringify({ version, savedAt: '', value });
const now = () => '2026-12-02T12:00:00Z';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the workspace store', () => {
  it('autosaves after a pause, and flush() saves at once', () => {
    const s = new MemoryStorage();
    const store = createWorkspaceStore(s, now);
    store.getState().setText('a');
    expect(store.getState().saved).toBe('pending');
    vi.advanceTimersByTime(400);
    expect(s.getItem(WORKSPACE_KEY)).toBe(
      JSON.stringify({ version: 1, savedAt: now(), value: 'a' }),
    );
    store.getState().setText('b');
    store.getState().flush();
    expect(store.getState().saved).toBe('saved');
    expect(JSON.parse(s.getItem(WORKSPACE_KEY) ?? '').value).toBe('b');
  });

  it('takes the editor’s keystrokes in a task of their own, the newest once; flush() at once', async () => {
    const s = new MemoryStorage();
    const store = createWorkspaceStore(s, now);
    const texts: string[] = [];
    store.subscribe((st, prev) => {
      if (st.text !== prev.text) texts.push(st.text);
    });
    store.getState().setTextSoon('a');
    store.getState().setTextSoon('ab');
    expect(store.getState().text).toBe(DEFAULT_WORKSPACE);
    await vi.waitFor(() => expect(store.getState().text).toBe('ab'));
    expect(texts).toEqual(['ab']);
    // A reload right after a keystroke (pagehide → flush) saves it.
    store.getState().setTextSoon('abc');
    store.getState().flush();
    expect(JSON.parse(s.getItem(WORKSPACE_KEY) ?? '').value).toBe('abc');
    expect(store.getState().saved).toBe('saved');
  });

  it('lets no keystroke still on its way land on top of a later change (a link, a lab, Reset)', async () => {
    const store = createWorkspaceStore(new MemoryStorage(), now);
    store.getState().setTextSoon('typed');
    // What an edit is derived from (the documents bar, the console, Import → Add) is the newest.
    expect(store.getState().latest()).toBe('typed');
    store.getState().setText('opened from a share link');
    expect(store.getState().latest()).toBe('opened from a share link');
    // The keystroke's task has run by the time this one does (same channel, posted earlier).
    await new Promise<void>((resolve) => {
      const c = new MessageChannel();
      c.port1.onmessage = () => {
        c.port1.close();
        resolve();
      };
      c.port2.postMessage(null);
    });
    expect(store.getState().text).toBe('opened from a share link');
  });

  it('never overwrites a newer version’s workspace, and says so', () => {
    const s = new MemoryStorage();
    s.setItem(WORKSPACE_KEY, envelope('future', 3));
    const store = createWorkspaceStore(s, now);
    expect(store.getState().text).toBe(DEFAULT_WORKSPACE);
    expect(store.getState().issue).toMatchObject({ kind: 'newer', version: 3 });
    store.getState().setText('mine');
    vi.advanceTimersByTime(1000);
    store.getState().flush();
    expect(s.getItem(WORKSPACE_KEY)).toBe(envelope('future', 3));
    expect(store.getState().saveError).toMatch(/newer version/);
  });

  it('holds autosave when another tab saves, until the learner chooses', () => {
    const s = new MemoryStorage();
    const store = createWorkspaceStore(s, now);
    store.getState().setText('mine');
    vi.advanceTimersByTime(400);
    s.setItem(WORKSPACE_KEY, envelope('theirs')); // the other tab
    store.getState().storageChanged(WORKSPACE_KEY, envelope('theirs'));
    expect(store.getState().other).toBe('theirs');
    store.getState().setText('mine, edited');
    vi.advanceTimersByTime(1000);
    expect(JSON.parse(s.getItem(WORKSPACE_KEY) ?? '').value).toBe('theirs'); // not overwritten
    store.getState().keepMine();
    expect(store.getState().other).toBeUndefined();
    expect(JSON.parse(s.getItem(WORKSPACE_KEY) ?? '').value).toBe('mine, edited');
  });

  it('ignores another tab saving the same text, and stops saving over a newer version', () => {
    const s = new MemoryStorage();
    const store = createWorkspaceStore(s, now);
    store.getState().storageChanged(WORKSPACE_KEY, envelope(DEFAULT_WORKSPACE));
    expect(store.getState().other).toBeUndefined();
    store.getState().storageChanged(WORKSPACE_KEY, envelope({ x: 1 }, 2));
    store.getState().setText('mine');
    vi.advanceTimersByTime(1000);
    expect(s.getItem(WORKSPACE_KEY)).toBeNull();
    expect(store.getState().saved).toBe('failed');
  });

  it('says why a save failed: a 5 MB paste is over the limit, not a full storage', () => {
    const store = createWorkspaceStore(new MemoryStorage(), now);
    store.getState().setText('x'.repeat(5 * 1024 * 1024));
    vi.advanceTimersByTime(400);
    expect(store.getState().saved).toBe('failed');
    expect(store.getState().saveError).toBe(
      "Not saved: the workspace is 5.0 MiB, over the lab's 1.0 MiB limit",
    );
  });
});
