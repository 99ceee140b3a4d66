// Every run is bounded (issue 15 item 1): simulated time (`until` at most a week), steps at one
// simulated instant, and no NaN delay reaching the agenda. A run that hits a budget stops with a
// plain message that names the moment and, where there is one, the Scenario field to blame.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../k8s.ts';
import { MAX_STEPS_PER_INSTANT, MAX_UNTIL_MS, simulate } from './simulate.ts';
import { deployment, existingNode, fakeType, nodePool, scenario } from './testing.ts';
import { resolveTimings } from './timing.ts';

const TYPES = [fakeType('big', 16, 64)];
const blockingPdb: KubeObject = {
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: 'web', namespace: 'default' },
  spec: { maxUnavailable: 0, selector: { matchLabels: { app: 'web' } } },
};

describe('work budgets', () => {
  it('stops a zero-delay eviction retry against a PDB that allows nothing, at one instant, with the field to blame', () => {
    const started = performance.now();
    const tl = simulate({
      objects: [
        scenario({
          instanceTypes: TYPES,
          karpenter: { timings: { evictionRetry: '0s' } },
          actions: [{ at: '2m', run: 'kubectl drain n1 --ignore-daemonsets' }],
          until: '10m',
        }),
        existingNode('n1', { 'kubernetes.io/os': 'linux' }),
        blockingPdb,
        deployment('web', { replicas: 2, cpu: '1' }),
      ],
    });
    // Not a wall-clock assertion: a regression hangs forever; this only bounds the failure message.
    expect(performance.now() - started).toBeLessThan(120_000);
    expect(tl.stoppedBy).toBe('budget');
    expect(tl.end).toBe(120_000);
    expect(tl.refused).toMatch(
      /^the run stopped at 2m: more than 100,000 steps happened at that one instant without simulated time moving \(the last was "drain\.retry"\); a zero spec\.karpenter\.timings\.evictionRetry makes it retry at once, forever$/,
    );
    expect(tl.refusedAt).toEqual({
      kind: 'Scenario',
      path: ['spec', 'karpenter', 'timings', 'evictionRetry'],
    });
    // Everything before the stop is kept: the pods ran, the drain began.
    expect(tl.events.some((e) => e.type === 'k8s' && e.event.reason === 'Started')).toBe(true);
    expect(MAX_STEPS_PER_INSTANT).toBe(100_000);
  });

  it('refuses an until beyond one week, before running, pointing at spec.until', () => {
    const tl = simulate({
      objects: [scenario({ instanceTypes: TYPES, until: '1000000000h' }), nodePool('default')],
    });
    expect(tl).toMatchObject({
      stoppedBy: 'refused',
      end: 0,
      refused: 'until 1000000000h is longer than the lab simulates (at most 168h, one week)',
      refusedAt: { kind: 'Scenario', path: ['spec', 'until'] },
    });
    expect(tl.events).toEqual([]);
    const flag = simulate({ objects: [nodePool('default')], until: MAX_UNTIL_MS + 1 });
    expect(flag.stoppedBy).toBe('refused');
    expect(flag.refusedAt).toBeUndefined(); // a CLI flag, not a field
    expect(simulate({ objects: [nodePool('default')], until: MAX_UNTIL_MS }).stoppedBy).toBe(
      'until',
    );
  });

  it('points a pod-count refusal at the replicas of the largest workload', () => {
    const tl = simulate({
      objects: [
        nodePool('default'),
        deployment('small', { replicas: 5 }),
        deployment('huge', { replicas: 30_000, namespace: 'team' }),
      ],
    });
    expect(tl.refusedAt).toEqual({
      kind: 'Deployment',
      name: 'huge',
      namespace: 'team',
      path: ['spec', 'replicas'],
    });
  });

  it('keeps the default for a zero repeat period a direct caller passes, with a warning', () => {
    const { timings, warnings } = resolveTimings({
      timings: { disruptionPoll: '0s', evictionRetry: '0s', launch: '0s' },
    });
    expect(timings.disruptionPoll).toBe(10_000);
    expect(timings.evictionRetry).toBe(0); // allowed to the engine; its loop is what the budget stops
    expect(timings.launch).toBe(0);
    expect(warnings).toEqual(['timings.disruptionPoll: a repeat period must be more than 0']);
  });

  it('ignores prototype-named timing keys instead of writing them', () => {
    const { timings, warnings } = resolveTimings({
      timings: JSON.parse('{"constructor":"5s","toString":"1s","__proto__":"2s"}') as Record<
        string,
        string
      >,
    });
    expect(Object.keys(timings)).not.toContain('constructor');
    expect(typeof timings.toString).toBe('function');
    expect(warnings.every((w) => /unknown timing/.test(w))).toBe(true);
  });
});
