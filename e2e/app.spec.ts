import { test, expect, replaceInEditor, typeIntoEditor, waitForSimulation } from './fixtures.ts';

test.beforeEach(async ({ page }) => {
  await page.goto('./');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
});

test('the lab opens, simulates the default workspace and shows nodes', async ({ page }, info) => {
  await expect(page.getByRole('heading', { name: /Karpenter Lab/ })).toBeVisible();
  await waitForSimulation(page);
  await expect(page.locator('.cluster-svg g.node').first()).toBeVisible();
  await expect(page.locator('.cluster-svg')).toHaveAttribute(
    'aria-label',
    /5 pods running, 0 pending pods/,
  );
  await page.screenshot({ path: info.outputPath('lab.png'), fullPage: true });
});

test('a schema error in the YAML shows as an editor marker', async ({ page }) => {
  await waitForSimulation(page);
  await typeIntoEditor(
    page,
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: inflate\nspec:\n  replicas: "five"\n',
  );
  await expect(
    page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').first(),
  ).toBeVisible();
});

test('editing replicas changes the cluster view', async ({ page }) => {
  await waitForSimulation(page);
  await expect(page.locator('.cluster-svg')).toHaveAttribute(
    'aria-label',
    /5 pods running, 0 pending pods/,
  );
  const text = await page.evaluate(() => localStorage.getItem('karpenter-lab/workspace'));
  expect(text).toBeNull(); // nothing saved until the learner edits
  await replaceInEditor(page, 'replicas: 5', 'replicas: 12');
  await waitForSimulation(page);
  await expect(page.locator('.cluster-svg')).toHaveAttribute(
    'aria-label',
    /12 pods running, 0 pending pods/,
  );
});

test('a launching node card shows its arch and state, with no empty price', async ({ page }) => {
  await waitForSimulation(page);
  // Step from 0s through the events until Karpenter has launched a node that is not Ready yet.
  await page.locator('#timeline-range').fill('0');
  await expect(page.getByTestId('timeline-clock')).toHaveText(/^0:00 \//);
  const ghost = page.locator('.cluster-svg g.node', { hasText: /launching|registering/ });
  for (let i = 0; i < 30 && (await ghost.count()) === 0; i++)
    await page.getByRole('button', { name: 'Next event' }).click();
  await expect(ghost.first()).toContainText(/amd64 · (launching|registering)/);
  expect(await ghost.first().textContent()).not.toMatch(/· ·/);
  // Its pods are drawn on the card but are still Pending to Kubernetes: the counts agree with
  // `kubectl get pods` and the summary (they said "0 pending pods" here).
  await expect(page.locator('.queue-label')).toHaveText(
    'Pending pods: 5 · 5 nominated to launching nodes',
  );
  await expect(page.locator('.cluster-svg')).toHaveAttribute(
    'aria-label',
    /0 pods running, 5 pending pods \(5 nominated to launching nodes\)/,
  );
});

test('the cluster view names the moment the slider is at, between two changes too', async ({
  page,
}) => {
  await waitForSimulation(page);
  // The seed run: nothing changes between the first pods' arrival and Karpenter's batch, so
  // 0:05 is inside a frame that began earlier. The view's name said the frame's time ("3 s").
  for (const ms of ['5000', '7000']) {
    await page.locator('#timeline-range').fill(ms);
    await expect(page.getByTestId('timeline-clock')).toHaveText(
      new RegExp(`^0:0${Number(ms) / 1000} /`),
    );
    await expect(page.locator('.cluster-svg')).toHaveAttribute(
      'aria-label',
      new RegExp(`^Cluster at ${Number(ms) / 1000} s: `),
    );
  }
});
