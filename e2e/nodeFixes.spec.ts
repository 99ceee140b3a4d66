// What would let Karpenter consolidate a node it keeps: the node's details try the edits that
// lift the block (here a do-not-disrupt annotation), each by a run; Apply writes one, and the
// re-run ends on a cheaper node.
import {
  DETAIL_SIZES,
  expect,
  NODE_CLASS_YAML,
  openWithSaved,
  test,
  waitForSimulation,
} from './fixtures.ts';

const WORKSPACE = `apiVersion: lab.karpenter.playground/v1alpha1
kind: Scenario
metadata: { name: s }
spec:
  until: 30m
  actions:
    - { at: 5m, run: kubectl scale deployment web --replicas=1 }
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
    consolidationPolicy: WhenEmptyOrUnderutilized
    consolidateAfter: 30s
---
${NODE_CLASS_YAML}---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 10
  selector: { matchLabels: { app: web } }
  template:
    metadata:
      labels: { app: web }
      annotations:
        karpenter.sh/do-not-disrupt: "true"
    spec:
      containers: [{ name: c, image: pause, resources: { requests: { cpu: '1' } } }]
`;

const TITLE = 'Remove the karpenter.sh/do-not-disrupt annotation from Deployment "web"\'s pods';

for (const size of DETAIL_SIZES) {
  test(`a node kept by a do-not-disrupt pod: the edit that lets it go is found and applied (${size.width}×${size.height})`, async ({
    page,
  }, info) => {
    await page.setViewportSize(size);
    await openWithSaved(page, { workspace: WORKSPACE });
    await waitForSimulation(page);
    await page.getByRole('slider', { name: 'Time' }).press('End');
    await expect(page.locator('.cluster-svg')).toHaveAttribute('aria-label', /\$0\.4080 per hour/);
    await page.locator('.cluster-svg g.node').first().click();
    const fixes = page.getByTestId('node-fixes');
    await fixes.scrollIntoViewIfNeeded();
    await expect(fixes).toContainText('What would let Karpenter consolidate it');
    await fixes.getByRole('button', { name: 'Find what would' }).click();
    await expect(fixes).toContainText('1 of 1 edit tried makes the run end cheaper:');
    await expect(fixes).toContainText(TITLE);
    await expect(fixes).toContainText('$0.0042/h at the end of the run (as written: $0.4080/h)');
    // The focus moved to the answer.
    await expect(fixes.getByRole('status')).toBeFocused();
    await page.screenshot({ path: info.outputPath('node-fixes.png') });
    await fixes.getByRole('button', { name: `Apply: ${TITLE}` }).click();
    await expect(page.getByTestId('fix-notice')).toContainText(`Applied: ${TITLE}.`);
    await waitForSimulation(page);
    await page.getByRole('slider', { name: 'Time' }).press('End');
    await expect(page.locator('.cluster-svg')).toHaveAttribute('aria-label', /\$0\.0042 per hour/);
    if (size.width > 1000)
      await expect(page.locator('.monaco-editor .view-lines').first()).not.toContainText(
        'do-not-disrupt',
      );
  });
}
