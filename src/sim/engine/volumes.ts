// The storage controllers around Karpenter: the StatefulSet and ephemeral-volume controllers that
// create claims, the PV controller's events, the CSI external-provisioner (Immediate claims at
// creation, WaitForFirstConsumer claims when kube-scheduler picks a node), and the EBS CSI node
// plugin registering at Ready (zone label + CSINode attach limit). Claim deletion: `kubectl delete
// pvc`, the StatefulSet retention policy (whenScaled / whenDeleted: Delete) and the pvc-protection
// controller that holds a deleting claim until no scheduled pod uses it.
import type { Deployment, PersistentVolumeClaim, Pod } from '../k8s.ts';
import {
  bindingMode,
  EBS_DRIVER,
  EBS_ZONE_KEY,
  getClaim,
  getClass,
  isBound,
  podClaims,
  translateProvisioner,
} from '../storage/claims.ts';
import { nodeVolumeLimits, type StorageSettings } from '../storage/limits.ts';
import { admitStorageObject, immediateZone, provisionedVolume } from '../storage/provision.ts';
import type { Sim } from './runtime.ts';
import { isTerminal, type NodeRec, type PodRec } from './state.ts';
import { EPOCH_MS } from './workloads.ts';
import { dict } from '../own.ts';

export const WFFC_MESSAGE = 'waiting for first consumer to be created before binding';

export class Volumes {
  /** Immediate claims whose provisioning found no topology: retried when a node becomes Ready. */
  private readonly stuck = new Set<string>();
  /** Claims being provisioned (ns/name), so a retry never starts a second volume. */
  private readonly inFlight = new Set<string>();
  /** Deleting claims (ns/name) the pvc-protection finalizer still holds. */
  private readonly deleting = new Set<string>();

  constructor(
    private readonly sim: Sim,
    private readonly settings: StorageSettings,
  ) {}

  /**
   * The StatefulSet controller's part of creating pod `name`: missing `<template>-<name>` claims
   * are created first, and the pod mounts them. Returns the pod spec with those volumes.
   */
  statefulSetPodSpec(w: Deployment, podName: string, ownerKey: string): Pod['spec'] {
    const templates = w.spec.volumeClaimTemplates ?? [];
    const spec = w.spec.template.spec;
    if (templates.length === 0) return spec;
    const ns = w.metadata.namespace ?? 'default';
    const labels = w.spec.selector?.matchLabels ?? {};
    const volumes = (spec.volumes ?? []).filter(
      (v) => !templates.some((t) => t.metadata?.name === v.name),
    );
    for (const t of templates) {
      const claimName = `${t.metadata?.name ?? ''}-${podName}`;
      volumes.push({ name: t.metadata?.name ?? '', persistentVolumeClaim: { claimName } });
      if (getClaim(this.sim.state.objects, ns, claimName)) continue;
      this.create(
        {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: {
            name: claimName,
            namespace: ns,
            labels: { ...labels, ...(t.metadata?.labels ?? {}) },
          },
          spec: { ...t.spec },
        },
        ownerKey,
      );
    }
    return { ...spec, volumes };
  }

  /** The ephemeral-volume controller: claim `<pod>-<volume>` for each generic ephemeral volume. */
  podCreated(pod: Pod, podKey: string): void {
    const ns = pod.metadata.namespace ?? 'default';
    for (const v of pod.spec.volumes ?? []) {
      const tpl = v.ephemeral?.volumeClaimTemplate;
      if (!tpl) continue;
      const name = `${pod.metadata.name ?? ''}-${v.name}`;
      if (getClaim(this.sim.state.objects, ns, name)) continue;
      this.create(
        {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: {
            name,
            namespace: ns,
            ...(tpl.metadata?.labels ? { labels: { ...tpl.metadata.labels } } : {}),
          },
          spec: { ...tpl.spec },
        },
        `Pod/${podKey}`,
      );
    }
  }

  private create(claim: PersistentVolumeClaim, by: string): void {
    const admitted = admitStorageObject(claim, this.sim.state.objects) as PersistentVolumeClaim;
    this.sim.emit({ type: 'claim.created', claim: admitted, by });
    this.claimAppeared(admitted);
  }

  /** A claim exists (workspace, apply or controller): the PV controller and provisioner react. */
  claimAppeared(c: PersistentVolumeClaim): void {
    if (isBound(c) || c.spec.volumeName) return;
    const obj = claimObject(c);
    const cls = c.spec.storageClassName
      ? getClass(this.sim.state.objects, c.spec.storageClassName)
      : undefined;
    if (!c.spec.storageClassName) {
      this.sim.k8s(
        'Normal',
        'FailedBinding',
        obj,
        'no persistent volumes available for this claim and no storage class is set',
      );
      return;
    }
    if (!cls) {
      this.sim.k8s(
        'Warning',
        'ProvisioningFailed',
        obj,
        `storageclass.storage.k8s.io ${JSON.stringify(c.spec.storageClassName)} not found`,
      );
      return;
    }
    if (bindingMode(cls) === 'WaitForFirstConsumer') {
      this.sim.k8s('Normal', 'WaitForFirstConsumer', obj, WFFC_MESSAGE);
      return;
    }
    this.provisionImmediate(claimRef(c));
  }

  /** Immediate binding: the external-provisioner creates the volume now, in a zone it picks. */
  private provisionImmediate(ref: string): void {
    const [ns = 'default', name = ''] = ref.split('/');
    const { objects } = this.sim.state;
    const c = getClaim(objects, ns, name);
    const cls = c?.spec.storageClassName ? getClass(objects, c.spec.storageClassName) : undefined;
    if (!c || !cls || c.spec.volumeName || this.inFlight.has(ref)) return;
    const driver = translateProvisioner(cls.provisioner);
    const zones = this.driverZones(driver);
    const zone = zones === undefined ? undefined : immediateZone(name, cls, zones);
    const obj = claimObject(c);
    this.sim.k8s(
      'Normal',
      'ExternalProvisioning',
      obj,
      `waiting for a volume to be created, either by external provisioner ${JSON.stringify(driver)} or manually created by system administrator`,
    );
    if (zone === undefined) {
      this.stuck.add(ref);
      this.sim.k8s(
        'Warning',
        'ProvisioningFailed',
        obj,
        `failed to provision volume with StorageClass ${JSON.stringify(cls.metadata.name ?? '')}: error generating accessibility requirements: no available topology found`,
      );
      return;
    }
    this.stuck.delete(ref);
    this.provision(ref, zone);
  }

  /** Zones of Ready nodes whose CSI driver is registered (every node with the driver installed). */
  private driverZones(driver: string): string[] | undefined {
    if (driver === EBS_DRIVER && !this.settings.ebsCsiDriver) return undefined;
    const zones: string[] = [];
    for (const n of this.sim.state.nodes.values())
      if (n.ready && n.terminatedAt === undefined && n.zone) zones.push(n.zone);
    return zones;
  }

  private provision(ref: string, zone: string, then?: () => void): void {
    const [ns = 'default', name = ''] = ref.split('/');
    this.inFlight.add(ref);
    const c0 = getClaim(this.sim.state.objects, ns, name);
    if (c0)
      this.sim.k8s(
        'Normal',
        'Provisioning',
        claimObject(c0),
        `External provisioner is provisioning volume for claim ${JSON.stringify(ref)}`,
      );
    this.sim.after(this.sim.config.timings.volumeProvision, 'volume.provision', () => {
      this.inFlight.delete(ref);
      const { objects } = this.sim.state;
      const c = getClaim(objects, ns, name);
      const cls = c?.spec.storageClassName ? getClass(objects, c.spec.storageClassName) : undefined;
      if (c && cls && !c.spec.volumeName) {
        const volume = provisionedVolume(c, cls, zone, this.uid());
        this.sim.emit({ type: 'volume.provisioned', claim: ref, volume });
        this.sim.k8s(
          'Normal',
          'ProvisioningSucceeded',
          claimObject(c),
          `Successfully provisioned volume ${volume.metadata.name ?? ''}`,
        );
        this.sim.provisioner.retrigger();
        this.sim.scheduler.requestPass();
      }
      then?.();
    });
  }

  /**
   * kube-scheduler picked `node` for `pod` (VolumeBinding Reserve/PreBind): its unbound
   * WaitForFirstConsumer claims are provisioned in the node's zone; `bound` runs once they are.
   */
  bindPod(pod: Pod, node: NodeRec, bound: () => void): void {
    const ns = pod.metadata.namespace ?? 'default';
    const { objects } = this.sim.state;
    const waiting = podClaims(pod)
      .map((r) => getClaim(objects, ns, r.claim))
      .filter((c): c is PersistentVolumeClaim => c !== undefined && !c.spec.volumeName);
    if (waiting.length === 0) return bound();
    let left = waiting.length;
    for (const c of waiting) {
      const ref = claimRef(c);
      const cls = c.spec.storageClassName ? getClass(objects, c.spec.storageClassName) : undefined;
      this.sim.k8s(
        'Normal',
        'ExternalProvisioning',
        claimObject(c),
        `waiting for a volume to be created, either by external provisioner ${JSON.stringify(translateProvisioner(cls?.provisioner ?? ''))} or manually created by system administrator`,
      );
      this.provision(ref, node.zone, () => {
        if (--left === 0) bound();
      });
    }
  }

  /**
   * A claim is deleted (`kubectl delete pvc`, a StatefulSet's retention policy): the API server
   * stamps deletionTimestamp, and the pvc-protection controller removes the claim once no
   * scheduled, unfinished pod mounts it (pvc_protection_controller.go podUsesPVC); a claim only
   * pending pods use goes at once. The bound volume stays (reclaim policy is not enacted).
   */
  deleteClaim(namespace: string, name: string): string | undefined {
    const c = getClaim(this.sim.state.objects, namespace, name);
    if (!c) return `persistentvolumeclaims "${name}" not found`;
    if (c.metadata.deletionTimestamp === undefined)
      this.sim.emit({
        type: 'object.applied',
        object: {
          ...c,
          metadata: {
            ...c.metadata,
            deletionTimestamp: new Date(EPOCH_MS + this.sim.now).toISOString(),
          },
        },
      });
    this.deleting.add(claimRef(c));
    this.releaseClaims();
    return undefined;
  }

  /** The pvc-protection controller's pass, after any pod is deleted: free claims go. */
  releaseClaims(): void {
    if (this.deleting.size === 0) return;
    for (const ref of [...this.deleting]) {
      if (this.usedByScheduledPod(ref)) continue;
      this.deleting.delete(ref);
      this.sim.emit({
        type: 'object.deleted',
        kind: 'PersistentVolumeClaim',
        key: `PersistentVolumeClaim/${ref}`,
      });
      this.recreateForPendingPods(ref);
    }
  }

  private usedByScheduledPod(ref: string): boolean {
    return [...this.sim.state.pods.values()].some(
      (p) => p.nodeName !== undefined && !isTerminal(p) && mounts(p, ref),
    );
  }

  /**
   * The StatefulSet controller creates the missing claims of its Pending pods (so a pod whose claim
   * was deleted under it gets a new, empty one — and a new volume, possibly in another zone).
   */
  private recreateForPendingPods(ref: string): void {
    for (const p of this.sim.state.pods.values()) {
      if (p.nodeName !== undefined || p.owner === undefined || !mounts(p, ref)) continue;
      const w = this.sim.state.objects.get(p.owner);
      if (w?.kind !== 'StatefulSet') continue;
      this.statefulSetPodSpec(w as Deployment, p.pod.metadata.name ?? '', p.owner);
      this.sim.provisioner.retrigger();
      this.sim.scheduler.requestPass();
    }
  }

  /** persistentVolumeClaimRetentionPolicy.whenScaled: Delete — the removed ordinals' claims. */
  statefulSetScaledDown(w: Deployment, podName: string): void {
    if (w.spec.persistentVolumeClaimRetentionPolicy?.whenScaled !== 'Delete') return;
    const ns = w.metadata.namespace ?? 'default';
    for (const t of w.spec.volumeClaimTemplates ?? [])
      this.deleteClaim(ns, `${t.metadata?.name ?? ''}-${podName}`);
  }

  /** persistentVolumeClaimRetentionPolicy.whenDeleted: Delete — every claim of the set's templates. */
  statefulSetDeleted(w: Deployment): void {
    if (w.spec.persistentVolumeClaimRetentionPolicy?.whenDeleted !== 'Delete') return;
    const ns = w.metadata.namespace ?? 'default';
    const names = (w.spec.volumeClaimTemplates ?? []).map(
      (t) =>
        new RegExp(`^${escape(t.metadata?.name ?? '')}-${escape(w.metadata.name ?? '')}-\\d+$`),
    );
    for (const o of [...this.sim.state.objects.values()])
      if (
        o.kind === 'PersistentVolumeClaim' &&
        (o.metadata.namespace ?? 'default') === ns &&
        names.some((re) => re.test(o.metadata.name ?? ''))
      )
        this.deleteClaim(ns, o.metadata.name ?? '');
  }

  /** The CSI node plugin registers: zone label for the EBS key, CSINode limits. */
  readyPatch(node: NodeRec): {
    labels: Record<string, string>;
    volumeLimits?: Record<string, number>;
  } {
    const labels = { ...node.labels };
    if (this.settings.ebsCsiDriver && node.zone) labels[EBS_ZONE_KEY] = node.zone;
    const csiNode = this.sim.state.objects.get(`CSINode//${node.name}`);
    let limits: Record<string, number> | undefined;
    if (csiNode?.kind === 'CSINode') {
      limits = dict();
      for (const d of csiNode.spec.drivers)
        if (d.allocatable?.count !== undefined) limits[d.name] = d.allocatable.count;
    } else limits = nodeVolumeLimits(node.instanceType, this.settings);
    return { labels, ...(limits ? { volumeLimits: limits } : {}) };
  }

  /** A node became Ready: Immediate claims that found no topology try again. */
  nodeReady(): void {
    for (const ref of [...this.stuck]) this.provisionImmediate(ref);
  }

  private uid(): string {
    const r = this.sim.rng('volumes');
    const hex = (n: number) =>
      Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('');
    return `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
  }
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The pod mounts claim "ns/name". */
function mounts(p: PodRec, ref: string): boolean {
  const ns = p.pod.metadata.namespace ?? 'default';
  return podClaims(p.pod).some((r) => `${ns}/${r.claim}` === ref);
}

const claimRef = (c: PersistentVolumeClaim): string =>
  `${c.metadata.namespace ?? 'default'}/${c.metadata.name ?? ''}`;
export const claimObject = (c: PersistentVolumeClaim): string =>
  `persistentvolumeclaim/${claimRef(c)}`;
