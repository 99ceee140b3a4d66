// Wrong answers for the lab "StatefulSets, volumes and zones": each is a learner-sized mistake on
// the step's own start or solution, failing with the message that says what is wrong (labs.test.ts
// already proves every solution passes and every start fails; anchoring.test.ts the timing).
import { describe, expect, it } from 'vitest';
import { explainNode } from '../explain/index.ts';
import { runCommand } from '../kubectl/run.ts';
import { simulateWorkspace } from '../pipeline/run.ts';
import { stateAt } from '../sim/engine/index.ts';
import { consoleAt, labSteps, play, replaced } from './testing.ts';

const { lab, start, solved, failures } = labSteps('statefulsets-volumes-zones');

/** The messages of the checks `text` fails in step n. */
const messages = (n: number, text: string): string[] => failures(n, text).map((f) => f.message);

describe('lab: StatefulSets, volumes and zones', () => {
  it('has four steps on Karpenter v1', () => {
    expect(lab.steps.map((s) => s.n)).toEqual([1, 2, 3, 4]);
    expect(lab.meta.karpenterVersion).toBe('v1');
  });

  describe('step 1: WaitForFirstConsumer', () => {
    it('leaving the class Immediate deadlocks: no node, so no zone, so no volume', () => {
      const all = messages(1, start(1));
      expect(all).toHaveLength(3);
      expect(all[0]).toMatch(
        /^0 pods Running at 3m, expected 3 \(3 pods match app=web\); default\/web-\d is Pending: .*pvc with immediate volume binding mode must be bound/,
      );
      expect(all[1]).toMatch(
        /^data-web-0 is Pending, data-web-1 is Pending, data-web-2 is Pending at the end of the run \(last event: ProvisioningFailed: failed to provision volume with StorageClass "gp3": error generating accessibility requirements: no available topology found\)$/,
      );
      expect(all[2]).toMatch(/^no pod app=web is Running at the end of the run/);
    });

    it('a misspelt class name: the claims never bind and Karpenter says which class is missing', () => {
      const text = replaced(
        solved(1),
        '        storageClassName: gp3\n',
        '        storageClassName: gp-3\n',
      );
      expect(messages(1, text)[0]).toMatch(
        /is Pending: .*storageclasses\.storage\.k8s\.io "gp-3" not found/,
      );
    });
  });

  describe('step 2: a volume in a zone the pool cannot reach', () => {
    it('pinning the pods to us-east-1a contradicts the volumes in b and c: those pods stay Pending', () => {
      const text = replaced(
        solved(2),
        '    spec:\n      containers:\n',
        '    spec:\n      nodeSelector:\n        topology.kubernetes.io/zone: us-east-1a\n      containers:\n',
      );
      const all = messages(2, text);
      expect(all[0]).toMatch(
        /^1 pod Running at the end of the run, expected 3 \(3 pods match app=web\); default\/web-1 is Pending: incompatible volume requirements, key topology\.kubernetes\.io\/zone, topology\.kubernetes\.io\/zone In \[us-east-1b\] not in topology\.kubernetes\.io\/zone In \[us-east-1a\]$/,
      );
    });

    it('the untouched pool: Karpenter’s volume requirement message names both zone sets', () => {
      expect(messages(2, start(2))[0]).toMatch(
        /web-2 is Pending: .*incompatible volume requirements, key topology\.kubernetes\.io\/zone, topology\.kubernetes\.io\/zone In \[us-east-1c\] not in topology\.kubernetes\.io\/zone In \[us-east-1a us-east-1b\]/,
      );
    });
  });

  describe('step 3: drain and consolidation keep the zone', () => {
    // What the learner reads in the console after playing the solution (drain at 6m, batch scaled
    // to 0 at 8m): every web pod is back in, or still in, its volume's zone.
    it(
      'the console shows each web pod in its volume’s zone after the drain and the consolidation',
      { timeout: 60_000 },
      () => {
        const { session } = simulateWorkspace(solved(3), { file: 'lab.yaml', seed: 1 });
        const tl = session.timeline;
        const console = (line: string, t: number): string[] => {
          const r = runCommand(line, { timeline: tl, t, state: stateAt(tl, t) });
          if (r.error) throw new Error(r.error);
          return r.output
            .trim()
            .split('\n')
            .slice(1)
            .map((l) => l.trim());
        };
        const column = (rows: string[], i: number) =>
          new Map(
            rows.map((r) => {
              const c = r.split(/\s+/);
              return [c[0] ?? '', c[i] ?? ''];
            }),
          );
        const at = (t: number) => {
          const nodeOf = column(console('kubectl get pods -l app=web -o wide', t), 6);
          const zoneOf = column(console('kubectl get nodes -L topology.kubernetes.io/zone', t), 5);
          return { nodeOf, zone: (pod: string) => zoneOf.get(nodeOf.get(pod) ?? '') };
        };
        const volumeZone = { 'web-0': 'us-east-1a', 'web-1': 'us-east-1b', 'web-2': 'us-east-1c' };
        const before = at(5 * 60_000);
        const after = at(12 * 60_000);
        for (const [pod, zone] of Object.entries(volumeZone)) {
          expect(before.zone(pod), `${pod} at 5m`).toBe(zone);
          expect(after.zone(pod), `${pod} at 12m`).toBe(zone);
        }
        const evicted = console('kubectl get events --field-selector reason=Evicted', tl.end);
        // The drain: web-1's node (us-east-1b, shared with batch) is drained at 6m; web-1 comes back
        // on a new node in us-east-1b although batch's replacement went to another zone.
        const drained = before.nodeOf.get('web-1') ?? '?';
        expect(evicted).toContainEqual(
          expect.stringMatching(new RegExp(`pod/web-1\\s+Evicted pod: draining node ${drained}`)),
        );
        expect(after.nodeOf.get('web-1')).not.toBe(drained);
        // v1.14: at 7m05s web-0's node is a candidate and web-0 would fit on batch's new node in
        // us-east-1a, but that node took batch's pods at about 6m48s and is inside its
        // consolidateAfter: web-0 stays where it is, and its node's details say why.
        expect(evicted.join('\n')).not.toContain('pod/web-0');
        expect(after.nodeOf.get('web-0')).toBe(before.nodeOf.get('web-0'));
        const web0 = explainNode(tl, 425_000, before.nodeOf.get('web-0') ?? '?', session.options);
        const heldOff = web0?.disruption.facts.find((f) => f.label === 'Pods may not move to');
        expect(heldOff?.value).toMatch(/^ip-[\w.-]+ \(until 7m4\ds\)$/);
        // The consolidation: once batch is gone its node, empty, is deleted.
        const disrupting = console('kubectl get events --field-selector reason=Disrupting', tl.end);
        expect(disrupting.join('\n')).toContain('Emptiness (Empty/delete)');
        // web-2's node stays, and its details panel says which volume holds its pod where.
        const kept = after.nodeOf.get('web-2') ?? '?';
        expect(kept).toBe(before.nodeOf.get('web-2'));
        const panel = explainNode(tl, tl.end, kept, session.options)?.disruption;
        expect(panel?.headline).toContain(
          "Volumes pin its pods to us-east-1c (web-2's data-web-2)",
        );
        expect(panel?.events.map((e) => e.message)).toContain("Can't replace with a cheaper node");
      },
    );

    // A 25-minute run with a drain: slower than the default 5 s on a busy machine.
    it('without the scale-down the batch node stays, and its cost', { timeout: 60_000 }, () => {
      const text = play(
        start(3),
        consoleAt(6 * 60_000, 'kubectl drain <node> --ignore-daemonsets'),
      );
      expect(messages(3, text)).toEqual([
        expect.stringMatching(/^the cluster costs \$0\.3\d+\/h at 16m .*, more than \$0\.1000\/h$/),
      ]);
    });
  });

  describe('step 4: volume limits', () => {
    it('without the attach limit one m5.large takes every shard (26 attachments)', () => {
      const text = replaced(solved(4), '  storage:\n    volumeAttachLimit: 4\n', '');
      expect(messages(4, text)).toEqual([
        expect.stringMatching(/^at most 12 on ip-[\w.-]+ at \S+, more than 4$/),
        expect.stringMatching(
          /^1 node\(s\) launched in the run \(1 × m5\.large on-demand\), expected exactly 3$/,
        ),
        expect.stringMatching(
          /^no FailedScheduling event after 3m in the run|FailedScheduling event\(s\), but none saying "exceed max volume count"/,
        ),
      ]);
    });
  });
});
