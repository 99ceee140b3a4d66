// RuntimeClass (node.k8s.io/v1) end to end through the CLI's JSON: the admission controller's
// effects (overhead, nodeSelector, tolerations, rejection) as Karpenter and kube-scheduler see them.
// The upstream case is the fixture scheduling/runtime-class-overhead-counts-in-requests.yaml.
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, parseWorkspace, workspaceSchema } from '../manifests/index.ts';
import { simulateText } from './harness.ts';

const pool = (name: string, extra = ''): string => `apiVersion: karpenter.sh/v1
kind: NodePool
metadata: { name: ${name} }
spec:
  template:${extra}
    spec:
      nodeClassRef: { group: karpenter.k8s.aws, kind: EC2NodeClass, name: default }
      requirements: [{ key: karpenter.sh/capacity-type, operator: In, values: [on-demand] }]
`;
const web = (spec: string, cpu = '1'): string => `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      ${spec}
      containers: [{ name: c, image: pause, resources: { requests: { cpu: '${cpu}' } } }]
`;
const scenario = `apiVersion: lab.karpenter.playground/v1alpha1
kind: Scenario
metadata: { name: rc }
spec:
  karpenter: { timings: { jitter: '0' } }
  instanceTypes:
    - { name: two, cpu: 2, memory: 4Gi, pods: 10 }
    - { name: eight, cpu: 8, memory: 16Gi, pods: 10 }
`;
const docs = (...d: string[]): string => d.join('---\n');
/** A RuntimeClass document: its name, handler and the rest of its fields as YAML lines. */
const runtimeClass = (name: string, handler: string, fields: string): string =>
  `apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata: { name: ${name} }\nhandler: ${handler}\n${fields}\n`;

describe('RuntimeClass', { timeout: 60_000 }, () => {
  it("adds overhead.podFixed to the pod's requests for Karpenter's choice of type", () => {
    const rc = runtimeClass('kata', 'kata', `overhead: { podFixed: { cpu: 1500m } }`);
    const without = simulateText(docs(scenario, pool('default'), web('runtimeClassName: kata')));
    expect(without.pods[0]?.reason).toMatch(/RuntimeClass "kata" not found/);
    expect(without.nodes).toHaveLength(0);
    const j = simulateText(docs(scenario, pool('default'), web('runtimeClassName: kata'), rc));
    expect(j.nodes.map((n) => n.instanceType)).toEqual(['eight']);
    expect(j.pods[0]?.phase).toBe('Running');
  });

  it('counts the overhead when kube-scheduler fits the pod on an existing node', () => {
    const rc = runtimeClass('kata', 'kata', `overhead: { podFixed: { cpu: '3' } }`);
    const node = `apiVersion: v1
kind: Node
metadata: { name: existing, labels: { node.kubernetes.io/instance-type: eight, topology.kubernetes.io/zone: test-zone-1 } }
status: { allocatable: { cpu: '4', memory: 16Gi, pods: '10' } }
`;
    const plain = simulateText(
      docs(scenario, pool('default'), node, web('schedulerName: default-scheduler', '2')),
    );
    expect(plain.pods[0]?.nodeName).toBe('existing');
    const heavy = simulateText(
      docs(scenario, pool('default'), node, web('runtimeClassName: kata', '2'), rc),
    );
    expect(heavy.pods[0]?.nodeName).not.toBe('existing');
    expect(heavy.nodes.filter((n) => n.state !== 'terminated')).toHaveLength(2);
  });

  it("applies scheduling.nodeSelector and tolerations: the pod goes to the sandbox pool's tainted nodes", () => {
    const rc = runtimeClass(
      'gvisor',
      'runsc',
      `scheduling:
  nodeSelector: { sandbox: gvisor }
  tolerations: [{ key: sandbox, operator: Exists, effect: NoSchedule }]`,
    );
    const sandbox = pool('sandbox', '\n    metadata: { labels: { sandbox: gvisor } }').replace(
      'requirements:',
      'taints: [{ key: sandbox, value: gvisor, effect: NoSchedule }]\n      requirements:',
    );
    const j = simulateText(
      docs(scenario, pool('general'), sandbox, web('runtimeClassName: gvisor'), rc),
    );
    expect(j.nodes.map((n) => n.nodePool)).toEqual(['sandbox']);
    expect(j.nodes[0]?.labels.sandbox).toBe('gvisor');
    expect(j.pods[0]?.phase).toBe('Running');
  });

  it("rejects a pod whose nodeSelector conflicts with the class's, with the API server's words", () => {
    const rc = runtimeClass('gvisor', 'runsc', `scheduling: { nodeSelector: { sandbox: gvisor } }`);
    const j = simulateText(
      docs(
        scenario,
        pool('default'),
        web('runtimeClassName: gvisor\n      nodeSelector: { sandbox: none }'),
        rc,
      ),
    );
    expect(j.pods[0]?.reason).toMatch(
      /conflict: runtimeClass.scheduling.nodeSelector\[sandbox\] = gvisor; pod.spec.nodeSelector\[sandbox\] = none/,
    );
    expect(j.nodes).toHaveLength(0);
  });

  it('gives located errors for a malformed RuntimeClass', () => {
    const ws = parseWorkspace(
      `apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata: { name: bad }
handler: Not_A_Label
overhead: { podFixed: { cpu: lots } }
`,
      { file: 'rc.yaml' },
    );
    const errors = ws.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
    expect(errors).toEqual([
      expect.stringMatching(/^rc\.yaml:4:10: handler: .*Not_A_Label/),
      expect.stringMatching(/^rc\.yaml:5:\d+: overhead\.podFixed\.cpu: .*lots/),
    ]);
    const missing = parseWorkspace(
      'apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata: { name: x }\n',
      {
        file: 'rc.yaml',
      },
    );
    expect(missing.diagnostics.map(formatDiagnostic).join('\n')).toMatch(/handler: Required value/);
  });

  it('is in the editor schema (completion for handler, overhead and scheduling)', () => {
    const defs = workspaceSchema().definitions as Record<
      string,
      { properties?: object; required?: string[] }
    >;
    const rc = defs['RuntimeClass.node.k8s.io.v1'];
    expect(Object.keys(rc?.properties ?? {})).toEqual(
      expect.arrayContaining(['handler', 'overhead', 'scheduling']),
    );
    expect(rc?.required).toContain('handler');
  });
});
