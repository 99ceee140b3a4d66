import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ELLIPSIS,
  ellipsize,
  estimatedWidths,
  fitKeepingHead,
  fitKeepingTail,
  fitLine,
  textWidth,
} from './fitText.ts';

const width12 = estimatedWidths(12);
/** Every character 7 px: easy to count by hand. */
const seven = () => 7;

describe('fitting a card line', () => {
  it('keeps a line that fits as it is', () => {
    expect(fitLine(['m5.large', 'spot'], [1], 200, width12)).toBe('m5.large · spot');
  });

  it('drops the least important parts first, then cuts the rest with an ellipsis', () => {
    const parts = ['$0.5000/h', 'amd64', 'ready'];
    // 25, 17, 9 characters of 7 px.
    expect(fitLine(parts, [1, 2], 175, seven)).toBe('$0.5000/h · amd64 · ready');
    expect(fitLine(parts, [1, 2], 174, seven)).toBe('$0.5000/h · ready');
    expect(fitLine(parts, [1, 2], 118, seven)).toBe('$0.5000/h');
    expect(fitLine(parts, [1, 2], 55, seven)).toBe('$0.500…');
  });

  it('skips empty parts (a launching node has no price yet)', () => {
    expect(fitLine(['', 'amd64', 'launching'], [1, 2], 300, seven)).toBe('amd64 · launching');
  });

  it('leaves no separator before the ellipsis', () => {
    expect(ellipsize('m5.large · spot', 11 * 7, seven)).toBe('m5.large…');
  });

  it('gives nothing when not even the ellipsis fits', () => {
    expect(ellipsize('m5.large', 5, seven)).toBe('');
  });

  it('for any parts and width: fits, and starts with the first part or a prefix of it', () => {
    const part = fc.string({
      unit: fc.constantFrom(...'abcdefgm.-0123456789$/*WMil é'),
      maxLength: 40,
    });
    fc.assert(
      fc.property(
        fc.array(part, { minLength: 1, maxLength: 4 }),
        fc.uniqueArray(fc.nat(4), { maxLength: 4 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 5, max: 20 }),
        (parts, drop, max, size) => {
          const width = estimatedWidths(size);
          const line = fitLine(parts, drop, max, width);
          expect(textWidth(line, width)).toBeLessThanOrEqual(max);
          const full = parts.filter(Boolean).join(' · ');
          if (textWidth(full, width) <= max) expect(line).toBe(full);
          // The most important part (a launching node's line has no price: then any may go).
          const first = parts[0] ?? '';
          if (line.endsWith(ELLIPSIS)) {
            // Cut inside the first part, or after it: either way it begins the line.
            const head = line.slice(0, -ELLIPSIS.length);
            expect(first.startsWith(head) || head.startsWith(first)).toBe(true);
          } else if (line !== '') {
            // Whole parts, in their order, the first among them.
            expect(line.startsWith(first)).toBe(true);
            let at = 0;
            for (const k of line.split(' · ')) {
              at = parts.indexOf(k, at) + 1;
              expect(at).toBeGreaterThan(0);
            }
          }
        },
      ),
    );
  });
});

describe('fitting a group label', () => {
  const pool = 'general-purpose-arm64-spot-pool';

  it('keeps a label that fits as it is', () => {
    expect(fitKeepingTail(pool, 'us-east-1a', 308, seven)).toBe(`${pool} · us-east-1a`);
  });

  it('cuts the name and keeps the zone while the name keeps half the room', () => {
    // 44 characters of 7 px; " · us-east-1a" is 13 of them.
    expect(fitKeepingTail(pool, 'us-east-1a', 280, seven)).toBe(
      'general-purpose-arm64-spot… · us-east-1a',
    );
    expect(fitKeepingTail(pool, 'us-east-1a', 210, seven)).toBe('general-purpose-… · us-east-1a');
  });

  it('cuts the whole label from its end when the zone would leave the name less than half', () => {
    expect(fitKeepingTail(pool, 'us-east-1a', 140, seven)).toBe('general-purpose-arm…');
    expect(fitKeepingTail(pool, '', 140, seven)).toBe('general-purpose-arm…');
  });

  it('for any name, zone and width: fits, and is the label, a cut name with the zone, or a cut label', () => {
    const name = fc.string({ unit: fc.constantFrom(...'abcdefgm-0123456789WMil'), maxLength: 70 });
    fc.assert(
      fc.property(
        name,
        name,
        fc.integer({ min: 0, max: 600 }),
        fc.integer({ min: 5, max: 20 }),
        (head, tail, max, size) => {
          const width = estimatedWidths(size);
          const label = fitKeepingTail(head, tail, max, width);
          expect(textWidth(label, width)).toBeLessThanOrEqual(max);
          const full = tail === '' ? head : `${head} · ${tail}`;
          if (textWidth(full, width) <= max) {
            expect(label).toBe(full);
            return;
          }
          expect(label === '' || label.endsWith(ELLIPSIS) || label.includes(`${ELLIPSIS} · `)).toBe(
            true,
          );
          // A cut name before the whole zone, or a prefix of the whole label.
          const cutName = tail !== '' && label.endsWith(`${ELLIPSIS} · ${tail}`);
          const kept = cutName ? label.slice(0, -` · ${tail}`.length) : label;
          expect((cutName ? head : full).startsWith(kept.replace(ELLIPSIS, ''))).toBe(true);
        },
      ),
    );
  });
});

describe('fitting the pending queue label', () => {
  const parts = ['Pending pods: 2', '1 pinned to us-east-1b by its volume'];

  it('keeps a label that fits as it is', () => {
    // 54 characters of 7 px.
    expect(fitKeepingHead(parts, 378, seven)).toBe(
      'Pending pods: 2 · 1 pinned to us-east-1b by its volume',
    );
  });

  it('keeps the count whole and cuts the rest after a word', () => {
    expect(fitKeepingHead(parts, 377, seven)).toBe(
      'Pending pods: 2 · 1 pinned to us-east-1b by its…',
    );
    // Not "us-east-1…", which names another zone.
    expect(fitKeepingHead(parts, 280, seven)).toBe('Pending pods: 2 · 1 pinned to…');
  });

  it('never ends on a bare number: "· 1…" would read as the count of something unsaid', () => {
    expect(fitKeepingHead(parts, 140, seven)).toBe('Pending pods: 2…');
  });

  it('cuts the count only when it alone does not fit', () => {
    expect(fitKeepingHead(parts, 70, seven)).toBe('Pending p…');
  });

  it('for any parts and width: fits, and keeps the first part whole when it fits with an ellipsis', () => {
    // Spaces and separators inside words too: a cut never eats into the first part.
    const word = fc.string({
      unit: fc.constantFrom(...'abcdefgm-0123456789WMil ·'),
      maxLength: 12,
    });
    const part = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(
        fc.array(part, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 600 }),
        fc.integer({ min: 5, max: 20 }),
        (ps, max, size) => {
          const width = estimatedWidths(size);
          const line = fitKeepingHead(ps, max, width);
          expect(textWidth(line, width)).toBeLessThanOrEqual(max);
          const full = ps.join(' · ');
          if (textWidth(full, width) <= max) {
            expect(line).toBe(full);
            return;
          }
          expect(line === '' || line.endsWith(ELLIPSIS)).toBe(true);
          const kept = line.slice(0, -ELLIPSIS.length);
          expect(full.startsWith(kept)).toBe(true);
          const head = ps[0] ?? '';
          if (textWidth(head + ELLIPSIS, width) <= max) expect(kept.startsWith(head)).toBe(true);
        },
      ),
    );
  });
});
