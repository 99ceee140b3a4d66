// A Deployment's rolling update after `kubectl apply` changed its pod template (the deployment
// controller's RollingUpdate, with the defaults maxSurge 25% rounded up and maxUnavailable 25%
// rounded down). As the controller does, it moves two ReplicaSets' replica counts: the new one up
// within desired + maxSurge, the old one down while desired − maxUnavailable pods stay available
// (unhealthy old replicas first, within the same bound); each ReplicaSet then keeps its own pod
// count, so an old pod evicted mid-rollout is recreated from the old template, and a new template
// that never runs never takes the old pods' place. Simplified: `strategy` is not read (always these
// defaults), a pod is available once Running (no readiness probes, minReadySeconds 0), pods of
// templates older than the previous one count as old ones, and the controller re-syncs every second.
import type { Deployment } from '../k8s.ts';
import { podTemplateHash } from './names.ts';
import type { Sim } from './runtime.ts';
import type { PodRec } from './state.ts';

const RESYNC_MS = 1_000;

interface ReplicaSets {
  /** The template before the apply: the old ReplicaSet recreates its pods from it. */
  readonly oldTemplate: Deployment['spec']['template'];
  oldReplicas: number;
  newReplicas: number;
}

export class Rollouts {
  /** Deployments whose pods do not all carry the current template hash yet. */
  private readonly active = new Map<string, ReplicaSets>();
  private readonly waking = new Set<string>();

  constructor(
    private readonly sim: Sim,
    private readonly workloads: {
      owned(key: string): PodRec[];
      createPods(w: Deployment, key: string, n: number): void;
      deletePods(pods: readonly PodRec[]): void;
    },
  ) {}

  /** Called when a Deployment is applied: starts a rollout when its template changed. */
  start(key: string, previous: Deployment | undefined, next: Deployment): void {
    if (
      !previous ||
      podTemplateHash(previous.spec.template) === podTemplateHash(next.spec.template)
    )
      return;
    const hash = podTemplateHash(next.spec.template);
    const pods = this.workloads.owned(key);
    const fresh = pods.filter((p) => p.pod.metadata.labels?.['pod-template-hash'] === hash).length;
    this.active.set(key, {
      oldTemplate: previous.spec.template,
      oldReplicas: pods.length - fresh,
      newReplicas: fresh,
    });
  }

  isRolling(key: string): boolean {
    return this.active.has(key);
  }

  /** One sync of the rollout; returns false once every pod runs the current template. */
  step(key: string, w: Deployment): boolean {
    const { sim } = this;
    const rs = this.active.get(key);
    if (!rs) return false;
    const hash = podTemplateHash(w.spec.template);
    const pods = this.workloads.owned(key);
    const isNew = (p: PodRec): boolean => p.pod.metadata.labels?.['pod-template-hash'] === hash;
    const running = (p: PodRec): boolean => p.phase === 'Running';
    const fresh = pods.filter(isNew);
    const old = pods.filter((p) => !isNew(p));
    const desired = w.spec.replicas ?? 1;
    const maxSurge = Math.ceil(desired * 0.25);
    const maxUnavailable = maxSurge === 0 ? 0 : Math.max(Math.floor(desired * 0.25), 0);
    const name = w.metadata.name ?? '';
    // The new ReplicaSet up, within desired + maxSurge replicas in all.
    const up = Math.min(
      desired - rs.newReplicas,
      Math.max(0, desired + maxSurge - rs.oldReplicas - rs.newReplicas),
    );
    if (up > 0) {
      rs.newReplicas += up;
      sim.k8s(
        'Normal',
        'ScalingReplicaSet',
        `deployment/${name}`,
        `Scaled up replica set ${name}-${hash} to ${rs.newReplicas}`,
      );
    }
    rs.newReplicas = Math.min(rs.newReplicas, desired);
    // The old one down: never below desired − maxUnavailable available pods, counting the new
    // ReplicaSet's unavailable replicas as missing; unhealthy old replicas go first.
    const minAvailable = desired - maxUnavailable;
    const newUnavailable = Math.max(0, rs.newReplicas - fresh.filter(running).length);
    const maxScaledDown = rs.oldReplicas + rs.newReplicas - minAvailable - newUnavailable;
    const before = rs.oldReplicas;
    if (maxScaledDown > 0) {
      const unhealthy = Math.min(old.filter((p) => !running(p)).length, maxScaledDown);
      rs.oldReplicas -= Math.min(unhealthy, rs.oldReplicas);
      const available = pods.filter(running).length;
      rs.oldReplicas -= Math.max(0, Math.min(rs.oldReplicas, available - minAvailable));
    }
    if (rs.oldReplicas < before)
      sim.k8s(
        'Normal',
        'ScalingReplicaSet',
        `deployment/${name}`,
        `Scaled down old replica set of ${name} to ${rs.oldReplicas}`,
      );
    // Each ReplicaSet keeps its count: pods that are not Running go first, then the newest.
    const order = (list: PodRec[]) =>
      [...list].sort(
        (a, b) => Number(running(a)) - Number(running(b)) || b.createdAt - a.createdAt,
      );
    // The new ReplicaSet's pods first, as the controller scales up before it scales down.
    if (fresh.length < rs.newReplicas)
      this.workloads.createPods(w, key, rs.newReplicas - fresh.length);
    else if (fresh.length > rs.newReplicas)
      this.workloads.deletePods(order(fresh).slice(0, fresh.length - rs.newReplicas));
    if (old.length > rs.oldReplicas)
      this.workloads.deletePods(order(old).slice(0, old.length - rs.oldReplicas));
    else if (old.length < rs.oldReplicas)
      this.workloads.createPods(
        { ...w, spec: { ...w.spec, template: rs.oldTemplate } },
        key,
        rs.oldReplicas - old.length,
      );
    if (rs.oldReplicas === 0) {
      this.active.delete(key);
      return false;
    }
    // A sync that changed something keeps the run going; one that did not waits for pod events
    // (a pod starting is news the run stays up for), so a rollout stuck on a template that never
    // runs lets a run "until quiet" end, as the real one stays stuck (progressDeadlineSeconds only
    // reports it).
    const changed =
      up > 0 ||
      rs.oldReplicas < before ||
      old.length !== rs.oldReplicas ||
      fresh.length !== rs.newReplicas;
    if (!this.waking.has(key)) {
      this.waking.add(key);
      sim.after(
        RESYNC_MS,
        'rollout',
        () => {
          this.waking.delete(key);
          if (this.active.has(key)) this.resync(key);
        },
        changed,
      );
    }
    return true;
  }

  private resync(key: string): void {
    const w = this.sim.state.objects.get(key) as Deployment | undefined;
    if (!w) this.active.delete(key);
    else this.step(key, w);
  }
}
