import { describe, expect, it } from 'vitest';
import { parseWorkspace } from './parse.ts';
import { errorLines, scenario, yamlDocs } from './test-builders.ts';

const withCA = (clusterAutoscaler: Record<string, unknown>) => {
  const s = scenario({});
  return { ...s, spec: { ...(s.spec as object), clusterAutoscaler } };
};

describe('Scenario spec.clusterAutoscaler', () => {
  it('accepts the node group settings and keeps them on the Scenario', () => {
    const settings = {
      instanceType: 'm5.xlarge',
      capacityType: 'spot',
      minSize: 1,
      maxSize: 20,
      scanInterval: '10s',
      asgLaunchDelay: '45s',
      scaleDownUnneededTime: '5m',
      scaleDownDelayAfterAdd: '10m',
      scaleDownUtilizationThreshold: 0.6,
    };
    const text = yamlDocs(withCA(settings));
    expect(errorLines(text)).toEqual([]);
    expect(parseWorkspace(text).scenario?.spec.clusterAutoscaler).toEqual(settings);
  });

  it('locates bad values', () => {
    expect(
      errorLines(
        yamlDocs(
          withCA({ capacityType: 'reserved', minSize: 5, maxSize: 2, scanInterval: 'soon' }),
        ),
      ),
    ).toEqual([
      'spec.clusterAutoscaler.capacityType: Unsupported value: "reserved": supported values: "on-demand", "spot"',
      'spec.clusterAutoscaler.scanInterval: Invalid value: "soon": should match \'^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$\' (a duration such as 500ms, 10s, 5m or 1h30m)',
    ]);
    expect(errorLines(yamlDocs(withCA({ minSize: 5, maxSize: 2 })))).toEqual([
      'spec.clusterAutoscaler.minSize: minSize (5) must not exceed maxSize (2)',
    ]);
  });
});
