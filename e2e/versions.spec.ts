// One version rule (issue #14): the editor's underlines, the Problems panel and the engine agree on
// what a Karpenter version serves. A v0.31 Provisioner is not underlined; under v1 it is an error.
import type { Page } from '@playwright/test';
import { expect, openFresh, test, typeIntoEditor, waitForSimulation } from './fixtures.ts';

const workspace = (version: string) => `apiVersion: lab.karpenter.playground/v1alpha1
kind: Scenario
metadata:
  name: versions
spec:
  karpenter:
    version: ${version}
---
apiVersion: karpenter.sh/v1alpha5
kind: Provisioner
metadata:
  name: default
spec:
  providerRef:
    name: default
  ttlSecondsAfterEmpty: 30
---
apiVersion: karpenter.k8s.aws/v1alpha1
kind: AWSNodeTemplate
metadata:
  name: default
spec:
  subnetSelector:
    karpenter.sh/discovery: lab
  securityGroupSelector:
    karpenter.sh/discovery: lab
`;

/** The text of every editor line that shows an error or warning underline, as a person sees it. */
function underlinedLines(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const lines = [...document.querySelectorAll('.monaco-editor .view-lines .view-line')];
    const out = new Set<string>();
    for (const s of document.querySelectorAll(
      '.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning',
    )) {
      const y = s.getBoundingClientRect().top + s.getBoundingClientRect().height / 2;
      const line = lines.find((l) => {
        const r = l.getBoundingClientRect();
        return y >= r.top && y < r.bottom;
      });
      if (line) out.add((line.textContent ?? '').replace(/\u00a0/g, ' ').trim());
    }
    return [...out].sort();
  });
}

const OLD_API = ['apiVersion: karpenter.sh/v1alpha5', 'kind: Provisioner'];

test('in a v0.31 workspace the Provisioner is not underlined and Problems agrees; under v1 both show the error', async ({
  page,
}, info) => {
  await openFresh(page);
  await typeIntoEditor(page, workspace('v0.31'));
  await waitForSimulation(page);
  await expect(page.getByRole('heading', { name: /^Problems/ })).toBeVisible();
  await expect(page.locator('.side-pane')).not.toContainText('no matches for kind');
  // The editor's own schema follows the run's version: no underline on the old API's lines, stably.
  await expect
    .poll(async () => (await underlinedLines(page)).filter((l) => OLD_API.includes(l)), {
      timeout: 15_000,
    })
    .toEqual([]);
  await page.waitForTimeout(1_500);
  expect((await underlinedLines(page)).filter((l) => OLD_API.includes(l))).toEqual([]);
  await page.screenshot({ path: info.outputPath('v0.31.png') });

  await typeIntoEditor(page, workspace('v1'));
  await waitForSimulation(page);
  await expect(page.getByTestId('problems')).toContainText(
    'no matches for kind "Provisioner" in version "karpenter.sh/v1alpha5"',
  );
  await expect
    .poll(() => underlinedLines(page), { timeout: 15_000 })
    .toContain('kind: Provisioner');
  await page.screenshot({ path: info.outputPath('v1.png') });
});
