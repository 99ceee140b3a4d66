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
    expect(checkFit(pod('p'), hard, [hard])).toMatch(/untolerated taint \{gpu=true:NoSchedule\}/);
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
});
