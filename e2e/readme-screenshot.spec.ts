// The README's screenshot is this test's output: README_SCREENSHOT=1 npx playwright test
// e2e/readme-screenshot.spec.ts writes docs/screenshot.png; otherwise it is a test artifact.
import { expect, openFresh, test } from './fixtures.ts';

test('README screenshot: a node explains why it got its instance type', async ({ page }, info) => {
  await openFresh(page);
  const input = page.getByLabel('kubectl command');
  await input.fill(
    'kubectl get nodes -L karpenter.sh/capacity-type,node.kubernetes.io/instance-type',
  );
  await input.press('Enter');
  await page.locator('.cluster-svg g.node').first().click();
  await expect(page.getByTestId('details')).toContainText('instance types in the catalog');
  await page.mouse.move(0, 0);
  await page.waitForTimeout(700); // let transitions settle
  const path = process.env.README_SCREENSHOT
    ? 'docs/screenshot.png'
    : info.outputPath('readme.png');
  await page.screenshot({ path });
});
