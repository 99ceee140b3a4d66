import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benchWorkspace } from '../../bench/workspace.ts';
import { resolvePlain } from './flowLine.ts';
import { loadDocuments } from './source.ts';
import type { Path, LoadOptions } from './source.ts';

/** Every path to a value, plus a missing child under each collection. */
function paths(v: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(v)) {
    v.forEach((x, i) => paths(x, [...at, i], out));
    out.push([...at, v.length]);
  } else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
    out.push([...at, 'missing']);
  }
  return out;
}

/** The fast reader gives what the yaml package gives: values, spans, issues, lines. */
function expectSameAsYaml(text: string, opts: LoadOptions = {}): boolean {
  const fast = loadDocuments(text, opts);
  const slow = loadDocuments(text, { ...opts, flowLines: false });
  expect(fast.issues).toEqual(slow.issues);
  expect(fast.lineCounter.lineStarts).toEqual(slow.lineCounter.lineStarts);
  expect(fast.docs.length).toBe(slow.docs.length);
  fast.docs.forEach((f, i) => {
    const s = slow.docs[i];
    expect(f.index).toBe(s?.index);
    expect(f.value).toStrictEqual(s?.value);
    expect(f.span).toEqual(s?.span);
    expect(f.contentSpan).toEqual(s?.contentSpan);
    expect(f.issues).toEqual(s?.issues);
    for (const p of paths(s?.value)) expect([p, f.locate(p)]).toEqual([p, s?.locate(p)]);
  });
  return true;
}

describe('one-line flow documents', () => {
  it('reads the generated benchmark workspace as the yaml package does', () => {
    expectSameAsYaml(benchWorkspace(300));
  });

  it('reads the examples (block style, comments) as before', () => {
    for (const f of [
      'examples/seed-lab-scale-up-and-down.yaml',
      'src/cli/fixtures/invalid-operator.yaml',
    ])
      expectSameAsYaml(readFileSync(f, 'utf8'));
  });

  it('matches the yaml package on hand-picked shapes', () => {
    const cases = [
      '{ a: b }',
      '{ a: b }\n',
      '{}\n---\n[]\n',
      '---\n{ a: 1 }\n',
      '{ a: b }   \n---\n[ 1, "x", \'y\', { c: d } ]',
      'kind: Pod\nmetadata: { name: a }\n---\n{ kind: Pod, metadata: { name: b } }\n---\n# c\nkind: X\n',
      '{ a: 1, a: 2 }\n',
      '{ 1: a, "1": b }\n',
      '{ 80: http, true: x, 0x1F: y, 1e3: z, -0: w }\n',
      '{ ~: a }\n',
      '{ null: a }\n',
      '{ <<: { a: 1 }, b: 2 }\n',
      '{ __proto__: { polluted: 1 }, b: 2 }\n',
      '{ a: &x 1, b: *x }\n',
      '{ a: !!str 1 }\n',
      '{ a: [ b: c ] }\n',
      '{ a: 1, }\n',
      '{ a: b # c\n}\n',
      '{ a: b } # c\n',
      '{ a: "x\\ty" }\n',
      "{ a: 'it''s' }\n",
      '{ a: b c d, e: http://x:80/y, f: a:b, g: -1, h: -x, i: .5, j: 1., k: +12, l: 0o17 }\n',
      '{ a: .inf, b: -.Inf, c: .NaN, d: 0x, e: 1_000, f: 010, g: 1e+3, h: 9007199254740993 }\n',
      '{ a: True, b: FALSE, c: Null, d: NULL, e: yes, f: ~x, g: nul }\n',
      '{ a: b }\n{ c: d }\n',
      '{ a: b }\n---\n',
      '{ a: [ [ [ ] ] ], "b c": { "": "" } }\n',
      '{ a:b }\n',
      '{ a : b }\n',
      '{ a: b\n',
      '{ a: }\n',
      '{ a: [1, 2], b: {c: 1} }\n',
      '%YAML 1.1\n---\n{ a: yes }\n',
      '--- { a: 1 }\n',
      '{ a: 1 }\r\n---\r\n{ b: 2 }\r\n',
      '{ a: 1 }\n...\n',
      '{ a: "é", b: ü€😀 }\n',
      '{ a: @x }\n',
      '{ a: `x` }\n',
      '[ a, b ]: c\n',
      '# c\n---\n{ a: 1 }\n',
      '{ a: b , c: d }\n',
      '[ a , b ]\n',
      '{ "a" : 1, \'b\' : [ "x" , \'y\' ] }\n',
      '{ a b: c d, e:f: g }\n',
      '{ a: 1 }  # c\n',
      '{ a: x#y, b: "#", c: \'a # b\' }\n',
      '\n---\n{ a: 1 }\n---\n{ b: 2 }',
      '{ a: 1 }\n---\nb: 2\n---\n{ c: 3 }\n---\n{ d: [ 4 ] }\n',
      'a: 1\n# trailing\n---\n{ c: 3 }\n',
      'a: [ 1\n---\n{ c: 3 }\n',
      'a: 1\n---\n---\n{ c: 3 }\n---\n',
      '{ a: 1 }\n---\n\n',
      '---\n---\n{ a: 1 }\n',
      '{ a: [ x, y ], b: [ ] }\t\n',
    ];
    for (const text of cases) expectSameAsYaml(text);
  });

  it('applies the depth and size caps as before', () => {
    const deep = '{ a: '.repeat(70) + '1' + ' }'.repeat(70) + '\n';
    expectSameAsYaml(deep);
    expectSameAsYaml('{ a: [ 1, 2, 3, 4, 5 ] }\n', { maxNodes: 4 });
  });

  it('matches the yaml package on generated flow lines', () => {
    const word = fc.constantFrom(
      'a',
      'b c',
      'x-y',
      '1',
      '-1',
      '0.5',
      '1e3',
      '0x1F',
      '0o7',
      'true',
      'False',
      'null',
      '~',
      '',
      'a:b',
      'http://h:1/p',
      'a #b',
      'a#b',
      '#a',
      '-',
      '- a',
      '?a',
      ':a',
      '&a',
      '*a',
      '!a',
      '|',
      '>',
      '%a',
      '@a',
      '`a',
      '"a"',
      "'a'",
      "a'b",
      'a"b',
      'a\\b',
      '.inf',
      '.nan',
      '+.5',
      '__proto__',
      '<<',
      'é',
      '{',
      '}',
      '[',
      ']',
      ',',
      'a, b',
      'a: b',
    );
    const quoted = fc
      .tuple(word, fc.constantFrom('plain', '"', "'"))
      .map(([w, q]) => (q === 'plain' ? w : q === '"' ? `"${w}"` : `'${w}'`));
    const space = fc.constantFrom('', ' ', '  ');
    const flow: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        quoted,
        fc
          .tuple(fc.array(fc.tuple(quoted, space, tie('node')), { maxLength: 4 }), space)
          .map(
            ([entries, s]) =>
              `{${s}${entries.map(([k, sp, v]) => `${k}:${sp || ' '}${v}`).join(`,${s}`)}${s}}`,
          ),
        fc
          .tuple(fc.array(tie('node'), { maxLength: 4 }), space)
          .map(([items, s]) => `[${s}${items.join(`,${s}`)}${s}]`),
      ),
    })).node;
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            { weight: 3, arbitrary: flow },
            fc.constantFrom(
              'a: 1',
              '# c',
              '',
              'a: [ 1',
              'b:\n  - x\n# t',
              '{ a: 1 } # c',
              '&a { a: 1 }',
            ),
          ),
          { minLength: 1, maxLength: 4 },
        ),
        fc.constantFrom('', '\n', ' \n'),
        (docs, tail) =>
          expectSameAsYaml(
            docs.map((d) => (/^[{[]|^$|^[a-z#&]/.test(d) ? d : `[${d}]`)).join('\n---\n') + tail,
          ),
      ),
      { numRuns: 400, seed: 12 },
    );
  });

  it('resolves plain scalars by the core schema', () => {
    expect(resolvePlain('0.314748')).toBe(0.314748);
    expect(resolvePlain('3m')).toBe('3m');
    expect(Object.is(resolvePlain('-0'), -0)).toBe(true);
  });
});
