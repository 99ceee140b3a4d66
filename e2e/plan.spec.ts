import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { expect, openFresh, test, typeIntoEditor, waitForSimulation } from './fixtures.ts';

const BEFORE = readFileSync('examples/plan/before.yaml', 'utf8');
const AFTER = readFileSync('examples/plan/after-categories.yaml', 'utf8');

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
]) {
  test(`Plan: today's cluster saved as a scenario, the workspace narrowed to the m family (${viewport.width}px)`, async ({
    page,
  }, info) => {
    test.setTimeout(180_000);
    await page.setViewportSize(viewport);
    await openFresh(page);
    await page.getByRole('tab', { name: 'Plan' }).click();
    await expect(page.getByTestId('plan-empty')).toContainText('No saved scenario yet');

    // The cluster as it runs today, saved as a named scenario.
    await typeIntoEditor(page, BEFORE);
    await waitForSimulation(page);
    await page.getByTestId('share-button').click();
    await page.getByLabel('Scenario name').fill('today');
    await page.getByTestId('scenario-save').click();
    await expect(page.getByTestId('scenario-item')).toContainText('today');
    await page.keyboard.press('Escape');

    // The change: the NodePool narrowed to instance-category m.
    await typeIntoEditor(page, AFTER);
    await waitForSimulation(page);
    await page.getByRole('tab', { name: 'Explain' }).click();
    await page.getByRole('tab', { name: 'Plan' }).click();
    const form = page.getByRole('form', { name: 'Plan' });
    await expect(form.getByLabel('Before')).toHaveValue(/.+/);
    await form.getByRole('button', { name: 'Plan' }).click();

    const report = page.getByTestId('plan-report');
    await expect(report.getByRole('heading', { name: 'Drifted NodeClaims: 3' })).toBeVisible({
      timeout: 120_000,
    });
    await expect(report).toContainText(
      'NodePool/default configured: spec.template.spec.requirements[2].values: ["c","m","r"] → ["m"]',
    );
    const order = report.getByRole('region', { name: /^Replacement order/ });
    await expect(order.locator('tbody tr')).toHaveCount(3);
    await expect(order.locator('tbody tr').first()).toContainText('Drifted');
    await expect(order.locator('tbody tr').first()).toContainText('m5a.large on-demand ready');
    await expect(report).toContainText('Cost: $0.2295/h before → $0.2580/h after (+$0.0285/h)');
    await expect(report).toContainText('Every pod is Running once converged.');
    await page.screenshot({ path: info.outputPath(`plan-${viewport.width}.png`) });
    const axe = await new AxeBuilder({ page }).include('.plan-panel').analyze();
    expect(
      axe.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => v.id),
    ).toEqual([]);

    // Cancel: a second plan stops when asked, and says so. The small plan can finish before a
    // separate Cancel click lands (the button was seen detached under load), so Plan and Cancel
    // are clicked in one task: the worker's answer, a message, cannot arrive between them.
    await page.evaluate(async () => {
      const panel = document.querySelector('.plan-panel');
      const plan = [...(panel?.querySelectorAll('form button') ?? [])].find(
        (b) => b.textContent?.trim() === 'Plan',
      );
      if (!(plan instanceof HTMLButtonElement)) throw new Error('no Plan button');
      plan.click();
      // React renders the running state in a microtask after the click; no task boundary passes.
      for (let i = 0; i < 10; i++) {
        const cancel = [...(panel?.querySelectorAll('[role="status"] button') ?? [])].find(
          (b) => b.textContent?.trim() === 'Cancel',
        );
        if (cancel instanceof HTMLButtonElement) {
          cancel.click();
          return;
        }
        await Promise.resolve();
      }
      throw new Error('no Cancel button while planning');
    });
    await expect(page.locator('.plan-panel [role="status"]')).toHaveText('Plan cancelled.');
  });
}
