// A NodePool group label ("<NodePool> · <zone>", above its cards) fits the cluster view's width,
// whatever the NodePool is called: on a phone a long name is cut with an ellipsis and keeps its
// zone, and the full label stays in the group's tooltip and accessible name. Before, a long name
// ran past the SVG's right edge and was clipped there, zone and all.
import type { Page } from '@playwright/test';
import { expect, openWithSaved, test, waitForSimulation } from './fixtures.ts';
import { benchDeploymentAndNodeClass, spotThenOnDemandPools } from './workspaces.ts';

const SPOT_POOL = 'general-purpose-arm64-spot-pool';
const LONG_POOL = 'on-demand-memory-optimised-fallback-pool-for-nightly-batches'; // 60 characters

// A weighted spot pool capped at two nodes, then the long-named on-demand fallback: two groups.
const WORKSPACE = `apiVersion: lab.karpenter.playground/v1alpha1
kind: Scenario
metadata: { name: long-pool-names }
spec:
  zones: [test-zone-1, test-zone-2]
  instanceTypes:
    - name: m7g.2xlarge
      cpu: '10'
      memory: 40Gi
      pods: 12
      arch: arm64
      os: [linux]
      offerings:
        - { zone: test-zone-1, capacityType: spot, price: 0.1234 }
    - name: m5.2xlarge
      cpu: '10'
      memory: 40Gi
      pods: 12
      arch: amd64
      os: [linux]
      offerings:
        - { zone: test-zone-2, capacityType: on-demand, price: 0.384 }
---
${spotThenOnDemandPools(SPOT_POOL, 20, LONG_POOL)}
---
${benchDeploymentAndNodeClass(30)}`;

interface Drawn {
  text: string;
  left: number;
  right: number;
}

/** Each group label's text and its rendered box, and the part of the SVG a person sees. */
const drawnLabels = (page: Page): Promise<{ labels: Drawn[]; left: number; right: number }> =>
  page.locator('.cluster-svg').evaluate((svg) => {
    const box = svg.getBoundingClientRect();
    // What is visible of the SVG: its box, clipped by the pane that scrolls it and the window.
    const pane = svg.closest('.cluster-wrap')?.parentElement?.getBoundingClientRect() ?? box;
    return {
      left: Math.max(box.left, pane.left, 0),
      right: Math.min(box.right, pane.right, document.documentElement.clientWidth),
      labels: [...svg.querySelectorAll('.group-label')].map((t) => {
        const r = t.getBoundingClientRect();
        return { text: t.textContent ?? '', left: r.left, right: r.right };
      }),
    };
  });

for (const size of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
])
  test(`NodePool group labels lie inside the cluster view, long names included (${size.width}×${size.height})`, async ({
    page,
  }, info) => {
    await page.setViewportSize(size);
    await openWithSaved(page, { workspace: WORKSPACE });
    await waitForSimulation(page);
    await expect(page.locator('.cluster-svg')).toHaveAttribute('aria-label', /\b30 pods running/, {
      timeout: 60_000,
    });
    const labels = page.locator('.cluster-svg .group-label');
    await expect(labels).toHaveCount(2);
    await labels.last().scrollIntoViewIfNeeded();
    await page.screenshot({ path: info.outputPath('group-labels.png') });

    const drawn = await drawnLabels(page);
    expect(drawn.labels.map((l) => l.text)).toHaveLength(2);
    for (const l of drawn.labels) {
      expect(l.left, `"${l.text}" starts inside the view`).toBeGreaterThanOrEqual(drawn.left);
      expect(l.right, `"${l.text}" ends inside the view`).toBeLessThanOrEqual(drawn.right + 0.5);
    }

    const spot = `${SPOT_POOL} · test-zone-1`;
    const long = `${LONG_POOL} · test-zone-2`;
    if (size.width === 390) {
      // The name is cut, not the zone: two groups of one pool still tell their zones apart.
      await expect(labels.nth(1)).toHaveText(/^on-demand-memory-optimised-\S*… · test-zone-2$/);
    } else {
      await expect(labels).toHaveText([spot, long]);
    }
    // The whole label, at any width: the group's tooltip and accessible name.
    await expect(page.locator('.cluster-svg g.group > title')).toHaveText([spot, long]);
    for (const full of [spot, long])
      await expect(page.getByRole('group', { name: full, exact: true })).toHaveCount(1);
  });
