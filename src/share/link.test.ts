import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toBase64Url, fromBase64Url } from './base64url.ts';
import { deflateRaw } from './compress.ts';
import {
  decode,
  encode,
  linkSize,
  MAX_LINK_CHARS,
  MAX_PAYLOAD_BYTES,
  WARN_LINK_CHARS,
  type DecodeResult,
} from './link.ts';
import type { ShareState } from './state.ts';
import { rawLink, shareState, WORKSPACE } from './testing.ts';

function errorOf(r: DecodeResult): string {
  if (r.ok) throw new Error('expected the link to be refused');
  return r.error;
}

const stateArb: fc.Arbitrary<ShareState> = fc.record(
  {
    workspace: fc.string({ unit: 'binary', maxLength: 400 }),
    karpenter: fc.record(
      {
        version: fc.constantFrom('v1', 'v1.14', 'v0.31', 'v0.37.2'),
        featureGates: fc.dictionary(fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,20}$/), fc.boolean(), {
          maxKeys: 4,
        }),
      },
      { requiredKeys: [] },
    ),
    region: fc.constantFrom('us-east-1', 'eu-west-3', 'ap-southeast-2'),
    catalog: fc.constantFrom('ec2-us-east-1', 'scenario'),
    lab: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,30}$/),
    step: fc.integer({ min: 0, max: 1000 }),
    t: fc.integer({ min: 0, max: 10 * 365 * 24 * 3600 * 1000 }),
  },
  { requiredKeys: ['workspace'] },
);

describe('share link round trip', () => {
  it('decodes what it encodes, field for field', async () => {
    await fc.assert(
      fc.asyncProperty(stateArb, async (state) => {
        const r = await decode(await encode(state));
        expect(r).toEqual({ ok: true, state });
      }),
      { numRuns: 200 },
    );
  });

  it('has the documented shape and names its format version', async () => {
    const link = await encode(shareState({ lab: 'scale-up', step: 2, t: 90_000 }));
    expect(link).toMatch(/^#v=1&s=[A-Za-z0-9_-]+&lab=scale-up&step=2$/);
  });

  it('opens from a whole URL as well as from the fragment', async () => {
    const link = await encode(shareState({ t: 5000 }));
    const r = await decode(`https://example.test/karpenter-lab/${link}`);
    expect(r).toEqual({ ok: true, state: shareState({ t: 5000 }) });
  });

  it('keeps a typical workspace link well under the warning size', async () => {
    const link = await encode(shareState({ workspace: WORKSPACE.repeat(20) }));
    expect(linkSize(link)).toBe('ok');
  });
});

describe('base64url', () => {
  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const r = fromBase64Url(toBase64Url(bytes));
        expect(r.ok && [...r.bytes]).toEqual([...bytes]);
      }),
    );
  });
});

describe('hostile links', () => {
  it('refuses a link with no version', async () => {
    expect(errorOf(await decode('#s=abc'))).toMatch(/no format version/);
  });

  it('refuses an unknown (future) version and says which it reads', async () => {
    const err = errorOf(await decode('#v=7&s=abc'));
    expect(err).toMatch(/format v7/);
    expect(err).toMatch(/reads v1/);
  });

  it('refuses a version that is not a number', async () => {
    expect(errorOf(await decode('#v=1e3&s=abc'))).toMatch(/not a number/);
  });

  it('refuses invalid base64', async () => {
    expect(errorOf(await decode('#v=1&s=ab$d'))).toMatch(/not base64url/);
  });

  it('refuses a link without data', async () => {
    expect(errorOf(await decode('#v=1'))).toMatch(/no scenario data/);
    expect(errorOf(await decode('#v=1&s='))).toMatch(/no scenario data/);
  });

  it('refuses a link cut short at any point', async () => {
    const link = await encode(shareState({ workspace: WORKSPACE.repeat(5) }));
    const cuts = [link.length - 1, link.length - 2, link.length - 7, Math.floor(link.length / 2)];
    for (const cut of cuts) {
      const err = errorOf(await decode(link.slice(0, cut)));
      expect(err).toMatch(/truncated|impossible length|corrupt/);
    }
  });

  it('refuses garbage that happens to be valid base64', async () => {
    expect(errorOf(await decode(`#v=1&s=${toBase64Url(new Uint8Array([255, 1, 2, 3]))}`))).toMatch(
      /truncated or corrupt/,
    );
  });

  it('refuses a link longer than 64 KB before decoding it', async () => {
    const err = errorOf(await decode(`#v=1&s=${'A'.repeat(MAX_LINK_CHARS)}`));
    expect(err).toMatch(/links over 64 KiB are refused/);
  });

  it('stops inflating a decompression bomb at the cap', async () => {
    const bomb = await rawLink({ workspace: ' '.repeat(MAX_PAYLOAD_BYTES * 8) });
    expect(bomb.length).toBeLessThan(MAX_LINK_CHARS); // it gets past the length check
    expect(errorOf(await decode(bomb))).toMatch(/expands to more than 2 MiB/);
  });

  it('refuses a payload that is not JSON, or not an object', async () => {
    expect(errorOf(await decode(await rawLink('{"workspace": ')))).toMatch(/not valid JSON/);
    expect(errorOf(await decode(await rawLink(['a'])))).toMatch(/not an object/);
  });

  it('refuses bytes that are not UTF-8', async () => {
    const bytes = await deflateRaw(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]));
    expect(errorOf(await decode(`#v=1&s=${toBase64Url(bytes)}`))).toMatch(/not valid JSON/);
  });

  it('type-checks every field', async () => {
    const cases: [unknown, RegExp][] = [
      [{}, /"workspace" is missing/],
      [{ workspace: 42 }, /"workspace" is missing or not text/],
      [{ workspace: '', t: -1 }, /"t" is not a timeline position/],
      [{ workspace: '', t: 1.5 }, /"t"/],
      [{ workspace: '', region: 'us-east-1"><script>' }, /"region"/],
      [{ workspace: '', catalog: { a: 1 } }, /"catalog"/],
      [{ workspace: '', karpenter: 'v1' }, /"karpenter" is not an object/],
      [{ workspace: '', karpenter: { version: 'latest; rm -rf' } }, /"karpenter.version"/],
      [{ workspace: '', karpenter: { featureGates: { A: 'yes' } } }, /featureGates/],
    ];
    for (const [payload, message] of cases)
      expect(errorOf(await decode(await rawLink(payload)))).toMatch(message);
  });

  it('type-checks lab and step in the clear part of the link', async () => {
    const ok = await rawLink({ workspace: '' });
    expect(errorOf(await decode(`${ok}&step=two`))).toMatch(/"step"/);
    expect(errorOf(await decode(`${ok}&lab=${encodeURIComponent('<img src=x>')}`))).toMatch(
      /"lab"/,
    );
    expect(errorOf(await decode(`${ok}&lab=%E0%A4%A`))).toMatch(/not valid URL text/);
    expect(errorOf(await decode(`${ok}&lab=a&lab=b`))).toMatch(/appears twice/);
  });

  it('caps the workspace at 1 MiB even when the payload fits', async () => {
    const err = errorOf(await decode(await rawLink({ workspace: 'x'.repeat(1024 * 1024 + 1) })));
    expect(err).toMatch(/larger than 1 MiB/);
  });

  it('keeps script in names as plain text and drops unknown fields', async () => {
    const workspace = 'metadata: {name: "<script>alert(1)</script>"}\n';
    // Written as text: an object literal's __proto__ would set the prototype, not a field.
    const payload = `{"workspace":${JSON.stringify(workspace)},"__proto__":{"polluted":true},"extra":1}`;
    const r = await decode(await rawLink(payload));
    expect(r).toEqual({ ok: true, state: { workspace } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('always says the learner work was not changed', async () => {
    expect(errorOf(await decode('#v=9'))).toMatch(/Your work was not changed\.$/);
  });
});

describe('linkSize', () => {
  it('warns past 8 KB and refuses past 64 KB', () => {
    expect(linkSize('x'.repeat(WARN_LINK_CHARS))).toBe('ok');
    expect(linkSize('x'.repeat(WARN_LINK_CHARS + 1))).toBe('long');
    expect(linkSize('x'.repeat(MAX_LINK_CHARS + 1))).toBe('too-long');
  });
});
