import { describe, expect, it } from 'vitest';
import {
  afterHelm,
  karpenterVersion,
  newerThanModelled,
  parseKarpenterVersion,
  semanticsOf,
  servesGeneration,
  startingVersion,
  versionOptions,
} from './version.ts';

describe('parseKarpenterVersion', () => {
  it.each([
    [undefined, 'v1', Infinity],
    ['v1', 'v1', Infinity],
    ['v1.14', 'v1', 14],
    ['1.8.2', 'v1', 8],
    ['v0.37', 'v1beta1', 37],
    ['v0.32.1', 'v1beta1', 32],
    ['v0.31', 'v1alpha5', 31],
    ['0.31.0', 'v1alpha5', 31],
    ['v0.3x', 'v1alpha5', 31],
    ['v0.27', 'v1alpha5', 27],
  ])('reads %s as the %s API (minor %s)', (text, generation, minor) => {
    expect(parseKarpenterVersion(text)).toMatchObject({ generation, minor });
  });

  it.each(['latest', 'v0', '', 'v1.x.y'])('rejects %j', (text) => {
    expect(parseKarpenterVersion(text)).toBeUndefined();
  });
});

describe('what a version serves and runs', () => {
  it('runs v0.31 as v1alpha5 and everything from v0.32 on as v1 semantics', () => {
    expect(semanticsOf(karpenterVersion('v0.31'))).toBe('v1alpha5');
    expect(semanticsOf(karpenterVersion('v0.32'))).toBe('v1');
    expect(semanticsOf(karpenterVersion('v0.37.0'))).toBe('v1');
    expect(semanticsOf(karpenterVersion('1.0.0'))).toBe('v1');
  });

  it('serves v1beta1 in v0.32–v1.0 only (1.0 through its conversion webhook)', () => {
    const serves = (text: string) =>
      (['v1alpha5', 'v1beta1', 'v1'] as const).filter((g) =>
        servesGeneration(karpenterVersion(text), g),
      );
    expect(serves('v0.31')).toEqual(['v1alpha5']);
    expect(serves('v0.35')).toEqual(['v1beta1']);
    expect(serves('1.0.0')).toEqual(['v1beta1', 'v1']);
    expect(serves('v1.1')).toEqual(['v1']);
    expect(serves('v1')).toEqual(['v1']);
  });

  it('starts from the override, then the Scenario, else the latest v1 (Provisioners or not)', () => {
    expect(startingVersion('v0.31').generation).toBe('v1alpha5');
    expect(startingVersion('v0.31', 'v1.2').text).toBe('v1.2');
    expect(startingVersion()).toMatchObject({ text: 'v1', generation: 'v1' });
    expect(startingVersion('not a version').text).toBe('v1');
  });

  it('follows a helm upgrade to the chart version, keeps the version without one, refuses nonsense', () => {
    const v031 = karpenterVersion('v0.31');
    expect(afterHelm(v031, '1.0.0')).toMatchObject({ generation: 'v1', minor: 0 });
    expect(afterHelm(v031, undefined)).toBe(v031);
    expect(afterHelm(v031, 'latest')).toMatch(/"latest" is not a Karpenter version/);
  });

  it('uses the instance-type list size of the Karpenter version', () => {
    expect(versionOptions(karpenterVersion('v1'))).toEqual({
      maxInstanceTypes: 600,
      daemonOverheadPerTypeGroup: true,
      daemonNodeStateAffinity: true,
      hostPortsPerNodeClaim: true,
      filterMessage: 'fields',
      podErrorNamesPool: false,
      restrictedLabels: 'karpenter',
      nodeLimits: 'scheduler',
    });
    // labels.go: v1.9 (#2586) left only karpenter.sh restricted; IsRestrictedLabel's error became
    // a structured one in v1.5.
    expect(versionOptions(karpenterVersion('v1.9')).restrictedLabels).toBe('karpenter');
    expect(versionOptions(karpenterVersion('v1.8')).restrictedLabels).toBe('kubernetes');
    expect(versionOptions(karpenterVersion('v1.5')).restrictedLabels).toBe('kubernetes');
    expect(versionOptions(karpenterVersion('v1.4')).restrictedLabels).toBe('kubernetes-v0');
    expect(versionOptions(karpenterVersion('v0.31')).restrictedLabels).toBe('kubernetes-v0');
    // nodeclaim.go: the InstanceTypeFilterError fields came with v1.3.0 (v1.2.0 still wrote
    // "no instance type satisfied resources … and requirements … (<reason>)").
    expect(versionOptions(karpenterVersion('v1.3')).filterMessage).toBe('fields');
    expect(versionOptions(karpenterVersion('v1.2')).filterMessage).toBe('satisfied');
    expect(versionOptions(karpenterVersion('v0.37')).filterMessage).toBe('satisfied');
    expect(versionOptions(karpenterVersion('v1.4')).podErrorNamesPool).toBe(true);
    expect(versionOptions(karpenterVersion('v1.5')).podErrorNamesPool).toBe(false);
    expect(versionOptions(karpenterVersion('v1.10')).nodeLimits).toBe('creation');
    expect(versionOptions(karpenterVersion('v1.0')).nodeLimits).toBe('creation');
    expect(versionOptions(karpenterVersion('v0.37')).nodeLimits).toBe('ignored');
    expect(versionOptions(karpenterVersion('v1.12')).hostPortsPerNodeClaim).toBe(false);
    expect(versionOptions(karpenterVersion('v1.13')).daemonNodeStateAffinity).toBe(false);
    expect(versionOptions(karpenterVersion('v1.6')).maxInstanceTypes).toBe(60);
    expect(versionOptions(karpenterVersion('v1.13')).daemonOverheadPerTypeGroup).toBe(false);
    expect(versionOptions(karpenterVersion('v0.35')).maxInstanceTypes).toBe(100);
  });
});

describe('newerThanModelled', () => {
  it('names the newest modelled version for a Karpenter the lab does not know yet, only then', () => {
    expect(['v1.15', '1.99.0', 'v2', '3.0.0'].map(newerThanModelled)).toEqual(
      Array(4).fill('v1.14'),
    );
    expect(
      [undefined, 'v1', 'v1.14', '1.14.1', 'v1.5', 'v0.37', 'v0.31', 'nonsense'].map(
        newerThanModelled,
      ),
    ).toEqual(Array(8).fill(undefined));
  });
});
