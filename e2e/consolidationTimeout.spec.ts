// A node that a timed-out single-node consolidation pass never reached says so in its details, at
// the moment the learner scrubs to (src/cli/fixtures/consolidation-timeout.yaml: 1 min a dry run,
// so a pass evaluates 4 of the 5 pinned nodes in 3 min and stops).
import { readFileSync } from 'node:fs';
import { DETAIL_SIZES, expect, nodeDetailsAt, test } from './fixtures.ts';

const WORKSPACE = readFileSync(
  new URL('../src/cli/fixtures/consolidation-timeout.yaml', import.meta.url),
  'utf8',
);

for (const size of DETAIL_SIZES)
  test(`the node a timed-out pass did not reach says why (${size.width}×${size.height})`, async ({
    page,
  }, info) => {
    // Between the first pass (at 50 s, 4 min of modelled computation) and the second (5 min).
    const said = await nodeDetailsAt(page, WORKSPACE, size, 240_000, 5);
    const missed = said.filter((s) =>
      s.includes('The last single-node consolidation pass (at 50s) ran out of its 3 minutes'),
    );
    expect(missed).toHaveLength(1);
    expect(missed[0]).toContain('having evaluated 4 of 5 candidates');
    await page.screenshot({ path: info.outputPath('timeout-details.png') });
  });
