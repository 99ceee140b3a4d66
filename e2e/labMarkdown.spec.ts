// Lab Markdown through a real lexer (issue #16): a table renders as a table, a link to another site
// as a safe link, and a command block has Copy and "Run in console", which runs it at the playhead.
import { expect, openFresh, test, waitForSimulation } from './fixtures.ts';

test('the migration lab shows its field mapping as a table and the migration guide as a safe link', async ({
  page,
}, info) => {
  await openFresh(page);
  await page.goto('./#lab=provisioner-to-nodepool&step=2');
  const panel = page.getByRole('tabpanel');
  const table = panel.getByRole('table').first();
  await expect(table.getByRole('columnheader').first()).toHaveText(
    'Provisioner (karpenter.sh/v1alpha5)',
  );
  await expect(
    table.getByRole('row').filter({ hasText: 'spec.limits.resources.cpu' }).getByRole('cell'),
  ).toHaveText(['spec.limits.resources.cpu', 'spec.limits.cpu']);
  await page.getByRole('button', { name: '1', exact: true }).click();
  const link = panel.getByRole('link', { name: 'the v1 migration guide' });
  await expect(link).toHaveAttribute('href', 'https://karpenter.sh/docs/upgrading/v1-migration/');
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  await page.screenshot({ path: info.outputPath('lab-markdown.png') });
});

test('"Run in console" on the seed lab’s helm command installs Karpenter, and the step passes', async ({
  page,
}) => {
  await openFresh(page);
  await page.goto('./#lab=karpenter-jit-scaling&step=1');
  await page.getByRole('button', { name: 'Load step' }).click();
  await waitForSimulation(page);
  const block = page.locator('.lab-code-block').filter({ hasText: 'helm install karpenter' });
  await expect(block.getByRole('button', { name: 'Copy' })).toBeVisible();
  // The command wraps inside its block instead of running off it.
  const overflow = await block.locator('pre').evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await block.getByRole('button', { name: 'Run in console' }).click();
  await expect(page.getByTestId('console-output')).toContainText('$ helm install karpenter');
  await waitForSimulation(page);
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(page.getByTestId('lab-results').locator('li').first()).toHaveClass(/pass/);
});
