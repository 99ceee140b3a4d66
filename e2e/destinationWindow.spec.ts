// Karpenter v1.14 keeps a candidate's pods off a node still inside its consolidateAfter
// (examples/consolidation-destination-window.yaml: at 3m "web" scales to 1, so its node W has room
// for batch's pod, but W's pods changed at 3m and its 1m window runs to 4m; batch's node B stays).
// What a learner sees: B's details name W and until when, and only while the window runs.
import { readFileSync } from 'node:fs';
import { expect, openWithSaved, test, waitForSimulation } from './fixtures.ts';

const WORKSPACE = readFileSync(
  new URL('../examples/consolidation-destination-window.yaml', import.meta.url),
  'utf8',
);

for (const size of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
])
  test(`a candidate's details name the nodes its pods may not move to (${size.width}×${size.height})`, async ({
    page,
  }, info) => {
    await page.setViewportSize(size);
    await openWithSaved(page, { workspace: WORKSPACE });
    await waitForSimulation(page);
    await page.locator('#timeline-range').fill('210000');
    await expect(page.locator('#timeline-range')).toHaveValue('210000');
    const cards = page.locator('.cluster-svg g.node');
    await expect(cards).toHaveCount(2);
    const details = page.getByTestId('details');
    const said: string[] = [];
    for (let i = 0; i < 2; i++) {
      await cards.nth(i).click();
      await expect(details.getByRole('heading', { name: 'Consolidation' })).toBeVisible();
      said.push((await details.textContent()) ?? '');
    }
    const held = said.filter((s) => s.includes('Pods may not move to'));
    expect(held).toHaveLength(1);
    expect(held[0]).toMatch(/ip-[\d-]+\.ec2\.internal \(until 4m00s\)/);
    expect(held[0]).toContain('Since v1.14 its pods may not move onto a node still inside its own');
    // The fact is reachable: B's details show it on screen.
    await cards.nth(said.indexOf(held[0] ?? '')).click();
    const fact = details.getByText('Pods may not move to');
    await fact.scrollIntoViewIfNeeded();
    await expect(fact).toBeInViewport();
    await page.screenshot({ path: info.outputPath('held-off-details.png') });
    // After W's window the same node lists nothing.
    await page.locator('#timeline-range').fill('250000');
    await expect(page.locator('#timeline-range')).toHaveValue('250000');
    await expect(details.getByRole('heading', { name: 'Consolidation' })).toBeVisible();
    await expect(details).not.toContainText('Pods may not move to');
  });
