// Karpenter v1.14 keeps a candidate's pods off a node still inside its consolidateAfter
// (examples/consolidation-destination-window.yaml: at 3m "web" scales to 1, so its node W has room
// for batch's pod, but W's pods changed at 3m and its 1m window runs to 4m; batch's node B stays).
// What a learner sees: B's details name W and until when, and only while the window runs.
import { readFileSync } from 'node:fs';
import { DETAIL_SIZES, expect, nodeDetailsAt, scrubTo, test } from './fixtures.ts';

const WORKSPACE = readFileSync(
  new URL('../examples/consolidation-destination-window.yaml', import.meta.url),
  'utf8',
);

for (const size of DETAIL_SIZES)
  test(`a candidate's details name the nodes its pods may not move to (${size.width}×${size.height})`, async ({
    page,
  }, info) => {
    const said = await nodeDetailsAt(page, WORKSPACE, size, 210_000, 2);
    const held = said.filter((s) => s.includes('Pods may not move to'));
    expect(held).toHaveLength(1);
    expect(held[0]).toMatch(/ip-[\d-]+\.ec2\.internal \(until 4m00s\)/);
    expect(held[0]).toContain('Since v1.14 its pods may not move onto a node still inside its own');
    // The fact is reachable: B's details show it on screen.
    await page
      .locator('.cluster-svg g.node')
      .nth(said.indexOf(held[0] ?? ''))
      .click();
    const details = page.getByTestId('details');
    const fact = details.getByText('Pods may not move to');
    await fact.scrollIntoViewIfNeeded();
    await expect(fact).toBeInViewport();
    await page.screenshot({ path: info.outputPath('held-off-details.png') });
    // After W's window the same node lists nothing.
    await scrubTo(page, 250_000);
    await expect(details.getByRole('heading', { name: 'Consolidation' })).toBeVisible();
    await expect(details).not.toContainText('Pods may not move to');
  });
