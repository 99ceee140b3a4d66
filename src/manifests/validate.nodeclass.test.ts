import { describe, expect, it } from 'vitest';
import { errorLines, scenario, yamlDocs } from './test-builders.ts';

const nodeClass = (spec: Record<string, unknown>) => ({
  apiVersion: 'karpenter.k8s.aws/v1',
  kind: 'EC2NodeClass',
  metadata: { name: 'default' },
  spec: {
    role: 'KarpenterNodeRole-demo',
    amiSelectorTerms: [{ alias: 'al2023@latest' }],
    subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'demo' } }],
    securityGroupSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'demo' } }],
    ...spec,
  },
});

describe('EC2NodeClass v1 validation', () => {
  it('accepts a typical node class', () => {
    expect(errorLines(yamlDocs(nodeClass({ kubelet: { maxPods: 110 } })))).toEqual([]);
  });

  it('needs exactly one of role and instanceProfile', () => {
    expect(errorLines(yamlDocs(nodeClass({ instanceProfile: 'P' })))).toEqual([
      "spec: must specify exactly one of ['role', 'instanceProfile']",
    ]);
  });

  it('needs amiFamily when no alias is used, and a well-formed alias', () => {
    expect(errorLines(yamlDocs(nodeClass({ amiSelectorTerms: [{ id: 'ami-123' }] })))).toEqual([
      'spec: must specify amiFamily if amiSelectorTerms does not contain an alias',
    ]);
    expect(
      errorLines(yamlDocs(nodeClass({ amiSelectorTerms: [{ alias: 'ubuntu@latest' }] }))),
    ).toEqual([
      "spec.amiSelectorTerms[0].alias: family is not supported, must be one of the following: 'al2', 'al2023', 'bottlerocket', 'windows2019', 'windows2022', 'windows2025'",
    ]);
  });

  it('requires selector terms to select something', () => {
    expect(errorLines(yamlDocs(nodeClass({ subnetSelectorTerms: [{}] })))).toEqual([
      "spec.subnetSelectorTerms[0]: expected at least one, got none, ['tags', 'id']",
    ]);
  });
});

describe('Scenario validation', () => {
  it('rejects a version it cannot simulate', () => {
    expect(errorLines(yamlDocs(scenario({ version: 'latest' })))).toEqual([
      'spec.karpenter.version: Invalid value: expected a version such as v1, v1.14, v0.37 or v0.31',
    ]);
  });

  it('needs exactly one action per step', () => {
    const s = {
      ...scenario({}),
      spec: {
        actions: [
          { at: '0s', run: 'kubectl cordon n', interrupt: { node: 'n' } },
          { at: '5 minutes', run: 'kubectl uncordon n' },
        ],
      },
    };
    expect(errorLines(yamlDocs(s))).toEqual([
      'spec.actions[0]: each action needs exactly one of run, interrupt or ice (found 2)',
      'spec.actions[1].at: Invalid value: "5 minutes": should match \'^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$\' (a duration such as 500ms, 10s, 5m or 1h30m)',
    ]);
  });

  // A command the engine cannot run is located where it is written; it used to surface only as a
  // warning of the run.
  it('refuses a run command the engine cannot run, where it is written', () => {
    const s = {
      ...scenario({}),
      spec: {
        actions: [
          { at: '0s', run: 'kubectl rollout restart deployment web' },
          { at: '1s', run: 'helm install foo' },
          { at: '2s', run: 'kubectl scale deployment web --replicas=2' },
        ],
      },
    };
    expect(errorLines(yamlDocs(s))).toEqual([
      'spec.actions[0].run: Invalid value: "kubectl rollout restart deployment web": unsupported kubectl command "rollout"; actions run kubectl scale, kubectl delete, kubectl apply, kubectl cordon, kubectl uncordon, kubectl drain, kubectl annotate, kubectl label, kubectl taint, kubectl patch, helm install|upgrade, helm uninstall, interrupt, ice',
      'spec.actions[1].run: Invalid value: "helm install foo": helm: only the "karpenter" release is simulated; actions run kubectl scale, kubectl delete, kubectl apply, kubectl cordon, kubectl uncordon, kubectl drain, kubectl annotate, kubectl label, kubectl taint, kubectl patch, helm install|upgrade, helm uninstall, interrupt, ice',
    ]);
  });
});
