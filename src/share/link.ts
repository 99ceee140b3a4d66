// State ⇄ URL fragment, as two pure (async) functions:
//
//   #v=1&s=<base64url(deflate-raw(JSON))>[&lab=<id>&step=<n>]
//
// `v` names the payload format; DECODERS keeps one entry per format ever published, so a link made
// years ago still opens. A new format adds a decoder and bumps CURRENT — never edit an old one.
// lab/step sit in clear (DESIGN.md "Share links") so a reader can see where a link lands.
import { fromBase64Url, toBase64Url } from './base64url.ts';
import { deflateRaw, formatBytes, inflateRaw } from './compress.ts';
import { checkShareState, type ShareState } from './state.ts';

export type { ShareState } from './state.ts';

export const CURRENT_VERSION = 1;
/** A link longer than this is refused outright (before any decoding work). */
export const MAX_LINK_CHARS = 64 * 1024;
/** Past this the UI warns: chat tools and browsers start truncating URLs; offer a file instead. */
export const WARN_LINK_CHARS = 8 * 1024;
/** Hard cap on the inflated payload: 2 MiB leaves room for a 1 MiB workspace escaped in JSON. */
export const MAX_PAYLOAD_BYTES = 2 * 1024 * 1024;

export type DecodeResult = { ok: true; state: ShareState } | { ok: false; error: string };

type Params = ReadonlyMap<string, string>;
type Decoder = (params: Params) => Promise<DecodeResult>;

const DECODERS: Readonly<Record<number, Decoder>> = {
  1: decodeV1,
};

export async function encode(state: ShareState): Promise<string> {
  const { lab, step, ...payload } = state;
  const json = new TextEncoder().encode(JSON.stringify(payload));
  let fragment = `#v=${CURRENT_VERSION}&s=${toBase64Url(await deflateRaw(json))}`;
  if (lab !== undefined) fragment += `&lab=${encodeURIComponent(lab)}`;
  if (step !== undefined) fragment += `&step=${step}`;
  return fragment;
}

/** Accepts a fragment (`#v=…`, with or without '#') or a whole URL. Never throws. */
export async function decode(input: string): Promise<DecodeResult> {
  const hash = input.indexOf('#');
  const fragment = hash >= 0 ? input.slice(hash + 1) : input;
  if (fragment.length > MAX_LINK_CHARS)
    return fail(
      `it is ${formatBytes(fragment.length)} long; links over ${formatBytes(MAX_LINK_CHARS)} are refused`,
    );
  const params = parseParams(fragment);
  if (typeof params === 'string') return fail(params);
  const v = params.get('v');
  if (v === undefined)
    return fail('it has no format version (v=…); it is not a Karpenter Lab link');
  if (!/^[1-9][0-9]{0,8}$/.test(v)) return fail(`its format version "${clip(v)}" is not a number`);
  const decoder = DECODERS[Number(v)];
  if (!decoder) {
    const known = Object.keys(DECODERS)
      .map((k) => `v${k}`)
      .join(', ');
    return fail(
      `it uses format v${v}, which this version of Karpenter Lab does not know (it reads ${known}); it may come from a newer version`,
    );
  }
  try {
    return await decoder(params);
  } catch {
    return fail('its data could not be read'); // defence in depth: decoders should not throw
  }
}

export type LinkSize = 'ok' | 'long' | 'too-long';

/** How the UI should treat a link of this many characters. */
export function linkSize(fragment: string): LinkSize {
  if (fragment.length > MAX_LINK_CHARS) return 'too-long';
  return fragment.length > WARN_LINK_CHARS ? 'long' : 'ok';
}

async function decodeV1(params: Params): Promise<DecodeResult> {
  const s = params.get('s');
  if (!s) return fail('it has no scenario data (s=…); it was probably cut short');
  const b = fromBase64Url(s);
  if (!b.ok) return fail(b.error);
  const inflated = await inflateRaw(b.bytes, MAX_PAYLOAD_BYTES);
  if (!inflated.ok) return fail(inflated.error);
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes));
  } catch {
    return fail('its data is corrupt (not valid JSON text)');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return fail('its content is not an object');
  // lab/step travel in clear; a payload field of the same name is ignored.
  const merged: Record<string, unknown> = { ...raw, lab: undefined, step: undefined };
  const lab = params.get('lab');
  if (lab !== undefined) merged.lab = lab;
  const step = params.get('step');
  if (step !== undefined) merged.step = /^[0-9]{1,6}$/.test(step) ? Number(step) : step;
  const checked = checkShareState(
    Object.fromEntries(Object.entries(merged).filter(([, x]) => x !== undefined)),
  );
  return checked.ok ? { ok: true, state: checked.value } : fail(checked.error);
}

function parseParams(fragment: string): Params | string {
  const params = new Map<string, string>();
  for (const part of fragment.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    let value: string;
    try {
      value = decodeURIComponent(eq < 0 ? '' : part.slice(eq + 1));
    } catch {
      return `its parameter "${clip(key)}" is not valid URL text`;
    }
    if (params.has(key)) return `its parameter "${clip(key)}" appears twice`;
    params.set(key, value);
  }
  return params;
}

const clip = (s: string): string => (s.length > 20 ? `${s.slice(0, 20)}…` : s);

function fail(reason: string): { ok: false; error: string } {
  return {
    ok: false,
    error: `This share link cannot be opened: ${reason}. Your work was not changed.`,
  };
}
