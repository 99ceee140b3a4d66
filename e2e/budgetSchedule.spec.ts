// A disruption budget whose schedule has "*/1" in the day-of-week field. Karpenter's cron library
// (robfig/cron v3) reads "*/1" as "*", so with a day of month set the schedule fires on that day
// only; the lab used to fire it daily and block consolidation every day (issue 16).
import { expect, openFresh, test, typeIntoEditor, waitForSimulation } from './fixtures.ts';

/** Simulation time 0 is Monday 2024-01-01 00:00 UTC; the scale-down comes at 2m. */
const workspace = (dayOfMonth: number): string =>
  [
    'apiVersion: lab.karpenter.playground/v1alpha1',
    'kind: Scenario',
    'metadata:',
    '  name: budget-star-step',
    'spec:',
    '  until: 6m',
    '  actions:',
    '    - at: 2m',
    '      run: kubectl scale deployment inflate --replicas=0',
    '---',
    'apiVersion: karpenter.sh/v1',
    'kind: NodePool',
    'metadata:',
    '  name: default',
    'spec:',
    '  disruption:',
    '    consolidateAfter: 0s',
    '    budgets:',
    '      - nodes: "0"',
    `        schedule: "0 0 ${dayOfMonth} * */1"`,
    '        duration: 24h',
    '  template:',
    '    spec:',
    '      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}',
    '      requirements:',
    '        - {key: karpenter.sh/capacity-type, operator: In, values: [on-demand]}',
    '---',
    'apiVersion: karpenter.k8s.aws/v1',
    'kind: EC2NodeClass',
    'metadata:',
    '  name: default',
    'spec:',
    '  role: KarpenterNodeRole',
    '  amiSelectorTerms: [{alias: al2023@latest}]',
    '  subnetSelectorTerms: [{tags: {karpenter.sh/discovery: c}}]',
    '  securityGroupSelectorTerms: [{tags: {karpenter.sh/discovery: c}}]',
    '---',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: inflate',
    'spec:',
    '  replicas: 2',
    '  selector: {matchLabels: {app: inflate}}',
    '  template:',
    '    metadata: {labels: {app: inflate}}',
    '    spec:',
    '      containers:',
    '        - name: inflate',
    '          image: pause',
    '          resources: {requests: {cpu: 1}}',
    '',
  ].join('\n');

for (const size of [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
]) {
  test(`a budget with */1 as its day of week blocks only on its day of month (${size.width}px)`, async ({
    page,
  }, info) => {
    await page.setViewportSize(size);
    await openFresh(page);
    const events = page.getByTestId('events');

    // Day 2 of the month: the run (on the 1st) is outside the budget, so the empty node goes.
    await typeIntoEditor(page, workspace(2));
    await waitForSimulation(page);
    await expect(events.locator('b', { hasText: /^Disrupting$/ })).toHaveCount(1);
    await expect(events).toContainText('Disrupting via Emptiness');
    await expect(events).not.toContainText('due to blocking budget');
    await page.screenshot({ path: info.outputPath(`budget-day-2-${size.width}.png`) });

    // Day 1: the run is inside the budget (nodes: "0"), so the empty node stays.
    await typeIntoEditor(page, workspace(1));
    await waitForSimulation(page);
    await expect(events).toContainText(
      'No allowed disruptions for disruption reason Empty due to blocking budget',
    );
    await expect(events.locator('b', { hasText: /^Disrupting$/ })).toHaveCount(0);
  });
}
