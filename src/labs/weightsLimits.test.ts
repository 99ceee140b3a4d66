// Wrong answers of the lab "Weights, limits and several NodePools": each realistic mistake fails
// for the right reason, with a message that says what is wrong. (labs.test.ts already proves every
// solution passes and every untouched start fails.) A mistake is the step's solution with one
// learner-sized edit.
import { describe, expect, it } from 'vitest';
import { labSteps, replaced } from './testing.ts';

const { lab, solved, failures } = labSteps('weights-limits-nodepools');

const messages = (n: number, text: string): string[] => failures(n, text).map((f) => f.message);

const SPOT_LIMIT =
  '  limits:\n    cpu: 16\n---\napiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n  name: standard\n';
const SAVINGS_PLAN_WHEN_EMPTY =
  '  disruption:\n    consolidationPolicy: WhenEmpty\n    consolidateAfter: 1m\n';
const TOLERATION = `      tolerations:
        - key: team
          operator: Equal
          value: batch
          effect: NoSchedule
`;

describe('lab: Weights, limits and several NodePools', () => {
  it('has four steps and runs Karpenter v1', () => {
    expect(lab.steps.map((s) => s.n)).toEqual([1, 2, 3, 4]);
    expect(lab.meta.karpenterVersion).toBe('v1');
  });

  describe('step 1: spot first, on-demand fallback', () => {
    const spotFirst = [
      '0 node(s) of NodePool "spot" launched in the run, expected at least 1',
      'no node(s) of NodePool "spot" were launched',
    ];

    it('swapped weights send everything to on-demand: the higher weight wins, not the cheaper pool', () => {
      const spot10 = replaced(solved(1), 'weight: 50', 'weight: __spot__');
      const text = replaced(
        replaced(spot10, 'weight: 10', 'weight: 50'),
        'weight: __spot__',
        'weight: 10',
      );
      expect(messages(1, text)).toEqual(spotFirst);
    });

    it('equal weights fall back to the names, and "standard" sorts after "spot"', () => {
      const text = replaced(solved(1), 'weight: 10', 'weight: 50');
      expect(messages(1, text)).toEqual(spotFirst);
    });

    it('a weight inside the template is not a NodePool weight (the tie goes by name again)', () => {
      const text = solved(1).replaceAll(
        /\n {2}weight: (\d+)\n {2}template:\n {4}spec:\n/g,
        '\n  template:\n    spec:\n      weight: $1\n',
      );
      expect(text).not.toMatch(/^ {2}weight:/m);
      expect(messages(1, text)).toEqual(spotFirst);
    });

    it('without the limit, the spot pool takes all 20 pods and the fallback is never used', () => {
      const text = replaced(
        solved(1),
        SPOT_LIMIT,
        SPOT_LIMIT.replace('  limits:\n    cpu: 16\n', ''),
      );
      expect(messages(1, text)).toEqual([
        '0 node(s) of NodePool "standard" launched in the run, expected at least 1',
        'no node(s) of NodePool "standard" were launched',
      ]);
    });
  });

  describe('step 2: the Savings Plan pool', () => {
    it('weight 50 ties with "spot", which wins the tie by name: the commitment stays unused', () => {
      const text = replaced(solved(2), 'weight: 100', 'weight: 50');
      expect(messages(2, text)).toContain(
        '0 node(s) of NodePool "savings-plan" launched in the run, expected at least 1',
      );
    });

    // The dry run leaves the node it replaces out of the pool's limit (disruption/helpers.go
    // SimulateScheduling), so the replacement stays in the highest-weight pool: a smaller m7i.
    it('without WhenEmpty, consolidation shrinks the Savings Plan node after the quiet hour', () => {
      const text = replaced(solved(2), SAVINGS_PLAN_WHEN_EMPTY, '');
      expect(messages(2, text)).toEqual([
        expect.stringMatching(
          /^1 node\(s\) were disrupted as Underutilized, expected at most 0: ip-[\d-]+\.ec2\.internal at 4m\d+s$/,
        ),
      ]);
    });
  });

  describe('step 3: the dedicated batch pool', () => {
    it('a toleration alone does not attract: the report pods go to the pools by weight', () => {
      const text = replaced(solved(3), '      nodeSelector:\n        team: batch\n', '');
      expect(messages(3, text)).toEqual([
        '0 node(s) of NodePool "batch" launched in the run, expected at least 1',
        'no node(s) of NodePool "batch" were launched',
      ]);
    });

    it('a nodeSelector without the toleration leaves the pods Pending on the taint', () => {
      const text = replaced(solved(3), TOLERATION, '');
      const [running] = messages(3, text);
      expect(running).toMatch(
        /^0 pods Running at the end of the run, expected 3 \(3 pods match app=report\); default\/report-[a-z0-9-]+ is Pending: .*did not tolerate taint \(taint=team=batch:NoSchedule\)$/,
      );
    });
  });

  describe('step 4: limits as a ceiling', () => {
    it('a limit inside the template caps nothing: all 40 pods run on on-demand', () => {
      const uncapped = replaced(
        solved(4),
        '  weight: 10\n  limits:\n    cpu: 16\n',
        '  weight: 10\n',
      );
      // The standard pool is the last NodePool: its nodeClassRef is the last one in the text.
      const at = uncapped.lastIndexOf('      nodeClassRef:');
      const text = `${uncapped.slice(0, at)}      limits:\n        cpu: 16\n${uncapped.slice(at)}`;
      expect(messages(4, text)).toEqual([
        '40 pods Running at the end of the run, expected 36 (40 pods match app=web)',
        expect.stringMatching(
          /^\d+ FailedScheduling event\(s\), but none saying "all available instance types exceed limits for nodepool \(NodePool=standard\)"; the last: 2m pod\/default\/web-\S+: 0\/3 nodes are available: /,
        ),
      ]);
    });
  });
});
