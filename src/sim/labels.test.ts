import { describe, expect, it } from 'vitest';
import {
  LABEL,
  WELL_KNOWN_LABELS,
  isRestrictedLabel,
  isRestrictedNodeLabel,
  normalizeLabelKey,
} from './labels.ts';

describe('labels', () => {
  it('normalizes deprecated beta keys to their GA names', () => {
    expect(normalizeLabelKey('failure-domain.beta.kubernetes.io/zone')).toBe(LABEL.zone);
    expect(normalizeLabelKey('beta.kubernetes.io/arch')).toBe(LABEL.arch);
    expect(normalizeLabelKey('beta.kubernetes.io/instance-type')).toBe(LABEL.instanceType);
    expect(normalizeLabelKey('team')).toBe('team');
  });

  it('knows core and AWS well-known labels', () => {
    for (const k of [LABEL.zone, LABEL.capacityType, LABEL.nodePool, LABEL.instanceFamily]) {
      expect(WELL_KNOWN_LABELS.has(k)).toBe(true);
    }
    expect(WELL_KNOWN_LABELS.has(LABEL.hostname)).toBe(false);
    expect(WELL_KNOWN_LABELS.has('team')).toBe(false);
  });

  it('restricts the karpenter.sh and AWS domains and the hostname, but not well-known keys', () => {
    expect(isRestrictedLabel('karpenter.sh/custom')).toBe(true);
    expect(isRestrictedLabel('sub.karpenter.sh/custom')).toBe(true);
    expect(isRestrictedLabel('karpenter.k8s.aws/custom')).toBe(true);
    expect(isRestrictedLabel(LABEL.hostname)).toBe(true);
    expect(isRestrictedLabel('kubernetes.io/custom')).toBe(true);
    expect(isRestrictedLabel(LABEL.capacityType)).toBe(false);
    expect(isRestrictedLabel(LABEL.instanceGeneration)).toBe(false);
    expect(isRestrictedLabel('node.kubernetes.io/lifecycle')).toBe(false);
    expect(isRestrictedLabel('example.com/team')).toBe(false);
    expect(isRestrictedLabel('team')).toBe(false);
  });

  it('keeps Karpenter from writing well-known or restricted labels on nodes itself', () => {
    expect(isRestrictedNodeLabel(LABEL.zone)).toBe(true);
    expect(isRestrictedNodeLabel('karpenter.sh/custom')).toBe(true);
    expect(isRestrictedNodeLabel('team')).toBe(false);
  });
});
