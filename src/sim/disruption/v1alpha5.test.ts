import { describe, expect, it } from 'vitest';
import type { Provisioner } from '../k8s.ts';
import { deployment, provisioner } from '../engine/testing.ts';
import { LABEL } from '../labels.ts';
import {
  eventsOf,
  k8sEvents,
  pdb,
  liveNodes,
  runLab,
  scaleTo,
  sizedTypes,
  withPodAnnotations,
} from './testing.ts';

const MIN = 60_000;
// Pinning instance types keeps the v1alpha5 webhook defaults (instance-category c/m/r) off the fake catalog.
const prov = (spec: Provisioner['spec']) =>
  provisioner('default', {
    requirements: [{ key: LABEL.instanceType, operator: 'In', values: ['c-2x', 'c-4x', 'c-8x'] }],
    ...spec,
  });
// Karpenter v0.31: the one version rule (src/sim/version.ts) reads a workspace without one as v1.
const V031 = { karpenter: { version: 'v0.31' } };
const shrink = (until = '30m') => ({ ...V031, until, actions: [scaleTo('web', 1, '3m')] });

describe('v1alpha5 › ttlSecondsAfterEmpty (reference §3.16)', () => {
  it('never consolidates an underutilized node when the Provisioner only sets ttlSecondsAfterEmpty (the seed lab)', () => {
    const { timeline: tl, controller } = runLab(shrink('1h'), [
      prov({ ttlSecondsAfterEmpty: 30 }),
      deployment('web', { replicas: 3, cpu: '1' }),
    ]);
    expect(tl.semantics).toBe('v1alpha5');
    expect(controller.actions).toHaveLength(0);
    expect(eventsOf(tl, 'nodeclaim.created')).toHaveLength(1);
    expect(liveNodes(tl)).toHaveLength(1);
    const why = [...controller.explanations.values()][0];
    expect(why).toMatchObject({
      state: 'disabled',
      reason: 'Provisioner "default" has consolidation disabled',
    });
    expect(why?.sentence).toMatch(/never consolidates underutilized/);
  });

  it('deletes an empty node ttlSecondsAfterEmpty after its last pod left, DaemonSet pods ignored', () => {
    const { timeline: tl, controller } = runLab(
      { ...V031, until: '10m', actions: [scaleTo('web', 0, '3m')] },
      [prov({ ttlSecondsAfterEmpty: 30 }), deployment('web', { replicas: 3, cpu: '1' })],
    );
    expect(controller.actions).toMatchObject([{ method: 'Emptiness', decision: 'delete' }]);
    const deleting = eventsOf(tl, 'nodeclaim.deleting')[0]?.t ?? 0;
    expect(deleting).toBeGreaterThanOrEqual(3 * MIN + 30_000);
    expect(deleting).toBeLessThanOrEqual(3 * MIN + 30_000 + 20_000);
  });
});

describe('v1alpha5 › consolidation.enabled', () => {
  it('replaces an underutilized node and cordons it with the old taint while the replacement starts', () => {
    const { timeline: tl, controller } = runLab(shrink(), [
      prov({ consolidation: { enabled: true } }),
      deployment('web', { replicas: 3, cpu: '1' }),
    ]);
    expect(controller.actions).toMatchObject([
      { method: 'SingleNodeConsolidation', decision: 'replace' },
    ]);
    const tainted = eventsOf(tl, 'node.updated').some((e) =>
      e.patch.taints?.some((t) => t.key === 'node.kubernetes.io/unschedulable'),
    );
    expect(tainted).toBe(true);
  });

  it('is blocked by the old pod annotation karpenter.sh/do-not-evict', () => {
    const web = withPodAnnotations(deployment('web', { replicas: 3, cpu: '1' }), {
      'karpenter.sh/do-not-evict': 'true',
    });
    const { timeline: tl, controller } = runLab(shrink(), [
      prov({ consolidation: { enabled: true } }),
      web,
    ]);
    expect(controller.actions).toHaveLength(0);
    // deprovisioning/helpers.go filterCandidates and events/events.go Blocked at v0.31.0.
    const blocked = k8sEvents(tl, 'DeprovisioningBlocked');
    const [pod] = [...tl.final.pods.values()].filter((p) => p.key.startsWith('default/web-'));
    const claim = tl.final.nodes.get(pod?.nodeName ?? '')?.nodeClaim ?? '';
    expect(blocked.map((e) => [e.object, e.message])).toContainEqual([
      `machine/${claim}`,
      `Cannot deprovision Machine: Pod "${pod?.key ?? ''}" has do not evict annotation`,
    ]);
    expect(blocked.some((e) => e.message.startsWith('Cannot deprovision Node: Pod "'))).toBe(true);
    expect(k8sEvents(tl, 'DisruptionBlocked')).toEqual([]);
    // NewCandidate skipped a node not initialized (or marked for deletion) without an event.
    expect(blocked.filter((e) => /initialized|deletion/.test(e.message))).toEqual([]);
  });

  it('says a PDB blocks in v0.31 words', () => {
    const web = deployment('web', { replicas: 3, cpu: '1' });
    const { timeline: tl, controller } = runLab(shrink(), [
      prov({ consolidation: { enabled: true } }),
      web,
      pdb('web-pdb', 'web', { maxUnavailable: 0 }),
    ]);
    expect(controller.actions).toHaveLength(0);
    expect(k8sEvents(tl, 'DeprovisioningBlocked').map((e) => e.message)).toContain(
      'Cannot deprovision Node: PDB "default/web-pdb" prevents pod evictions',
    );
    const why = [...controller.explanations.values()].find((e) => e.state === 'blocked');
    expect(why?.sentence).toMatch(/PodDisruptionBudget currently allows no more disruptions/);
  });

  it('publishes the deprovisioning events of a replace on the Node and its Machines (controller.go at v0.31.0)', () => {
    const { timeline: tl, controller } = runLab(shrink(), [
      prov({ consolidation: { enabled: true } }),
      deployment('web', { replicas: 3, cpu: '1' }),
    ]);
    expect(controller.actions).toMatchObject([{ decision: 'replace' }]);
    const names = (reason: string) => k8sEvents(tl, reason).map((e) => [e.object, e.message]);
    const [old] = eventsOf(tl, 'nodeclaim.deleting');
    const replacement = eventsOf(tl, 'nodeclaim.created')[1]?.nodeClaim.name ?? '';
    expect(names('DeprovisioningLaunching')).toEqual([
      [`machine/${replacement}`, 'Launching Machine: Consolidation/Replace'],
    ]);
    expect(names('DeprovisioningWaitingReadiness')).toContainEqual([
      `machine/${replacement}`,
      'Waiting on readiness to continue deprovisioning',
    ]);
    expect(names('DeprovisioningTerminating')).toEqual([
      [expect.stringMatching(/^node\//), 'Deprovisioning Node: Consolidation/Replace'],
      [`machine/${old?.nodeClaim ?? ''}`, 'Deprovisioning Machine: Consolidation/Replace'],
    ]);
    expect(k8sEvents(tl).filter((e) => e.reason.startsWith('Disruption'))).toEqual([]);
    expect(k8sEvents(tl, 'Nominated')[0]?.message).toMatch(/^Pod should schedule on: machine\//);
  });

  // v0.31 had Machines, not NodeClaims: every event on one names machine/<name> (the lab's own
  // lifecycle events included), so `kubectl get events` never shows one object under two kinds.
  it('names the Machine in every event on it, lifecycle events included', () => {
    const { timeline: tl } = runLab(shrink(), [
      prov({ consolidation: { enabled: true } }),
      deployment('web', { replicas: 3, cpu: '1' }),
    ]);
    const onClaims = k8sEvents(tl).filter((e) => /^(nodeclaim|machine)\//.test(e.object));
    expect(onClaims.length).toBeGreaterThan(0);
    expect(onClaims.filter((e) => e.object.startsWith('nodeclaim/'))).toEqual([]);
    const first = (reason: string) => k8sEvents(tl, reason)[0]?.message;
    expect(first('Created')).toMatch(/^Created Machine for \d+ pod\(s\)/);
    expect(first('Registered')).toMatch(/^Machine condition Registered is True \(node /);
    expect(first('Initialized')).toMatch(/^Machine condition Initialized is True \(node /);
  });

  it('ignores the v1 annotation name under v1alpha5', () => {
    const web = withPodAnnotations(deployment('web', { replicas: 3, cpu: '1' }), {
      'karpenter.sh/do-not-disrupt': 'true',
    });
    const { controller } = runLab(shrink(), [prov({ consolidation: { enabled: true } }), web]);
    expect(controller.actions).toHaveLength(1);
  });

  it('never replaces a spot node with a spot node (before v0.34)', () => {
    const spotProv = prov({
      consolidation: { enabled: true },
      requirements: [
        { key: LABEL.instanceType, operator: 'In', values: ['c-2x', 'c-4x'] },
        { key: LABEL.capacityType, operator: 'In', values: ['spot'] },
      ],
    });
    const { timeline: tl, controller } = runLab(
      { ...shrink(), instanceTypes: sizedTypes(['spot', 'on-demand']) },
      [spotProv, deployment('web', { replicas: 3, cpu: '1' })],
    );
    expect(controller.actions).toHaveLength(0);
    expect(k8sEvents(tl, 'Unconsolidatable').map((e) => e.message)).toContain(
      "Can't replace a spot node with a spot node",
    );
  });
});

describe('v1alpha5 › the Provisioner name label', () => {
  // Karpenter v0.31 pkg/apis/v1alpha5/labels.go: ProvisionerNameLabelKey is in WellKnownLabels and
  // is set on every node; karpenter.sh/nodepool did not exist. A pod pinned to a Provisioner by
  // nodeSelector is the common v0.31 layout (it was refused as a restricted label here).
  const pinned = (pool: string) =>
    deployment('web', {
      replicas: 2,
      cpu: '1',
      spec: { nodeSelector: { [LABEL.provisionerName]: pool } },
    });
  const pools = [
    prov({}),
    provisioner('other', {
      requirements: [{ key: LABEL.instanceType, operator: 'In', values: ['c-2x'] }],
    }),
  ];

  it('selects the Provisioner under v0.31, and the node carries its name', () => {
    const { timeline: tl } = runLab({ ...V031, until: '5m' }, [...pools, pinned('other')]);
    const pods = [...tl.final.pods.values()];
    expect(pods.map((p) => p.phase)).toEqual(['Running', 'Running']);
    for (const p of pods)
      expect(tl.final.nodes.get(p.nodeName ?? '')?.labels[LABEL.provisionerName]).toBe('other');
  });

  it('says "provisioner" where v1 says "nodepool" (scheduler.go at v0.31.0, OwnerKind)', () => {
    const { timeline: tl } = runLab({ ...V031, until: '5m' }, [
      ...pools,
      deployment('big', { replicas: 1, cpu: '1000' }),
    ]);
    const [pod] = [...tl.final.pods.values()];
    expect(pod?.phase).toBe('Pending');
    const parts = (pod?.error?.message ?? '').split('; ');
    expect(parts).toHaveLength(2);
    for (const part of parts)
      expect(part).toMatch(/^incompatible with provisioner "(default|other)", daemonset overhead=/);
  });

  // provisioner.go at v0.31.0: ErrProvisionersNotFound. The scheduler read the API from the pools
  // it was given, so with none (every Provisioner invalid) it said v1's "no nodepools found".
  it('says "no provisioners found" when a v0.31 cluster has no Provisioner', () => {
    const { timeline: tl } = runLab({ ...V031, until: '1m' }, [
      deployment('web', { replicas: 1, cpu: '1' }),
    ]);
    const [pod] = [...tl.final.pods.values()];
    expect(pod?.phase).toBe('Pending');
    expect(pod?.error?.message).toBe('no provisioners found');
  });

  it('lists the requirements a v0.31 template had: the Provisioner name, no NodePool or node class (nodeclaimtemplate.go at v0.31.0)', () => {
    const { timeline: tl } = runLab({ ...V031, until: '5m' }, [
      ...pools,
      deployment('big', { replicas: 1, cpu: '1000' }),
    ]);
    const [pod] = [...tl.final.pods.values()];
    const message = pod?.error?.message ?? '';
    const parts = message.split('; ');
    expect(parts).toHaveLength(2);
    // Before v1.3 (nodeclaim.go Add): "no instance type satisfied resources … and requirements … (<reason>)".
    expect(parts[1]).toBe(
      'incompatible with provisioner "default", daemonset overhead={}, no instance type satisfied resources {"cpu":"1000","pods":"1"} and requirements ' +
        `${LABEL.capacityType} In [on-demand], ${LABEL.provisionerName} In [default], kubernetes.io/arch In [amd64], kubernetes.io/os In [linux], ${LABEL.instanceType} In [c-2x c-4x c-8x] (no instance type has enough resources)`,
    );
    expect(message).not.toContain(LABEL.nodePool);
    expect(message).not.toContain(LABEL.nodeClass);
  });

  it('labels a v0.31 node with its Provisioner only (karpenter.sh/nodepool came with v0.32)', () => {
    const { timeline: tl } = runLab({ ...V031, until: '5m' }, [...pools, pinned('other')]);
    const nodes = [...tl.final.nodes.values()];
    expect(nodes.length).toBeGreaterThan(0);
    for (const n of nodes) {
      expect(n.labels[LABEL.provisionerName]).toBe('other');
      expect(n.labels).not.toHaveProperty(LABEL.nodePool);
      expect(n.labels).not.toHaveProperty(LABEL.nodeClass);
    }
  });

  it('is a restricted label under v1, where the NodePool name is the well-known one', () => {
    const { timeline: tl } = runLab({ until: '5m' }, [...pools.map((p) => p), pinned('other')]);
    const [pod] = [...tl.final.pods.values()];
    expect(pod?.phase).toBe('Pending');
    expect(pod?.error?.message).toMatch(
      /using label karpenter\.sh\/provisioner-name is not allowed/,
    );
  });
});
