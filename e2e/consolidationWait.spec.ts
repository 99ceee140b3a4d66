// A node that became consolidatable after Karpenter's last consolidation pass says it waits for
// the next one, and by when (examples/consolidation-waits-for-a-change.yaml: the pass at 3m found
// nothing to do; web's node is consolidatable from 3m30s; the next pass is the 5-minute refresh).
import { readFileSync } from 'node:fs';
import { DETAIL_SIZES, expect, nodeDetailsAt, test } from './fixtures.ts';

const WORKSPACE = readFileSync(
  new URL('../examples/consolidation-waits-for-a-change.yaml', import.meta.url),
  'utf8',
);

for (const size of DETAIL_SIZES)
  test(`a node waiting for Karpenter's next consolidation pass says so (${size.width}×${size.height})`, async ({
    page,
  }, info) => {
    const said = await nodeDetailsAt(page, WORKSPACE, size, 300_000, 2);
    const waiting = said.filter((s) =>
      s.includes("after Karpenter's last consolidation pass (3m)"),
    );
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toContain('or at least every 5 minutes');
    expect(waiting[0]).toContain('Next consolidation pass');
    expect(waiting[0]).toContain('by 8m00s');
    expect(waiting[0]).toContain('yes, since 3m30s');
    // The same node while its countdown still runs, scrubbed to inside the same frame.
    await page
      .locator('.cluster-svg g.node')
      .nth(said.indexOf(waiting[0] ?? ''))
      .click();
    await page.locator('#timeline-range').fill('190000');
    await expect(page.getByTestId('details')).toContainText('it becomes consolidatable in 20s');
    await page.screenshot({ path: info.outputPath('waiting-details.png') });
  });
