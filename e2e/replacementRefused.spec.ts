// A consolidation replacement that Karpenter could not create (the NodePool's limit was lowered
// under what runs) shows where a learner looks: a row from Karpenter's log in Events, the node's
// Consolidation section, and `kubectl logs`, whose long JSON lines wrap inside the console instead
// of running thousands of pixels off to the right (a reviewer found all three silent, session 19).
import {
  DETAIL_SIZES,
  expect,
  NODE_CLASS_YAML,
  openWithSaved,
  test,
  waitForSimulation,
} from './fixtures.ts';

const POOL = (extra: string, limits: string) => `apiVersion: karpenter.sh/v1
kind: NodePool
metadata: { name: default${extra} }
spec:
${limits}  template:
    spec:
      nodeClassRef: { group: karpenter.k8s.aws, kind: EC2NodeClass, name: default }
      requirements:
        - { key: karpenter.sh/capacity-type, operator: In, values: [on-demand] }
        - { key: karpenter.k8s.aws/instance-family, operator: In, values: [m5] }
`;
const WORKSPACE = `apiVersion: lab.karpenter.playground/v1alpha1
kind: Scenario
metadata: { name: replacement-over-limit }
spec:
  until: 30m
  actions:
    - { at: 5m, run: 'kubectl apply -f lower' }
    - { at: 5m, run: 'kubectl scale deployment web --replicas=1' }
---
${POOL('', '')}---
${POOL(', annotations: { lab.karpenter.playground/held-back: lower }', "  limits: { cpu: '4' }\n")}---
${NODE_CLASS_YAML}---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 6
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: c, image: pause, resources: { requests: { cpu: '1' } } }]
`;

for (const size of DETAIL_SIZES) {
  test(`a refused replacement shows in Events, on the node and in kubectl logs (${size.width}×${size.height})`, async ({
    page,
  }, info) => {
    await page.setViewportSize(size);
    await openWithSaved(page, { workspace: WORKSPACE });
    await waitForSimulation(page);
    await page.getByRole('slider', { name: 'Time' }).press('End');

    const row = page
      .getByTestId('events')
      .locator('li', { hasText: 'replacement for ip-' })
      .first();
    await expect(row).toContainText('Reconciler error');
    await expect(row.locator('.tag')).toHaveText('log');
    await expect(row).toContainText(
      'creating node claim, resource usage exceeds limit (NodePool=default, resource-name=cpu, usage=8, limit=4)',
    );

    await page.locator('.cluster-svg g.node').first().click();
    const details = page.getByTestId('details');
    await expect(details).toContainText(
      'Karpenter chose to replace it with a cheaper node, but could not create the replacement',
    );
    await expect(details).toContainText('Replacement refused');
    await page.screenshot({ path: info.outputPath('node.png') });

    const input = page.getByLabel('kubectl command');
    await input.fill('kubectl logs -n karpenter deploy/karpenter');
    await input.press('Enter');
    const out = page.getByTestId('console-output');
    const error = out.locator('.log-error').first();
    await expect(error).toContainText('"message":"Reconciler error"');
    await expect(error).toContainText('resource usage exceeds limit');
    // Wrapped: the console output does not scroll sideways.
    const overflow = await out.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await error.scrollIntoViewIfNeeded();
    await page.screenshot({ path: info.outputPath('logs.png') });
  });
}

// The learner's own path (a reviewer tried it and got nowhere): no Scenario, no held-back copy;
// at 1:00 on the timeline they patch the pool's limit and scale down in the console.
test('kubectl patch in the console lowers the limit from that moment, and the replacement is refused', async ({
  page,
}) => {
  const plain = WORKSPACE.split('---\n')
    .filter((d) => !d.includes('kind: Scenario') && !d.includes('held-back'))
    .join('---\n');
  await openWithSaved(page, { workspace: plain });
  await waitForSimulation(page);
  const slider = page.getByRole('slider', { name: 'Time' });
  await slider.press('End');
  const input = page.getByLabel('kubectl command');
  const out = page.getByTestId('console-output');
  await input.fill(
    `kubectl patch nodepool default --type merge -p '{"spec":{"limits":{"cpu":"4"}}}'`,
  );
  await input.press('Enter');
  await expect(out).toContainText('nodepool.karpenter.sh/default patched');
  await expect(out).toContainText("Added to the Scenario's actions at");
  await waitForSimulation(page);
  await slider.press('End');
  await input.fill('kubectl scale deployment web --replicas=1');
  await input.press('Enter');
  await expect(out).toContainText('deployment.apps/web scaled');
  await waitForSimulation(page);
  await slider.press('End');
  await expect(
    page.getByTestId('events').locator('li', { hasText: 'replacement for ip-' }).first(),
  ).toContainText('resource usage exceeds limit');
  await expect(page.locator('.documents')).toContainText('Scenario');
});
