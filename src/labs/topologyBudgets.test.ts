// Wrong answers for the lab "Topology spread, disruption budgets and PDBs": each is a learner-sized
// mistake on the step's own solution (or start), and fails for the right reason with a message that
// says what is wrong. (labs.test.ts already proves every solution passes and every start fails.)
import { describe, expect, it } from 'vitest';
import { labSteps, replaced } from './testing.ts';

const { lab, start, solved, failures } = labSteps('topology-budgets-pdbs');

/** The messages of the checks `text` fails in step n. */
const messages = (n: number, text: string): string[] => failures(n, text).map((f) => f.message);

const PDB_SELECTOR = 'maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: web\n';

describe('lab: Topology spread, disruption budgets and PDBs', () => {
  it('has four steps on Karpenter v1', () => {
    expect(lab.steps.map((s) => s.n)).toEqual([1, 2, 3, 4]);
    expect(lab.meta.karpenterVersion).toBe('v1');
  });

  describe('step 1: spread over zones', () => {
    it('a constraint without labelSelector counts no pods: all six land in one zone', () => {
      const text = replaced(
        solved(1),
        '          labelSelector:\n            matchLabels:\n              app: web\n',
        '',
      );
      expect(messages(1, text)).toEqual([
        expect.stringMatching(
          /^6 pod\(s\) app=web over 1 topology\.kubernetes\.io\/zone domain\(s\) at the end of the run \(us-east-1[abc]: 6\), expected at least 3 domains$/,
        ),
        '1 node(s) at the end of the run (1 × t3a.xlarge on-demand), expected at least 3',
      ]);
    });

    it('spreading over hostnames gives one pod per node, but not an even spread over zones', () => {
      const text = replaced(
        solved(1),
        'topologyKey: topology.kubernetes.io/zone',
        'topologyKey: kubernetes.io/hostname',
      );
      expect(messages(1, text)).toEqual([
        expect.stringMatching(
          /^6 pod\(s\) app=web over \d topology\.kubernetes\.io\/zone domain\(s\) at the end of the run \(.*\): skew [2-6], more than maxSkew 1$/,
        ),
      ]);
    });

    it('ScheduleAnyway is not a mistake for Karpenter: it treats the preference as required first', () => {
      const text = replaced(solved(1), 'DoNotSchedule', 'ScheduleAnyway');
      expect(messages(1, text)).toEqual([]);
    });
  });

  describe('step 2: drift to Graviton', () => {
    it('allowing amd64 and arm64 does not drift the nodes (consolidation replaces them instead)', () => {
      const text = replaced(start(2), "values: ['amd64']", "values: ['amd64', 'arm64']");
      expect(messages(2, text)).toEqual([
        "0 node(s) disrupted as Drifted, expected at least 3 (disruptions seen: Underutilized; Karpenter says: Can't replace with a cheaper node)",
      ]);
    });

    it('asking for arm64 in the Deployment instead of the NodePool leaves the pods Pending', () => {
      const text = replaced(
        start(2),
        '      containers:\n',
        '      nodeSelector:\n        kubernetes.io/arch: arm64\n      containers:\n',
      );
      const running = failures(2, text).find((f) => f.label.startsWith('6 pods app=web Running'));
      expect(running?.message).toMatch(
        /^0 pods Running at the end of the run, expected 6 \(6 pods match app=web\); default\/web-\S+ is Pending: incompatible requirements, key kubernetes\.io\/arch, kubernetes\.io\/arch In \[arm64\] not in kubernetes\.io\/arch In \[amd64\]$/,
      );
    });
  });

  describe('step 3: a PDB and a node budget', () => {
    it('a PDB alone still lets Karpenter disrupt all three nodes at once', () => {
      const text = replaced(solved(3), "- nodes: '1'", "- nodes: '100%'");
      expect(messages(3, text)).toEqual([
        expect.stringMatching(
          /^3 node\(s\) disrupted; at most 3 at once \(at 1m: .*\(Drifted\).*\), expected at most 1 at a time$/,
        ),
      ]);
    });

    it('a node budget alone evicts both pods of a node together: no PDB ever holds an eviction', () => {
      const text = solved(3).slice(0, solved(3).indexOf('---\napiVersion: policy/v1'));
      expect(messages(3, text)).toEqual([
        'no FailedDraining event in the run',
        // Both pods of the drained node go at once: the Deployment dips to 4 of 6.
        'only 4 pod(s) app=web were Running at 53s, expected at least 5 throughout 30s–8m',
      ]);
    });

    it('a PDB that allows no eviction stalls the migration', () => {
      const text = replaced(solved(3), 'maxUnavailable: 1', 'maxUnavailable: 0');
      expect(messages(3, text)).toEqual([
        '0 node(s) disrupted as Drifted, expected at least 3 (Karpenter disrupted no node; Karpenter says: Pdb prevents pod evictions (PodDisruptionBudget=[default/web]))',
        'no FailedDraining event in the run',
      ]);
    });

    it('a PDB whose selector matches no pod protects nothing', () => {
      const text = replaced(
        solved(3),
        PDB_SELECTOR,
        PDB_SELECTOR.replace('app: web', 'app: webapp'),
      );
      expect(messages(3, text)).toEqual([
        'no FailedDraining event in the run',
        // Both pods of the drained node go at once: the Deployment dips to 4 of 6.
        'only 4 pod(s) app=web were Running at 53s, expected at least 5 throughout 30s–8m',
      ]);
    });
  });

  describe('step 4: a maintenance window', () => {
    const WINDOW_REASONS = '        reasons: [Drifted, Underutilized]\n';

    it('a window without reasons also blocks Empty: the report node stays', () => {
      const text = replaced(solved(4), WINDOW_REASONS, '');
      expect(messages(4, text)).toEqual([
        '0 node(s) disrupted as Empty after 3m, expected at least 1 (Karpenter disrupted no node; Karpenter says: No allowed disruptions for disruption reason Underutilized due to blocking budget)',
      ]);
    });

    it('a business-hours window is not active at Monday 00:00 UTC: the migration runs', () => {
      const text = replaced(solved(4), "schedule: '0 0 * * *'", "schedule: '0 9 * * mon-fri'");
      expect(messages(4, text)).toEqual([
        expect.stringMatching(
          /^3 node\(s\) were disrupted as Drifted, expected at most 0: ip-10-0-57-30\.ec2\.internal at (\d+m)?\d+s, /,
        ),
      ]);
    });

    it('a schedule without a duration is rejected, and the checks say so', () => {
      const text = replaced(solved(4), '        duration: 4h\n', '');
      const all = messages(4, text);
      expect(all.length).toBeGreaterThan(0);
      for (const m of all)
        expect(m).toMatch(
          /\(the workspace has an error on line \d+ \(spec\.disruption\.budgets\[1\]\): 'schedule' must be set with 'duration'\)$/,
        );
    });
  });
});
