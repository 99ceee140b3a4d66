// Node Details say one thing about when a node is consolidatable: the controller's. They said "Its
// pods last changed 15s ago; it becomes consolidatable in 15s" beside "Consolidatable: yes, since
// 1m13s (approximated from bind times…)" once a pod had left the node, and "Its NodePool only
// removes empty nodes" beside "Consolidatable: yes, since …" (a reviewer's reading).
import { DETAIL_SIZES, expect, NODE_CLASS_YAML, nodeDetailsAt, test } from './fixtures.ts';

const workspace = (
  policy: string,
  scaleTo: number,
) => `apiVersion: lab.karpenter.playground/v1alpha1
kind: Scenario
metadata: { name: s }
spec:
  until: 5m
  actions:
    - { at: 2m, run: kubectl scale deployment web --replicas=${scaleTo} }
---
apiVersion: karpenter.sh/v1
kind: NodePool
metadata: { name: default }
spec:
  template:
    spec:
      nodeClassRef: { group: karpenter.k8s.aws, kind: EC2NodeClass, name: default }
      requirements:
        - { key: karpenter.sh/capacity-type, operator: In, values: [on-demand] }
  disruption:
    consolidationPolicy: ${policy}
    consolidateAfter: 30s
---
${NODE_CLASS_YAML}---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 6
  selector: { matchLabels: { app: web } }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers: [{ name: c, image: pause, resources: { requests: { cpu: '1' } } }]
`;

for (const size of DETAIL_SIZES) {
  test(`a node whose pod left 15s ago is consolidatable when the countdown ends, not before (${size.width}×${size.height})`, async ({
    page,
  }, info) => {
    const [said] = await nodeDetailsAt(
      page,
      workspace('WhenEmptyOrUnderutilized', 5),
      size,
      135_000,
      1,
    );
    expect(said).toContain('Its pods last changed 15s ago; it becomes consolidatable in 15s');
    expect(said).not.toMatch(/Consolidatable\s*yes/);
    expect(said).toMatch(/Countdown ends\s*2m30s/);
    const details = page.getByTestId('details');
    await details.getByRole('heading', { name: 'Consolidation' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: info.outputPath('details.png') });
  });

  test(`a WhenEmpty node with pods left is not also called consolidatable (${size.width}×${size.height})`, async ({
    page,
  }) => {
    const [said] = await nodeDetailsAt(page, workspace('WhenEmpty', 5), size, 240_000, 1);
    expect(said).toContain('Its NodePool only removes empty nodes');
    expect(said).not.toMatch(/Consolidatable\s*yes/);
  });
}
