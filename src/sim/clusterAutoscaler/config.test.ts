import { describe, expect, it } from 'vitest';
import { CA_DEFAULTS, caAssumptions, resolveConfig } from './config.ts';

describe('cluster autoscaler config', () => {
  it("defaults to CA's own flags and an m5.large on-demand group of 0..100", () => {
    expect(resolveConfig(undefined).config).toEqual({
      nodeGroup: 'ca-workers',
      instanceType: 'm5.large',
      capacityType: 'on-demand',
      minSize: 0,
      maxSize: 100,
      scanInterval: 10_000,
      asgLaunchDelay: 30_000,
      scaleDownUnneededTime: 600_000,
      scaleDownDelayAfterAdd: 600_000,
      scaleDownUtilizationThreshold: 0.5,
      maxEmptyBulkDelete: 10,
    });
  });

  it('reads the Scenario (Go durations), then lets the caller override it', () => {
    const { config, warnings } = resolveConfig(
      { instanceType: 'c5.xlarge', maxSize: 7, scanInterval: '30s', scaleDownUnneededTime: '2m' },
      { maxSize: 9 },
    );
    expect(warnings).toEqual([]);
    expect(config).toMatchObject({
      instanceType: 'c5.xlarge',
      maxSize: 9,
      scanInterval: 30_000,
      scaleDownUnneededTime: 120_000,
      asgLaunchDelay: CA_DEFAULTS.asgLaunchDelay,
    });
  });

  it('falls back to the default, with a warning, for values it cannot use', () => {
    const { config, warnings } = resolveConfig({ asgLaunchDelay: 'later', minSize: 4, maxSize: 2 });
    expect(config.asgLaunchDelay).toBe(30_000);
    expect(config.minSize).toBe(0);
    expect(warnings).toEqual([
      'clusterAutoscaler.asgLaunchDelay: "later" is not a duration',
      'clusterAutoscaler.minSize: 4 is out of range; using 0',
    ]);
    expect(resolveConfig(undefined, { scanInterval: 0 }).config.scanInterval).toBe(10_000);
  });

  it('says a duration out of range back with its unit, as it was written', () => {
    // Held in ms: "0 is out of range; using 10000" read as ten thousand seconds.
    expect(resolveConfig({ scanInterval: '0s' }).warnings).toEqual([
      'clusterAutoscaler.scanInterval: 0s is out of range; using 10s',
    ]);
  });

  it('names the ASG launch delay as an assumption', () => {
    expect(caAssumptions(CA_DEFAULTS)).toContain(
      "asgLaunchDelay: 30s (assumed: from CA raising the ASG's desired capacity to EC2 launching the instance)",
    );
  });
});
