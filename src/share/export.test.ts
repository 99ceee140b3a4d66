import { describe, expect, it } from 'vitest';
import { engineObjects, parseWorkspace } from '../manifests/index.ts';
import { simulate } from '../sim/engine/simulate.ts';
import { toJSON, type TimelineJSON } from '../sim/engine/json.ts';
import { cell, fenced, markdownSummary, timelineFile, workspaceFile } from './export.ts';
import { encode } from './link.ts';

const WORKSPACE = `apiVersion: karpenter.sh/v1
kind: NodePool
metadata: {name: default}
spec:
  template:
    spec:
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
      requirements:
        - {key: karpenter.sh/capacity-type, operator: In, values: [on-demand]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: inflate}
spec:
  replicas: 2
  selector: {matchLabels: {app: inflate}}
  template:
    metadata: {labels: {app: inflate}}
    spec:
      containers: [{name: c, image: nginx, resources: {requests: {cpu: "1"}}}]
---
apiVersion: v1
kind: Pod
metadata: {name: too-big}
spec:
  containers: [{name: c, image: nginx, resources: {requests: {cpu: "5000"}}}]
`;

function simulated(text: string): TimelineJSON {
  return toJSON(simulate({ objects: engineObjects(parseWorkspace(text)), until: 300_000 }));
}

describe('export files', () => {
  it('exports the workspace verbatim as YAML, ending in a newline', () => {
    expect(workspaceFile('a: 1')).toEqual({
      filename: 'karpenter-lab-workspace.yaml',
      mime: 'application/yaml',
      content: 'a: 1\n',
    });
  });

  it('exports the timeline as the CLI JSON', () => {
    const json = simulated(WORKSPACE);
    const file = timelineFile(json);
    expect(file.filename).toBe('karpenter-lab-timeline.json');
    expect(JSON.parse(file.content)).toEqual(json);
  });
});

describe('markdown summary', () => {
  it('holds the share link, the nodes, the pods that are not running and the workspace', async () => {
    const link = `https://lab.example/${await encode({ workspace: WORKSPACE })}`;
    const json = simulated(WORKSPACE);
    const md = markdownSummary({ link, workspace: WORKSPACE, timeline: json }).content;
    expect(md).toContain(`(<${link}>)`);
    const live = json.nodes.filter((n) => n.state !== 'terminated');
    expect(live.length).toBeGreaterThan(0);
    expect(md).toContain(`### Nodes (${live.length})`);
    for (const n of live) expect(md).toContain(cell(n.name));
    expect(md).toMatch(/### Pods not running \(1\)\n\n- default\/too-big: Pending — /);
    expect(md).toContain('```yaml\napiVersion: karpenter.sh/v1');
  });

  it('escapes names and messages so they cannot inject HTML or break the table', () => {
    const json = simulated(WORKSPACE);
    const [first, ...rest] = json.nodes;
    if (!first) throw new Error('expected a node');
    const hostile: TimelineJSON = {
      ...json,
      nodes: [{ ...first, name: '<img src=x onerror=alert(1)>|x', state: 'ready' }, ...rest],
    };
    const md = markdownSummary({ link: '#v=1&s=x', workspace: '', timeline: hostile }).content;
    expect(md).not.toMatch(/(^|[^\\])<img/); // only ever as the escaped \<img
    expect(md).toContain('\\<img src=x onerror=alert(1)\\>\\|x');
  });

  it('says the link is too long instead of embedding a useless one', () => {
    const md = markdownSummary({ link: `#v=1&s=${'A'.repeat(70_000)}`, workspace: 'a: 1' }).content;
    expect(md).toMatch(/too long for a URL/);
    expect(md).not.toContain('AAAA');
  });

  it('keeps a workspace that contains code fences inside its code block', () => {
    const text = 'note: |\n  ```\n  </details><script>x</script>\n  ````\n';
    const block = fenced(text, 'yaml');
    expect(block.startsWith('`````yaml\n')).toBe(true);
    expect(block.endsWith('\n`````')).toBe(true);
  });
});
