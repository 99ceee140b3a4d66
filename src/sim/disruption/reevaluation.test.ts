// When Karpenter looks at consolidation again (consolidationState.ts, memo.ts). Upstream
// (kubernetes-sigs/karpenter pkg/controllers/state/cluster.go: MarkUnconsolidated,
// triggerConsolidationOnChange; pkg/controllers/disruption/controller.go: disrupt) a method that
// had candidates and found nothing to do is skipped until the cluster state moves, and a node's
// Consolidatable condition turning true does not move it: a node whose consolidateAfter ends after
// that no-op waits for the next change or the 5-minute refresh. kubernetes-sigs/karpenter#3291
// (open) describes the delay on a demo cluster. A method with no candidate at all marks nothing,
// so a lone node is consolidated as soon as its countdown ends.
import { describe, expect, it } from 'vitest';
import { deployment } from '../engine/testing.ts';
import { notLookedAgainAt } from './memo.ts';
import { explainNode } from './explain.ts';
import { stateAt } from '../engine/index.ts';
import { eagerPool, k8sEvents, runLab, scaleTo } from './testing.ts';

const zone = (z: string) => ({ nodeSelector: { 'topology.kubernetes.io/zone': z } });

/** `keep` on a c-2x in zone 1 (a candidate nothing can improve); `web` on a c-8x in zone 2. */
function twoNodes(webTo: number) {
  return runLab({ until: '15m', actions: [scaleTo('web', webTo, '3m')] }, [
    eagerPool('default', { consolidateAfter: '30s' }),
    deployment('keep', { replicas: 1, cpu: '1500m', spec: zone('test-zone-1') }),
    deployment('web', { replicas: 4, cpu: '1500m', spec: zone('test-zone-2') }),
  ]);
}

const disrupting = (run: ReturnType<typeof twoNodes>) =>
  k8sEvents(run.timeline, 'Disrupting').map((e) => e.t);

describe('consolidation is looked at again only when the cluster state moves', () => {
  it('a node that becomes consolidatable after a no-op waits for the 5-minute refresh', () => {
    const run = twoNodes(1);
    // The scale-down at 3m moves the state; that pass finds web's node still counting down (30 s)
    // and keep's node a candidate it cannot improve: a no-op, remembered at 3m. Nothing moves the
    // state after 3m30s, so the next pass is the refresh at 8m.
    const [first] = disrupting(run);
    expect(first).toBeGreaterThanOrEqual(8 * 60_000);
    expect(first).toBeLessThan(8 * 60_000 + 30_000);
    const passes = run.controller.consolidationPasses.map((p) => p.at);
    expect(passes.filter((t) => t > 3 * 60_000 && t < 8 * 60_000)).toEqual([]);
  });

  it('a run "until quiet" goes on to the refresh instead of stopping with the node unconsolidated', () => {
    // The countdown ends at 3m30s with the memos holding: nothing is left to do until the refresh
    // at 8m, when Karpenter replaces web's node. Stopping "quiet" at 3m30s reported a t3-8x that
    // Karpenter would still consolidate.
    const run = runLab({ actions: [scaleTo('web', 1, '3m')] }, [
      eagerPool('default', { consolidateAfter: '30s' }),
      deployment('keep', { replicas: 1, cpu: '1500m', spec: zone('test-zone-1') }),
      deployment('web', { replicas: 4, cpu: '1500m', spec: zone('test-zone-2') }),
    ]);
    expect(run.timeline.stoppedBy).toBe('quiet');
    const [first] = disrupting(run);
    expect(first).toBeGreaterThanOrEqual(8 * 60_000);
    expect(run.timeline.end).toBeGreaterThan(first ?? Infinity);
  });

  it('explains the wait at a moment inside it, and says until when', () => {
    const run = twoNodes(1);
    const t = 5 * 60_000;
    const state = stateAt(run.timeline, t);
    const web = [...state.nodes.values()].find((n) => n.zone === 'test-zone-2')?.name ?? '';
    const at = (now: number) =>
      explainNode(state, web, { now, lastPodEvents: run.controller.lastPodEventsAt(now) });
    expect(at(t).state).toBe('candidate'); // what the read-only explainer alone would say
    const e = notLookedAgainAt(run.controller.consolidationPasses, t, at);
    expect(e?.state).toBe('waiting');
    expect(e?.reason).toMatch(
      /^consolidatable since 3m3\ds, not yet re-evaluated: the cluster's consolidation state has not changed since the last pass at 3m\d*s?$/,
    );
    expect(e?.until).toBe(run.controller.consolidationPasses.find((p) => p.at > t)?.at);
    // The controller's own explanation, replayed on the skipped polls, says the same.
    expect(notLookedAgainAt(run.controller.consolidationPasses, 2 * 60_000, at)).toBeUndefined();
  });

  it('a lone node is consolidated when its countdown ends (no candidate, nothing remembered)', () => {
    const run = runLab({ until: '15m', actions: [scaleTo('web', 1, '3m')] }, [
      eagerPool('default', { consolidateAfter: '30s' }),
      deployment('web', { replicas: 4, cpu: '1500m' }),
    ]);
    const [first] = k8sEvents(run.timeline, 'Disrupting').map((e) => e.t);
    expect(first).toBeGreaterThanOrEqual(3 * 60_000 + 30_000);
    expect(first).toBeLessThan(4 * 60_000);
  });
});
