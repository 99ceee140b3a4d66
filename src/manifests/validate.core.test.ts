import { describe, expect, it } from 'vitest';
import { deployment, errorLines, yamlDocs } from './test-builders.ts';

const lines = (o: Record<string, unknown>) => errorLines(yamlDocs(o));
const C = 'spec.template.spec.containers[0]';

describe('Kubernetes validation that matters to the lab', () => {
  it('requires DNS-1123 names', () => {
    expect(lines(deployment({ name: 'My_App' }))[0]).toMatch(
      /^metadata.name: Invalid value: "My_App": a lowercase RFC 1123 subdomain must consist of/,
    );
  });

  it('requires a name', () => {
    const d = deployment();
    d.metadata = {};
    expect(lines(d)).toEqual(['metadata.name: Required value: name or generateName is required']);
  });

  it('requires the selector to match the template labels', () => {
    expect(
      lines(deployment({ selector: { matchLabels: { app: 'web' } }, labels: { app: 'api' } })),
    ).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"api"}: `selector` does not match template `labels`',
    ]);
  });

  it('matches selectors with expressions', () => {
    expect(
      lines(
        deployment({
          selector: {
            matchExpressions: [
              { key: 'app', operator: 'In', values: ['inflate', 'web'] },
              { key: 'legacy', operator: 'DoesNotExist' },
            ],
          },
        }),
      ),
    ).toEqual([]);
  });

  it('rejects an empty selector', () => {
    expect(lines(deployment({ selector: {} }))[0]).toMatch(
      /^spec.selector: Invalid value: .*empty selector is invalid for deployment$/,
    );
  });

  it('rejects negative replicas', () => {
    expect(lines(deployment({ replicas: -1 }))).toEqual([
      'spec.replicas: Invalid value: -1: should be greater than or equal to 0',
    ]);
  });

  it('rejects malformed quantities with the API server message', () => {
    expect(
      lines(deployment({ container: { resources: { requests: { cpu: '1 core' } } } })),
    ).toEqual([
      `${C}.resources.requests.cpu: Invalid value: "1 core": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    ]);
  });

  it('accepts numbers and suffixed quantities', () => {
    expect(
      lines(
        deployment({
          container: {
            resources: {
              requests: { cpu: 0.5, memory: '512Mi', 'nvidia.com/gpu': 1 },
              limits: { memory: '1Gi', 'nvidia.com/gpu': 1 },
            },
          },
        }),
      ),
    ).toEqual([]);
  });

  it('rejects negative requests', () => {
    expect(lines(deployment({ container: { resources: { requests: { cpu: '-500m' } } } }))).toEqual(
      [`${C}.resources.requests.cpu: Invalid value: "-500m": must be greater than or equal to 0`],
    );
  });

  it('requires requests to be at most limits', () => {
    expect(
      lines(
        deployment({
          container: { resources: { requests: { memory: '2Gi' }, limits: { memory: '1Gi' } } },
        }),
      ),
    ).toEqual([
      `${C}.resources.requests.memory: Invalid value: "2Gi": must be less than or equal to memory limit of 1Gi`,
    ]);
  });

  it('rejects an unknown toleration effect and operator', () => {
    expect(
      lines(
        deployment({
          podSpec: { tolerations: [{ key: 'a', operator: 'Equals', effect: 'NoScheduled' }] },
        }),
      ),
    ).toEqual([
      'spec.template.spec.tolerations[0].operator: Unsupported value: "Equals": supported values: "Exists", "Equal"',
      'spec.template.spec.tolerations[0].effect: Unsupported value: "NoScheduled": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    ]);
  });

  it('applies the toleration consistency rules', () => {
    expect(
      lines(
        deployment({
          podSpec: {
            tolerations: [
              { operator: 'Equal', value: 'x' },
              { key: 'k', effect: 'NoSchedule', tolerationSeconds: 30 },
            ],
          },
        }),
      ),
    ).toEqual([
      'spec.template.spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
      'spec.template.spec.tolerations[1].effect: Invalid value: "NoSchedule": effect must be \'NoExecute\' when `tolerationSeconds` is set',
    ]);
  });

  it('rejects a node taint with an unknown effect', () => {
    expect(
      errorLines(
        yamlDocs({
          apiVersion: 'v1',
          kind: 'Node',
          metadata: { name: 'n1' },
          spec: { taints: [{ key: 'a', effect: 'Never' }] },
        }),
      ),
    ).toEqual([
      'spec.taints[0].effect: Unsupported value: "Never": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    ]);
  });

  it('checks node affinity operators and their values', () => {
    const affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            {
              matchExpressions: [
                { key: 'kubernetes.io/arch', operator: 'In' },
                { key: 'x', operator: 'Gte', values: ['1'] },
              ],
            },
          ],
        },
      },
    };
    expect(lines(deployment({ podSpec: { affinity } })).sort()).toEqual(
      [
        'spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[1].operator: Unsupported value: "Gte": supported values: "In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"',
        "spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      ].sort(),
    );
  });

  it('checks topology spread constraints', () => {
    expect(
      lines(
        deployment({
          podSpec: {
            topologySpreadConstraints: [
              {
                maxSkew: 0,
                topologyKey: 'topology.kubernetes.io/zone',
                whenUnsatisfiable: 'DoNotSchedule',
              },
            ],
          },
        }),
      ),
    ).toEqual([
      'spec.template.spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: should be greater than or equal to 1',
    ]);
  });

  it('tells the learner to quote a number used as a label value', () => {
    expect(lines(deployment({ labels: { app: 'inflate', version: 1.3 } }))).toEqual([
      'spec.template.metadata.labels.version: Invalid value: "number": must be of type string (YAML read 1.3 as a number; quote it: "1.3")',
    ]);
  });

  it('offers a duration with its unit for a bare number where a duration goes', () => {
    const text =
      'apiVersion: lab.karpenter.playground/v1alpha1\nkind: Scenario\nmetadata: { name: s }\n' +
      'spec:\n  actions:\n    - { at: 40, run: kubectl cordon n }\n';
    expect(errorLines(text)).toEqual([
      'spec.actions[0].at: Invalid value: "integer": must be of type string (YAML read 40 as a number; quote it: "40s")',
    ]);
  });

  it('rejects invalid label keys', () => {
    expect(lines(deployment({ labels: { app: 'inflate', 'bad key': 'x' } }))[0]).toMatch(
      /^spec.template.metadata.labels\[bad key\]: Invalid value: "bad key": name part must consist of/,
    );
  });

  it('does not allow both minAvailable and maxUnavailable on a PDB', () => {
    expect(
      errorLines(
        yamlDocs({
          apiVersion: 'policy/v1',
          kind: 'PodDisruptionBudget',
          metadata: { name: 'p' },
          spec: { minAvailable: 1, maxUnavailable: '50%', selector: { matchLabels: { app: 'x' } } },
        }),
      ),
    ).toEqual(['spec: Invalid value: minAvailable and maxUnavailable cannot be both set']);
  });

  it('accepts fields the lab ignores without warnings', () => {
    const text = yamlDocs(
      deployment({
        podSpec: { restartPolicy: 'Always', serviceAccountName: 'x' },
        container: { env: [{ name: 'A', value: 'b' }], imagePullPolicy: 'Always' },
      }),
    );
    expect(errorLines(text)).toEqual([]);
  });
});
