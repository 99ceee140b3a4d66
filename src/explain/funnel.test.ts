import { describe, expect, it } from 'vitest';
import type { NodeClaimRec, PodRec } from '../sim/engine/index.ts';
import type { FunnelStage } from '../sim/scheduling/types.ts';
import { funnelSentence, funnelStages, launchStages, podsText } from './funnel.ts';
import { nodePool } from './testing.ts';

function claim(
  funnel: FunnelStage[],
  instanceTypes: number,
  extra: Partial<NodeClaimRec> = {},
): NodeClaimRec {
  return {
    name: 'default-abcde',
    nodePool: 'default',
    phase: 'Pending',
    createdAt: 1000,
    requirements: [],
    instanceTypes: Array.from({ length: instanceTypes }, (_, i) => `type-${i}`),
    requests: {},
    labels: {},
    taints: [],
    startupTaints: [],
    plannedPods: [],
    funnel,
    ...extra,
  };
}

function pod(key: string, cpu: number): PodRec {
  return {
    key,
    uid: key,
    pod: { apiVersion: 'v1', kind: 'Pod', metadata: { name: key }, spec: { containers: [] } },
    phase: 'Pending',
    createdAt: 0,
    requests: { cpu, pods: 1 },
  };
}

// The EC2 catalog's shape: 1,345 types, most amd64, a few hundred big enough.
const EC2_LIKE: FunnelStage[] = [
  { stage: 'catalog', count: 1345 },
  { stage: 'requirements', count: 949 },
  { stage: 'fits', count: 700 },
  { stage: 'limits', count: 700 },
  { stage: 'offerings', count: 650 },
];

describe('funnel', () => {
  it('writes thousands with separators and groups pods by request', () => {
    const stages = funnelStages({
      claim: claim(EC2_LIKE, 600),
      nodePool: nodePool('default', {
        requirements: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] }],
      }),
      pods: [pod('a', 1000), pod('b', 1000), pod('c', 500)],
      daemonSets: true,
    });
    expect(stages[0]?.sentence).toBe('1,345 instance types in the catalog');
    expect(stages[1]?.sentence).toBe(
      '949 match the requirements of NodePool "default" (kubernetes.io/arch In [amd64]) and of the pods',
    );
    expect(stages[2]?.sentence).toBe(
      '700 fit 2 pods of 1 CPU and 1 pod of 0.5 CPU plus DaemonSets',
    );
  });

  it('names limits.nodes apart: it counts the pool’s nodes, no instance type stays within it', () => {
    const sentence = (limits: Record<string, string>) =>
      funnelStages({
        claim: claim(EC2_LIKE, 600),
        nodePool: nodePool('default', {}, { limits }),
        pods: [],
        daemonSets: false,
      })[3]?.sentence;
    expect(sentence({ cpu: '100', nodes: '2' })).toBe(
      '700 stay within the limits of NodePool "default" (cpu 100); limits.nodes 2 counts the pool\'s nodes, not instance types',
    );
    expect(sentence({ nodes: '2' })).toBe(
      "700 pass limits (only limits.nodes 2 is set: it counts the pool's nodes, not instance types)",
    );
    expect(sentence({})).toBe('700 pass limits (none set)');
  });

  it('adds the truncation Karpenter applies when more types pass than it keeps', () => {
    const stages = funnelStages({
      claim: claim(EC2_LIKE, 600),
      nodePool: undefined,
      pods: [],
      daemonSets: false,
    });
    expect(stages.at(-1)).toMatchObject({ stage: 'sent', count: 600 });
    const untruncated = [...EC2_LIKE.slice(0, 4), { stage: 'offerings', count: 40 }];
    const short = funnelStages({
      claim: claim(untruncated, 40),
      nodePool: undefined,
      pods: [],
      daemonSets: false,
    });
    expect(short.map((s) => s.stage)).not.toContain('sent');
  });

  it('ends the sentence where the NodeClaim stands', () => {
    const c = claim(EC2_LIKE, 600, {
      phase: 'Failed',
      error: 'all requested instance types were unavailable during launch',
    });
    const stages = funnelStages({ claim: c, nodePool: undefined, pods: [], daemonSets: false });
    expect(funnelSentence(stages, undefined, c)).toMatch(
      /→ launch failed: all requested instance types were unavailable during launch$/,
    );
  });

  it('turns the cloud provider’s filters into sentences, unknown stages included', () => {
    const views = launchStages([
      { stage: 'instance types', remaining: 600 },
      { stage: 'exotic filter', remaining: 1 },
      { stage: 'truncate to 60 by price', remaining: 60 },
      { stage: 'capacity type spot', remaining: 42 },
      { stage: 'something new', remaining: 3 },
    ]);
    expect(views.map((v) => v.sentence)).toEqual([
      '600 options on the NodeClaim reach the cloud provider',
      '1 remains after dropping metal and GPU/accelerator types (only when ordinary ones exist)',
      '60 kept: at most the 60 cheapest go to CreateFleet',
      '42 offer spot, the capacity type chosen (reserved > spot > on-demand)',
      '3 after something new',
    ]);
  });

  it('says "no pods" for a claim whose pods are gone', () => {
    expect(podsText([])).toBe('no pods');
  });
});
