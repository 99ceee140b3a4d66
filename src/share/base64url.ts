// base64url (RFC 4648 §5, no padding) for the link payload. Written by hand rather than through
// atob/btoa so it runs the same in Node, the worker and the page, and so it can be strict: a link
// with a character outside the alphabet or an impossible length is refused, never "repaired".
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const INDEX: ReadonlyMap<string, number> = new Map([...ALPHABET].map((c, i) => [c, i]));

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const n = (a << 16) | (b << 8) | c;
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

export type Base64Result = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

export function fromBase64Url(text: string): Base64Result {
  // A length of 1 mod 4 cannot come from whole bytes: the link was cut mid-character.
  if (text.length % 4 === 1) return { ok: false, error: 'its data has an impossible length' };
  const bytes = new Uint8Array(Math.floor((text.length * 6) / 8));
  let acc = 0;
  let bits = 0;
  let j = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    const v = INDEX.get(ch);
    if (v === undefined) {
      const shown = JSON.stringify(ch);
      return {
        ok: false,
        error: `its data has a character that is not base64url (${shown} at ${i})`,
      };
    }
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[j++] = (acc >> bits) & 0xff;
    }
  }
  return { ok: true, bytes };
}
