import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeJson } from './jsonPieces.ts';

function pieces(doc: Record<string, unknown>): string[] {
  const out: string[] = [];
  writeJson(doc, (s) => out.push(s));
  return out;
}

describe('writeJson (the --json document in pieces)', () => {
  it('writes exactly JSON.stringify(doc, null, 2), big top-level arrays in several pieces', () => {
    const event = (i: number) => ({ t: i, type: 'k8s', note: `x → y — ${i}`, nested: [i, { i }] });
    const doc = {
      apiVersion: 'v1',
      empty: [],
      none: undefined,
      fn: () => 1,
      small: [1, undefined, 'a'],
      events: Array.from({ length: 1000 }, (_, i) => (i === 7 ? undefined : event(i))),
      exactlySlice: Array.from({ length: 256 }, (_, i) => i),
      overSlice: Array.from({ length: 257 }, (_, i) => ({ i })),
      date: new Date(0),
      withToJSON: Object.assign(
        Array.from({ length: 600 }, () => 0),
        { toJSON: () => 'replaced' },
      ),
      ['__proto__']: { odd: true },
      'quote"key': { deep: { deeper: [[], {}, [{}]] } },
    };
    const out = pieces(doc);
    expect(out.join('')).toBe(JSON.stringify(doc, null, 2));
    expect(out.length).toBeGreaterThan(8);
  });

  it('handles an empty document and one whose every member is dropped', () => {
    expect(pieces({}).join('')).toBe('{}');
    expect(pieces({ a: undefined }).join('')).toBe(JSON.stringify({ a: undefined }, null, 2));
  });

  it('matches JSON.stringify on generated documents', () => {
    const value = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.constant(undefined),
        fc.jsonValue({ maxDepth: 2 }),
        fc.array(tie('v'), { maxLength: 4 }),
        fc.dictionary(fc.string(), tie('v'), { maxKeys: 3 }),
      ),
    })).v;
    const bigArray = fc.array(fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined)), {
      minLength: 250,
      maxLength: 700,
    });
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.oneof(value, bigArray), { maxKeys: 6 }),
        (doc) => pieces(doc).join('') === JSON.stringify(doc, null, 2),
      ),
      { numRuns: 150 },
    );
  });
});
