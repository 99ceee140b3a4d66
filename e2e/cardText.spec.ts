// A node card's two lines fit inside the card, whatever the instance type and NodePool are called
// (the real catalog has names like u-12tb1.112xlarge; learners name NodePools at length), and the
// full text stays in the card's accessible name and tooltip. Before, "$0.5000/h · amd64 · ready"
// ran past the right edge of every 148 px card into the next one.
import type { Page } from '@playwright/test';
import { expect, openWithSaved, test, waitForSimulation } from './fixtures.ts';
import { benchDeploymentAndNodeClass, spotThenOnDemandPools } from './workspaces.ts';

const LONG_TYPE = 'c7gd.metal-with-a-very-long-custom-suffix';
const SPOT_POOL = 'spot-graviton-batch-workers-with-a-long-name';

// A weighted spot pool capped at three nodes, then an on-demand fallback: cards of both kinds.
const WORKSPACE = `apiVersion: lab.karpenter.playground/v1alpha1
kind: Scenario
metadata: { name: long-names }
spec:
  zones: [test-zone-1, test-zone-2]
  instanceTypes:
    - name: u-12tb1.112xlarge
      cpu: '10'
      memory: 40Gi
      pods: 12
      arch: amd64
      os: [linux]
      offerings:
        - { zone: test-zone-1, capacityType: on-demand, price: 109.2 }
        - { zone: test-zone-2, capacityType: on-demand, price: 109.2 }
    - name: ${LONG_TYPE}
      cpu: '10'
      memory: 40Gi
      pods: 12
      arch: arm64
      os: [linux]
      offerings:
        - { zone: test-zone-1, capacityType: spot, price: 0.1234 }
---
${spotThenOnDemandPools(SPOT_POOL, 30, 'on-demand-memory-optimised-fallback-pool')}
---
${benchDeploymentAndNodeClass(100)}`;

/** Every card text that reaches past its card's rect: "<line> (right edge - card's)". */
const overflowing = (page: Page): Promise<string[]> =>
  page.locator('.cluster-svg g.node:not(.leaving)').evaluateAll((gs) =>
    gs.flatMap((g) => {
      const card = g.querySelector('rect.node-card')?.getBoundingClientRect();
      if (!card) return ['a card with no rect'];
      return [...g.querySelectorAll('text')].flatMap((t) => {
        const r = t.getBoundingClientRect();
        const inside =
          r.left >= card.left - 0.5 &&
          r.right <= card.right + 0.5 &&
          r.top >= card.top - 0.5 &&
          r.bottom <= card.bottom + 0.5;
        return inside ? [] : [`${t.textContent} (${(r.right - card.right).toFixed(1)} px)`];
      });
    }),
  );

for (const size of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
])
  test(`every node card's text lies inside its card, long names included (${size.width}×${size.height})`, async ({
    page,
  }, info) => {
    await page.setViewportSize(size);
    await openWithSaved(page, { workspace: WORKSPACE });
    await waitForSimulation(page);
    const cluster = page.locator('.cluster-svg');
    await expect(cluster).toHaveAttribute('aria-label', /\b100 pods running/, { timeout: 60_000 });
    const cards = page.locator('.cluster-svg g.node:not(.leaving)');
    // Both kinds of card are drawn: the long spot type and the on-demand fallback.
    await expect(cards.filter({ hasText: 'u-12tb1.112xlarge' }).first()).toBeVisible();
    await expect(cards.filter({ hasText: 'c7gd.metal' }).first()).toBeVisible();
    await cards.first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: info.outputPath('cards.png') });
    await expect.poll(() => overflowing(page)).toEqual([]);

    // Nothing is lost: the accessible name and the tooltip still carry the whole of both lines.
    const spot = cards.filter({ hasText: 'c7gd.metal' }).first();
    await expect(spot).toHaveAttribute(
      'aria-label',
      new RegExp(`^${LONG_TYPE} · spot \\$0\\.1234/h\\* · arm64 · ready\\. `),
    );
    await expect(spot.locator('title')).toContainText(`NodePool ${SPOT_POOL}`);
    await expect(spot.locator('title')).toContainText(`${LONG_TYPE} spot arm64 in test-zone-1`);
  });
