// Shared by the browser benches: open the built site with a workspace in localStorage (as if the
// learner had saved it), in a fresh page.
import type { Page } from 'playwright-core';

/** Goes to the site (retrying while the preview server starts) and saves `text` as the workspace
 *  (undefined: nothing saved, the seed workspace). The caller reloads to run it. */
export async function stageWorkspace(
  page: Page,
  port: number,
  text: string | undefined,
): Promise<void> {
  for (let i = 0; i < 50; i++) {
    try {
      await page.goto(`http://localhost:${port}/`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  await page.evaluate((t) => {
    localStorage.clear();
    if (t !== undefined)
      localStorage.setItem(
        'karpenter-lab/workspace',
        JSON.stringify({ version: 1, savedAt: '', value: t }),
      );
  }, text);
}

/** stageWorkspace, reload, and wait until the simulation is shown. */
export async function openWorkspace(
  page: Page,
  port: number,
  text: string | undefined,
  timeout = 120_000,
): Promise<void> {
  await stageWorkspace(page, port, text);
  await page.reload();
  await page
    .getByTestId('run-status')
    .filter({ hasText: 'Simulation up to date' })
    .waitFor({ timeout });
}
