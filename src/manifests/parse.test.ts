import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostic.ts';
import { engineObjects } from './heldBack.ts';
import { parseWorkspace } from './parse.ts';
import {
  deployment,
  errorLines,
  errors,
  nodePool,
  provisioner,
  scenario,
  yamlDocs,
} from './test-builders.ts';

/** A minimal valid EC2NodeClass named "default", the name nodePool() refers to. */
const nodeClass = () => ({
  apiVersion: 'karpenter.k8s.aws/v1',
  kind: 'EC2NodeClass',
  metadata: { name: 'default' },
  spec: {
    role: 'KarpenterNodeRole',
    amiSelectorTerms: [{ alias: 'al2023@latest' }],
    subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'lab' } }],
    securityGroupSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'lab' } }],
  },
});

describe('parseWorkspace', () => {
  it('turns a multi-document workspace into typed objects, in text order', () => {
    const w = parseWorkspace(yamlDocs(nodePool(), deployment({ replicas: 2 }), nodeClass()));
    expect(w.diagnostics).toEqual([]);
    expect(w.objects.map((o) => [o.object.kind, o.doc])).toEqual([
      ['NodePool', 0],
      ['Deployment', 1],
      ['EC2NodeClass', 2],
    ]);
    expect(w.objects[1]?.object).toMatchObject({ spec: { replicas: 2 } });
  });

  it('warns, at nodeClassRef.name, when the NodePool’s EC2NodeClass is missing', () => {
    const w = parseWorkspace(yamlDocs(nodePool()));
    expect(w.diagnostics).toMatchObject([
      {
        severity: 'warning',
        code: 'reference',
        path: 'spec.template.spec.nodeClassRef.name',
        message: expect.stringMatching(
          /^EC2NodeClass "default" is not in the workspace: on a real cluster without it this NodePool would not be Ready \(NodeClassReady=False\).* The workspace defines no EC2NodeClass, so the simulator assumes the cluster has it and serves the NodePool\.$/,
        ),
      },
    ]);
  });

  it('says a NodePool naming a missing class is not Ready when the workspace defines others (a typo)', () => {
    const cls = {
      apiVersion: 'karpenter.k8s.aws/v1',
      kind: 'EC2NodeClass',
      metadata: { name: 'defualt' },
      spec: {
        role: 'KarpenterNodeRole',
        amiSelectorTerms: [{ alias: 'al2023@latest' }],
        subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'lab' } }],
        securityGroupSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'lab' } }],
      },
    };
    const w = parseWorkspace(yamlDocs(nodePool(), cls));
    expect(w.diagnostics.map((d) => d.message)).toEqual([
      'EC2NodeClass "default" is not in the workspace (it has "defualt"), so this NodePool is not Ready (NodeClassReady=False): Karpenter ignores it and launches nothing from it, and so does the simulator.',
    ]);
  });

  it('gives each object the text range of its document', () => {
    const w = parseWorkspace(yamlDocs(nodePool(), deployment()));
    const second = w.objects[1]?.range;
    expect(second?.line).toBe(w.objects[0]!.range.endLine);
  });

  it('keeps the Scenario apart from the cluster objects', () => {
    const w = parseWorkspace(yamlDocs(scenario({ version: 'v1.14' }), nodePool()));
    expect(w.scenario?.spec.karpenter?.version).toBe('v1.14');
    expect(w.objects.map((o) => o.object.kind)).toEqual(['NodePool']);
    expect(w.karpenter).toMatchObject({ generation: 'v1', minor: 14 });
  });

  it('allows only one Scenario', () => {
    expect(errorLines(yamlDocs(scenario({}), scenario({})))).toEqual([
      'kind: only one Scenario document is allowed (the first is document 1)',
    ]);
  });

  it('reports two objects with the same kind and name', () => {
    expect(errorLines(yamlDocs(nodePool(), nodePool()))).toEqual([
      'metadata.name: NodePool "default" is defined twice (first in document 1)',
    ]);
  });

  it('leaves out documents with errors but keeps the valid ones', () => {
    const w = parseWorkspace(yamlDocs(nodePool({ weight: 0 }), deployment()));
    expect(w.objects.map((o) => o.object.kind)).toEqual(['Deployment']);
  });

  it('locates errors with 1-based line and column and formats them for the CLI', () => {
    const text =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: -1\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c}]}\n';
    const [d] = errors(parseWorkspace(text, { file: 'lab.yaml' }));
    expect(d).toMatchObject({
      line: 5,
      column: 13,
      endLine: 5,
      endColumn: 15,
      path: 'spec.replicas',
    });
    expect(formatDiagnostic(d!)).toBe(
      'lab.yaml:5:13: spec.replicas: Invalid value: -1: should be greater than or equal to 0',
    );
  });

  it('marks a missing field on the key of the object that needs it', () => {
    const text =
      'apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata: {name: a}\nspec:\n  template:\n    spec:\n      requirements: []\n';
    expect(errors(parseWorkspace(text))[0]).toMatchObject({
      path: 'spec.template.spec.nodeClassRef',
      message: 'Required value',
      line: 6,
      column: 5,
      endColumn: 9,
    });
  });

  // The seed lab's original Deployment (extensions/v1beta1 defaulted the selector from the
  // template's labels; apps/v1 requires it): the error says what to write.
  it("says what selector a Deployment without one needs: its template's labels", () => {
    const text =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: inflate }\nspec:\n  replicas: 1\n' +
      '  template:\n    metadata: { labels: { app: inflate } }\n    spec:\n      containers: [{ name: c, image: i }]\n';
    expect(errors(parseWorkspace(text))[0]).toMatchObject({
      path: 'spec.selector',
      message:
        "Required value (apps/v1 needs one: add selector: { matchLabels: { app: inflate } }, matching the pod template's labels)",
      line: 4,
    });
  });

  it('warns about unknown fields like kubectl --validate=warn, and drops them', () => {
    const w = parseWorkspace(yamlDocs(deployment({ podSpec: { nodeSelectr: { a: 'b' } } })));
    expect(w.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(
        /^workspace.yaml:\d+:\d+: warning: spec.template.spec.nodeSelectr: unknown field "spec.template.spec.nodeSelectr"; did you mean "nodeSelector"\?$/,
      ),
    ]);
    expect(w.objects[0]?.object).not.toHaveProperty('spec.template.spec.nodeSelectr');
  });

  it('names the field a typo meant: a Scenario whose `action:` drops every action says so', () => {
    const w = parseWorkspace(
      'apiVersion: lab.karpenter.playground/v1alpha1\nkind: Scenario\nmetadata: {name: s}\nspec:\n  karpenter: {verison: v1.5, Version: v1}\n  action: []\n  untill: 10m\n  bogus: 1\n',
    );
    expect(w.diagnostics.map((d) => d.message)).toEqual([
      'unknown field "spec.karpenter.verison"; did you mean "version"?',
      'unknown field "spec.karpenter.Version"; did you mean "version"?',
      'unknown field "spec.action"; did you mean "actions"?',
      'unknown field "spec.untill"; did you mean "until"?',
      'unknown field "spec.bogus"',
    ]);
  });

  it('says what is missing when apiVersion or kind is absent', () => {
    expect(errorLines('metadata: {name: x}\n')).toEqual([
      ': apiVersion not set, kind not set: every document needs apiVersion and kind (for example apiVersion: karpenter.sh/v1, kind: NodePool)',
    ]);
  });
});

describe('YAML syntax errors point at the mistake', () => {
  const at = (text: string) =>
    parseWorkspace(text).diagnostics.map((d) => [d.line, d.column, d.message]);

  it('an unclosed quote: at the opening quote, not past the last line', () => {
    expect(at('apiVersion: v1\nkind: Pod\nmetadata:\n  name: "web\nspec: {}\n')).toEqual([
      [
        4,
        9,
        'Missing closing "quote: the quoted string that starts here never ends (expected a closing " on this line)',
      ],
    ]);
  });

  it('a list item without "- ": at the item, saying what was expected', () => {
    const text =
      'apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata: {name: a}\nspec:\n  template:\n    spec:\n      requirements:\n        - key: k\n          operator: In\n         values: [a]\n';
    const [first] = at(text);
    expect(first?.slice(0, 2)).toEqual([10, 10]);
    expect(first?.[2]).toMatch(/^Sequence item without - indicator: expected "- " before/);
  });

  it('a key out of line with its siblings: at the key, which the message calls "this key"', () => {
    const [first] = at('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n spec:\n');
    expect(first?.slice(0, 2)).toEqual([5, 2]);
    expect(first?.[2]).toMatch(
      /^All mapping items must start at the same column: expected this key in the same column/,
    );
  });
});

describe('kinds and versions', () => {
  it('lists what is supported for an unknown kind', () => {
    const [line] = errorLines('apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: s}\n');
    expect(line).toMatch(
      /^kind: no matches for kind "Widget" in version "example.com\/v1"; the lab supports .*NodePool \(karpenter.sh\/v1\).*Deployment \(apps\/v1\)/,
    );
  });

  it('names the kind a misspelt one most likely meant, instead of listing every kind', () => {
    for (const [kind, apiVersion, meant] of [
      ['Deploymnet', 'apps/v1', 'Deployment (apps/v1)'],
      ['deployment', 'apps/v1', 'Deployment (apps/v1)'],
      ['NodePol', 'karpenter.sh/v1', 'NodePool (karpenter.sh/v1)'],
    ] as const) {
      const [line] = errorLines(`apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: s}\n`);
      expect(line).toBe(
        `kind: no matches for kind "${kind}" in version "${apiVersion}"; did you mean kind "${meant.replace(' (', '" (')}?`,
      );
    }
  });

  it('a kustomization.yaml says how to simulate the kustomization instead of listing kinds', () => {
    const [line] = errorLines(
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [nodepool.yaml]\n',
    );
    expect(line).toMatch(
      /^kind: no matches for kind "Kustomization" in version "kustomize\.config\.k8s\.io\/v1beta1": this is kustomize's build file, .*`kubectl kustomize <dir> \| karpenter-lab -`/,
    );
    expect(line).not.toMatch(/the lab supports/);
  });

  it('leaves out kinds a cluster accepts but the lab does not simulate, with a warning', () => {
    const ws = parseWorkspace(
      'apiVersion: v1\nkind: Service\nmetadata: {name: s}\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\n---\napiVersion: karpenter.sh/v1\nkind: NodeClaim\nmetadata: {name: c}\n',
    );
    expect(ws.diagnostics.map((d) => [d.severity, d.code, d.line, d.message])).toEqual([
      [
        'warning',
        'not-simulated',
        2,
        'Service is not simulated, so this document is left out: it places no pods and needs no capacity',
      ],
      [
        'warning',
        'not-simulated',
        6,
        'HorizontalPodAutoscaler is not simulated, so this document is left out: replicas stay as the workloads set them (use kubectl scale in a Scenario action)',
      ],
      [
        'warning',
        'not-simulated',
        10,
        'NodeClaim is not simulated, so this document is left out: NodeClaims are Karpenter’s own records: the lab creates its own and reads existing nodes from Node documents',
      ],
    ]);
    expect(engineObjects(ws)).toEqual([]);
    // A kind the API server would refuse stays an error, as does NodeClaim where it is not served.
    const old = parseWorkspace(
      'apiVersion: lab.karpenter.playground/v1alpha1\nkind: Scenario\nmetadata: {name: s}\nspec: {karpenter: {version: v0.31}}\n---\napiVersion: karpenter.sh/v1\nkind: NodeClaim\nmetadata: {name: c}\n',
    );
    expect(old.diagnostics.map((d) => d.code)).toContain('no-matches');
  });

  it('names the served version for a known kind in an unknown version', () => {
    expect(errorLines('apiVersion: apps/v1beta2\nkind: Deployment\nmetadata: {name: d}\n')).toEqual(
      [
        'kind: no matches for kind "Deployment" in version "apps/v1beta2"; Deployment is served as apps/v1',
      ],
    );
  });

  it('rejects a v1alpha5 Provisioner on Karpenter v1.x with the real error and offers to convert', () => {
    const [d] = errors(parseWorkspace(yamlDocs(provisioner())));
    expect(d?.message).toMatch(
      /^no matches for kind "Provisioner" in version "karpenter.sh\/v1alpha5"/,
    );
    expect(d?.fix).toEqual({
      title: 'Convert this Provisioner to the Karpenter v1 API',
      action: 'convert',
    });
  });

  it('serves Provisioners and rejects NodePool v1 when the Scenario selects v0.31', () => {
    const w = parseWorkspace(yamlDocs(scenario({ version: 'v0.31' }), provisioner(), nodePool()));
    expect(w.objects.map((o) => o.object.kind)).toEqual(['Provisioner']);
    const [d] = errors(w);
    expect(d?.message).toMatch(
      /^no matches for kind "NodePool" in version "karpenter.sh\/v1": .*set spec.karpenter.version/,
    );
    expect(d?.fix).toBeUndefined();
  });

  it('treats "v0.3x" as v1alpha5 and v0.32–v0.37 as v1beta1', () => {
    expect(parseWorkspace('', { karpenterVersion: 'v0.3x' }).karpenter.generation).toBe('v1alpha5');
    const w = parseWorkspace(
      yamlDocs(nodePool({ apiVersion: 'karpenter.sh/v1beta1', nodeClassRef: { name: 'default' } })),
      { karpenterVersion: 'v0.37' },
    );
    expect(w.diagnostics).toEqual([]);
    expect(w.objects[0]?.object.apiVersion).toBe('karpenter.sh/v1beta1');
  });

  it('lets the karpenterVersion option override the Scenario', () => {
    expect(
      parseWorkspace(yamlDocs(scenario({ version: 'v0.31' })), { karpenterVersion: 'v1.2' })
        .karpenter.generation,
    ).toBe('v1');
  });

  it('still serves v1beta1 on v1.0 (conversion webhook) but not on v1.1', () => {
    const text = yamlDocs(
      nodePool({ apiVersion: 'karpenter.sh/v1beta1', nodeClassRef: { name: 'default' } }),
    );
    expect(errors(parseWorkspace(text, { karpenterVersion: 'v1.0' }))).toEqual([]);
    expect(errors(parseWorkspace(text, { karpenterVersion: 'v1.1' }))[0]?.fix?.action).toBe(
      'convert',
    );
  });
});

describe('kind: List (kubectl get -o yaml)', () => {
  const list = {
    apiVersion: 'v1',
    kind: 'List',
    items: [
      {
        ...deployment(),
        metadata: {
          name: 'web',
          namespace: 'shop',
          resourceVersion: '42',
          uid: 'u1',
          managedFields: [{ manager: 'kubectl' }],
        },
        status: { replicas: 1 },
      },
      {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: 'ip-10-0-0-1', labels: { 'karpenter.sh/nodepool': 'default' } },
        status: { allocatable: { cpu: '1930m' }, conditions: [] },
      },
    ],
  };

  it('turns items into objects, stripping status and managedFields', () => {
    const w = parseWorkspace(yamlDocs(list));
    expect(w.diagnostics).toEqual([]);
    expect(w.objects.map((o) => [o.object.kind, o.listIndex])).toEqual([
      ['Deployment', 0],
      ['Node', 1],
    ]);
    expect(w.objects[0]?.object).not.toHaveProperty('status');
    expect(w.objects[0]?.object.metadata).toEqual({ name: 'web', namespace: 'shop', uid: 'u1' });
  });

  it('keeps a Node status (its capacity is cluster state the lab starts from)', () => {
    const w = parseWorkspace(yamlDocs(list));
    expect(w.objects[1]?.object).toMatchObject({ status: { allocatable: { cpu: '1930m' } } });
  });

  it('locates errors inside items with an items[i] path', () => {
    const bad = { ...list, items: [deployment({ replicas: -2 })] };
    expect(errorLines(yamlDocs(bad))).toEqual([
      'items[0].spec.replicas: Invalid value: -2: should be greater than or equal to 0',
    ]);
  });
});
