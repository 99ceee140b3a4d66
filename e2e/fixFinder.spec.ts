// What would fix a Pending pod: the worker tries the edits Karpenter's reasons point at, one run
// each, and lists those that work; Apply writes one into the editor and the pods run.
import {
  DETAIL_SIZES,
  expect,
  NODE_CLASS_YAML,
  openWithSaved,
  test,
  waitForSimulation,
} from './fixtures.ts';

const WORKSPACE = `apiVersion: karpenter.sh/v1
kind: NodePool
metadata: { name: default }
spec:
  template:
    spec:
      nodeClassRef: { group: karpenter.k8s.aws, kind: EC2NodeClass, name: default }
      taints: [{ key: dedicated, value: batch, effect: NoSchedule }]
      requirements:
        - { key: karpenter.sh/capacity-type, operator: In, values: [on-demand] }
---
${NODE_CLASS_YAML}---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: c, image: pause, resources: { requests: { cpu: '1' } } }]
`;

for (const size of DETAIL_SIZES) {
  test(`a Pending pod's fix is found, checked and applied (${size.width}×${size.height})`, async ({
    page,
  }, info) => {
    await page.setViewportSize(size);
    await openWithSaved(page, { workspace: WORKSPACE });
    await waitForSimulation(page);
    await page.getByRole('slider', { name: 'Time' }).press('End');
    const pending = page.getByTestId('pending-pods').getByRole('button').first();
    await pending.scrollIntoViewIfNeeded();
    await pending.click();
    const fixes = page.getByTestId('fixes');
    await fixes.getByRole('button', { name: 'Find a fix' }).click();
    await expect(fixes).toContainText('1 of 1 edit tried makes every pod of its workload run:');
    await expect(fixes).toContainText(
      'Tolerate the taint dedicated:NoSchedule in Deployment "web"',
    );
    await expect(fixes).toContainText('3 of 3 pods Running');
    await page.screenshot({ path: info.outputPath('fixes.png') });
    // An edit between Find and Apply: the list says it is out of date and offers to look again.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('# a note');
    await expect(fixes).toContainText('The workspace changed since these edits were tried.');
    await fixes.getByRole('button', { name: 'Find a fix again' }).click();
    await fixes.getByRole('button', { name: /^Apply: Tolerate the taint/ }).click();
    // The summary says what was applied (the pod's own explanation goes with the re-run: an
    // edited template names new pods).
    await expect(page.getByTestId('fix-notice')).toContainText(
      'Applied: Tolerate the taint dedicated:NoSchedule in Deployment "web". The workspace re-ran with it.',
    );
    // The editor holds the toleration, and the re-run has every pod running (the pod is no longer
    // Pending, so its fix section goes with the re-run).
    // (On a phone the editor shows only its first lines; the toleration sits further down.)
    if (size.width > 1000)
      await expect(page.locator('.monaco-editor .view-lines').first()).toContainText('tolerations');
    await waitForSimulation(page);
    await page.getByRole('slider', { name: 'Time' }).press('End');
    await expect(page.locator('.cluster-svg')).toHaveAttribute('aria-label', /3 pods running/);
  });
}

// Stuck twice over: the taint, and a zone the pool rules out. No one edit is enough, so the
// toleration is tried again with each edit the next reason points at, and the pair is offered.
const TWICE = WORKSPACE.replace(
  '        - { key: karpenter.sh/capacity-type, operator: In, values: [on-demand] }\n',
  '        - { key: karpenter.sh/capacity-type, operator: In, values: [on-demand] }\n' +
    '        - { key: topology.kubernetes.io/zone, operator: In, values: [us-east-1a] }\n',
).replace(
  '      containers: [',
  '      nodeSelector: { topology.kubernetes.io/zone: us-east-1b }\n      containers: [',
);

for (const size of DETAIL_SIZES) {
  test(`two problems: a pair of edits is found and applied as one (${size.width}×${size.height})`, async ({
    page,
  }, info) => {
    await page.setViewportSize(size);
    await openWithSaved(page, { workspace: TWICE });
    await waitForSimulation(page);
    await page.getByRole('slider', { name: 'Time' }).press('End');
    const pending = page.getByTestId('pending-pods').getByRole('button').first();
    await pending.scrollIntoViewIfNeeded();
    await pending.click();
    const fixes = page.getByTestId('fixes');
    await fixes.getByRole('button', { name: 'Find a fix' }).click();
    await expect(fixes).toContainText(
      '2 of 3 (1 single edit, 2 pairs of edits) tried make every pod of its workload run',
    );
    const pair =
      'Tolerate the taint dedicated:NoSchedule in Deployment "web", and remove the nodeSelector topology.kubernetes.io/zone=us-east-1b from Deployment "web"';
    await expect(fixes).toContainText(pair);
    await expect(fixes).toContainText(
      'Tolerate the taint dedicated:NoSchedule in Deployment "web" — 0 of 3 pods Running · still Pending: default: requirements the pod does not match',
    );
    await page.screenshot({ path: info.outputPath('pair.png') });
    await fixes.getByRole('button', { name: `Apply: ${pair}` }).click();
    await expect(page.getByTestId('fix-notice')).toContainText(`Applied: ${pair}.`);
    // The focus goes to the notice (Apply's button went with the pod's details).
    await expect(page.getByTestId('fix-notice')).toBeFocused();
    await waitForSimulation(page);
    await page.getByRole('slider', { name: 'Time' }).press('End');
    await expect(page.locator('.cluster-svg')).toHaveAttribute('aria-label', /3 pods running/);
    // Both edits are in the editor: the toleration in, the nodeSelector out.
    if (size.width > 1000) {
      const lines = page.locator('.monaco-editor .view-lines').first();
      await expect(lines).toContainText('tolerations');
      await expect(lines).not.toContainText('nodeSelector');
    }
  });
}
