import { describe, expect, it } from 'vitest';
import { writeInPieces } from './nodeIO.ts';

/** A stream that copies what it is given (sync) or keeps the chunks themselves (queued). */
function sink(queued: boolean) {
  const chunks: Buffer[] = [];
  return {
    chunks,
    get writableLength() {
      return queued ? 1 : 0;
    },
    write(c: Uint8Array | string) {
      const b =
        typeof c === 'string' ? Buffer.from(c) : Buffer.from(c.buffer, c.byteOffset, c.length);
      chunks.push(queued ? b : Buffer.from(b));
    },
  };
}

describe('writeInPieces', () => {
  const big = (unit: string) => {
    let s = '';
    while (s.length < 700_000)
      s += `{"a": "x → y — 😀 ${s.length}"}\n` + 'z'.repeat(unit.length * 997) + unit;
    return s;
  };

  it('writes the same bytes as one UTF-8 encoding, surrogate pairs across piece ends included', () => {
    const atBoundary = [
      'a'.repeat(65535) + '😀'.repeat(200_000),
      'a'.repeat(65535) + '\ud800' + 'b'.repeat(300_000),
    ];
    for (const s of [...['a', '😀', 'é', '\ud800', '→'].map(big), ...atBoundary]) {
      for (const queued of [false, true]) {
        const out = sink(queued);
        writeInPieces(out, s);
        expect(Buffer.concat(out.chunks).equals(Buffer.from(s))).toBe(true);
        expect(out.chunks.length).toBeGreaterThan(1);
      }
    }
  });

  it('writes a small text in one piece', () => {
    const out = sink(false);
    writeInPieces(out, 'kind: x\n');
    expect(out.chunks.map(String)).toEqual(['kind: x\n']);
  });
});
