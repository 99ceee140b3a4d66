import { describe, expect, it } from 'vitest';
import { LIBRARY_KEY, ScenarioLibrary, TRASH_SIZE, type Result } from './scenarios.ts';
import { loadStored, type Envelope } from './stored.ts';
import { MemoryStorage } from './testing.ts';

/** A clock that ticks one second per reading, so every timestamp is distinct and predictable. */
function clock(): () => string {
  let s = 0;
  return () => new Date(Date.UTC(2026, 0, 1, 0, 0, s++)).toISOString();
}
const library = (storage = new MemoryStorage()) => new ScenarioLibrary(storage, clock());
function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}
const names = (lib: ScenarioLibrary) => lib.list().map((s) => s.name);

describe('named scenarios', () => {
  it('saves, lists by name and survives a reload', () => {
    const storage = new MemoryStorage();
    const lib = library(storage);
    value(lib.save('spot only', 'a: 1'));
    value(lib.save('  arm64   pool ', 'b: 2'));
    const reopened = library(storage);
    expect(names(reopened)).toEqual(['arm64 pool', 'spot only']);
    expect(reopened.list()[1]?.text).toBe('a: 1');
    expect(reopened.problem).toBeUndefined();
  });

  it('refuses to overwrite a name unless asked, and keeps the old text undoable', () => {
    const lib = library();
    value(lib.save('demo', 'old'));
    expect(lib.save('demo', 'new')).toEqual({
      ok: false,
      error: 'A scenario named "demo" already exists.',
    });
    value(lib.save('demo', 'new', { overwrite: true }));
    expect(lib.list().map((s) => s.text)).toEqual(['new']);
    const undone = value(lib.undo());
    expect(undone.reason).toBe('overwritten');
    expect(lib.list().map((s) => s.text)).toEqual(['old']);
  });

  it('renames, refusing a name already taken', () => {
    const lib = library();
    const a = value(lib.save('a', '1'));
    value(lib.save('b', '2'));
    expect(lib.rename(a.id, 'b').ok).toBe(false);
    value(lib.rename(a.id, 'c'));
    expect(names(lib)).toEqual(['b', 'c']);
  });

  it('brings a deleted scenario back with undo, under a new name if its name was reused', () => {
    const lib = library();
    const a = value(lib.save('demo', 'mine'));
    value(lib.delete(a.id));
    value(lib.save('demo', 'another'));
    value(lib.undo());
    expect(lib.list().map((s) => [s.name, s.text])).toEqual([
      ['demo', 'another'],
      ['demo (2)', 'mine'],
    ]);
  });

  it('keeps a replaced workspace so a link, an import or a reset can be undone', () => {
    const lib = library();
    value(lib.keepWorkspace('the learner text'));
    const entry = value(lib.undo());
    expect(entry).toMatchObject({
      reason: 'workspace-replaced',
      scenario: { text: 'the learner text' },
    });
    expect(lib.list()).toEqual([]);
    expect(lib.undo()).toEqual({ ok: false, error: 'Nothing to undo.' });
  });

  it(`keeps the last ${TRASH_SIZE} destructive actions`, () => {
    const lib = library();
    for (let i = 0; i < TRASH_SIZE + 3; i++) value(lib.keepWorkspace(`v${i}`));
    expect(lib.trash()).toHaveLength(TRASH_SIZE);
    expect(lib.trash()[0]?.scenario.text).toBe(`v${TRASH_SIZE + 2}`);
  });

  it('validates names and sizes', () => {
    const lib = library();
    expect(lib.save('   ', 'x').ok).toBe(false);
    expect(lib.save('x'.repeat(81), 'x').ok).toBe(false);
    expect(lib.save('big', 'x'.repeat(1024 * 1024 + 1)).ok).toBe(false);
  });

  it('reports a full storage without losing what was there', () => {
    const storage = new MemoryStorage(2000);
    const lib = library(storage);
    value(lib.save('small', 'a: 1'));
    expect(lib.save('huge', 'x'.repeat(5000))).toEqual({
      ok: false,
      error: 'Browser storage is full or turned off: nothing was saved.',
    });
    expect(names(lib)).toEqual(['small']);
    expect(names(library(storage))).toEqual(['small']);
  });

  it('picks free names for "keep both"', () => {
    const lib = library();
    value(lib.save('mine', ''));
    value(lib.save('mine (2)', ''));
    expect(lib.freeName('mine')).toBe('mine (3)');
    expect(lib.freeName('  ')).toBe('scenario');
  });
});

describe('stored scenarios from elsewhere', () => {
  it('keeps unreadable data aside and starts empty', () => {
    const storage = new MemoryStorage();
    storage.setItem(LIBRARY_KEY, '{not json');
    const lib = library(storage);
    expect(lib.list()).toEqual([]);
    expect(lib.problem).toMatch(/could not be read \(it is not JSON\)/);
    const aside = [...storage.items.keys()].find((k) => k.startsWith(`${LIBRARY_KEY}.unreadable-`));
    expect(aside && storage.getItem(aside)).toBe('{not json');
  });

  it('rejects a library whose entries have the wrong types', () => {
    const storage = new MemoryStorage();
    storage.setItem(
      LIBRARY_KEY,
      JSON.stringify({
        version: 1,
        value: { scenarios: [{ id: 1, name: 'x', text: 'y' }], trash: [] },
      }),
    );
    expect(library(storage).problem).toMatch(/its content is not valid/);
  });

  it('never writes over data from a newer version of the lab', () => {
    const storage = new MemoryStorage();
    const future = JSON.stringify({ version: 9, value: { whatever: true } });
    storage.setItem(LIBRARY_KEY, future);
    const lib = library(storage);
    expect(lib.problem).toMatch(/newer version of Karpenter Lab \(format 9\)/);
    expect(lib.save('x', 'y').ok).toBe(false);
    expect(storage.getItem(LIBRARY_KEY)).toBe(future);
  });

  it('keeps ids unique when the stored counter was lost', () => {
    const storage = new MemoryStorage();
    const scenarios = [{ id: 's7', name: 'a', text: '', savedAt: '' }];
    storage.setItem(LIBRARY_KEY, JSON.stringify({ version: 1, value: { scenarios, trash: [] } }));
    expect(value(library(storage).save('b', '')).id).toBe('s8');
  });
});

describe('migrations', () => {
  // A made-up history: format 1 stored {name: text}; format 2 a list; format 3 adds tags.
  const env: Envelope = {
    key: 'k',
    version: 3,
    migrations: {
      1: (v) => Object.entries(v as Record<string, string>).map(([name, text]) => ({ name, text })),
      2: (v) => (v as object[]).map((s) => ({ ...s, tags: [] })),
    },
  };
  const now = '2026-01-01T00:00:00.000Z';

  it('walks every step from an old format to the current one', () => {
    const storage = new MemoryStorage();
    storage.setItem('k', JSON.stringify({ version: 1, value: { demo: 'a: 1' } }));
    expect(loadStored(storage, env, (v) => v, now)).toEqual({
      status: 'ok',
      value: [{ name: 'demo', text: 'a: 1', tags: [] }],
      migratedFrom: 1,
    });
  });

  it('keeps the data aside when a migration throws', () => {
    const storage = new MemoryStorage();
    storage.setItem('k', JSON.stringify({ version: 2, value: 'not a list' }));
    expect(loadStored(storage, env, (v) => v, now)).toEqual({
      status: 'unreadable',
      keptAs: `k.unreadable-${now}`,
      why: 'the migration from format 2 failed',
    });
  });
});
