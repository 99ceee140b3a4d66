import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseWorkspace } from './parse.ts';
import { utf8Length } from './source.ts';
import { deployment, yamlDocs } from './test-builders.ts';

const codes = (text: string, opts = {}) =>
  parseWorkspace(text, opts).diagnostics.map((d) => d.code);

describe('hostile input', () => {
  it('rejects a workspace over the size cap with a clear message', () => {
    const w = parseWorkspace('a: b\n'.repeat(100), { maxBytes: 100 });
    expect(w.diagnostics).toHaveLength(1);
    expect(w.diagnostics[0]?.message).toMatch(/the workspace is 500 bytes; the limit is 100 bytes/);
    expect(w.objects).toEqual([]);
  });

  it('counts the size cap in UTF-8 bytes, not characters', () => {
    expect(codes('é'.repeat(60), { maxBytes: 100 })).toContain('limit');
    expect(codes('e'.repeat(60), { maxBytes: 100 })).not.toContain('limit');
  });

  it('measures UTF-8 bytes as an encoder does, ASCII prefix or not', () => {
    for (const text of ['', 'kind: Pod', 'name: café', 'a€b', 'x😀y', 'éé: ok', 'ascii then ü€😀'])
      expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
  });

  it('stops a billion-laughs alias bomb instead of expanding it', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++)
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`,
      );
    const started = performance.now();
    const w = parseWorkspace(levels.join('\n'));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(
      w.diagnostics.some((d) => d.code === 'limit' && /too many aliases/.test(d.message)),
    ).toBe(true);
  });

  it('reports deep nesting instead of overflowing the stack', () => {
    const w = parseWorkspace('['.repeat(5000) + ']'.repeat(5000));
    expect(w.diagnostics.some((d) => d.code === 'limit' || d.code === 'yaml')).toBe(true);
  });

  it.each([
    ['flow collections', '['.repeat(300) + ']'.repeat(300)],
    ['compact sequences', '- '.repeat(300) + 'x'],
    ['indentation', Array.from({ length: 200 }, (_, i) => `${' '.repeat(i * 2)}k:`).join('\n')],
    ['a mix of all three', `${' '.repeat(200)}${'- '.repeat(100)}${'{a: '.repeat(100)}`],
  ])('refuses absurd nesting (%s) before the YAML parser recurses', (_, text) => {
    const w = parseWorkspace(text);
    expect(w.diagnostics).toHaveLength(1);
    expect(w.diagnostics[0]).toMatchObject({
      code: 'limit',
      severity: 'error',
      line: expect.any(Number),
    });
  });

  it('accepts ordinary nesting and long quoted or commented brackets', () => {
    const text = `a: "${'['.repeat(400)}"\nb: 1 # ${'{'.repeat(400)}\nc: [[[{d: [e]}]]]\n`;
    expect(parseWorkspace(text).diagnostics.filter((d) => d.code === 'limit')).toEqual([]);
  });

  it('never lets __proto__ or constructor keys pollute prototypes', () => {
    const text = yamlDocs(deployment()).replace(
      'metadata:\n  name: inflate',
      'metadata:\n  name: inflate\n  __proto__: {polluted: true}\n  constructor: {prototype: {polluted: true}}',
    );
    const w = parseWorkspace(text);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(w.objects[0]?.object.metadata)).toBe(Object.prototype);
    expect(w.diagnostics.filter((d) => d.code === 'unknown-field').map((d) => d.path)).toEqual([
      'metadata.__proto__',
      'metadata.constructor',
    ]);
  });

  it('keeps a __proto__ label as plain data (and reports it as an invalid label key)', () => {
    const w = parseWorkspace(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {__proto__: x}\nspec: {containers: [{name: c}]}\n',
    );
    expect(w.diagnostics.map((d) => d.path)).toContain('metadata.labels.__proto__');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('turns number and boolean keys into their text, like kubectl', () => {
    const w = parseWorkspace(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {80: http, true: yes}\nspec: {containers: [{name: c}]}\n',
    );
    expect(w.objects[0]?.object.metadata.labels).toEqual({ '80': 'http', true: 'yes' });
  });

  it('rejects map and list keys with a located error', () => {
    const w = parseWorkspace('? [a, b]\n: c\n');
    const d = w.diagnostics.find((x) => /keys must be strings/.test(x.message));
    expect(d).toMatchObject({ line: 1, column: 3 });
  });

  it('reports duplicate keys as errors, like the API server', () => {
    const w = parseWorkspace('apiVersion: v1\nkind: Pod\nkind: Pod\n');
    expect(w.diagnostics[0]).toMatchObject({ code: 'duplicate-key', line: 3, severity: 'error' });
    expect(w.objects).toEqual([]);
  });

  it('explains tab indentation', () => {
    const w = parseWorkspace('metadata:\n\tname: x\n');
    expect(w.diagnostics[0]?.message).toMatch(/indent YAML with spaces/);
  });

  it('refuses a flood of documents before parsing them', () => {
    const started = performance.now();
    const w = parseWorkspace('---\n'.repeat(100_000));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(w.diagnostics.map((d) => d.message)).toEqual([
      'the workspace has more than 2000 documents (100000 "---" separators); use fewer, or one kind: List',
    ]);
  });

  it('caps the number of diagnostics and says how many were left out', () => {
    const w = parseWorkspace('a: 1\n---\n'.repeat(1000));
    expect(w.diagnostics).toHaveLength(501);
    expect(w.diagnostics[500]?.message).toBe('500 more problems not shown');
  });

  it('survives binary garbage', () => {
    const garbage = Array.from({ length: 3000 }, (_, i) =>
      String.fromCharCode((i * 7919) % 65536),
    ).join('');
    expect(() => parseWorkspace(garbage)).not.toThrow();
  });
});

describe('fuzzing', { timeout: 60_000 }, () => {
  const valid = yamlDocs(deployment({ replicas: 3 }), {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: { name: 'default' },
    spec: {
      template: {
        spec: {
          nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' },
          requirements: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] }],
        },
      },
    },
  });
  const located = (text: string) => {
    const w = parseWorkspace(text, { maxBytes: 64 * 1024 });
    const lines = text.split('\n').length + 1;
    for (const d of w.diagnostics) {
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.column).toBeGreaterThanOrEqual(1);
      expect(d.line).toBeLessThanOrEqual(lines);
      expect(d.endLine * 100000 + d.endColumn).toBeGreaterThan(d.line * 100000 + d.column - 1);
      expect(d.message.length).toBeGreaterThan(0);
    }
  };

  it('never throws on random text and every diagnostic is located', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), located), {
      numRuns: 300,
    });
  });

  it('never throws on YAML-ish token soup', () => {
    const token = fc.constantFrom(
      'a',
      ':',
      ' ',
      '\n',
      '- ',
      '[',
      ']',
      '{',
      '}',
      ',',
      '&x ',
      '*x',
      '!!str ',
      '"',
      "'",
      '#',
      '\t',
      '---\n',
      'kind: Pod\n',
      'apiVersion: v1\n',
      '__proto__',
      '? ',
      '|',
      '>',
      '0x1F',
      '.inf',
      'null',
      '~',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 120 }), (ts) => located(ts.join(''))),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary values under every supported kind', () => {
    const kinds = fc.constantFrom(
      ['karpenter.sh/v1', 'NodePool'],
      ['karpenter.k8s.aws/v1', 'EC2NodeClass'],
      ['apps/v1', 'Deployment'],
      ['v1', 'Pod'],
      ['policy/v1', 'PodDisruptionBudget'],
      ['v1', 'Node'],
      ['lab.karpenter.playground/v1alpha1', 'Scenario'],
      ['karpenter.sh/v1alpha5', 'Provisioner'],
    );
    const shaped = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.string(),
        fc.integer(),
        fc.double(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(
          fc.constantFrom(
            'spec',
            'template',
            'requirements',
            'key',
            'operator',
            'values',
            'metadata',
            'name',
            'labels',
            'containers',
            'resources',
            'requests',
            'limits',
            'selector',
            'matchLabels',
            'tolerations',
            'disruption',
            'budgets',
            'nodeClassRef',
            'minValues',
            'replicas',
            'taints',
            'effect',
            'x',
          ),
          tie('value'),
          { maxKeys: 4 },
        ),
      ),
    })).value;
    fc.assert(
      fc.property(
        kinds,
        shaped,
        fc.string({ maxLength: 8 }),
        ([apiVersion, kind], spec, karpenterVersion) => {
          const text = stringify({ apiVersion, kind, metadata: { name: 'x' }, spec });
          located(text);
          expect(() => parseWorkspace(text, { karpenterVersion })).not.toThrow();
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never throws on mutations of a valid workspace', () => {
    fc.assert(
      fc.property(
        fc.nat(valid.length),
        fc.nat(20),
        fc.string({ maxLength: 12 }),
        (at, cut, insert) => {
          located(valid.slice(0, at) + insert + valid.slice(Math.min(valid.length, at + cut)));
        },
      ),
      { numRuns: 400 },
    );
  });
});
