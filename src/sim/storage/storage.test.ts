import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod } from '../k8s.ts';
import { objectKey } from '../engine/state.ts';
import { ebsAttachLimit, nodeVolumeLimits } from './limits.ts';
import { alternativeZones, volumeAlternatives } from './topology.ts';
import { exceedsLimits, podVolumes } from './usage.ts';
import { invalidClaimReason } from './validate.ts';
import { claim, storageClass, volume, ZONE } from './testing.ts';

const objs = (...o: KubeObject[]) => new Map(o.map((x) => [objectKey(x), x]));
const pod = (...claims: string[]): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default' },
  spec: {
    containers: [{ name: 'c' }],
    volumes: claims.map((c, i) => ({ name: `v${i}`, persistentVolumeClaim: { claimName: c } })),
  },
});

describe('EBS attach limits (aws-ebs-csi-driver getVolumesLimit, root volume + 1 ENI)', () => {
  it('uses the driver table: shared default, dedicated, non-Nitro', () => {
    expect(ebsAttachLimit('m5.large')).toBe(26);
    expect(ebsAttachLimit('m7i.large')).toBe(31);
    expect(ebsAttachLimit('m4.large')).toBe(38);
    expect(ebsAttachLimit('i3.large')).toBe(38);
    expect(ebsAttachLimit('x99.unknown')).toBe(26);
    expect(ebsAttachLimit('m5.large', {}, 2)).toBe(25); // a warm ENI eats a shared slot
  });
  it('honours --volume-attach-limit and floors at 1', () => {
    expect(ebsAttachLimit('m5.large', { volumeAttachLimit: 4 })).toBe(4);
    expect(ebsAttachLimit('d3.8xlarge', { reservedVolumeAttachments: 5 })).toBe(1);
    expect(nodeVolumeLimits('m5.large', { ebsCsiDriver: false })).toBeUndefined();
    expect(
      nodeVolumeLimits('t', { ebsCsiDriver: true, typeLimits: new Map([['t', { x: 1 }]]) }),
    ).toEqual({ x: 1 });
  });
});

describe("Karpenter's ValidatePersistentVolumeClaims", () => {
  const cases: [string, KubeObject[], string | undefined][] = [
    ['missing claim', [], 'getting persistent volume claim, persistentvolumeclaims "d" not found'],
    [
      'deleting claim',
      [
        claim('d', { storageClassName: 'gp3', deleting: true }),
        storageClass('gp3', { mode: 'WaitForFirstConsumer' }),
      ],
      'persistentvolumeclaim is being deleted',
    ],
    [
      'Lost claim',
      [claim('d', { phase: 'Lost', volumeName: 'x' })],
      'persistentvolumeclaim bound to non-existent persistentvolume',
    ],
    [
      'missing PV',
      [claim('d', { volumeName: 'pv' })],
      'failed to validate pvc, persistentvolumes "pv" not found',
    ],
    [
      'deleting PV',
      [claim('d', { volumeName: 'pv' }), volume('pv', { deleting: true })],
      'failed to validate pvc, persistentvolume is being deleted',
    ],
    [
      'no bind-completed',
      [claim('d', { volumeName: 'pv', bindCompleted: false }), volume('pv')],
      'pvc is considered unbound because it does not contain annotation',
    ],
    [
      'bound, class "" (P2)',
      [claim('d', { volumeName: 'pv', storageClassName: '' }), volume('pv')],
      undefined,
    ],
    [
      'bound, missing class (P4)',
      [claim('d', { volumeName: 'pv', storageClassName: 'gone' }), volume('pv')],
      undefined,
    ],
    [
      'unbound, class "" (P3)',
      [claim('d', { storageClassName: '' })],
      'unbound pvc must define a storage class',
    ],
    [
      'unbound, missing class (P5)',
      [claim('d', { storageClassName: 'gone' })],
      'failed to validate pvc, failed to get storage class, storageclasses.storage.k8s.io "gone" not found',
    ],
    [
      'unbound, Immediate (S14)',
      [claim('d', { storageClassName: 'gp3' }), storageClass('gp3')],
      'failed to validate pvc, pvc with immediate volume binding mode must be bound',
    ],
    [
      'unbound, WFFC',
      [
        claim('d', { storageClassName: 'gp3' }),
        storageClass('gp3', { mode: 'WaitForFirstConsumer' }),
      ],
      undefined,
    ],
  ];
  for (const [name, o, want] of cases)
    it(name, () => expect(invalidClaimReason(objs(...o), pod('d'))).toBe(want));
});

describe('volume topology alternatives', () => {
  const wffc = (name: string, zones: string[]) =>
    storageClass(name, { mode: 'WaitForFirstConsumer', zones });
  it('takes a class’s allowedTopologies for an unbound claim (P9) and PV terms for a bound one (P12)', () => {
    const o = objs(
      wffc('sc', ['z2', 'z3']),
      claim('a', { storageClassName: 'sc' }),
      claim('b', { volumeName: 'pv' }),
      volume('pv', { zones: ['z3'] }),
    );
    expect(volumeAlternatives(o, pod('a'))).toEqual([
      [{ key: ZONE, operator: 'In', values: ['z2', 'z3'] }],
    ]);
    expect(alternativeZones(volumeAlternatives(o, pod('b')) ?? [])).toEqual(['z3']);
    expect(volumeAlternatives(o, pod())).toBeUndefined();
  });
  it('drops hostname terms of local volumes only (P13/P14)', () => {
    const host = [
      {
        matchExpressions: [
          { key: 'kubernetes.io/hostname', operator: 'In' as const, values: ['gone'] },
        ],
      },
    ];
    const local = objs(
      claim('a', { volumeName: 'pv' }),
      volume('pv', { source: 'local', terms: host }),
    );
    expect(volumeAlternatives(local, pod('a'))).toEqual([[]]);
    const csi = objs(claim('a', { volumeName: 'pv' }), volume('pv', { terms: host }));
    expect(volumeAlternatives(csi, pod('a'))?.[0]?.[0]?.values).toEqual(['gone']);
  });
  it('crosses several volumes, pruning disjoint pairs, keeping all when none survives', () => {
    const o = objs(
      claim('a', { storageClassName: 'x' }),
      wffc('x', ['z1']),
      claim('b', { volumeName: 'pv' }),
      volume('pv', {
        terms: [
          { matchExpressions: [{ key: ZONE, operator: 'In', values: ['z1'] }] },
          { matchExpressions: [{ key: ZONE, operator: 'In', values: ['z2'] }] },
        ],
      }),
      claim('c', { storageClassName: 'y' }),
      wffc('y', ['z3']),
    );
    expect(alternativeZones(volumeAlternatives(o, pod('a', 'b')) ?? [])).toEqual(['z1']);
    expect(volumeAlternatives(o, pod('a', 'c'))).toHaveLength(1); // unpruned fallback
  });
});

describe('volume usage', () => {
  it('counts unique claims per driver, none for NFS or classless claims (S2, S3)', () => {
    const o = objs(
      claim('a', { storageClassName: 'gp3' }),
      storageClass('gp3', { mode: 'WaitForFirstConsumer' }),
      claim('n', { volumeName: 'nfs', storageClassName: '' }),
      volume('nfs', { source: 'nfs' }),
      claim('t', { storageClassName: 'old' }),
      storageClass('old', { provisioner: 'kubernetes.io/aws-ebs' }),
    );
    const u = podVolumes(o, pod('a', 'a', 'n', 't'));
    expect([...u.entries()].map(([d, s]) => [d, [...s]])).toEqual([
      ['ebs.csi.aws.com', ['default/a', 'default/t']],
    ]);
    expect(exceedsLimits(u, u, { 'ebs.csi.aws.com': 2 })).toBeUndefined();
    expect(exceedsLimits(new Map(), u, { 'ebs.csi.aws.com': 1 })).toBe('ebs.csi.aws.com');
    expect(exceedsLimits(new Map(), u, undefined)).toBeUndefined();
  });
});
