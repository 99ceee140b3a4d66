// Validation complete where the API server (or the lab's own bounds) would refuse, every error
// 1-based and located (issue 15 items 1, 3 and 4).
import { describe, expect, it } from 'vitest';
import { parseWorkspace, locateRefusal } from './parse.ts';
import { formatDiagnostic } from './diagnostic.ts';
import { deployment, errorLines, nodePool, yamlDocs } from './test-builders.ts';

const scenarioSpec = (spec: Record<string, unknown>) => ({
  apiVersion: 'lab.karpenter.playground/v1alpha1',
  kind: 'Scenario',
  metadata: { name: 's' },
  spec,
});

describe('bounded runs, refused where they are written', () => {
  it('caps spec.until at one week', () => {
    expect(errorLines(yamlDocs(scenarioSpec({ until: '169h' })))).toEqual([
      'spec.until: Invalid value: "169h": the lab simulates at most 168h (one week)',
    ]);
    expect(errorLines(yamlDocs(scenarioSpec({ until: '168h' })))).toEqual([]);
  });

  it('refuses a zero repeat period (the disruption poll, the eviction retry)', () => {
    const text = yamlDocs(
      scenarioSpec({ karpenter: { timings: { disruptionPoll: '0s', evictionRetry: '0ms' } } }),
    );
    expect(errorLines(text)).toEqual([
      'spec.karpenter.timings.disruptionPoll: Invalid value: "0s": disruptionPoll is a repeat period and must be more than 0',
      'spec.karpenter.timings.evictionRetry: Invalid value: "0ms": evictionRetry is a repeat period and must be more than 0',
    ]);
    expect(parseWorkspace(text).diagnostics[0]).toMatchObject({ line: 8, column: 23 });
  });
});

describe('locateRefusal: engine refusals carry a location', () => {
  const text = yamlDocs(scenarioSpec({ karpenter: { timings: { launch: '1s' } } }), nodePool(), {
    ...deployment({ name: 'huge', replicas: 30_000 }),
    metadata: { name: 'huge' },
  });
  const ws = parseWorkspace(text, { file: 'w.yaml' });

  it('points at the field of the object the engine names', () => {
    const d = locateRefusal(ws, 'w.yaml', 'too many pods', {
      kind: 'Deployment',
      name: 'huge',
      path: ['spec', 'replicas'],
    });
    const line = text.split('\n').findIndex((l) => l.includes('replicas: 30000')) + 1;
    expect(formatDiagnostic(d)).toBe(`w.yaml:${line}:13: spec.replicas: too many pods`);
  });

  it('points at the Scenario, whatever its name, and at its nearest written parent field', () => {
    const d = locateRefusal(ws, 'w.yaml', 'stuck', {
      kind: 'Scenario',
      path: ['spec', 'karpenter', 'timings', 'evictionRetry'],
    });
    expect(d).toMatchObject({ line: 8, path: 'spec.karpenter.timings.evictionRetry' });
  });

  it('falls back to line 1, column 1 when nothing is named or found', () => {
    expect(locateRefusal(ws, 'w.yaml', 'over budget')).toMatchObject({ line: 1, column: 1 });
    expect(
      locateRefusal(ws, 'w.yaml', 'gone', { kind: 'Deployment', name: 'nope', path: [] }),
    ).toMatchObject({ line: 1, column: 1, severity: 'error', code: 'limit' });
  });
});

describe('keys after resolution', () => {
  const pod = (labels: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: ${labels}\nspec: {containers: [{name: c, image: pause}]}\n`;

  it('refuses keys that differ only by type (1 and "1" are one key to Kubernetes), located', () => {
    const w = parseWorkspace(pod('{1: a, "1": b}'));
    expect(w.objects).toEqual([]);
    expect(w.diagnostics).toEqual([
      expect.objectContaining({
        code: 'duplicate-key',
        severity: 'error',
        line: 5,
        column: 18,
        path: 'metadata.labels[1]',
        message: 'duplicate key "1": the key is already set in this map',
      }),
    ]);
    expect(parseWorkspace(pod('{true: a, "true": b}')).diagnostics[0]?.message).toMatch(
      /duplicate key "true"/,
    );
    expect(parseWorkspace(pod('{"1": a, 1: b}')).diagnostics[0]?.message).toMatch(
      /1 and "1" are the same key/,
    );
  });

  it('accepts YAML merge keys as kubectl does: written keys win, then earlier merged maps', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: p',
      '  labels:',
      '    <<: [{team: a, tier: web}, {team: b, zone: z}]',
      '    tier: api',
      'spec:',
      '  <<: &base {containers: [{name: c, image: pause}]}',
      '',
    ].join('\n');
    const w = parseWorkspace(text);
    expect(w.diagnostics).toEqual([]);
    expect(w.objects[0]?.object.metadata.labels).toEqual({ team: 'a', tier: 'api', zone: 'z' });
    expect(w.objects[0]?.object).toMatchObject({ spec: { containers: [{ name: 'c' }] } });
  });

  it('keeps a quoted "<<" an ordinary key and refuses a merge of a scalar, located', () => {
    const quoted = parseWorkspace(
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {"<<": x}}\nspec: {containers: [{name: c}]}\n',
    );
    expect(quoted.diagnostics.map((d) => d.path)).toEqual(['metadata.labels[<<]']); // an invalid label key
    const scalar = parseWorkspace('apiVersion: v1\nkind: Pod\nmetadata:\n  <<: 5\n  name: p\n');
    expect(scalar.diagnostics[0]).toMatchObject({
      message: 'a merge key (<<) takes a map or a list of maps',
      line: 4,
      column: 7,
    });
  });

  it(
    'resolves many aliases in one pass, not one document walk per alias',
    { timeout: 60_000 },
    () => {
      const n = 20_000;
      const text = [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: p',
        '  annotations:',
        '    a0: &v x',
        ...Array.from({ length: n }, (_, i) => `    k${i}: *v`),
        'spec: {containers: [{name: c, image: pause}]}',
      ].join('\n');
      const started = performance.now();
      const w = parseWorkspace(text);
      // A regression guard, generous for a shared machine: the per-alias walk took over 90 s.
      expect(performance.now() - started).toBeLessThan(30_000);
      expect(Object.keys(w.objects[0]?.object.metadata.annotations ?? {})).toHaveLength(n + 1);
    },
  );
});
