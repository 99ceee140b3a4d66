// Every lab, start to finish, in the browser: each step loads, its solution is applied the way a
// learner would (an interruption typed into the console at its time, with a real node name from
// kubectl), and every check passes through the worker.
import type { Page } from '@playwright/test';
import { expect, openFresh, test, waitForSimulation } from './fixtures.ts';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Each lab's title and step count, read from labs/<id>/README.md as text (the e2e side stays
 * independent of the app's modules; the unit tests parse labs properly).
 */
function labs(): { id: string; title: string; steps: number; hasStart: boolean[] }[] {
  return readdirSync('labs', { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const text = readFileSync(`labs/${d.name}/README.md`, 'utf8');
      const title = /^title: '?(.+?)'?$/m.exec(text)?.[1] ?? d.name;
      const parts = text.split(/^## Step \d+:/m).slice(1);
      return {
        id: d.name,
        title,
        steps: parts.length,
        hasStart: parts.map((p) => p.includes('```yaml start')),
      };
    });
}

/** "3m", "90s", "1m30s" → ms. */
function ms(duration: string): number {
  let total = 0;
  for (const [, n, unit] of duration.matchAll(/(\d+)(h|m|s)/g))
    total += Number(n) * (unit === 'h' ? 3_600_000 : unit === 'm' ? 60_000 : 1000);
  return total;
}

async function seek(page: Page, ms: number): Promise<void> {
  // A range input: set it the way a drag would, so React's onChange sees it.
  await page.getByLabel('Time', { exact: true }).evaluate((el, v) => {
    const input = el as HTMLInputElement;
    const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    set?.call(input, String(v));
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, ms);
}

async function runInConsole(page: Page, command: string): Promise<void> {
  const input = page.getByLabel('kubectl command');
  await input.fill(command);
  await input.press('Enter');
}

for (const lab of labs()) {
  test(`lab "${lab.title}" can be completed from start to finish`, async ({ page }, info) => {
    test.setTimeout(180_000);
    await openFresh(page);
    await page.getByRole('tab', { name: 'Labs' }).click();
    await page.getByRole('button', { name: lab.title }).first().click();
    const steps = page.getByRole('list', { name: 'Steps' }).getByRole('button');
    await expect(steps).toHaveCount(lab.steps);
    for (let n = 1; n <= lab.steps; n++) {
      await steps.nth(n - 1).click();
      await expect(page.locator('#lab-step-title')).toContainText(`Step ${n}:`);
      if (lab.hasStart[n - 1]) {
        await page.getByRole('button', { name: 'Load step' }).click();
        await waitForSimulation(page);
      }
      await page.getByRole('button', { name: 'Show solution' }).click();
      await page.getByRole('button', { name: 'Apply solution to the workspace' }).click();
      await waitForSimulation(page);
      const manual = page.getByText('Now type in the console');
      if (await manual.isVisible()) {
        // "at 3m: interrupt <node>", "at 10m: kubectl drain <node>": find a node the way a learner
        // would, at that moment, and type the command with its name.
        for (const [, at = '0s', command = ''] of (await manual.innerText()).matchAll(
          /at (\S+): ([^;]*<node>[^;]*)/g,
        )) {
          await seek(page, ms(at));
          await runInConsole(page, 'kubectl get nodes -o name');
          // The newest answer; with several nodes it is one block of `node/<name>` lines.
          const out = page.getByText(/^node\/ip-[\w.-]+/).last();
          await expect(out).toBeVisible();
          const name = /^node\/(ip-[\w.-]+)/.exec((await out.innerText()).trim())?.[1] ?? '';
          expect(name).not.toBe('');
          await runInConsole(page, command.trim().replace('<node>', name));
          await waitForSimulation(page);
        }
      }
      await page.getByRole('button', { name: 'Check', exact: true }).click();
      await expect(page.getByText('Step complete.')).toBeVisible({ timeout: 30_000 });
      await expect(page.getByTestId('lab-results').locator('li.fail')).toHaveCount(0);
      await expect(steps.nth(n - 1)).toContainText('✓');
    }
    await page.screenshot({ path: info.outputPath(`${lab.id}-complete.png`) });
  });
}
