// A node that a timed-out single-node consolidation pass never reached says so in its details, at
// the moment the learner scrubs to (src/cli/fixtures/consolidation-timeout.yaml: 1 min a dry run,
// so a pass evaluates 4 of the 5 pinned nodes in 3 min and stops).
import { readFileSync } from 'node:fs';
import { expect, openWithSaved, test, waitForSimulation } from './fixtures.ts';

const WORKSPACE = readFileSync(
  new URL('../src/cli/fixtures/consolidation-timeout.yaml', import.meta.url),
  'utf8',
);

for (const size of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
])
  test(`the node a timed-out pass did not reach says why (${size.width}×${size.height})`, async ({
    page,
  }, info) => {
    await page.setViewportSize(size);
    await openWithSaved(page, { workspace: WORKSPACE });
    await waitForSimulation(page);
    // Between the first pass (at 50 s, 4 min of modelled computation) and the second (5 min).
    await page.locator('#timeline-range').fill('240000');
    await expect(page.locator('#timeline-range')).toHaveValue('240000');
    const cards = page.locator('.cluster-svg g.node');
    await expect(cards).toHaveCount(5);
    const details = page.getByTestId('details');
    const said: string[] = [];
    for (let i = 0; i < 5; i++) {
      await cards.nth(i).click();
      await expect(details.getByRole('heading', { name: 'Consolidation' })).toBeVisible();
      said.push((await details.textContent()) ?? '');
    }
    const missed = said.filter((s) =>
      s.includes('The last single-node consolidation pass (at 50s) ran out of its 3 minutes'),
    );
    expect(missed).toHaveLength(1);
    expect(missed[0]).toContain('having evaluated 4 of 5 candidates');
    await page.screenshot({ path: info.outputPath('timeout-details.png') });
  });
