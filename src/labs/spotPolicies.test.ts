// Wrong answers for the lab "Spot interruptions and consolidation policies": each is a
// learner-sized mistake on the step's own solution (or start), and fails for the right reason with a
// message that says what is wrong. (labs.test.ts already proves every solution passes.)
import { describe, expect, it } from 'vitest';
import { explainTarget, simulateWorkspace } from '../pipeline/run.ts';
import { toJSON } from '../sim/engine/json.ts';
import { consoleAt, labSteps, play, replaced } from './testing.ts';

const { lab, step, start, solved, failures } = labSteps('spot-and-consolidation-policies');

const messages = (n: number, text: string): string[] => failures(n, text).map((f) => f.message);

const INTERRUPT_AT_3M = consoleAt(180_000, 'interrupt <node>');

describe('lab: Spot interruptions and consolidation policies', () => {
  it('has five steps on Karpenter v1.14', () => {
    expect(lab.steps.map((s) => s.n)).toEqual([1, 2, 3, 4, 5]);
    expect(lab.meta.karpenterVersion).toBe('v1.14');
  });

  describe('step 1: a spot interruption', () => {
    it('with one type in one zone, the pods wait Pending after the interruption', () => {
      const text = play(start(1), INTERRUPT_AT_3M);
      expect(messages(1, text)).toEqual([
        expect.stringMatching(
          /^0 pods Running at 4m30s, expected 3 \(3 pods match app=worker\); default\/worker-\S+ is Pending: nodepool requirements filtered out all available instance types$/,
        ),
      ]);
    });

    it('an on-demand fallback keeps the pods running, but not on spot', () => {
      const od = replaced(start(1), "values: ['spot']", "values: ['spot', 'on-demand']");
      expect(messages(1, play(od, INTERRUPT_AT_3M))).toEqual([
        expect.stringMatching(
          /^1 of \d nodes are on-demand: karpenter\.sh\/capacity-type of NodePool "default" still allows on-demand$/,
        ),
      ]);
    });

    it('a flexible NodePool without the interruption has nothing to show', () => {
      const [workspace] = step(1).solution;
      if (!workspace) throw new Error('step 1 has no solution');
      const text = play(start(1), workspace);
      expect(messages(1, text)).toEqual([
        'no SpotInterrupted event after 3m in the run',
        "0 node(s) disrupted as Interrupted after 3m, expected at least 1 (Karpenter disrupted no node; Karpenter says: SpotToSpotConsolidation is disabled, can't replace a spot node with a spot node)",
        'no node was terminated in that window; still running: 1 × m6g.xlarge spot',
      ]);
    });
  });

  describe('step 2: WhenEmpty', () => {
    it('consolidateAfter: Never turns off consolidation altogether: the empty node stays too', () => {
      const text = replaced(solved(2), 'consolidateAfter: 30s', 'consolidateAfter: Never');
      expect(messages(2, text)).toEqual([
        '0 node(s) disrupted as Empty after 5m, expected at least 1 (Karpenter disrupted no node; Karpenter says: NodePool "default" has consolidation disabled)',
        expect.stringMatching(
          /^4 Unconsolidatable event\(s\), but none saying "consolidation policy WhenEmpty, but node is not empty"; the last: 1m50s nodeclaim\/\S+: NodePool "default" has consolidation disabled$/,
        ),
      ]);
    });
  });

  describe('step 3: WhenEmptyOrUnderutilized with consolidateAfter', () => {
    it('consolidateAfter: 30s chases the dip: a replacement at once and a third node', () => {
      const text = replaced(solved(3), 'consolidateAfter: 3m', 'consolidateAfter: 30s');
      expect(messages(3, text)).toEqual([
        "0 node(s) disrupted as Underutilized after 9m, expected at least 1 (outside the window: Underutilized at 6m32s; Karpenter disrupted no node; Karpenter says: Can't replace with a cheaper node)",
        expect.stringMatching(
          /^1 node\(s\) were disrupted as Underutilized before 9m, expected at most 0: ip-\S+ at 6m\d+s$/,
        ),
        '3 node(s) launched in the run (1 × c6g.xlarge on-demand, 2 × c6g.medium on-demand), expected at most 2',
      ]);
    });

    it('consolidateAfter: 3m with the policy left at WhenEmpty never consolidates the node', () => {
      const text = replaced(
        solved(3),
        'consolidationPolicy: WhenEmptyOrUnderutilized',
        'consolidationPolicy: WhenEmpty',
      );
      expect(messages(3, text)).toEqual([
        '0 node(s) disrupted as Underutilized after 9m, expected at least 1 (Karpenter disrupted no node; Karpenter says: NodePool "default" has consolidation policy WhenEmpty, but node is not empty)',
        'the cluster costs $0.1360/h at the end of the run (1 × c6g.xlarge on-demand), more than $0.0700/h',
      ]);
    });
  });

  describe('step 4: Balanced', () => {
    it('Balanced under Karpenter v1.13 is rejected by the NodePool schema', () => {
      const text = replaced(solved(4), 'version: v1.14', 'version: v1.13');
      const all = messages(4, text);
      expect(all.length).toBeGreaterThan(0);
      for (const m of all)
        expect(m).toMatch(
          /\(the workspace has an error on line \d+ \(spec\.disruption\.consolidationPolicy\): Unsupported value: "Balanced": supported values: "WhenEmpty", "WhenEmptyOrUnderutilized"\)$/,
        );
    });

    // balanced.go: an approved single-node move says so on its node and NodeClaim; a rejection is
    // counted in a metric only, so the 3m verdict reaches the learner through the node's details.
    it('the 8m move is approved in events; the 3m rejection is in the details between 3m and 8m', () => {
      const { session } = simulateWorkspace(solved(4), { file: 'lab.yaml', seed: 1 });
      const events = toJSON(session.timeline).events;
      expect(events.filter((e) => e.reason === 'ConsolidationRejected')).toEqual([]);
      const approved = events.filter((e) => e.reason === 'ConsolidationApproved');
      expect(approved.map((e) => e.object.split('/')[0])).toEqual(['node', 'nodeclaim']);
      for (const e of approved)
        expect(e.message).toBe(
          'score 0.75 >= threshold 0.50 (k: 2, savings 75.0%, disruption 100.0%)',
        );
      const node = approved[0]?.object.replace('node/', '') ?? '';
      const at = (t: number) => {
        const x = explainTarget(session, { kind: 'node', key: node, t });
        return x && 'disruption' in x ? x.disruption : undefined;
      };
      expect(at(300_000)?.karpenterReason).toBe(
        'NodePool "default" (Balanced): score 0.44 < threshold 0.50 (k: 2, savings 43.8%, disruption 100.0%)',
      );
      expect(at(300_000)?.headline).toContain('The Balanced policy rejected the move');
      // Before the first pass judged it, it was still counting down.
      expect(at(200_000)?.state).toBe('waiting');
    });

    it('WhenEmpty refuses the big saving as well as the small one', () => {
      const text = replaced(
        solved(4),
        'consolidationPolicy: Balanced',
        'consolidationPolicy: WhenEmpty',
      );
      expect(messages(4, text)).toEqual([
        'no ConsolidationApproved event after 8m in the run',
        '0 node(s) disrupted as Underutilized after 8m, expected at least 1 (Karpenter disrupted no node; Karpenter says: NodePool "default" has consolidation policy WhenEmpty, but node is not empty)',
        'the cluster costs $0.1360/h at the end of the run (1 × c6g.xlarge on-demand), more than $0.0350/h',
      ]);
    });
  });

  describe('step 5: spot-to-spot consolidation', () => {
    // Karpenter's recorder publishes one Unconsolidatable per node per 15 min: the node said "Can't
    // replace with a cheaper node" at 1m20s, so the gate's verdict at 3m30s is not published yet
    // (the node's details in the lab show it). The same in a real cluster.
    it('with the gate on, two families leave too few cheaper types: the 1m20s verdict still stands', () => {
      const text = replaced(
        solved(5),
        "          values: ['5']\n",
        "          values: ['5']\n        - key: karpenter.k8s.aws/instance-family\n          operator: In\n          values: ['c6g', 'c7g']\n",
      );
      const [consolidated] = messages(5, text);
      expect(consolidated).toBe(
        "no consolidation after 3m: 1 × c6g.xlarge spot at $0.0530/h → 1 × c6g.xlarge spot at $0.0530/h; Karpenter says: Can't replace with a cheaper node",
      );
    });

    it('adding on-demand instead of the gate: the spot node is still not replaced', () => {
      const text = replaced(start(5), "values: ['spot']", "values: ['spot', 'on-demand']");
      const [consolidated] = messages(5, text);
      expect(consolidated).toMatch(
        /; Karpenter says: SpotToSpotConsolidation is disabled, can't replace a spot node with a spot node$/,
      );
    });
  });
});
