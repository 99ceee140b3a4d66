// A Deployment's rolling update after `kubectl apply` changed its pod template (the deployment
// controller's RollingUpdate, with the defaults maxSurge 25% rounded up and maxUnavailable 25%
// rounded down). Simplified: `strategy` is not read (always these defaults), a pod is available
// once Running (no readiness probes, minReadySeconds 0), and the controller re-syncs every second.
import type { Deployment } from '../k8s.ts';
import { podTemplateHash } from './names.ts';
import type { Sim } from './runtime.ts';
import type { PodRec } from './state.ts';

const RESYNC_MS = 1_000;

export class Rollouts {
  /** Deployments whose pods do not all carry the current template hash yet. */
  private readonly active = new Set<string>();
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
    this.active.add(key);
  }

  isRolling(key: string): boolean {
    return this.active.has(key);
  }

  /** One sync of the rollout; returns false once every pod runs the current template. */
  step(key: string, w: Deployment): boolean {
    const { sim } = this;
    const hash = podTemplateHash(w.spec.template);
    const pods = this.workloads.owned(key);
    const isNew = (p: PodRec): boolean => p.pod.metadata.labels?.['pod-template-hash'] === hash;
    const fresh = pods.filter(isNew);
    const old = pods.filter((p) => !isNew(p));
    const desired = w.spec.replicas ?? 1;
    if (old.length === 0) {
      this.active.delete(key);
      return false;
    }
    const maxSurge = Math.ceil(desired * 0.25);
    const maxUnavailable = maxSurge === 0 ? 0 : Math.max(Math.floor(desired * 0.25), 0);
    const name = w.metadata.name ?? '';
    // Scale the new ReplicaSet up within desired + maxSurge.
    const create = Math.min(desired - fresh.length, Math.max(0, desired + maxSurge - pods.length));
    if (create > 0) {
      this.workloads.createPods(w, key, create);
      sim.k8s(
        'Normal',
        'ScalingReplicaSet',
        `deployment/${name}`,
        `Scaled up replica set ${name}-${hash} to ${fresh.length + create}`,
      );
    }
    // Scale the old ones down while at least desired − maxUnavailable pods stay Running; pods
    // that are not Running go first and cost no availability.
    let budget = pods.filter((p) => p.phase === 'Running').length - (desired - maxUnavailable);
    const gone: PodRec[] = [];
    const order = [...old].sort(
      (a, b) =>
        Number(a.phase === 'Running') - Number(b.phase === 'Running') || b.createdAt - a.createdAt,
    );
    for (const p of order) {
      if (p.phase !== 'Running') gone.push(p);
      else if (budget > 0) {
        gone.push(p);
        budget--;
      }
    }
    if (gone.length > 0) {
      this.workloads.deletePods(gone);
      sim.k8s(
        'Normal',
        'ScalingReplicaSet',
        `deployment/${name}`,
        `Scaled down old replica set of ${name} to ${old.length - gone.length}`,
      );
    }
    if (!this.waking.has(key)) {
      this.waking.add(key);
      sim.after(RESYNC_MS, 'rollout', () => {
        this.waking.delete(key);
        if (this.active.has(key)) this.resync(key);
      });
    }
    return true;
  }

  private resync(key: string): void {
    const w = this.sim.state.objects.get(key) as Deployment | undefined;
    if (!w) this.active.delete(key);
    else this.step(key, w);
  }
}
