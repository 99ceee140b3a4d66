import { describe, expect, it } from 'vitest';
import { errorLines, nodePool, yamlDocs } from './test-builders.ts';

const req = (key: string, operator: string, values?: string[], minValues?: number) => ({
  key,
  operator,
  ...(values ? { values } : {}),
  ...(minValues !== undefined ? { minValues } : {}),
});
const lines = (np: Record<string, unknown>, karpenterVersion?: string) =>
  errorLines(yamlDocs(np), karpenterVersion ? { karpenterVersion } : {});
const R = 'spec.template.spec.requirements';

describe('NodePool v1 validation (CRD OpenAPI + CEL)', () => {
  it('accepts a typical NodePool', () => {
    expect(
      lines(
        nodePool({
          requirements: [
            req('karpenter.k8s.aws/instance-category', 'In', ['c', 'm', 'r'], 2),
            req('karpenter.k8s.aws/instance-generation', 'Gt', ['2']),
          ],
          weight: 10,
          disruption: {
            consolidationPolicy: 'WhenEmpty',
            consolidateAfter: '1h30m',
            budgets: [
              { nodes: '10%' },
              { nodes: '0', schedule: '0 9 * * mon-fri', duration: '8h' },
            ],
          },
        }),
      ),
    ).toEqual([]);
  });

  it.each([
    ['karpenter.sh/foo', 'label domain "karpenter.sh" is restricted'],
    ['team.karpenter.sh/x', 'label domain "karpenter.sh" is restricted'],
    ['karpenter.sh/nodepool', 'label "karpenter.sh/nodepool" is restricted'],
    ['kubernetes.io/hostname', 'label "kubernetes.io/hostname" is restricted'],
    ['karpenter.k8s.aws/instance-pods', 'label domain "karpenter.k8s.aws" is restricted'],
  ])('restricts the requirement key %s', (key, message) => {
    expect(lines(nodePool({ requirements: [req(key, 'Exists')] }))).toEqual([
      `${R}[0].key: ${message}`,
    ]);
  });

  it('allows well-known and custom keys', () => {
    expect(
      lines(
        nodePool({
          requirements: [
            req('karpenter.sh/capacity-type', 'In', ['spot']),
            req('karpenter.k8s.aws/instance-family', 'NotIn', ['t3']),
            req('example.com/team', 'Exists'),
            req('node.kubernetes.io/instance-type', 'In', ['m5.large']),
          ],
        }),
      ),
    ).toEqual([]);
  });

  it('rejects an unsupported operator, listing the supported ones', () => {
    expect(
      lines(nodePool({ requirements: [req('kubernetes.io/arch', 'Equals', ['amd64'])] })),
    ).toEqual([
      `${R}[0].operator: Unsupported value: "Equals": supported values: "In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt", "Gte", "Lte"`,
    ]);
  });

  it('accepts Gte/Lte only from v1.9', () => {
    const np = nodePool({ requirements: [req('karpenter.k8s.aws/instance-cpu', 'Gte', ['4'])] });
    expect(lines(np, 'v1.9')).toEqual([]);
    expect(lines(np, 'v1.8')[0]).toMatch(
      /^spec.template.spec.requirements\[0\].operator: Unsupported value: "Gte"/,
    );
  });

  it("requires a value for operator 'In'", () => {
    expect(lines(nodePool({ requirements: [req('kubernetes.io/arch', 'In', [])] }))).toEqual([
      `${R}[0]: requirements with operator 'In' must have a value defined`,
    ]);
  });

  it.each([[['a']], [['1', '2']], [['1.5']]])(
    'requires a single non-negative integer for Gt (values %j)',
    (values) => {
      expect(
        lines(
          nodePool({ requirements: [req('karpenter.k8s.aws/instance-generation', 'Gt', values)] }),
        ),
      ).toEqual([
        `${R}[0]: requirements operator 'Gt', 'Lt', 'Gte', or 'Lte' must have a single positive integer value`,
      ]);
    },
  );

  it('checks minValues against its range and the number of values', () => {
    expect(
      lines(
        nodePool({ requirements: [req('node.kubernetes.io/instance-type', 'In', ['a', 'b'], 3)] }),
      ),
    ).toEqual([
      `${R}[0]: requirements with 'minValues' must have at least that many values specified in the 'values' field`,
    ]);
    expect(
      lines(
        nodePool({
          requirements: [req('node.kubernetes.io/instance-type', 'Exists', undefined, 51)],
        }),
      ),
    ).toEqual([`${R}[0].minValues: Invalid value: 51: should be less than or equal to 50`]);
  });

  it('rejects a value that is not a valid label value', () => {
    expect(
      lines(nodePool({ requirements: [req('example.com/x', 'In', ['not valid!'])] }))[0],
    ).toMatch(
      /^spec.template.spec.requirements\[0\].values\[0\]: Invalid value: "not valid!": should match/,
    );
  });

  it('caps requirements at 100 items', () => {
    const many = Array.from({ length: 101 }, (_, i) => req(`example.com/k${i}`, 'Exists'));
    expect(lines(nodePool({ requirements: many }))).toEqual([
      `${R}: Too many: 101: must have at most 100 items`,
    ]);
  });

  it.each([0, 101])('keeps weight within 1–100 (%i)', (weight) => {
    expect(lines(nodePool({ weight }))[0]).toMatch(
      /^spec.weight: Invalid value: \d+: should be (greater|less) than or equal to (1|100)$/,
    );
  });

  it('explains a weight written as a string', () => {
    expect(lines(nodePool({ weight: '10' }))).toEqual([
      'spec.weight: Invalid value: "string": must be of type integer',
    ]);
  });

  it.each(['5 minutes', '1d', '30'])('rejects the duration %j', (consolidateAfter) => {
    expect(lines(nodePool({ disruption: { consolidateAfter } }))[0]).toMatch(
      /^spec.disruption.consolidateAfter: Invalid value: .*a duration such as 30s/,
    );
  });

  it('accepts Never for consolidateAfter and expireAfter', () => {
    expect(
      lines(
        nodePool({ disruption: { consolidateAfter: 'Never' }, template: { expireAfter: 'Never' } }),
      ),
    ).toEqual([]);
  });

  it('checks budget patterns and that schedule comes with duration', () => {
    expect(
      lines(
        nodePool({
          disruption: {
            budgets: [
              { nodes: '101%' },
              { nodes: '1', schedule: '@daily' },
              { nodes: '1', schedule: '@daily', duration: '30s' },
            ],
          },
        }),
      ),
    ).toEqual([
      'spec.disruption.budgets[0].nodes: Invalid value: "101%": should match \'^((100|[0-9]{1,2})%|[0-9]+)$\' (a node count like 2 or a percentage like "10%")',
      'spec.disruption.budgets[2].duration: Invalid value: "30s": should match \'^((([0-9]+(h|m))|([0-9]+h[0-9]+m))(0s)?)$\' (minutes and hours only, like 10m, 8h or 1h30m)',
    ]);
    expect(
      lines(nodePool({ disruption: { budgets: [{ nodes: '1', schedule: '@daily' }] } })),
    ).toEqual(["spec.disruption.budgets[0]: 'schedule' must be set with 'duration'"]);
  });

  it('refuses, where it is written, a schedule the CRD pattern accepts but robfig/cron cannot read', () => {
    const budget = (schedule: string, duration = '1h') =>
      lines(nodePool({ disruption: { budgets: [{ nodes: '0', schedule, duration }] } }));
    expect(budget('61 * * * *')).toEqual([
      'spec.disruption.budgets[0].schedule: Invalid value: "61 * * * *": Karpenter cannot read this schedule (end of range (61) above maximum (59): 61); the CRD pattern lets it through, and the budget would then allow no disruption at all',
    ]);
    expect(budget('0 0 * * 7')[0]).toMatch(/budgets\[0\]\.schedule: .*above maximum \(6\)/);
    expect(budget('@dailyish')[0]).toMatch(/unrecognized descriptor/);
    expect(budget('1 2 3 4 5 6')[0]).toMatch(/expected exactly 5 fields, found 6/);
    expect(budget('0 9 * * */1')).toEqual([]);
    expect(budget('0 0 30 2 *')).toEqual([]); // never fires: valid, and always active (cron.test.ts)
    expect(budget('0 9 * * *', '2562047h')).toEqual([]);
    expect(budget('0 9 * * *', '2562048h')[0]).toMatch(
      /budgets\[0\]\.duration: .*longer than Go's largest duration/,
    );
  });

  it('offers Balanced only from v1.14', () => {
    const np = nodePool({ disruption: { consolidationPolicy: 'Balanced' } });
    expect(lines(np, 'v1.14')).toEqual([]);
    expect(lines(np, 'v1.13')).toEqual([
      'spec.disruption.consolidationPolicy: Unsupported value: "Balanced": supported values: "WhenEmpty", "WhenEmptyOrUnderutilized"',
    ]);
  });

  it('requires every nodeClassRef field, non-empty', () => {
    expect(lines(nodePool({ nodeClassRef: { name: '', kind: 'EC2NodeClass' } }))).toEqual([
      'spec.template.spec.nodeClassRef.group: Required value',
      'spec.template.spec.nodeClassRef.name: name may not be empty',
    ]);
  });

  it('requires requirements and nodeClassRef in the template', () => {
    const np = nodePool();
    delete (np.spec as { template: { spec: Record<string, unknown> } }).template.spec.requirements;
    expect(lines(np)).toEqual(['spec.template.spec.requirements: Required value']);
  });

  it('restricts template labels like requirement keys', () => {
    expect(lines(nodePool({ labels: { 'karpenter.sh/nodepool': 'x', team: 'a' } }))).toEqual([
      'spec.template.metadata.labels[karpenter.sh/nodepool]: label "karpenter.sh/nodepool" is restricted',
    ]);
  });

  it('limits static NodePools to limits.nodes and no weight (v1.8+)', () => {
    expect(
      lines(nodePool({ weight: 5, extra: { replicas: 3, limits: { cpu: '10' } } }), 'v1.8'),
    ).toEqual([
      "spec: only 'limits.nodes' is supported on static NodePools",
      "spec: 'weight' is not supported on static NodePools",
    ]);
  });
});

describe('NodePool v1beta1 validation', () => {
  const v1beta1 = (disruption: Record<string, unknown>) =>
    nodePool({ apiVersion: 'karpenter.sh/v1beta1', nodeClassRef: { name: 'default' }, disruption });

  it('requires consolidateAfter with WhenEmpty and forbids it with WhenUnderutilized', () => {
    expect(lines(v1beta1({ consolidationPolicy: 'WhenEmpty' }), 'v0.37')).toEqual([
      'spec.disruption: consolidateAfter must be specified with consolidationPolicy=WhenEmpty',
    ]);
    expect(lines(v1beta1({ consolidateAfter: '30s' }), 'v0.37')).toEqual([
      'spec.disruption: consolidateAfter cannot be combined with consolidationPolicy=WhenUnderutilized',
    ]);
  });

  it('also restricts the kubernetes.io and k8s.io domains', () => {
    const np = {
      ...v1beta1({}),
      spec: {
        ...(v1beta1({}).spec as object),
        template: {
          spec: { nodeClassRef: { name: 'x' }, requirements: [req('example.k8s.io/x', 'Exists')] },
        },
      },
    };
    expect(lines(np, 'v0.37')).toEqual([`${R}[0].key: label domain "k8s.io" is restricted`]);
  });
});
