// A node selected, then the timeline scrubbed past its deletion: Details said it was alive (its
// instance type, allocatable, use, consolidation; only the Lifecycle's last line said Deleted)
// while the cluster view no longer showed it. They now say first that it is gone, and when.
import {
  DETAIL_SIZES,
  expect,
  NODE_CLASS_YAML,
  openWithSaved,
  scrubTo,
  test,
  waitForSimulation,
} from './fixtures.ts';

const WORKSPACE = `apiVersion: lab.karpenter.playground/v1alpha1
kind: Scenario
metadata: { name: s }
spec:
  until: 5m
  actions:
    - { at: 2m, run: kubectl scale deployment web --replicas=0 }
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
    consolidateAfter: 0s
---
${NODE_CLASS_YAML}---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 4
  selector: { matchLabels: { app: web } }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers: [{ name: c, image: pause, resources: { requests: { cpu: '1' } } }]
`;

for (const size of DETAIL_SIZES)
  test(`a node scrubbed past its deletion is said to be gone, with no live figures (${size.width}×${size.height})`, async ({
    page,
  }, info) => {
    await page.setViewportSize(size);
    await openWithSaved(page, { workspace: WORKSPACE });
    await waitForSimulation(page);
    await scrubTo(page, 90_000);
    const cards = page.locator('.cluster-svg g.node');
    await expect(cards).toHaveCount(1);
    await cards.first().click();
    const details = page.getByTestId('details');
    await expect(details.getByText('Allocatable')).toBeVisible();
    await expect(details.getByTestId('node-gone')).toHaveCount(0);

    await scrubTo(page, 300_000);
    await expect(cards).toHaveCount(0);
    const gone = details.getByTestId('node-gone');
    await expect(gone).toBeVisible();
    await expect(gone).toHaveText(/^Deleted at 2m\d\ds: at this moment the node no longer exists/);
    await expect(details.getByText('Allocatable')).toHaveCount(0);
    await expect(details.getByRole('heading', { name: 'Consolidation' })).toHaveCount(0);
    await expect(details.locator('meter')).toHaveCount(0);
    await expect(details.getByRole('heading', { name: 'Lifecycle' })).toBeVisible();
    await gone.scrollIntoViewIfNeeded();
    await page.screenshot({ path: info.outputPath('deleted-node.png') });
  });
