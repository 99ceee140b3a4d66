// Workload controllers: Deployment/ReplicaSet/StatefulSet keep `replicas` pods alive (so an evicted
// pod comes back as a new Pending pod), DaemonSets put one pod on every eligible node. Pod names
// follow Kubernetes: inflate-7f9c6d4b8d-x2k9q (Deployment), web-x2k9q (ReplicaSet), db-0 (StatefulSet).
import type { DaemonSet, Deployment, KubeObject, Pod, Toleration } from '../k8s.ts';
import { QuantityError } from '../quantity.ts';
import { requestsForPod } from '../scheduling/podrequests.ts';
import { untoleratedTaints } from '../scheduling/taints.ts';
import { nodeAffinityMatches } from './fit.ts';
import { podTemplateHash, uid } from './names.ts';
import { admitRuntimeClass } from './runtimeClass.ts';
import { Rollouts } from './rollout.ts';
import type { Sim } from './runtime.ts';
import { isTerminal, type NodeRec, type PodRec } from './state.ts';

/** Timestamps in objects are ISO strings; the simulation starts at this fixed instant. */
export const EPOCH_MS = Date.UTC(2025, 0, 1);

export function isoAt(t: number): string {
  return new Date(EPOCH_MS + t).toISOString();
}

// The DaemonSet controller adds these tolerations to every DaemonSet pod.
const DAEMON_TOLERATIONS: Toleration[] = [
  'node.kubernetes.io/not-ready',
  'node.kubernetes.io/unreachable',
  'node.kubernetes.io/disk-pressure',
  'node.kubernetes.io/memory-pressure',
  'node.kubernetes.io/pid-pressure',
  'node.kubernetes.io/unschedulable',
].map((key) => ({ key, operator: 'Exists' as const }));

type Workload = Deployment;

export class Workloads {
  /** Rolling updates of Deployments whose template changed (rollout.ts). */
  readonly rollouts: Rollouts;

  constructor(private readonly sim: Sim) {
    this.rollouts = new Rollouts(sim, {
      owned: (key) => this.owned(key),
      createPods: (w, key, n) => {
        for (let i = 0; i < n; i++)
          this.createOwnedPod(w, key, sim.names.suffixed(this.podPrefix(w)));
        sim.scheduler.requestPass();
      },
      deletePods: (pods) => {
        for (const p of pods) sim.emit({ type: 'pod.deleted', pod: p.key });
        sim.scheduler.requestPass();
      },
    });
  }

  /** Makes a PodRec; a pod whose requests do not parse stays Pending with the parse error. */
  makePod(pod: Pod, owner: string | undefined, daemonSet = false): PodRec {
    const ns = pod.metadata.namespace ?? 'default';
    const name = pod.metadata.name ?? '';
    const withMeta: Pod = {
      ...pod,
      metadata: {
        ...pod.metadata,
        namespace: ns,
        uid: pod.metadata.uid ?? uid(this.sim.rng('uids')),
        creationTimestamp: isoAt(this.sim.now),
      },
    };
    let requests = {};
    let error: string | undefined;
    const admitted = admitRuntimeClass(name, withMeta.spec, (rc) => this.sim.runtimeClass(rc));
    if (admitted.ok) withMeta.spec = admitted.spec;
    else error = admitted.message;
    try {
      if (error === undefined) requests = requestsForPod(withMeta);
    } catch (e) {
      if (!(e instanceof QuantityError)) throw e;
      error = e.message;
    }
    return {
      key: `${ns}/${name}`,
      uid: withMeta.metadata.uid ?? '',
      pod: withMeta,
      ...(owner === undefined ? {} : { owner }),
      ...(daemonSet ? { daemonSet } : {}),
      phase: 'Pending',
      createdAt: this.sim.now,
      requests,
      ...(error === undefined ? {} : { reason: 'InvalidRequests', message: error }),
    };
  }

  /**
   * Pods a workload owns that still count towards replicas: not terminating and, but for a
   * StatefulSet's, not finished — a ReplicaSet counts only active pods (FilterActivePods), so an
   * Evicted or Completed pod an export still lists gets a replacement. (A StatefulSet recreates a
   * failed pod under its own name, which the lab does not model: it keeps counting it.)
   */
  owned(key: string): PodRec[] {
    const out: PodRec[] = [];
    const finishedCount = key.startsWith('StatefulSet/');
    for (const k of this.sim.podsOwnedBy(key)) {
      const p = this.sim.state.pods.get(k);
      if (p && p.phase !== 'Terminating' && (finishedCount || !isTerminal(p))) out.push(p);
    }
    return out;
  }

  /** Create or delete pods until the workload has spec.replicas; a deleted workload loses them all. */
  reconcile(key: string): void {
    const w = this.sim.state.objects.get(key) as Workload | undefined;
    if (w?.kind === 'Deployment' && this.rollouts.isRolling(key) && this.rollouts.step(key, w))
      return;
    const pods = this.owned(key);
    const desired = w ? (w.spec.replicas ?? 1) : 0;
    if (pods.length > desired) {
      for (const p of scaleDownOrder(w?.kind ?? 'Deployment', pods).slice(
        0,
        pods.length - desired,
      )) {
        this.sim.emit({ type: 'pod.deleted', pod: p.key });
        if (w?.kind === 'StatefulSet')
          this.sim.volumes.statefulSetScaledDown(w, p.pod.metadata.name ?? '');
      }
      this.sim.scheduler.requestPass();
      return;
    }
    if (!w || pods.length === desired) return;
    const room = this.sim.config.maxPods - this.sim.livePodCount();
    const toCreate = Math.min(desired - pods.length, Math.max(0, room));
    if (toCreate < desired - pods.length) {
      this.sim.k8s(
        'Warning',
        'TooManyPods',
        `${w.kind.toLowerCase()}/${w.metadata.name ?? ''}`,
        `the lab simulates at most ${this.sim.config.maxPods} pods; ${desired - pods.length - toCreate} replicas were not created`,
      );
    }
    // Names still held by terminating pods count as used: a StatefulSet recreates `web-0` only
    // once the old `web-0` is gone (termination.ts reconciles again then).
    const used = new Set([...this.sim.podsOwnedBy(key)].map((k) => k.slice(k.indexOf('/') + 1)));
    for (let i = 0, ordinal = 0; i < toCreate; i++) {
      let name: string;
      if (w.kind === 'StatefulSet') {
        while (used.has(`${w.metadata.name}-${ordinal}`)) ordinal++;
        if (ordinal >= desired) break;
        name = `${w.metadata.name}-${ordinal++}`;
      } else name = this.sim.names.suffixed(this.podPrefix(w));
      this.createOwnedPod(w, key, name);
    }
    if (toCreate > 0) this.sim.scheduler.requestPass();
  }

  private podPrefix(w: Workload): string {
    return w.kind === 'Deployment'
      ? `${w.metadata.name}-${podTemplateHash(w.spec.template)}`
      : (w.metadata.name ?? '');
  }

  private createOwnedPod(w: Workload, key: string, name: string): void {
    const t = w.spec.template;
    const labels: Record<string, string> = { ...(t.metadata?.labels ?? {}) };
    let ownerKind: string = w.kind;
    let ownerName = w.metadata.name ?? '';
    if (w.kind === 'Deployment') {
      labels['pod-template-hash'] = podTemplateHash(t);
      ownerKind = 'ReplicaSet';
      ownerName = this.podPrefix(w);
    } else if (w.kind === 'StatefulSet') labels['statefulset.kubernetes.io/pod-name'] = name;
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: w.metadata.namespace ?? 'default',
        labels,
        ...(t.metadata?.annotations ? { annotations: { ...t.metadata.annotations } } : {}),
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: ownerKind, name: ownerName, controller: true },
        ],
      },
      spec:
        w.kind === 'StatefulSet'
          ? this.sim.volumes.statefulSetPodSpec(w as Deployment, name, key)
          : t.spec,
    };
    const rec = this.makePod(pod, key);
    this.sim.volumes.podCreated(pod, rec.key);
    this.sim.emit({ type: 'pod.created', pod: rec });
  }

  private daemonSetList:
    | { objects: ReadonlyMap<string, KubeObject>; version: number; list: [string, DaemonSet][] }
    | undefined;

  /** The DaemonSets among the objects, in their order, kept while no object event happened
   *  (Sim.versions.objects): every node registration asks, and the objects are mostly workloads. */
  private daemonSets(): readonly [string, DaemonSet][] {
    const { objects } = this.sim.state;
    const version = this.sim.versions.objects;
    const kept = this.daemonSetList;
    if (kept?.objects === objects && kept.version === version) return kept.list;
    const list: [string, DaemonSet][] = [];
    for (const [key, o] of objects) if (o.kind === 'DaemonSet') list.push([key, o]);
    this.daemonSetList = { objects, version, list };
    return list;
  }

  /** DaemonSet pods for one node (called when it registers and when a DaemonSet is applied). */
  ensureDaemonPods(node: NodeRec): void {
    if (node.terminatedAt !== undefined || node.deletingAt !== undefined) return;
    for (const [key, o] of this.daemonSets()) {
      if (!daemonEligible(o, node)) continue;
      // The node's own pods (few), not every pod of the DaemonSet (one per node: quadratic).
      if (this.sim.scheduler.podsOn(node.name).some((p) => p.owner === key)) continue;
      const name = this.sim.names.suffixed(o.metadata.name ?? 'ds');
      const spec = o.spec.template.spec;
      const pod: Pod = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name,
          namespace: o.metadata.namespace ?? 'default',
          labels: { ...(o.spec.template.metadata?.labels ?? {}) },
          // The template's annotations too (a DaemonSet's karpenter.sh/do-not-disrupt protects its
          // nodes: disruption/suite_test.go "do-not-disrupt daemonset pods"); they were dropped.
          ...(o.spec.template.metadata?.annotations
            ? { annotations: { ...o.spec.template.metadata.annotations } }
            : {}),
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'DaemonSet',
              name: o.metadata.name ?? '',
              controller: true,
            },
          ],
        },
        spec: { ...spec, tolerations: [...(spec.tolerations ?? []), ...DAEMON_TOLERATIONS] },
      };
      const rec = this.makePod(pod, key, true);
      this.sim.emit({ type: 'pod.created', pod: rec });
      // The DaemonSet controller targets the node directly; the kubelet starts it once Ready.
      this.sim.emit({ type: 'pod.bound', pod: rec.key, node: node.name });
      if (node.ready) this.sim.lifecycle.startPod(rec.key, node.name);
    }
  }

  /** A DaemonSet applied or deleted: converge every node. */
  reconcileDaemonSet(key: string): void {
    const ds = this.sim.state.objects.get(key);
    if (!ds) {
      for (const k of [...this.sim.podsOwnedBy(key)])
        this.sim.emit({ type: 'pod.deleted', pod: k });
      return;
    }
    for (const n of this.sim.state.nodes.values()) this.ensureDaemonPods(n);
  }
}

export function daemonEligible(ds: DaemonSet, node: NodeRec): boolean {
  const tmpl: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: ds.spec.template.spec };
  if (!nodeAffinityMatches(tmpl, node.labels)) return false;
  const tolerations = [...(ds.spec.template.spec.tolerations ?? []), ...DAEMON_TOLERATIONS];
  return (
    untoleratedTaints(
      node.taints.filter((t) => t.effect !== 'PreferNoSchedule'),
      tolerations,
    ).length === 0
  );
}

/** ReplicaSet's deletion ranking (unassigned, pending, not ready first; then newest); StatefulSet: highest ordinal. */
function scaleDownOrder(kind: string, pods: PodRec[]): PodRec[] {
  if (kind === 'StatefulSet') {
    const ord = (p: PodRec): number => Number(/-(\d+)$/.exec(p.pod.metadata.name ?? '')?.[1] ?? 0);
    return [...pods].sort((a, b) => ord(b) - ord(a));
  }
  const rank = (p: PodRec): number =>
    p.nodeName === undefined ? 0 : p.phase !== 'Running' ? 1 : 2;
  return [...pods].sort(
    (a, b) => rank(a) - rank(b) || b.createdAt - a.createdAt || (a.key < b.key ? 1 : -1),
  );
}
