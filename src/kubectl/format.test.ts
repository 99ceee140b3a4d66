import { describe, expect, it } from 'vitest';
import { DESCRIBE_TABS, humanDuration, rfc1123, table, tabwrite, truncatedList } from './format.ts';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('humanDuration (kubectl’s AGE)', () => {
  it.each([
    [0, '0s'],
    [45 * s, '45s'],
    [119 * s, '119s'],
    [2 * m, '2m'],
    [3 * m + 12 * s, '3m12s'],
    [10 * m + 30 * s, '10m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [5 * h + 30 * m, '5h30m'],
    [8 * h + 59 * m, '8h'],
    [47 * h, '47h'],
    [2 * d, '2d'],
    [3 * d + 4 * h, '3d4h'],
    [8 * d, '8d'],
    [729 * d, '729d'],
    [2 * 365 * d + 45 * d, '2y45d'],
    [9 * 365 * d, '9y'],
  ])('prints %i ms as %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });

  it('prints a moment slightly in the future as 0s and one far in the future as <invalid>', () => {
    expect(humanDuration(-500)).toBe('0s');
    expect(humanDuration(-5 * s)).toBe('<invalid>');
  });
});

describe('tabwriter', () => {
  it('pads every column but the last to its widest cell plus three spaces, at least six wide', () => {
    expect(
      table([
        ['NAME', 'AGE', 'X'],
        ['a-long-name', '5s', 'y'],
      ]),
    ).toBe(['NAME          AGE   X', 'a-long-name   5s    y'].join('\n'));
  });

  it('keeps the widths it has seen when asked to remember them (get -w)', () => {
    const widths: number[] = [];
    table(
      [
        ['NAME', 'STATUS'],
        ['web-1', 'Pending'],
      ],
      widths,
    );
    expect(table([['w', 'Running']], widths)).toBe('w       Running'); // 'web-1' + 3
  });

  it('aligns describe’s fields block by block: a line without a tab ends the block', () => {
    const text = tabwrite(
      ['Name:\tweb', 'Namespace:\tdefault', 'Containers:', '  app:', '    Image:\tnginx'].join(
        '\n',
      ),
      DESCRIBE_TABS,
    );
    expect(text).toBe(
      ['Name:       web', 'Namespace:  default', 'Containers:', '  app:', '    Image:  nginx'].join(
        '\n',
      ),
    );
  });
});

describe('timestamps and lists', () => {
  it('prints describe’s RFC 1123 time from simulated milliseconds', () => {
    expect(rfc1123(31_500)).toBe('Wed, 01 Jan 2025 00:00:31 +0000');
  });

  it('abbreviates long lists like Karpenter’s logs', () => {
    expect(truncatedList(['a', 'b'])).toBe('a, b');
    expect(truncatedList(['a', 'b', 'c', 'd', 'e', 'f', 'g'])).toBe('a, b, c, d, e and 2 other(s)');
  });
});
