// A node that became consolidatable after Karpenter's last consolidation pass says it waits for
// the next one, and by when (examples/consolidation-waits-for-a-change.yaml: the pass at 3m found
// nothing to do; web's node is consolidatable from 3m30s; the next pass is the 5-minute refresh).
import { readFileSync } from 'node:fs';
import { expect, openWithSaved, test, waitForSimulation } from './fixtures.ts';

const WORKSPACE = readFileSync(
  new URL('../examples/consolidation-waits-for-a-change.yaml', import.meta.url),
  'utf8',
);

for (const size of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
])
  test(`a node waiting for Karpenter's next consolidation pass says so (${size.width}×${size.height})`, async ({
    page,
  }, info) => {
    await page.setViewportSize(size);
    await openWithSaved(page, { workspace: WORKSPACE });
    await waitForSimulation(page);
    await page.locator('#timeline-range').fill('300000');
    await expect(page.locator('#timeline-range')).toHaveValue('300000');
    const cards = page.locator('.cluster-svg g.node');
    await expect(cards).toHaveCount(2);
    const details = page.getByTestId('details');
    const said: string[] = [];
    for (let i = 0; i < 2; i++) {
      await cards.nth(i).click();
      await expect(details.getByRole('heading', { name: 'Consolidation' })).toBeVisible();
      said.push((await details.textContent()) ?? '');
    }
    const waiting = said.filter((s) =>
      s.includes("after Karpenter's last consolidation pass (3m)"),
    );
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toContain('or at least every 5 minutes');
    expect(waiting[0]).toContain('Next consolidation pass');
    expect(waiting[0]).toContain('by 8m00s');
    expect(waiting[0]).toContain('yes, since 3m30s');
    // The same node while its countdown still runs, scrubbed to inside the same frame.
    await cards.nth(said.indexOf(waiting[0] ?? '')).click();
    await page.locator('#timeline-range').fill('190000');
    await expect(details).toContainText('it becomes consolidatable in 20s');
    await page.screenshot({ path: info.outputPath('waiting-details.png') });
  });
