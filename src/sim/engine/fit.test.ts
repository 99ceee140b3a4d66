import { describe, expect, it } from 'vitest';
import type { Pod } from '../k8s.ts';
import { checkFit, nodeAffinityMatches, type NodeView } from './fit.ts';
import type { NodeRec, PodRec } from './state.ts';
import { nodeRecord } from './testing.ts';

function pod(
  name: string,
  spec: Partial<Pod['spec']> = {},
  labels: Record<string, string> = { app: 'web' },
  cpu = 500,
): PodRec {
  return {
    key: `default/${name}`,
    uid: name,
    phase: 'Pending',
    createdAt: 0,
    requests: { cpu, pods: 1 },
    pod: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default', labels },
      spec: { containers: [{ name: 'c' }], ...spec },
    },
  };
}

const view = (n: NodeRec, pods: PodRec[] = []): NodeView => {
  const used: Record<string, number> = {};
  for (const p of pods)
    for (const [k, v] of Object.entries(p.requests)) used[k] = (used[k] ?? 0) + v;
  return { node: n, used, pods };
};

describe('kube-scheduler filters', () => {
  it('refuses a cordoned node unless the pod tolerates unschedulable', () => {
    const v = view(nodeRecord('a', { unschedulable: true }));
    expect(checkFit(pod('p'), v, [v])).toBe('node(s) were unschedulable');
    const tolerant = pod('p', {
      tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists' }],
    });
    expect(checkFit(tolerant, v, [v])).toBeUndefined();
  });

  it('enforces NoSchedule taints and ignores PreferNoSchedule', () => {
    const hard = view(
      nodeRecord('a', { taints: [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }] }),
    );
    // kube-scheduler names the taint by key and value (tainttoleration Filter), not its effect.
    expect(checkFit(pod('p'), hard, [hard])).toBe('node(s) had untolerated taint {gpu: true}');
    const soft = view(nodeRecord('b', { taints: [{ key: 'spot', effect: 'PreferNoSchedule' }] }));
    expect(checkFit(pod('p'), soft, [soft])).toBeUndefined();
  });

  it('refuses a node where another pod holds the same host port, init containers included', () => {
    const port = (hostPort: number, protocol?: 'TCP' | 'UDP') => ({
      containerPort: 80,
      hostPort,
      ...(protocol ? { protocol } : {}),
    });
    const holder = pod('holder', { containers: [{ name: 'c', ports: [port(8080)] }] });
    const v = view(nodeRecord('a'), [holder]);
    const clash = pod('p', { containers: [{ name: 'c', ports: [port(8080)] }] });
    expect(checkFit(clash, v, [v])).toBe(
      "node(s) didn't have free ports for the requested pod ports",
    );
    const initClash = pod('q', {
      initContainers: [{ name: 'i', ports: [port(8080)] }],
    });
    expect(checkFit(initClash, v, [v])).toMatch(/free ports/);
    const udp = pod('r', { containers: [{ name: 'c', ports: [port(8080, 'UDP')] }] });
    expect(checkFit(udp, v, [v])).toBeUndefined();
    expect(checkFit(pod('s'), v, [v])).toBeUndefined();
  });

  it('ORs required nodeSelectorTerms and ANDs their expressions', () => {
    const labels = { 'kubernetes.io/arch': 'arm64', size: '8' };
    const affinity = (
      terms: { key: string; operator: 'In' | 'Gt'; values: string[] }[][],
    ): Pod => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {},
      spec: {
        containers: [],
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: terms.map((t) => ({ matchExpressions: t })),
            },
          },
        },
      },
    });
    expect(
      nodeAffinityMatches(
        affinity([
          [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] }],
          [{ key: 'size', operator: 'Gt', values: ['4'] }],
        ]),
        labels,
      ),
    ).toBe(true);
    expect(
      nodeAffinityMatches(
        affinity([
          [
            { key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] },
            { key: 'size', operator: 'Gt', values: ['8'] },
          ],
        ]),
        labels,
      ),
    ).toBe(false);
  });

  it('reports the first resource that does not fit, kube-scheduler style', () => {
    const full = view(nodeRecord('a'), [pod('x', {}, {}, 1800)]);
    expect(checkFit(pod('p'), full, [full])).toBe('Insufficient cpu');
  });

  it('keeps required anti-affinity pods apart, in both directions', () => {
    const anti = {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } } },
        ],
      },
    };
    const taken = view(nodeRecord('a'), [pod('x', {}, { app: 'web' })]);
    const empty = view(nodeRecord('b'));
    const all = [taken, empty];
    expect(checkFit(pod('p', { affinity: anti }), taken, all)).toMatch(/anti-affinity/);
    expect(checkFit(pod('p', { affinity: anti }), empty, all)).toBeUndefined();
    const guarded = view(nodeRecord('c'), [pod('y', { affinity: anti }, { app: 'db' })]);
    expect(checkFit(pod('p'), guarded, [guarded])).toMatch(/existing pods anti-affinity/);
  });

  it('respects DoNotSchedule topology spread over existing nodes', () => {
    const spread = {
      topologySpreadConstraints: [
        {
          maxSkew: 1,
          topologyKey: 'kubernetes.io/hostname',
          whenUnsatisfiable: 'DoNotSchedule' as const,
          labelSelector: { matchLabels: { app: 'web' } },
        },
      ],
    };
    const busy = view(nodeRecord('a'), [pod('x', spread)]);
    const idle = view(nodeRecord('b'));
    expect(checkFit(pod('p', spread), busy, [busy, idle])).toMatch(/topology spread/);
    expect(checkFit(pod('p', spread), idle, [busy, idle])).toBeUndefined();
  });

  it('counts the pod towards the skew only when the constraint selects it (selfMatchNum)', () => {
    // kubernetes pkg/scheduler/framework/plugins/podtopologyspread/filtering.go, Filter:
    // skew = matchNum + selfMatchNum - minMatchNum, selfMatchNum = 1 only if the selector
    // matches the pod's labels. Karpenter's scheduling-benchmark pods spread against pods of
    // another label; counting the pod itself made kube-scheduler refuse the node Karpenter
    // nominated, and the pod stayed Pending for the rest of the day.
    const spreadOver = (app: string) => ({
      topologySpreadConstraints: [
        {
          maxSkew: 1,
          topologyKey: 'kubernetes.io/hostname',
          whenUnsatisfiable: 'DoNotSchedule' as const,
          labelSelector: { matchLabels: { app } },
        },
      ],
    });
    const busy = view(nodeRecord('a'), [pod('x', {}, { app: 'db' })]);
    const idle = view(nodeRecord('b'));
    // A web pod spread against db pods: a: 1 db pod, b: 0 → 1 + 0 - 0 = 1 ≤ 1.
    expect(checkFit(pod('p', spreadOver('db')), busy, [busy, idle])).toBeUndefined();
    // A db pod spread against db pods counts itself: 1 + 1 - 0 = 2 > 1.
    expect(checkFit(pod('q', spreadOver('db'), { app: 'db' }), busy, [busy, idle])).toMatch(
      /topology spread/,
    );
  });
  // kubernetes pkg/scheduler/framework/plugins/podtopologyspread/common.go: a constraint counts a
  // node only if it passes matchNodeInclusionPolicies, and matchLabelKeys narrow its selector.
  // Karpenter honours both (topology_test.go NodeTaintsPolicy / NodeAffinityPolicy /
  // MatchLabelKeys); the lab's kube-scheduler did not, and refused the nodes Karpenter nominated.
  const spreadBy = (extra: Record<string, unknown>) => ({
    topologySpreadConstraints: [
      {
        maxSkew: 1,
        topologyKey: 'fake-label',
        whenUnsatisfiable: 'DoNotSchedule' as const,
        labelSelector: { matchLabels: { app: 'web' } },
        ...extra,
      },
    ],
  });
  const at = (name: string, value: string, over: Partial<NodeRec> = {}) =>
    nodeRecord(name, { labels: { 'kubernetes.io/hostname': name, 'fake-label': value }, ...over });

  it('leaves a node whose taints the pod does not tolerate out of the spread with nodeTaintsPolicy Honor', () => {
    const tainted = view(
      at('t', 'foo', { taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] }),
    );
    const busy = view(at('b', 'baz'), [pod('x')]);
    // Ignore (the default): foo counts, empty, so a second pod in baz makes the skew 2.
    expect(checkFit(pod('p', spreadBy({})), busy, [tainted, busy])).toMatch(/topology spread/);
    // Honor: foo is no domain for this pod, so baz is the only one and takes it.
    expect(
      checkFit(pod('p', spreadBy({ nodeTaintsPolicy: 'Honor' })), busy, [tainted, busy]),
    ).toBeUndefined();
    // A pod tolerating the taint counts foo again.
    const tolerant = pod('p', {
      ...spreadBy({ nodeTaintsPolicy: 'Honor' }),
      tolerations: [{ key: 'k', operator: 'Exists' }],
    });
    expect(checkFit(tolerant, busy, [tainted, busy])).toMatch(/topology spread/);
  });

  it("counts nodes the pod's node selector refuses with nodeAffinityPolicy Ignore", () => {
    const other = view(at('o', 'foo', { labels: { 'fake-label': 'foo', selector: 'no' } }));
    const busy = view(at('b', 'baz', { labels: { 'fake-label': 'baz', selector: 'value' } }), [
      pod('x'),
    ]);
    const selected = (extra: Record<string, unknown>) =>
      pod('p', { ...spreadBy(extra), nodeSelector: { selector: 'value' } });
    expect(checkFit(selected({}), busy, [other, busy])).toBeUndefined();
    expect(checkFit(selected({ nodeAffinityPolicy: 'Ignore' }), busy, [other, busy])).toMatch(
      /topology spread/,
    );
  });

  it("narrows the spread's selector to the pod's own values of matchLabelKeys", () => {
    const keyed = spreadBy({ matchLabelKeys: ['version'] });
    const busy = view(at('b', 'baz'), [pod('x', {}, { app: 'web', version: 'a' })]);
    const idle = view(at('i', 'foo'));
    // A pod of version b does not count the version-a pod: baz 0 + 1 - 0 = 1.
    expect(
      checkFit(pod('p', keyed, { app: 'web', version: 'b' }), busy, [busy, idle]),
    ).toBeUndefined();
    expect(checkFit(pod('q', keyed, { app: 'web', version: 'a' }), busy, [busy, idle])).toMatch(
      /topology spread/,
    );
  });
  it('follows a pod affinity term into the namespaces its namespaceSelector picks', () => {
    // kubernetes framework/types.go: a term's namespaces are its list plus what its
    // namespaceSelector picks; an empty selector picks every namespace (topology_test.go,
    // "should filter pod affinity topologies by namespace, empty namespace selector").
    const other = pod('x', {}, { security: 's2' });
    other.pod.metadata.namespace = 'other';
    const host = view(nodeRecord('a'), [other]);
    const idle = view(nodeRecord('b'));
    const follower = (term: Record<string, unknown>) =>
      pod('p', {
        affinity: {
          podAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              {
                topologyKey: 'kubernetes.io/hostname',
                labelSelector: { matchLabels: { security: 's2' } },
                ...term,
              },
            ],
          },
        },
      });
    // No list, no selector: its own namespace only, where no such pod runs.
    expect(checkFit(follower({}), host, [host, idle])).toMatch(/pod affinity/);
    expect(checkFit(follower({ namespaceSelector: {} }), host, [host, idle])).toBeUndefined();
    expect(checkFit(follower({ namespaceSelector: {} }), idle, [host, idle])).toMatch(
      /pod affinity/,
    );
    const byName = { matchLabels: { 'kubernetes.io/metadata.name': 'other' } };
    expect(checkFit(follower({ namespaceSelector: byName }), host, [host, idle])).toBeUndefined();
  });
});
