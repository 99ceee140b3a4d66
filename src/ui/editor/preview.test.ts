import { describe, expect, it } from 'vitest';
import { preview } from './preview.ts';

const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n');

describe('the plain-text stand-in before the editor loads', () => {
  it('shows a short workspace whole', () => {
    expect(preview(lines(3))).toEqual({ head: lines(3), more: 0 });
    expect(preview(`${lines(200)}\n`)).toEqual({ head: `${lines(200)}\n`, more: 0 });
  });

  it('shows the first 200 lines of a long one and counts the rest', () => {
    const { head, more } = preview(lines(2231));
    expect(head).toBe(`${lines(200)}\n`);
    expect(more).toBe(2031);
    expect(preview(`${lines(201)}\n`).more).toBe(1);
  });
});
