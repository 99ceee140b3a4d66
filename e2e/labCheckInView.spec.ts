// "Check" answers where the learner is looking. The results sit below the step's text and its
// buttons: at 1280×800 step 2's were below the fold, on a phone every step's were, and a failed
// check changed nothing on screen — the click seemed to do nothing.
import { expect, openSeedStep3, test, waitForSimulation } from './fixtures.ts';

const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

for (const size of SIZES)
  test(`a failed check's results are brought into view (${size.width}×${size.height})`, async ({
    page,
  }, info) => {
    await page.setViewportSize(size);
    await page.goto('./#lab=karpenter-jit-scaling&step=2');
    await page.getByRole('button', { name: "Load this step's workspace" }).click();
    await waitForSimulation(page);
    const check = page.getByRole('button', { name: 'Check', exact: true });
    await check.scrollIntoViewIfNeeded();
    await check.click();
    // Step 2 fails until the Provisioner is added: Karpenter serves no "default".
    const failed = page.getByTestId('lab-results').locator('li.fail');
    await expect(failed).toHaveCount(1, { timeout: 30_000 });
    await expect(failed).toContainText('Karpenter does not serve "default"');
    await expect(failed).toBeInViewport();
    await expect(page.getByRole('heading', { name: 'Checks' })).toBeInViewport();
    await page.screenshot({ path: info.outputPath('failed-check.png') });
  });

for (const size of SIZES)
  test(`a passed check shows "Step complete" and its Next step button (${size.width}×${size.height})`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await openSeedStep3(page, { scale: true });
    const check = page.getByRole('button', { name: 'Check', exact: true });
    await check.scrollIntoViewIfNeeded();
    await check.click();
    await expect(page.getByText('Step complete.')).toBeInViewport({ timeout: 30_000 });
    await expect(page.getByRole('button', { name: 'Next step →' })).toBeInViewport();
  });
