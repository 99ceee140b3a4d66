import { describe, expect, it } from 'vitest';
import { MemoryStorage } from './testing.ts';
import {
  openWorkspace,
  saveProblem,
  savedElsewhere,
  saveWorkspace,
  UNREADABLE_KEY,
  WORKSPACE_KEY,
} from './workspaceStorage.ts';

const NOW = '2026-12-02T12:00:00Z';
const envelope = (value: unknown, version = 1) => JSON.stringify({ version, savedAt: '', value });

describe('opening the saved workspace', () => {
  it('reads what this version saved', () => {
    const s = new MemoryStorage();
    expect(saveWorkspace(s, 'kind: Pod\n', NOW)).toEqual({ ok: true });
    expect(openWorkspace(s, NOW)).toEqual({
      text: 'kind: Pod\n',
      issue: undefined,
      writable: true,
    });
  });

  it('keeps an unreadable value once, in one slot, however often the page loads', () => {
    const s = new MemoryStorage();
    s.setItem(WORKSPACE_KEY, '{"version":1,"value":'); // cut short
    for (let i = 0; i < 5; i++) {
      const o = openWorkspace(s, `${NOW}${i}`);
      expect(o.issue).toMatchObject({ kind: 'unreadable', why: 'it is not JSON', kept: true });
      expect(o.writable).toBe(true);
    }
    expect([...s.items.keys()].sort()).toEqual([WORKSPACE_KEY, UNREADABLE_KEY]);
    expect(s.getItem(UNREADABLE_KEY)).toBe('{"version":1,"value":');
  });

  it('never lets a save overwrite an unreadable value it could not keep (storage full)', () => {
    const raw = envelope(42); // valid JSON, wrong content
    const s = new MemoryStorage(WORKSPACE_KEY.length + raw.length + 10);
    s.setItem(WORKSPACE_KEY, raw);
    const o = openWorkspace(s, NOW);
    expect(o.issue).toMatchObject({ kind: 'unreadable', kept: false, raw });
    expect(o.writable).toBe(false);
  });

  it('reports data from a newer version and refuses to overwrite it, even later', () => {
    const s = new MemoryStorage();
    s.setItem(WORKSPACE_KEY, envelope({ docs: [] }, 2));
    const o = openWorkspace(s, NOW);
    expect(o).toMatchObject({
      text: undefined,
      writable: false,
      issue: { kind: 'newer', version: 2 },
    });
    expect(saveWorkspace(s, 'mine', NOW)).toEqual({ ok: false, reason: 'newer' });
    expect(s.getItem(WORKSPACE_KEY)).toBe(envelope({ docs: [] }, 2));
  });

  it('says storage is off when there is none', () => {
    expect(openWorkspace(undefined, NOW).writable).toBe(false);
    expect(saveWorkspace(undefined, 'x', NOW)).toEqual({ ok: false, reason: 'off' });
  });
});

describe('saving', () => {
  it("refuses a workspace over the lab's limit without blaming storage", () => {
    const s = new MemoryStorage();
    const r = saveWorkspace(s, 'a'.repeat(5 * 1024 * 1024), NOW);
    expect(r).toEqual({
      ok: false,
      reason: 'too-large',
      bytes: 5 * 1024 * 1024,
      limit: 1024 * 1024,
    });
    if (r.ok) throw new Error('unreachable');
    expect(saveProblem(r)).toBe(
      "Not saved: the workspace is 5.0 MiB, over the lab's 1.0 MiB limit",
    );
    expect(s.getItem(WORKSPACE_KEY)).toBeNull();
  });

  it('counts bytes, not characters: multi-byte text over the limit is refused', () => {
    const r = saveWorkspace(new MemoryStorage(), 'é'.repeat(600 * 1024), NOW);
    expect(r).toMatchObject({ ok: false, reason: 'too-large', bytes: 1200 * 1024 });
  });

  it('blames full storage only when storage is full', () => {
    const s = new MemoryStorage(1000);
    s.setItem('karpenter-lab/scenarios', 'x'.repeat(900));
    const r = saveWorkspace(s, 'y'.repeat(200), NOW);
    expect(r).toEqual({ ok: false, reason: 'full' });
    if (r.ok) throw new Error('unreachable');
    expect(saveProblem(r)).toMatch(/storage is full/);
  });
});

describe("another tab's save", () => {
  it('reads back the text it saved, and nothing from other versions or garbage', () => {
    expect(savedElsewhere(envelope('theirs'))).toBe('theirs');
    expect(savedElsewhere(envelope('theirs', 2))).toBeUndefined();
    expect(savedElsewhere('{')).toBeUndefined();
    expect(savedElsewhere(null)).toBeUndefined();
  });
});
