// A workspace that parses but does not all happen as written says so where a person looks: a
// document the lab leaves out (a Service) and a Scenario action that failed are warnings in the
// header and in Problems (a reviewer saw "No problems" for a failed action, session 18).
import { DEFAULT_WORKSPACE } from '../src/ui/defaultWorkspace.ts';
import { DETAIL_SIZES, expect, openWithSaved, test, waitForSimulation } from './fixtures.ts';

const WORKSPACE = `${DEFAULT_WORKSPACE}
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec: { selector: { app: inflate }, ports: [{ port: 80 }] }
---
apiVersion: lab.karpenter.playground/v1alpha1
kind: Scenario
metadata: { name: what-if }
spec:
  until: 3m
  actions:
    - { at: 1m, run: 'kubectl scale deployment nosuch --replicas=2' }
`;

for (const size of DETAIL_SIZES) {
  test(`a left-out document and a failed action are warnings in the header and Problems (${size.width}×${size.height})`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await openWithSaved(page, { workspace: WORKSPACE });
    await waitForSimulation(page);
    await expect(page.getByTestId('run-problems')).toHaveCount(0);
    await expect(page.getByTestId('run-warnings')).toHaveText('2 warnings (see Problems)');
    const problems = page.getByTestId('problems');
    await problems.scrollIntoViewIfNeeded();
    await expect(problems).toContainText('Service is not simulated, so this document is left out');
    await expect(page.getByTestId('run-warning')).toHaveText(
      'run action at 1m "kubectl scale deployment nosuch --replicas=2" failed: deployment "nosuch" not found in namespace default',
    );
    await expect(page.getByTestId('run-warning')).toBeVisible();
  });
}
