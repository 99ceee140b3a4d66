import { describe, expect, it } from 'vitest';
import { parseChecks, parseSelector } from './parse.ts';

describe('parseChecks', () => {
  it('turns durations into milliseconds and selectors into maps', () => {
    const { checks, errors } = parseChecks(
      [
        '- nodeTerminated: {after: 5m, max: 0}',
        '- podsRunning: {selector: "app=inflate,tier=web", count: 1, at: 90s}',
        '- allNodes: {capacityType: spot}',
        '- consolidated: {after: 1m30s}',
      ].join('\n'),
    );
    expect(errors).toEqual([]);
    expect(checks).toEqual([
      { kind: 'nodeTerminated', after: 300_000, max: 0, min: 0 },
      { kind: 'podsRunning', selector: { app: 'inflate', tier: 'web' }, count: 1, at: 90_000 },
      { kind: 'allNodes', capacityType: 'spot' },
      { kind: 'consolidated', after: 90_000 },
    ]);
  });

  it('a nodeTerminated check means "at least one" unless told otherwise', () => {
    expect(parseChecks('- nodeTerminated: {after: 5m}').checks).toEqual([
      { kind: 'nodeTerminated', after: 300_000, min: 1 },
    ]);
  });

  it('names every problem of every entry', () => {
    const { checks, errors } = parseChecks(
      [
        '- podsRunning: {selector: app=inflate}',
        '- costPerHour: {max: cheap, at: soon}',
        '- allNodes: {}',
        '- event: {object: node}',
        '- {noPendingPods: {}, karpenterInstalled: {}}',
        '- nodeCount: {minimum: 1}',
      ].join('\n'),
    );
    expect(checks).toEqual([]);
    expect(errors).toEqual([
      'check 1: podsRunning: count is required',
      'check 2: costPerHour: at must be a duration like 5m or 90s; max must be a number, got "cheap"',
      'check 3: allNodes: allNodes needs capacityType or arch',
      'check 4: event: reason is required',
      'check 5: write one check per list entry, e.g. "- noPendingPods: {}"',
      'check 6: nodeCount: unknown field "minimum" (known: min, max, at, nodePool, capacityType); nodeCount needs min or max',
    ]);
  });

  it('reads autoscaler checks: durations for time figures, numbers for the rest', () => {
    const { checks, errors } = parseChecks(
      [
        '- autoscalerMetric: {autoscaler: clusterAutoscaler, metric: timeToAllRunning, max: 90s}',
        '- autoscalerMetric: {autoscaler: karpenter, metric: nodesLaunched, min: 1}',
        '- autoscalerBetter: {metric: cost, better: karpenter}',
        '- autoscalerMetric: {autoscaler: ca, metric: speed}',
      ].join('\n'),
    );
    expect(checks).toEqual([
      {
        kind: 'autoscalerMetric',
        autoscaler: 'clusterAutoscaler',
        metric: 'timeToAllRunning',
        max: 90_000,
      },
      { kind: 'autoscalerMetric', autoscaler: 'karpenter', metric: 'nodesLaunched', min: 1 },
      { kind: 'autoscalerBetter', metric: 'cost', better: 'karpenter' },
    ]);
    expect(errors).toEqual([
      'check 4: autoscalerMetric: metric must be one of timeToAllRunning, maxWait, neverRan, cost, costPerHour, unrequestedCpuPercent, idleVcpuHours, nodesLaunched, peakNodes; autoscaler must be karpenter or clusterAutoscaler; autoscalerMetric needs min or max',
    ]);
  });

  it('rejects a block that is not a list', () => {
    expect(parseChecks('podsRunning: {count: 1}').errors).toEqual(['checks must be a YAML list']);
  });
});

describe('parseSelector', () => {
  it('accepts key=value pairs or a map, and explains anything else', () => {
    expect(parseSelector('app=inflate')).toEqual({ app: 'inflate' });
    expect(parseSelector({ app: 'inflate' })).toEqual({ app: 'inflate' });
    expect(parseSelector(undefined)).toEqual({});
    expect(parseSelector('app')).toBe('selector part "app" is not key=value');
  });
});
