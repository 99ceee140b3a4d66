import { describe, expect, it } from 'vitest';
import type { AWSNodeTemplate, NodePool, Provisioner } from '../sim/k8s.ts';
import {
  convertAWSNodeTemplate,
  convertEC2NodeClassV1beta1,
  convertNodePoolV1beta1,
  convertProvisioner,
  v1alpha5DefaultRequirements,
} from './convert.ts';
import { convertWorkspace } from './convertWorkspace.ts';
import { parseWorkspace } from './parse.ts';
import { deployment, provisioner, scenario, yamlDocs } from './test-builders.ts';

const prov = (spec: Provisioner['spec']): Provisioner =>
  provisioner(spec as Record<string, unknown>) as unknown as Provisioner;
const keys = (np: NodePool) =>
  (np.spec.template.spec.requirements ?? []).map(
    (r) => `${r.key} ${r.operator} ${(r.values ?? []).join(',')}`,
  );

describe('v1alpha5 → v1 conversion', () => {
  it('makes the webhook defaults explicit: linux, amd64, on-demand, c/m/r generation > 2', () => {
    expect(keys(convertProvisioner(prov({})).result)).toEqual([
      'kubernetes.io/os In linux',
      'kubernetes.io/arch In amd64',
      'karpenter.sh/capacity-type In on-demand',
      'karpenter.k8s.aws/instance-category In c,m,r',
      'karpenter.k8s.aws/instance-generation Gt 2',
    ]);
  });

  it('adds a default only where the Provisioner did not set the key', () => {
    const set = [
      { key: 'beta.kubernetes.io/arch', operator: 'In' as const, values: ['arm64'] },
      { key: 'karpenter.sh/capacity-type', operator: 'In' as const, values: ['spot'] },
      { key: 'node.kubernetes.io/instance-type', operator: 'In' as const, values: ['m5.large'] },
    ];
    expect(v1alpha5DefaultRequirements(set).map((r) => r.key)).toEqual(['kubernetes.io/os']);
  });

  it('maps ttlSecondsAfterEmpty to WhenEmpty with consolidateAfter', () => {
    expect(convertProvisioner(prov({ ttlSecondsAfterEmpty: 30 })).result.spec.disruption).toEqual({
      consolidationPolicy: 'WhenEmpty',
      consolidateAfter: '30s',
    });
  });

  it('maps consolidation.enabled to WhenEmptyOrUnderutilized', () => {
    expect(
      convertProvisioner(prov({ consolidation: { enabled: true } })).result.spec.disruption
        ?.consolidationPolicy,
    ).toBe('WhenEmptyOrUnderutilized');
  });

  it('keeps "never disrupt" and "never expire" when neither was configured', () => {
    const { result, notes } = convertProvisioner(prov({}));
    expect(result.spec.disruption).toEqual({
      consolidationPolicy: 'WhenEmpty',
      consolidateAfter: 'Never',
    });
    expect(result.spec.template.spec.expireAfter).toBe('Never');
    expect(notes.join('\n')).toMatch(/720h/);
  });

  it('moves labels, taints, limits, weight and the provider reference', () => {
    const { result } = convertProvisioner(
      prov({
        labels: { team: 'a' },
        taints: [{ key: 'gpu', effect: 'NoSchedule' }],
        limits: { resources: { cpu: '100' } },
        weight: 7,
        ttlSecondsUntilExpired: 3600,
        providerRef: { name: 'nodes' },
      }),
    );
    expect(result.spec).toMatchObject({
      template: {
        metadata: { labels: { team: 'a' } },
        spec: {
          taints: [{ key: 'gpu', effect: 'NoSchedule' }],
          nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'nodes' },
          expireAfter: '3600s',
        },
      },
      limits: { cpu: '100' },
      weight: 7,
    });
  });

  it('turns an AWSNodeTemplate into an EC2NodeClass with an AMI alias and selector terms', () => {
    const t = {
      apiVersion: 'karpenter.k8s.aws/v1alpha1',
      kind: 'AWSNodeTemplate',
      metadata: { name: 'default' },
      spec: {
        amiFamily: 'Bottlerocket',
        subnetSelector: { 'aws-ids': 'subnet-1, subnet-2' },
        securityGroupSelector: { 'karpenter.sh/discovery': 'demo' },
        instanceProfile: 'NodeProfile',
      },
    } as AWSNodeTemplate;
    expect(convertAWSNodeTemplate(t, { maxPods: 20 }).result.spec).toEqual({
      amiSelectorTerms: [{ alias: 'bottlerocket@latest' }],
      subnetSelectorTerms: [{ id: 'subnet-1' }, { id: 'subnet-2' }],
      securityGroupSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'demo' } }],
      instanceProfile: 'NodeProfile',
      kubelet: { maxPods: 20 },
    });
  });
});

describe('v1beta1 → v1 conversion', () => {
  const np = {
    apiVersion: 'karpenter.sh/v1beta1',
    kind: 'NodePool',
    metadata: { name: 'default' },
    spec: {
      template: {
        spec: {
          nodeClassRef: {
            apiVersion: 'karpenter.k8s.aws/v1beta1',
            kind: 'EC2NodeClass',
            name: 'default',
          },
          requirements: [],
          kubelet: { maxPods: 10 },
        },
      },
      disruption: { consolidationPolicy: 'WhenUnderutilized', expireAfter: '24h' },
    },
  } as unknown as NodePool;

  it('renames WhenUnderutilized, moves expireAfter into the template and kubelet out of the pool', () => {
    const { result, notes } = convertNodePoolV1beta1(np);
    expect(result.spec.disruption).toEqual({
      consolidationPolicy: 'WhenEmptyOrUnderutilized',
      consolidateAfter: '0s',
    });
    expect(result.spec.template.spec).toEqual({
      requirements: [],
      nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' },
      expireAfter: '24h',
    });
    expect(notes.some((n) => /kubelet moved to EC2NodeClass "default"/.test(n))).toBe(true);
  });

  it('gives a v1beta1 EC2NodeClass an alias for its amiFamily', () => {
    const nc = {
      apiVersion: 'karpenter.k8s.aws/v1beta1',
      kind: 'EC2NodeClass',
      metadata: { name: 'default' },
      spec: {
        amiFamily: 'AL2023',
        role: 'R',
        subnetSelectorTerms: [{ id: 'subnet-1' }],
        securityGroupSelectorTerms: [{ id: 'sg-1' }],
      },
    } as never;
    expect(convertEC2NodeClassV1beta1(nc).result.spec).toMatchObject({
      amiSelectorTerms: [{ alias: 'al2023@latest' }],
      role: 'R',
    });
    expect(convertEC2NodeClassV1beta1(nc).result.spec).not.toHaveProperty('amiFamily');
  });
});

describe('convertWorkspace', () => {
  const template = {
    apiVersion: 'karpenter.k8s.aws/v1alpha1',
    kind: 'AWSNodeTemplate',
    metadata: { name: 'default' },
    spec: {
      subnetSelector: { 'karpenter.sh/discovery': 'demo' },
      securityGroupSelector: { 'karpenter.sh/discovery': 'demo' },
    },
  };
  const old = `# keep this comment\n${yamlDocs(scenario({ version: 'v0.31' }), provisioner({ kubeletConfiguration: { maxPods: 20 }, ttlSecondsAfterEmpty: 30 }), template, deployment())}`;

  it('produces a workspace that a v1 cluster accepts', () => {
    const { text, converted } = convertWorkspace(old);
    expect(converted).toBe(2);
    const w = parseWorkspace(text);
    expect(w.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(w.objects.map((o) => `${o.object.apiVersion} ${o.object.kind}`)).toEqual([
      'karpenter.sh/v1 NodePool',
      'karpenter.k8s.aws/v1 EC2NodeClass',
      'apps/v1 Deployment',
    ]);
  });

  it('moves the Provisioner kubelet settings onto the converted node class', () => {
    const w = parseWorkspace(convertWorkspace(old).text);
    expect(w.objects[1]?.object).toMatchObject({ spec: { kubelet: { maxPods: 20 } } });
  });

  it('leaves unrelated documents and comments untouched', () => {
    const { text } = convertWorkspace(old);
    expect(text.startsWith('# keep this comment\n')).toBe(true);
    expect(text.endsWith(yamlDocs(deployment()))).toBe(true);
  });

  // The seed lab's Provisioner names an AWSNodeTemplate the workspace never had (v0.31 runs
  // without one); its v1 NodePool names an EC2NodeClass, which the conversion adds.
  it('adds the EC2NodeClass a converted Provisioner names when the workspace has none', () => {
    const bare = yamlDocs(scenario({ version: 'v0.31' }), provisioner({}), deployment());
    const { text, notes } = convertWorkspace(bare);
    const w = parseWorkspace(text);
    expect(w.diagnostics).toEqual([]);
    expect(w.objects.map((o) => `${o.object.kind}/${o.object.metadata.name ?? ''}`)).toEqual([
      'NodePool/default',
      'Deployment/inflate',
      'EC2NodeClass/default',
    ]);
    expect(notes.some((n) => n.message.startsWith('EC2NodeClass "default" added at the end'))).toBe(
      true,
    );
    // With the AWSNodeTemplate in the workspace, its conversion is the node class: none added.
    expect(
      parseWorkspace(convertWorkspace(old).text).objects.filter(
        (o) => o.object.kind === 'EC2NodeClass',
      ),
    ).toHaveLength(1);
  });

  it('explains its choices', () => {
    const { notes } = convertWorkspace(old);
    expect(notes.map((n) => `${n.kind}: ${n.message}`)).toContain(
      'Scenario: spec.karpenter.version set to v1 so the converted objects are served',
    );
  });
});
