// The checks on small, fully known runs: a two-type catalog from the Scenario, one NodePool.
import { describe, expect, it } from 'vitest';
import type { Timeline } from '../../sim/engine/index.ts';
import { simulateWorkspace } from '../../pipeline/run.ts';
import { runChecks } from './evaluate.ts';
import { parseChecks } from './parse.ts';

/** A Scenario instance type with one on-demand and one (half-price) spot offering in zone-a. */
function instanceType(name: string, cpu: number, price: number, zones: string[]): string[] {
  return [
    `    - name: ${name}`,
    `      cpu: "${cpu}"`,
    `      memory: ${cpu * 2}Gi`,
    '      pods: 40',
    '      arch: amd64',
    '      offerings:',
    ...zones.flatMap((z) => [
      `        - {zone: ${z}, capacityType: on-demand, price: ${price}}`,
      `        - {zone: ${z}, capacityType: spot, price: ${price / 2}}`,
    ]),
  ];
}

function workspace(opts: {
  replicas: number;
  capacityTypes?: string[];
  actions?: string[];
  zones?: string[];
  /** Adds a zone topologySpreadConstraint (maxSkew 1, DoNotSchedule) to the pods. */
  spread?: boolean;
  /** A disruption budget on the NodePool, e.g. "1". */
  budget?: string;
}): string {
  const zones = opts.zones ?? ['zone-a'];
  return [
    'apiVersion: lab.karpenter.playground/v1alpha1',
    'kind: Scenario',
    'metadata: {name: t}',
    'spec:',
    `  zones: [${zones.join(', ')}]`,
    '  until: 10m',
    '  instanceTypes:',
    ...instanceType('small', 2, 0.1, zones),
    ...instanceType('large', 8, 0.4, zones),
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
    ...(opts.budget ? ['  disruption:', `    budgets: [{nodes: "${opts.budget}"}]`] : []),
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
    ...(opts.spread
      ? [
          '      topologySpreadConstraints:',
          '        - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}',
        ]
      : []),
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
      message: '1 node(s) at the end of the run (1 × small on-demand), expected at most 0',
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

  it('nodeCount and nodesLaunched filter by pool and capacity type', () => {
    expect(
      check(onDemand, '- nodeCount: {nodePool: default, capacityType: on-demand, min: 1}'),
    ).toMatchObject({
      pass: true,
      label: '1+ on-demand node(s) of "default" at the end of the run',
    });
    expect(check(onDemand, '- nodesLaunched: {capacityType: spot, min: 1}')).toMatchObject({
      pass: false,
      message: '0 spot node(s) launched in the run, expected at least 1',
    });
    expect(check(onDemand, '- nodesLaunched: {nodePool: other, max: 0}').pass).toBe(true);
  });

  it('podsSpread measures the skew over zones, and fails without a spread constraint', () => {
    const zones = ['zone-a', 'zone-b', 'zone-c'];
    const spread = run(workspace({ replicas: 6, zones, spread: true }));
    expect(
      check(spread, '- podsSpread: {selector: app=web, maxSkew: 1, minDomains: 3}'),
    ).toMatchObject({
      pass: true,
      message: expect.stringMatching(/^6 pod\(s\) app=web over 3 .*: skew [01]$/),
    });
    const packed = run(workspace({ replicas: 6, zones }));
    expect(check(packed, '- podsSpread: {selector: app=web, minDomains: 3}')).toMatchObject({
      pass: false,
      message: expect.stringMatching(
        /over 1 topology.kubernetes.io\/zone domain\(s\).*expected at least 3 domains$/,
      ),
    });
  });

  it('nodeDisrupted and disruptionsAtOnce read the disruption events', () => {
    const down = (budget?: string) =>
      run(
        workspace({
          // Three batches, three nodes; then all of them empty at once.
          replicas: 3,
          actions: [
            '{at: 1m, run: kubectl scale deployment web --replicas=6}',
            '{at: 2m, run: kubectl scale deployment web --replicas=9}',
            '{at: 3m, run: kubectl scale deployment web --replicas=0}',
          ],
          ...(budget ? { budget } : {}),
        }),
      );
    // The default budget (10% of 3 nodes, rounded up) would allow one at a time too.
    const free = down('100%');
    const one = down('1');
    expect(check(free, '- nodeDisrupted: {reason: Empty, after: 3m, min: 2}').pass).toBe(true);
    expect(check(free, '- nodeDisrupted: {reason: Drifted}')).toMatchObject({
      pass: false,
      message: expect.stringMatching(
        /^0 node\(s\) disrupted as Drifted, expected at least 1 \(disruptions seen: Empty(; Karpenter says: .*)?\)$/,
      ),
    });
    expect(check(free, '- disruptionsAtOnce: {max: 1}')).toMatchObject({
      pass: false,
      message: expect.stringMatching(
        /node\(s\) disrupted; at most [2-9] at once .*expected at most 1 at a time$/,
      ),
    });
    expect(check(one, '- disruptionsAtOnce: {max: 1, min: 1}').pass).toBe(true);
  });

  it('poolServed does not count a NodePool whose EC2NodeClass is missing (a real cluster would not serve it)', () => {
    // The simulator serves it anyway (a named simplification), so the pods run either way.
    expect(check(onDemand, '- poolServed: {name: default}')).toMatchObject({
      pass: false,
      message: expect.stringContaining(
        'NodePool "default" names EC2NodeClass "default", which is not in the workspace',
      ),
    });
    const nodeClass = [
      '---',
      'apiVersion: karpenter.k8s.aws/v1',
      'kind: EC2NodeClass',
      'metadata: {name: default}',
      'spec:',
      '  role: KarpenterNodeRole',
      '  amiSelectorTerms: [{alias: al2023@latest}]',
      '  subnetSelectorTerms: [{tags: {karpenter.sh/discovery: demo}}]',
      '  securityGroupSelectorTerms: [{tags: {karpenter.sh/discovery: demo}}]',
      '',
    ].join('\n');
    const withClass = run(workspace({ replicas: 2 }) + nodeClass);
    expect(check(withClass, '- poolServed: {name: default}')).toMatchObject({
      pass: true,
      message: 'Karpenter serves NodePool "default" (v1 semantics)',
    });
  });

  it('workspaceValid reports the first error with its line', () => {
    const [r] = runChecks(onDemand, parseChecks('- workspaceValid: {}').checks, {
      diagnostics: [{ severity: 'error', message: 'no matches for kind', line: 7 }],
    });
    expect(r?.message).toMatch(
      /^the workspace has 1 error\(s\); the first, on line 7: no matches for kind/,
    );
    expect(runChecks(onDemand, parseChecks('- workspaceValid: {}').checks)[0]?.pass).toBe(true);
  });

  it('minPodsRunning finds the lowest moment of the window; event honours before', () => {
    expect(
      check(onDemand, '- minPodsRunning: {selector: app=web, min: 2, after: 2m}'),
    ).toMatchObject({
      pass: true,
      message: 'at least 2 pod(s) app=web Running throughout 2m–10m (never fewer)',
    });
    expect(check(onDemand, '- minPodsRunning: {selector: app=web, min: 1}')).toMatchObject({
      pass: false,
      message: 'only 0 pod(s) app=web were Running at 0s, expected at least 1 throughout 0s–10m',
    });
    expect(check(onDemand, '- event: {reason: Nominated, before: 0s}').message).toBe(
      'no Nominated event before 0s in the run',
    );
  });
});
