// Importing a real cluster's export with "Anonymise names" ticked: what the learner then sees in
// the editor names none of the cluster's own names, and the simulated cluster is the same one
// (the same node, the same pods running on it) as an import without it.
import type { Page } from '@playwright/test';
import {
  DETAIL_SIZES,
  expect,
  NODE_CLASS_YAML,
  openFresh,
  openWithSaved,
  test,
  waitForSimulation,
} from './fixtures.ts';

const EXPORT = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Node
    metadata:
      name: ip-10-20-1-17.ec2.internal
      labels:
        node.kubernetes.io/instance-type: m5.large
        topology.kubernetes.io/zone: us-east-1a
        karpenter.sh/capacity-type: on-demand
        kubernetes.io/arch: amd64
        kubernetes.io/hostname: ip-10-20-1-17.ec2.internal
        acme.com/team: payments
    spec: {providerID: "aws:///us-east-1a/i-0abc1234567890def"}
    status:
      capacity: {cpu: "2", memory: 7910Mi, pods: "29"}
      allocatable: {cpu: 1930m, memory: 7220Mi, pods: "29"}
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: payments-api, namespace: payments}
    spec:
      replicas: 2
      selector: {matchLabels: {app: payments-api}}
      template:
        metadata: {labels: {app: payments-api}}
        spec:
          nodeSelector: {acme.com/team: payments}
          containers:
            - name: api
              image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/payments:1.2
              resources: {requests: {cpu: 500m, memory: 512Mi}}
`;

const editorText = (page: Page) => page.locator('.monaco-editor .view-lines').first();

async function importExport(page: Page, anonymise: boolean): Promise<void> {
  await page.getByTestId('share-button').click();
  await page.getByTestId('import-text').fill(EXPORT);
  const box = page.getByRole('checkbox', { name: /Anonymise names/ });
  await box.scrollIntoViewIfNeeded();
  if (anonymise) await box.check();
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-notes')).toContainText('Imported 1 Node, 1 Deployment.');
  if (anonymise)
    await expect(page.getByTestId('import-notes')).toContainText('Anonymised: 1 namespace(s)');
  await page.getByTestId('import-replace').click();
  await page.keyboard.press('Escape');
  await waitForSimulation(page);
}

for (const size of DETAIL_SIZES)
  test(`an anonymised import shows no owner's names and the same cluster (${size.width}px)`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await openFresh(page);
    await importExport(page, false);
    await expect(editorText(page)).toContainText('payments-api');
    const summary = page.getByTestId('summary');
    await expect(summary).toContainText(/running/i);
    const plain = (await summary.innerText()).replace(/\s+/g, ' ');

    await importExport(page, true);
    const text = editorText(page);
    await expect(text).toContainText('namespace: ns-1');
    for (const name of ['payments', 'ip-10-20', 'acme', '123456789012', 'i-0abc'])
      await expect(text).not.toContainText(name);
    await expect(summary).toHaveText(new RegExp(plain.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  });

// A workspace written by hand with real names (not imported): Share > Anonymise the workspace.
const HAND_WRITTEN = `apiVersion: karpenter.sh/v1
kind: NodePool
metadata: {name: payments-spot}
spec:
  template:
    metadata: {labels: {acme.com/team: payments}}
    spec:
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
      requirements:
        - {key: karpenter.sh/capacity-type, operator: In, values: [spot]}
---
${NODE_CLASS_YAML}---
apiVersion: apps/v1
kind: Deployment
metadata: {name: checkout, namespace: payments}
spec:
  replicas: 3
  selector: {matchLabels: {app: checkout}}
  template:
    metadata: {labels: {app: checkout}}
    spec:
      nodeSelector: {acme.com/team: payments}
      containers:
        - name: api
          image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/checkout:7
          resources: {requests: {cpu: "1", memory: 1Gi}}
`;

for (const size of DETAIL_SIZES)
  test(`Anonymise the workspace renames it in the editor, keeps the cluster, and undoes (${size.width}px)`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await openWithSaved(page, { workspace: HAND_WRITTEN });
    await waitForSimulation(page);
    const summary = page.getByTestId('summary');
    await expect(summary).toContainText(/3 of 3 pods Running|3 pods Running/i);
    const before = (await summary.innerText()).replace(/\s+/g, ' ');
    await page.getByTestId('share-button').click();
    const button = page.getByRole('button', { name: 'Anonymise the workspace' });
    await button.scrollIntoViewIfNeeded();
    await button.click();
    await expect(page.getByTestId('share-anonymise-notes')).toContainText(
      'Anonymised: 1 namespace(s)',
    );
    await page.keyboard.press('Escape');
    await waitForSimulation(page);
    const text = editorText(page);
    await expect(text).toContainText('name: pool-1');
    for (const name of ['payments', 'checkout', 'acme', '123456789012'])
      await expect(text).not.toContainText(name);
    await expect(summary).toHaveText(new RegExp(before.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    // Undo brings the learner's own text back.
    await page.getByTestId('share-button').click();
    await page.getByTestId('scenario-undo').click();
    await page.keyboard.press('Escape');
    await expect(text).toContainText('payments-spot');
  });
