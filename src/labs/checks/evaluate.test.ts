// The checks on small, fully known runs: a two-type catalog from the Scenario, one NodePool.
import { describe, expect, it } from 'vitest';
import type { Timeline } from '../../sim/engine/index.ts';
import { simulateWorkspace } from '../../worker/run.ts';
import { runChecks } from './evaluate.ts';
import { parseChecks } from './parse.ts';

/** A Scenario instance type with one on-demand and one (half-price) spot offering in zone-a. */
function instanceType(name: string, cpu: number, price: number): string[] {
  return [
    `    - name: ${name}`,
    `      cpu: "${cpu}"`,
    `      memory: ${cpu * 2}Gi`,
    '      pods: 40',
    '      arch: amd64',
    '      offerings:',
    `        - {zone: zone-a, capacityType: on-demand, price: ${price}}`,
    `        - {zone: zone-a, capacityType: spot, price: ${price / 2}}`,
  ];
}

function workspace(opts: {
  replicas: number;
  capacityTypes?: string[];
  actions?: string[];
}): string {
  return [
    'apiVersion: lab.karpenter.playground/v1alpha1',
    'kind: Scenario',
    'metadata: {name: t}',
    'spec:',
    '  zones: [zone-a]',
    '  until: 10m',
    '  instanceTypes:',
    ...instanceType('small', 2, 0.1),
    ...instanceType('large', 8, 0.4),
    ...(opts.actions ? ['  actions:', ...opts.actions.map((a) => `    - ${a}`)] : []),
    '---',
    'apiVersion: karpenter.sh/v1',
    'kind: NodePool',
    'metadata: {name: default}',
    'spec:',
    '  template:',
    '    spec:',
    '      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}',
    '      requirements:',
    `        - {key: karpenter.sh/capacity-type, operator: In, values: [${(opts.capacityTypes ?? ['on-demand']).join(', ')}]}`,
    '---',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: web}',
    'spec:',
    `  replicas: ${opts.replicas}`,
    '  selector: {matchLabels: {app: web}}',
    '  template:',
    '    metadata: {labels: {app: web}}',
    '    spec:',
    '      containers:',
    '        - {name: web, image: nginx, resources: {requests: {cpu: 500m}}}',
    '',
  ].join('\n');
}

function run(text: string): Timeline {
  const { result, session } = simulateWorkspace(text, { file: 't.yaml', seed: 1 });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return session.timeline;
}

function check(timeline: Timeline, yaml: string) {
  const { checks, errors } = parseChecks(yaml);
  expect(errors).toEqual([]);
  const [r] = runChecks(timeline, checks);
  if (!r) throw new Error('no result');
  return r;
}

describe('runChecks', () => {
  const onDemand = run(workspace({ replicas: 2 }));

  it('podsRunning counts the Running pods of the selector', () => {
    expect(check(onDemand, '- podsRunning: {selector: app=web, count: 2}')).toMatchObject({
      pass: true,
      message: '2 of 2 pods Running at the end of the run',
    });
    expect(check(onDemand, '- podsRunning: {selector: app=web, count: 2, at: 5s}')).toMatchObject({
      pass: false,
      message: expect.stringMatching(
        /^0 pods Running at 5s, expected 2 \(2 pods match app=web\); default\/web-\S+ is Pending: Nominated to nodeclaim\//,
      ),
    });
  });

  it('allNodes says how many nodes are wrong and which requirement allows them', () => {
    const both = run(workspace({ replicas: 2, capacityTypes: ['on-demand', 'spot'] }));
    expect(check(both, '- allNodes: {capacityType: spot}').pass).toBe(true);
    expect(check(onDemand, '- allNodes: {capacityType: spot}')).toEqual({
      label: 'every node launched is spot',
      pass: false,
      message:
        '1 of 1 nodes are on-demand: karpenter.sh/capacity-type of NodePool "default" still allows on-demand',
    });
  });

  it('cheapestFittingInstance accepts the cheapest type that fits and shows the choice', () => {
    expect(check(onDemand, '- cheapestFittingInstance: {}')).toMatchObject({
      pass: true,
      message: expect.stringMatching(
        /: 2 pod\(s\) needing 1000m cpu → small on-demand at \$0\.1000\/h, the cheapest of 2 fitting options/,
      ),
    });
  });

  it('cheapestFittingInstance fails when a cheaper fitting type of the same capacity type was passed over', () => {
    // The same run, with the launch record swapped for a dearer choice than its runner-up.
    const claims = new Map(
      [...onDemand.final.nodeClaims].map(([k, c]) => [
        k,
        c.launch
          ? {
              ...c,
              launch: {
                ...c.launch,
                instanceType: 'large',
                price: 0.4,
                runnerUp: {
                  instanceType: 'small',
                  zone: 'zone-a',
                  capacityType: 'on-demand',
                  price: 0.1,
                  whyLost: 'seeded draw',
                },
              },
            }
          : c,
      ]),
    );
    const doctored: Timeline = { ...onDemand, final: { ...onDemand.final, nodeClaims: claims } };
    expect(check(doctored, '- cheapestFittingInstance: {}')).toMatchObject({
      pass: false,
      message: expect.stringMatching(
        /launched large at \$0\.4000\/h although small at \$0\.1000\/h also fits 2 pod\(s\)/,
      ),
    });
  });

  it('nodeCount, costPerHour and event read the state and the events', () => {
    expect(check(onDemand, '- nodeCount: {max: 0}')).toMatchObject({
      pass: false,
      message: '1 node(s) at the end of the run (1 × small on-demand), expected 0 to 0',
    });
    expect(check(onDemand, '- costPerHour: {max: 0.05}').message).toBe(
      'the cluster costs $0.1000/h at the end of the run (1 × small on-demand), more than $0.0500/h',
    );
    expect(check(onDemand, '- event: {reason: Nominated, object: web}').pass).toBe(true);
    expect(check(onDemand, '- event: {reason: SpotInterrupted}').message).toBe(
      'no SpotInterrupted event in the run',
    );
  });

  it('nodeTerminated and consolidated see a scale-down consolidate an emptied node', () => {
    const down = run(
      workspace({
        replicas: 6,
        actions: ['{at: 3m, run: kubectl scale deployment web --replicas=1}'],
      }),
    );
    expect(check(down, '- consolidated: {after: 3m}')).toMatchObject({
      pass: true,
      message: expect.stringMatching(/^consolidated: /),
    });
    expect(check(down, '- nodeTerminated: {after: 3m}').pass).toBe(true);
    expect(check(onDemand, '- consolidated: {after: 3m}')).toMatchObject({
      pass: false,
      message: expect.stringMatching(
        /^no consolidation after 3m: 1 × small on-demand at \$0\.1000\/h → 1 × small on-demand at \$0\.1000\/h/,
      ),
    });
  });

  it('a failing check names the first workspace error, the usual cause', () => {
    const { checks } = parseChecks('- noPendingPods: {}');
    const [r] = runChecks(onDemand, [...checks, ...parseChecks('- nodeCount: {max: 0}').checks], {
      diagnostics: [{ severity: 'error', message: 'bad field', line: 3 }],
    }).slice(1);
    expect(r?.message).toMatch(/\(the workspace has an error on line 3: bad field\)$/);
  });
});
