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
