import { describe, expect, it } from 'vitest';
import {
  decodeProgress,
  emptyProgress,
  encodeProgress,
  formatLabLink,
  labProgress,
  loadProgress,
  markPassed,
  parseLabLink,
  PROGRESS_STORAGE_KEY,
  isLoaded,
  resetLab,
  saveProgress,
  setCurrentStep,
  setLoaded,
  setUndo,
  undoSubject,
  type StepUndo,
  type StorageLike,
} from './progress.ts';

function memoryStorage(
  initial: Record<string, string> = {},
): StorageLike & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (k) => data[k] ?? null,
    setItem: (k, v) => {
      data[k] = v;
    },
  };
}

describe('lab progress', () => {
  it('records passed steps once, in order, and the current step', () => {
    let p = emptyProgress();
    p = markPassed(p, 'seed', 3);
    p = markPassed(p, 'seed', 1);
    p = markPassed(p, 'seed', 3);
    p = setCurrentStep(p, 'seed', 4);
    expect(labProgress(p, 'seed')).toEqual({ passed: [1, 3], current: 4 });
    expect(labProgress(resetLab(p, 'seed'), 'seed')).toEqual({ passed: [], current: 1 });
  });

  it('round-trips through storage under a versioned key', () => {
    const storage = memoryStorage();
    saveProgress(storage, markPassed(emptyProgress(), 'seed', 2));
    expect(JSON.parse(storage.data[PROGRESS_STORAGE_KEY] ?? '')).toMatchObject({ version: 1 });
    expect(labProgress(loadProgress(storage), 'seed').passed).toEqual([2]);
  });

  it('drops what it cannot trust: bad JSON, another version, bad ids and steps', () => {
    expect(decodeProgress('{not json')).toEqual(emptyProgress());
    expect(decodeProgress(JSON.stringify({ version: 2, labs: {} }))).toEqual(emptyProgress());
    const mixed = decodeProgress(
      JSON.stringify({
        version: 1,
        labs: { '../x': { passed: [1] }, seed: { passed: [2, 'x', -1, 2, 1.5, 1], current: 500 } },
      }),
    );
    expect(mixed.labs).toEqual({ seed: { passed: [1, 2], current: 1 } });
  });

  it('survives storage that throws (private browsing)', () => {
    const broken: StorageLike = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
    };
    expect(loadProgress(broken)).toEqual(emptyProgress());
    expect(() => saveProgress(broken, emptyProgress())).not.toThrow();
    expect(encodeProgress(emptyProgress())).toBe('{"version":1,"labs":{}}');
  });

  it('keeps the step the workspace was loaded from across a reload, until undone or restarted', () => {
    // A reload used to forget it: the step offered "Load this step's workspace" over the
    // learner's edits, and its checks said they ran on "your own workspace".
    const storage = memoryStorage();
    saveProgress(storage, setLoaded(emptyProgress(), { lab: 'seed', step: 3 }));
    const back = loadProgress(storage);
    expect(isLoaded(back, 'seed', 3)).toBe(true);
    expect(isLoaded(back, 'seed', 2)).toBe(false);
    expect(isLoaded(back, 'other', 3)).toBe(false);
    expect(isLoaded(setLoaded(back, undefined), 'seed', 3)).toBe(false);
    expect(isLoaded(resetLab(back, 'seed'), 'seed', 3)).toBe(false);
    expect(isLoaded(resetLab(back, 'other'), 'seed', 3)).toBe(true);
    // Nothing loaded: the payload is as before.
    expect(encodeProgress(setLoaded(back, undefined))).toBe('{"version":1,"labs":{}}');
  });

  it("keeps a step load's Undo (the workspace before) across a reload, until restarted", () => {
    // A reload lost the "Step 3 replaced your workspace. Undo" notice, and with it the only copy
    // of the workspace the learner had before loading the step.
    const storage = memoryStorage();
    const undo: StepUndo = {
      lab: 'seed',
      step: 3,
      by: 'start',
      text: '# my own workspace\n',
      loadedBefore: { lab: 'seed', step: 2 },
    };
    saveProgress(storage, setUndo(emptyProgress(), undo));
    const back = loadProgress(storage);
    expect(back.undo).toEqual(undo);
    expect(undoSubject(undo)).toBe('Step 3');
    expect(undoSubject({ ...undo, by: 'solution' })).toBe("Step 3's solution");
    expect(resetLab(back, 'seed').undo).toBeUndefined();
    expect(resetLab(back, 'other').undo).toEqual(undo);
    expect(encodeProgress(setUndo(back, undefined))).toBe('{"version":1,"labs":{}}');
  });

  it('drops an Undo it cannot trust', () => {
    const good = { lab: 'seed', step: 3, by: 'start', text: 'x' };
    for (const undo of [
      { ...good, lab: '../x' },
      { ...good, step: 0 },
      { ...good, by: 'link' },
      { ...good, text: 42 },
      'x',
    ])
      expect(decodeProgress(JSON.stringify({ version: 1, labs: {}, undo }))).toEqual(
        emptyProgress(),
      );
    // A bad loadedBefore only loses that part.
    expect(
      decodeProgress(JSON.stringify({ version: 1, labs: {}, undo: { ...good, loadedBefore: 7 } }))
        .undo,
    ).toEqual(good);
  });

  it('saves the steps passed without the Undo when storage has no room for its copy', () => {
    const data: Record<string, string> = {};
    const small: StorageLike = {
      getItem: (k) => data[k] ?? null,
      setItem: (k, v) => {
        if (v.length > 200) throw new Error('QuotaExceededError');
        data[k] = v;
      },
    };
    const big: StepUndo = { lab: 'seed', step: 3, by: 'start', text: 'x'.repeat(1000) };
    saveProgress(small, setUndo(markPassed(emptyProgress(), 'seed', 2), big));
    const back = loadProgress(small);
    expect(labProgress(back, 'seed').passed).toEqual([2]);
    expect(back.undo).toBeUndefined();
  });

  it('drops a loaded step it cannot trust', () => {
    for (const loaded of [{ lab: '../x', step: 1 }, { lab: 'seed', step: 0 }, 'seed', null])
      expect(decodeProgress(JSON.stringify({ version: 1, labs: {}, loaded }))).toEqual(
        emptyProgress(),
      );
  });
});

describe('lab deep links', () => {
  it('reads #lab=<id>&step=<n>, next to share-link parameters', () => {
    expect(parseLabLink('#lab=karpenter-jit-scaling&step=3')).toEqual({
      lab: 'karpenter-jit-scaling',
      step: 3,
    });
    expect(parseLabLink('#v=1&s=abc&lab=seed')).toEqual({ lab: 'seed', step: 1 });
  });

  it('ignores a link without a valid lab and falls back to step 1 for a bad step', () => {
    expect(parseLabLink('#v=1&s=abc')).toBeUndefined();
    expect(parseLabLink('#lab=<script>')).toBeUndefined();
    expect(parseLabLink('#lab=seed&step=0')).toEqual({ lab: 'seed', step: 1, askedStep: '0' });
    expect(parseLabLink('#lab=seed&step=2.5')).toEqual({ lab: 'seed', step: 1, askedStep: '2.5' });
  });

  it('writes the link and keeps the other parameters', () => {
    expect(formatLabLink({ lab: 'seed', step: 2 })).toBe('#lab=seed&step=2');
    expect(formatLabLink({ lab: 'seed', step: 4 }, '#v=1&s=abc&lab=old&step=1')).toBe(
      '#v=1&s=abc&lab=seed&step=4',
    );
  });
});
