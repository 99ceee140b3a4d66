// Seeded randomness (convention 7): the engine never calls Math.random(), so the same seed gives
// the same timeline. mulberry32 is tiny, fast and good enough for tie-breaks and jitter; it is not
// for cryptography.

export type Rng = () => number;

/** A PRNG returning floats in [0, 1) from a 32-bit seed. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Same as mulberry32; the name the rest of the engine uses. */
export const createRng = mulberry32;

/** A seed for a named sub-stream (e.g. "launch", "jitter"), so adding draws in one part of the
 *  engine does not shift the numbers another part sees. FNV-1a over the label, mixed with the seed. */
export function deriveSeed(seed: number, label: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** An integer in [min, max] inclusive. */
export function randomInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T | undefined {
  return items.length === 0 ? undefined : items[Math.floor(rng() * items.length)];
}

/** A shuffled copy (Fisher–Yates); the input is left alone. */
export function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}

// Kubernetes' generateName alphabet (apimachinery util/rand): no vowels, no 0/1/3, so names
// never spell words or confuse l/1.
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A suffix like Kubernetes generateName adds: randomString(rng, 5) → "x7k2p". */
export function randomString(rng: Rng, n = 5): string {
  let s = '';
  for (let i = 0; i < n; i++) s += NAME_ALPHABET[Math.floor(rng() * NAME_ALPHABET.length)];
  return s;
}

/** generateName + suffix: generateName(rng, "default-") → "default-x7k2p". */
export function generateName(rng: Rng, prefix: string): string {
  return prefix + randomString(rng, 5);
}
