import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloneState } from '../sim/engine/index.ts';
import type { PodErrorKind, PodErrorReason } from '../sim/scheduling/types.ts';
import { kindClause, reasonSentence, type ReasonContext } from './reasons.ts';
import { podKey, podNoTypeCanHold } from './testing.ts';

/** A real pending pod and cluster from a run; reasons are swapped in per case. */
function context(): ReasonContext {
  const r = podNoTypeCanHold();
  const pod = r.timeline.final.pods.get(podKey(r, 'default/huge'));
  if (!pod) throw new Error('fixture');
  return { pod, state: cloneState(r.timeline.final), catalog: r.catalog };
}

const reason = (kind: PodErrorKind, message: string, nodePool = 'default'): PodErrorReason => ({
  nodePool,
  kind,
  message,
});

const KINDS: PodErrorKind[] = [
  'taint',
  'requirements',
  'resources',
  'limits',
  'offering',
  'topology',
  'affinity',
  'hostPort',
  'minValues',
  'ignored',
  'noNodePool',
  'other',
];

describe('reasonSentence', () => {
  it('an offering problem names the offerings Karpenter marked unavailable', () => {
    const ctx = context();
    ctx.state.unavailable.set('spot:large:test-zone-1', ctx.state.time + 60_000);
    ctx.state.unavailable.set('spot:small:test-zone-1', ctx.state.time - 1); // expired: not named
    const s = reasonSentence(
      reason('offering', 'no instance type has the required offering, requirements=…'),
      ctx,
    );
    expect(s).toContain('none has an available offering');
    expect(s).toContain('1 offering unavailable');
    expect(s).toContain('spot:large:test-zone-1');
    expect(s).not.toContain('spot:small');
  });

  it('topology, affinity and host ports each get their own explanation', () => {
    const ctx = context();
    const t = reasonSentence(
      reason(
        'topology',
        'unsatisfiable topology constraint for topology spread, key=topology.kubernetes.io/zone',
      ),
      ctx,
    );
    const a = reasonSentence(
      reason(
        'affinity',
        'unsatisfiable topology constraint for pod affinity, key=kubernetes.io/hostname',
      ),
      ctx,
    );
    const h = reasonSentence(
      reason('hostPort', 'checking host port usage, 0.0.0.0:80/TCP conflicts'),
      ctx,
    );
    expect(t).toMatch(/topology spread constraint/);
    expect(a).toMatch(/\(anti-\)affinity/);
    expect(h).toMatch(/host port/);
    expect(new Set([t, a, h]).size).toBe(3);
  });

  it('minValues suggests BestEffort or a lower minValues', () => {
    const s = reasonSentence(
      reason(
        'minValues',
        'minValues requirement is not met for label(s) (label(s)=[node.kubernetes.io/instance-type])',
      ),
      context(),
    );
    expect(s).toMatch(/minValues/);
    expect(s).toMatch(/BestEffort/);
  });

  it('a resources problem without a catalog still lists what the pod asks for', () => {
    const ctx = { ...context(), catalog: undefined };
    const s = reasonSentence(reason('resources', 'no instance type has enough resources'), ctx);
    expect(s).toContain('600 CPU, 1 pod');
  });

  it('a DaemonSet pod is explained as overhead, not a provisioning target', () => {
    const s = reasonSentence(reason('ignored', 'pod is owned by a DaemonSet', ''), context());
    expect(s).toMatch(/overhead/);
  });

  it('never throws and always says more than nothing, whatever the message', () => {
    const ctx = context();
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), fc.string(), fc.string(), (kind, message, pool) => {
        const s = reasonSentence(reason(kind, message, pool), ctx);
        expect(s.length).toBeGreaterThan(20);
        expect(kindClause(kind).length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
