// Volumes as a person sees them (issue #19): the console lists claims, volumes and classes with
// kubectl's columns, a pod's details show its claim → volume → zone and why the zone mattered, and
// the canvas draws pods with volumes as cylinders.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openFresh, test, typeIntoEditor, waitForSimulation } from './fixtures.ts';

async function command(page: Page, line: string): Promise<void> {
  const input = page.getByLabel('kubectl command');
  await input.fill(line);
  await input.press('Enter');
}

// A NodePool that can only launch in us-east-1a, a default gp3 class, and a pod whose claim is bound
// to a volume in us-east-1a (what `kubectl get pv,pvc -o yaml` of a running cluster shows).
const WORKSPACE = `apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: default
spec:
  template:
    spec:
      requirements:
        - key: topology.kubernetes.io/zone
          operator: In
          values: [us-east-1a]
      nodeClassRef:
        group: karpenter.k8s.aws
        kind: EC2NodeClass
        name: default
---
apiVersion: karpenter.k8s.aws/v1
kind: EC2NodeClass
metadata:
  name: default
spec:
  amiSelectorTerms:
    - alias: al2023@latest
  role: KarpenterNodeRole
  subnetSelectorTerms:
    - tags:
        karpenter.sh/discovery: lab
  securityGroupSelectorTerms:
    - tags:
        karpenter.sh/discovery: lab
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: gp3
  annotations:
    storageclass.kubernetes.io/is-default-class: 'true'
provisioner: ebs.csi.aws.com
volumeBindingMode: WaitForFirstConsumer
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: pvc-0b1e5c0a-7d3f-4e21-9a6c-51f0c2d8e04b
spec:
  capacity:
    storage: 10Gi
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Delete
  storageClassName: gp3
  claimRef:
    namespace: default
    name: data-db-0
  csi:
    driver: ebs.csi.aws.com
    volumeHandle: vol-004c2e9d7b1a3f58e
  nodeAffinity:
    required:
      nodeSelectorTerms:
        - matchExpressions:
            - key: topology.kubernetes.io/zone
              operator: In
              values: [us-east-1a]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data-db-0
  annotations:
    pv.kubernetes.io/bind-completed: 'yes'
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: gp3
  volumeName: pvc-0b1e5c0a-7d3f-4e21-9a6c-51f0c2d8e04b
  resources:
    requests:
      storage: 10Gi
status:
  phase: Bound
---
apiVersion: v1
kind: Pod
metadata:
  name: db-0
spec:
  containers:
    - name: db
      image: public.ecr.aws/eks-distro/kubernetes/pause:3.7
      resources:
        requests:
          cpu: 500m
  volumes:
    - name: data
      persistentVolumeClaim:
        claimName: data-db-0
`;

test('kubectl get pvc,pv,sc and describe pvc show the claim bound to its volume', async ({
  page,
}, info) => {
  await openFresh(page);
  await typeIntoEditor(page, WORKSPACE);
  await waitForSimulation(page);
  await page.getByRole('slider', { name: 'Time' }).press('End');
  await command(page, 'kubectl get pvc,pv,sc');
  const out = page.getByTestId('console-output');
  await expect(out).toContainText(
    /persistentvolumeclaim\/data-db-0\s+Bound\s+pvc-0b1e5c0a-7d3f-4e21-9a6c-51f0c2d8e04b\s+10Gi\s+RWO\s+gp3\s+<unset>/,
  );
  await expect(out).toContainText(
    /persistentvolume\/pvc-0b1e5c0a\S+\s+10Gi\s+RWO\s+Delete\s+Bound\s+default\/data-db-0/,
  );
  await expect(out).toContainText(
    /storageclass\.storage\.k8s\.io\/gp3 \(default\)\s+ebs\.csi\.aws\.com\s+Delete\s+WaitForFirstConsumer\s+false/,
  );
  await command(page, 'kubectl describe pvc data-db-0');
  await expect(out).toContainText(/Used By:\s+db-0/);
  await expect(out).toContainText(/Finalizers:\s+\[kubernetes\.io\/pvc-protection\]/);
  await page.screenshot({ path: info.outputPath('volumes-console.png') });
  // Deleting the claim its running pod uses: accepted, but PVC protection keeps it Terminating.
  await command(page, 'kubectl delete pvc data-db-0');
  await expect(out).toContainText('persistentvolumeclaim "data-db-0" deleted');
  await waitForSimulation(page);
  await page.getByRole('slider', { name: 'Time' }).press('End');
  await command(page, 'kubectl get pvc data-db-0');
  await expect(out).toContainText(/data-db-0\s+Terminating\s+pvc-0b1e5c0a/);
  await page.screenshot({ path: info.outputPath('volumes-console-delete-pvc.png') });
});

test('a pod’s details show its claim, volume and zone, and why the zone constrained it', async ({
  page,
}, info) => {
  // Two axe runs on top of the panel checks: more than the default minute on a shared machine.
  test.setTimeout(120_000);
  await openFresh(page);
  await typeIntoEditor(page, WORKSPACE);
  await waitForSimulation(page);
  // The status can still say "up to date" from the run before the paste: wait for this cluster.
  await expect(page.getByRole('group', { name: /1 node, 1 pod running/ })).toBeVisible();
  await page.getByRole('slider', { name: 'Time' }).press('End');
  // By keyboard, as a person without a mouse would: the node card, then its pod list.
  await page.locator('.cluster-svg g.node:not(.leaving)').first().focus();
  await page.keyboard.press('Enter');
  const details = page.getByTestId('details');
  // The node's disruption section says which volume holds its pod in which zone.
  await expect(details).toContainText("Volumes pin its pods to us-east-1a (db-0's data-db-0)");
  await expect(details).toContainText('db-0 (data-db-0) → us-east-1a');
  await details.getByText('Pinned by volumes').scrollIntoViewIfNeeded();
  await page.screenshot({ path: info.outputPath('volumes-node-pinned.png') });
  await details.getByRole('button', { name: 'default/db-0' }).click();
  const table = details.getByTestId('pod-volumes');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText('data-db-0');
  await expect(table).toContainText('gp3 (WaitForFirstConsumer)');
  await expect(table).toContainText('pvc-0b1e5c0a-7d3f-4e21-9a6c-51f0c2d8e04b');
  await expect(table).toContainText('us-east-1a');
  await expect(details.getByTestId('volume-why')).toContainText(
    'lives in us-east-1a, so Karpenter could only launch for it there',
  );
  // The canvas pod under the pointer names its volume in the tooltip.
  const card = await page.locator('.cluster-svg g.node:not(.leaving)').first().boundingBox();
  if (!card) throw new Error('no node card');
  const wrap = page.locator('.cluster-wrap');
  let title = '';
  for (let dy = 50; dy < card.height && !title.includes('volume'); dy += 4) {
    await page.mouse.move(card.x + 12, card.y + dy);
    title = (await wrap.getAttribute('title')) ?? '';
  }
  expect(title).toContain('default/db-0 (Running)');
  expect(title).toContain(
    'volume data-db-0 → pvc-0b1e5c0a-7d3f-4e21-9a6c-51f0c2d8e04b in us-east-1a',
  );
  await page.screenshot({ path: info.outputPath('volumes-details.png') });
  // The Volumes table passes axe in both themes (Monaco's own widgets excluded, as in a11y.spec).
  for (const theme of ['light', 'dark']) {
    if (theme === 'dark') await page.getByRole('button', { name: 'Dark theme' }).click();
    const axe = await new AxeBuilder({ page }).exclude('.monaco-editor').analyze();
    const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${theme}: ${v.id}`)).toEqual([]);
  }
  await page.screenshot({ path: info.outputPath('volumes-details-dark.png') });
});
