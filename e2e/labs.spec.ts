import { expect, openFresh, test, waitForSimulation } from './fixtures.ts';

test('the seed lab: step 1 fails until Karpenter is installed from the console, then passes', async ({
  page,
}, info) => {
  await openFresh(page);
  await page.getByRole('tab', { name: 'Labs' }).click();
  await page
    .getByRole('button', { name: /Karpenter/ })
    .first()
    .click();
  await page.getByRole('button', { name: 'Load step' }).click();
  await waitForSimulation(page);

  await page.getByRole('button', { name: 'Check', exact: true }).click();
  const results = page.getByTestId('lab-results');
  await expect(results).toContainText(/not installed|isn't installed|is not installed/i);

  const input = page.getByLabel('kubectl command');
  await input.fill(
    'helm install karpenter oci://public.ecr.aws/karpenter/karpenter --version 0.31.0 --namespace karpenter --create-namespace',
  );
  await input.press('Enter');
  await waitForSimulation(page);
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(results.locator('li').first()).toHaveClass(/pass/);
  await expect(page).toHaveURL(/#lab=karpenter-jit-scaling&step=1/);
  await page.screenshot({ path: info.outputPath('lab-step-1.png') });
});

test('the Cluster Autoscaler lab: step 1 checks the comparison in the worker and passes after the scale', async ({
  page,
}) => {
  await openFresh(page);
  await page.getByRole('tab', { name: 'Labs' }).click();
  await page.getByRole('button', { name: /Karpenter beside Cluster Autoscaler/ }).click();
  await page.getByRole('button', { name: 'Load step' }).click();
  await waitForSimulation(page);
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  const results = page.getByTestId('lab-results');
  await expect(results).toContainText('Cluster Autoscaler’s nodes launched is 0, less than 5');

  const input = page.getByLabel('kubectl command');
  await input.fill('kubectl scale deployment inflate --replicas=5');
  await input.press('Enter');
  await waitForSimulation(page);
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(results.locator('li.pass')).toHaveCount(4);
  await expect(results).toContainText('Karpenter 46s, Cluster Autoscaler 1m44s');
});
