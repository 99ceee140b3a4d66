import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyUnifiedDiff } from './testing.ts';
import { unifiedDiff } from './unifiedDiff.ts';

describe('unifiedDiff', () => {
  it('prints one hunk with three lines of context, as diff -u does', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].join('\n') + '\n';
    const after = before.replace('e\n', 'e\nE1\nE2\n');
    expect(unifiedDiff('ws.yaml', before, after)).toBe(
      [
        '--- ws.yaml',
        '+++ ws.yaml',
        '@@ -3,6 +3,8 @@',
        ' c',
        ' d',
        ' e',
        '+E1',
        '+E2',
        ' f',
        ' g',
        ' h',
        '',
      ].join('\n'),
    );
    expect(unifiedDiff('ws.yaml', before, before)).toBe('');
  });

  it('marks a last line without its newline', () => {
    expect(unifiedDiff('f', 'a\nb', 'a\nb\n')).toBe(
      [
        '--- f',
        '+++ f',
        '@@ -1,2 +1,2 @@',
        ' a',
        '-b',
        '\\ No newline at end of file',
        '+b',
        '',
      ].join('\n'),
    );
  });

  it('applies back to the new text, whatever the edit (random texts)', () => {
    const text = fc
      .tuple(
        fc.array(fc.constantFrom('a', 'b', 'c', 'key: 1', '  - x', ''), { maxLength: 30 }),
        fc.boolean(),
      )
      .map(([ls, nl]) => (ls.length === 0 ? '' : ls.join('\n') + (nl ? '\n' : '')));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const d = unifiedDiff('f', before, after);
        expect(d === '' ? before : applyUnifiedDiff(before, d)).toBe(after);
      }),
      { numRuns: 500, seed: 12 },
    );
  });
});
