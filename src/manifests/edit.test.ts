import { describe, expect, it } from 'vitest';
import { applyObject, editWorkspace } from './edit.ts';
import type { EditResult } from './edit.ts';
import { parseWorkspace } from './parse.ts';

const text = `# The demo workload
apiVersion: apps/v1
kind: Deployment
metadata:
  name: inflate   # scaled by the lab
  labels: {app: inflate}
spec:
  replicas: 0 # start empty
  selector:
    matchLabels:
      app: inflate
  template:
    metadata:
      labels:
        app: inflate
    spec:
      containers:
        - name: app
          image: "public.ecr.aws/eks-distro/kubernetes/pause:3.7"
---
apiVersion: v1
kind: Pod
metadata: {name: solo, namespace: team-a}
spec: {containers: [{name: c}]}
`;
const ok = (r: EditResult): string => {
  if (!r.ok) throw new Error(r.error);
  return r.text;
};
const changedLines = (a: string, b: string) => {
  const x = a.split('\n');
  const y = b.split('\n');
  return y.filter((l, i) => x[i] !== l);
};
const target = { kind: 'Deployment', name: 'inflate' };

describe('editWorkspace keeps the learner’s text', () => {
  it('kubectl scale changes only the replicas value, keeping its comment', () => {
    const out = ok(
      editWorkspace(text, { target, ops: [{ op: 'set', path: ['spec', 'replicas'], value: 5 }] }),
    );
    expect(out).toBe(text.replace('replicas: 0 # start empty', 'replicas: 5 # start empty'));
  });

  it('keeps the quote style of a string it replaces', () => {
    const out = ok(
      editWorkspace(text, {
        target,
        ops: [
          {
            op: 'set',
            path: ['spec', 'template', 'spec', 'containers', 0, 'image'],
            value: 'nginx',
          },
        ],
      }),
    );
    expect(changedLines(text, out)).toEqual(['          image: "nginx"']);
  });

  it('removing a block list item takes out its lines and leaves the rest as written', () => {
    const pool = `apiVersion: karpenter.sh/v1
kind: NodePool
metadata: { name: default }
spec:
  template:
    spec:
      requirements:
        - { key: karpenter.sh/capacity-type, operator: In, values: [on-demand] } # cheap
        - key: topology.kubernetes.io/zone
          operator: In
          values: [us-east-1a]
        # arch: one only
        - { key: kubernetes.io/arch, operator: In, values: [amd64] }
`;
    const edit = (i: number) =>
      ok(
        editWorkspace(pool, {
          target: { kind: 'NodePool', name: 'default' },
          ops: [{ op: 'remove', path: ['spec', 'template', 'spec', 'requirements', i] }],
        }),
      );
    expect(edit(1)).toBe(
      pool.replace(
        '        - key: topology.kubernetes.io/zone\n          operator: In\n          values: [us-east-1a]\n',
        '',
      ),
    );
    expect(edit(2)).toBe(
      pool.replace('        - { key: kubernetes.io/arch, operator: In, values: [amd64] }\n', ''),
    );
    expect(edit(0)).toBe(
      pool.replace(
        '        - { key: karpenter.sh/capacity-type, operator: In, values: [on-demand] } # cheap\n',
        '',
      ),
    );
  });

  it('kubectl label adds one entry to a flow map', () => {
    const out = ok(
      editWorkspace(text, {
        target,
        ops: [{ op: 'set', path: ['metadata', 'labels', 'team'], value: 'a' }],
      }),
    );
    expect(changedLines(text, out)).toEqual(['  labels: {app: inflate, team: a}']);
  });

  it('kubectl label adds one line to a block map', () => {
    const out = ok(
      editWorkspace(text, {
        target,
        ops: [
          { op: 'set', path: ['spec', 'template', 'metadata', 'labels', 'tier'], value: 'web' },
        ],
      }),
    );
    expect(out).toBe(
      text.replace(
        '        app: inflate\n    spec:',
        '        app: inflate\n        tier: web\n    spec:',
      ),
    );
  });

  it('kubectl annotate creates a missing map without touching other lines', () => {
    const out = ok(
      editWorkspace(text, {
        target,
        ops: [
          {
            op: 'set',
            path: ['metadata', 'annotations', 'karpenter.sh/do-not-disrupt'],
            value: 'true',
          },
        ],
      }),
    );
    expect(out).toBe(
      text.replace(
        '  labels: {app: inflate}\n',
        '  labels: {app: inflate}\n  annotations:\n    karpenter.sh/do-not-disrupt: "true"\n',
      ),
    );
  });

  it('a key added after a nested block goes on the next line, at the end of the file too', () => {
    // The last document's spec ends in a nested block (containers …): the new pair used to land
    // after that block's final newline, leaving a blank line before it and no newline at the end.
    const last = text.slice(0, text.indexOf('---\n'));
    const tolerations = [{ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }];
    for (const src of [last, text]) {
      const out = ok(
        editWorkspace(src, {
          target,
          ops: [
            { op: 'set', path: ['spec', 'template', 'spec', 'tolerations'], value: tolerations },
          ],
        }),
      );
      expect(out).toBe(
        src.replace(
          'pause:3.7"\n',
          'pause:3.7"\n      tolerations:\n        - key: dedicated\n          operator: Exists\n          effect: NoSchedule\n',
        ),
      );
    }
  });

  it('removing a block-style field takes its lines only, never the next key', () => {
    // The cut used to run to the end of the line after the value: "Remove the limits" took
    // `disruption:` with it (its keys landed under spec), and a nodeSelector took `containers:`.
    const pool = [
      'apiVersion: karpenter.sh/v1',
      'kind: NodePool',
      'metadata:',
      '  name: default',
      'spec:',
      '  template:',
      '    spec:',
      '      nodeSelector:',
      '        team: a',
      '      containers:',
      '        - name: c',
      '  limits:',
      '    cpu: "8"',
      '  disruption:',
      '    consolidationPolicy: WhenEmpty',
      '',
    ].join('\n');
    const ref = { kind: 'NodePool', name: 'default' };
    const without = (...gone: string[]) =>
      pool
        .split('\n')
        .filter((l) => !gone.includes(l))
        .join('\n');
    expect(
      ok(editWorkspace(pool, { target: ref, ops: [{ op: 'remove', path: ['spec', 'limits'] }] })),
    ).toBe(without('  limits:', '    cpu: "8"'));
    expect(
      ok(
        editWorkspace(pool, {
          target: ref,
          ops: [{ op: 'remove', path: ['spec', 'template', 'spec', 'nodeSelector'] }],
        }),
      ),
    ).toBe(without('      nodeSelector:', '        team: a'));
  });

  it('keeps Windows line ends: the lines an edit adds get CRLF too', () => {
    const crlf = text.replace(/\n/g, '\r\n');
    const out = ok(
      editWorkspace(crlf, {
        target,
        ops: [{ op: 'set', path: ['metadata', 'annotations', 'team'], value: 'a' }],
      }),
    );
    expect(out).toContain('\r\n  annotations:\r\n    team: a\r\n');
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('kubectl label key- removes the entry', () => {
    const withTwo = ok(
      editWorkspace(text, {
        target,
        ops: [{ op: 'set', path: ['metadata', 'labels', 'team'], value: 'a' }],
      }),
    );
    const out = ok(
      editWorkspace(withTwo, {
        target,
        ops: [{ op: 'remove', path: ['metadata', 'labels', 'app'] }],
      }),
    );
    expect(changedLines(text, out)).toEqual(['  labels: {team: a}']);
  });

  it('finds namespaced objects by namespace', () => {
    expect(
      editWorkspace(text, { target: { kind: 'Pod', name: 'solo', namespace: 'default' }, ops: [] }),
    ).toEqual({ ok: false, error: 'Pod "solo" in namespace "default" not found in the workspace' });
    const out = ok(
      editWorkspace(text, {
        target: { kind: 'Pod', name: 'solo', namespace: 'team-a' },
        ops: [{ op: 'set', path: ['metadata', 'labels', 'x'], value: 'y' }],
      }),
    );
    expect(parseWorkspace(out).objects[1]?.object.metadata.labels).toEqual({ x: 'y' });
  });

  it('always produces text that parses to the intended value', () => {
    const out = ok(
      editWorkspace(text, {
        target,
        ops: [
          {
            op: 'set',
            path: ['spec', 'template', 'spec', 'containers', 0, 'resources'],
            value: { requests: { cpu: '1' } },
          },
        ],
      }),
    );
    expect(parseWorkspace(out).objects[0]?.object).toMatchObject({
      spec: { template: { spec: { containers: [{ resources: { requests: { cpu: '1' } } }] } } },
    });
    expect(out.startsWith('# The demo workload\n')).toBe(true);
  });
});

describe('applyObject (kubectl apply)', () => {
  it('changes only the fields that differ', () => {
    const current = parseWorkspace(text).objects[0]!.object as unknown as {
      spec: { replicas: number };
    };
    const next = structuredClone(current);
    next.spec.replicas = 3;
    const out = ok(applyObject(text, next as never));
    expect(changedLines(text, out)).toEqual(['  replicas: 3 # start empty']);
  });

  it('appends an object that is not in the workspace yet', () => {
    const out = ok(
      applyObject(text, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'new' },
        spec: { containers: [{ name: 'c' }] },
      } as never),
    );
    expect(out.startsWith(text)).toBe(true);
    expect(parseWorkspace(out).objects.map((o) => o.object.metadata.name)).toEqual([
      'inflate',
      'solo',
      'new',
    ]);
  });
});
