import { expect, openFresh, test, typeIntoEditor, waitForSimulation } from './fixtures.ts';

const PROVISIONER = `apiVersion: karpenter.sh/v1alpha5
kind: Provisioner
metadata:
  name: default
spec:
  requirements:
    - key: karpenter.sh/capacity-type
      operator: In
      values: ["spot", "on-demand"]
  limits:
    resources:
      cpu: 1000
  providerRef:
    name: default
  ttlSecondsAfterEmpty: 30
`;

test('a v1alpha5 Provisioner gets the real API error and converts to a v1 NodePool on request', async ({
  page,
}, info) => {
  await openFresh(page);
  await typeIntoEditor(page, PROVISIONER);
  await waitForSimulation(page);
  const problems = page.getByTestId('problems');
  await expect(problems).toContainText(
    'no matches for kind "Provisioner" in version "karpenter.sh/v1alpha5"',
  );
  await problems.getByRole('button', { name: /Convert this Provisioner/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Convert to the Karpenter v1 API' });
  await expect(dialog.getByTestId('converted')).toContainText('kind: NodePool');
  await expect(dialog.getByTestId('converted')).toContainText('consolidationPolicy: WhenEmpty');
  await expect(dialog).toContainText('EC2NodeClass "default" added at the end');
  await page.screenshot({ path: info.outputPath('convert.png') });
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await waitForSimulation(page);
  // The API error is gone, and so is the warning a NodePool naming a missing EC2NodeClass gets:
  // the conversion added the EC2NodeClass the Provisioner's providerRef named (the workspace had
  // no AWSNodeTemplate to convert), and says so.
  await expect(page.getByRole('heading', { name: 'Problems 0' })).toBeVisible();
  await expect(page.getByText('No problems.')).toBeVisible();
  await expect(page.locator('.documents')).toContainText('NodePool');
  await expect(page.locator('.documents')).toContainText('EC2NodeClass');
});
