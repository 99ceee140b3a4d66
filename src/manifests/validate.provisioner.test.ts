import { describe, expect, it } from 'vitest';
import { errorLines, provisioner, yamlDocs } from './test-builders.ts';

const lines = (spec: Record<string, unknown>) =>
  errorLines(yamlDocs(provisioner(spec)), { karpenterVersion: 'v0.31' });

describe('v1alpha5 Provisioner webhook rules', () => {
  it('accepts a typical Provisioner', () => {
    expect(
      lines({
        requirements: [{ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] }],
        consolidation: { enabled: true },
        ttlSecondsUntilExpired: 2592000,
        limits: { resources: { cpu: 1000 } },
      }),
    ).toEqual([]);
  });

  it('does not allow ttlSecondsAfterEmpty together with consolidation.enabled', () => {
    expect(lines({ ttlSecondsAfterEmpty: 30, consolidation: { enabled: true } })).toEqual([
      'spec.ttlSecondsAfterEmpty: expected exactly one, got both: spec.consolidation.enabled, spec.ttlSecondsAfterEmpty',
    ]);
  });

  it('allows ttlSecondsAfterEmpty when consolidation is disabled', () => {
    expect(lines({ ttlSecondsAfterEmpty: 30, consolidation: { enabled: false } })).toEqual([]);
  });

  it('rejects negative TTLs', () => {
    expect(lines({ ttlSecondsUntilExpired: -1 })).toEqual([
      'spec.ttlSecondsUntilExpired: invalid value: cannot be negative',
    ]);
  });

  it('needs exactly one of provider and providerRef', () => {
    expect(
      errorLines(
        yamlDocs({
          apiVersion: 'karpenter.sh/v1alpha5',
          kind: 'Provisioner',
          metadata: { name: 'p' },
          spec: {},
        }),
        { karpenterVersion: 'v0.31' },
      ),
    ).toEqual(['spec: expected exactly one, got neither: spec.provider, spec.providerRef']);
  });

  it('rejects restricted label domains in labels and requirements', () => {
    const [label, requirement] = lines({
      labels: { 'karpenter.sh/team': 'a' },
      requirements: [{ key: 'kubernetes.io/hostname', operator: 'Exists' }],
    });
    expect(label).toMatch(
      /^spec.labels\[karpenter.sh\/team\]: invalid key name "karpenter.sh\/team": label karpenter.sh\/team is restricted; specify a well known label: \[/,
    );
    expect(requirement).toMatch(
      /^spec.requirements\[0\]: invalid value: label kubernetes.io\/hostname is restricted/,
    );
  });

  it('rejects the provisioner-name label', () => {
    expect(lines({ labels: { 'karpenter.sh/provisioner-name': 'x' } })).toEqual([
      'spec.labels[karpenter.sh/provisioner-name]: invalid key name "karpenter.sh/provisioner-name": restricted',
    ]);
  });

  it('explains requirement operator and value problems', () => {
    expect(
      lines({
        requirements: [
          { key: 'kubernetes.io/arch', operator: 'Gte', values: ['1'] },
          { key: 'kubernetes.io/os', operator: 'In' },
          { key: 'karpenter.k8s.aws/instance-generation', operator: 'Gt', values: ['x'] },
        ],
      }),
    ).toEqual([
      'spec.requirements[0]: invalid value: key kubernetes.io/arch has an unsupported operator Gte not in [In NotIn Gt Lt Exists DoesNotExist]',
      'spec.requirements[1]: invalid value: key kubernetes.io/os with operator In must have a value defined',
      'spec.requirements[2]: invalid value: key karpenter.k8s.aws/instance-generation with operator Gt must have a single positive integer value',
    ]);
  });

  it('rejects duplicate taint key/effect pairs across taints and startupTaints', () => {
    expect(
      lines({
        taints: [{ key: 'a', effect: 'NoSchedule' }],
        startupTaints: [{ key: 'a', effect: 'NoSchedule' }],
      }),
    ).toEqual(['spec.startupTaints[0]: duplicate taint Key/Effect pair a=NoSchedule']);
  });

  it('keeps weight within 1–100', () => {
    expect(lines({ weight: 0 })).toEqual([
      'spec.weight: Invalid value: 0: should be greater than or equal to 1',
    ]);
  });
});
