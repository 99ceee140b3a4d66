// A NodeClaim Karpenter refused to create (limits.nodes before v1.11) explains itself on the
// Pending pod, and Karpenter's long message wraps at its own marks, inside the Details panel, at
// both sizes (a reviewer saw "NodePool=de / fault", session 18).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DETAIL_SIZES, expect, openWithSaved, test, waitForSimulation } from './fixtures.ts';

const CASE = readFileSync(
  join(import.meta.dirname, '../src/fidelity/provisioning/nodes-limit-holds-across-batches.yaml'),
  'utf8',
);
const WORKSPACE = CASE.replace(
  "karpenter: { timings: { jitter: '0' } }",
  "karpenter: { version: v1.10, timings: { jitter: '0' } }",
).replace(
  "    - { at: 20s, run: 'kubectl scale deployment web --replicas=3' }\n",
  "    - { at: 20s, run: 'kubectl scale deployment web --replicas=3' }\n    - { at: 30s, run: 'kubectl scale deployment web --replicas=4' }\n",
);

for (const size of DETAIL_SIZES) {
  test(`a refused NodeClaim explains the Pending pod, its message wrapped inside the panel (${size.width}×${size.height})`, async ({
    page,
  }, info) => {
    expect(WORKSPACE).toContain('version: v1.10');
    await page.setViewportSize(size);
    await openWithSaved(page, { workspace: WORKSPACE });
    await waitForSimulation(page);
    await page.getByRole('slider', { name: 'Time' }).press('End');
    const pending = page.getByTestId('pending-pods').getByRole('button').first();
    await pending.scrollIntoViewIfNeeded();
    await pending.press('Enter');
    const details = page.getByTestId('details');
    await expect(details).toContainText(
      'Pending: Karpenter planned a NodeClaim of NodePool default for it, but the pool is over its limits, so it was not created.',
    );
    const said = details.locator('table.pending code');
    await expect(said).toHaveText(
      'creating node claim, resource usage exceeds limit (NodePool=default, resource-name=nodes, usage=3, limit=2)',
    );
    // A break opportunity after each = and , (8 here), so it wraps at those, not mid-word.
    await expect(said.locator('wbr')).toHaveCount(8);
    await said.scrollIntoViewIfNeeded();
    // Wrapped inside the panel: nothing wider than the Details pane.
    const overflow = await details.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.screenshot({ path: info.outputPath('refused.png') });
  });
}
