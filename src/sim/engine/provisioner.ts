// Karpenter's provisioning loop (reference §1.1–1.3, §1.13): pending pods trigger a batch that
// closes 1 s after the last NEW pod (idle) or 10 s after the first (max); then cluster state is
// snapshotted into StateNodes, solve() decides, NodeClaims are created and pods nominated. Binding
// is kube-scheduler's job (kubescheduler.ts).
import type { KubeObject } from '../k8s.ts';
import type { Resources } from '../quantity.ts';
import { Requirements } from '../requirements.ts';
import type { SolveVolumes, VolumeUsage } from '../scheduling/types.ts';
import { volumeAlternatives } from '../storage/topology.ts';
import { podVolumes } from '../storage/usage.ts';
import { invalidClaimReason } from '../storage/validate.ts';
import type { InstanceType } from '../catalog/index.ts';
import type { DaemonSet, Pod, PodDisruptionBudget } from '../k8s.ts';
import { WELL_KNOWN_LABELS } from '../labels.ts';
import { solve } from '../scheduling/index.ts';
import type { PodError, SolveResult } from '../scheduling/types.ts';
import { ClusterView } from './clusterview.ts';
import { admitRuntimeClass } from './runtimeClass.ts';
import type { Sim } from './runtime.ts';
import type { PodRec } from './state.ts';
import { versionOptionsOf } from '../version.ts';
import { nodePoolNotReady } from './nodePoolReady.ts';
import { exceededLimit, type Exceeded } from '../scheduling/limits.ts';
import { ProvisionerEvents } from './provisionerEvents.ts';
import { pdbsOf, reschedulableFromDeletingNode } from './pdb.ts';

interface Batch {
  start: number;
  closeAt: number;
  uids: Set<string>;
}

export class Provisioner {
  private batch: Batch | undefined;
  private readonly view: ClusterView;

  constructor(private readonly sim: Sim) {
    this.view = new ClusterView(sim);
  }

  /** Batcher.Trigger: new UIDs extend the idle window, re-triggers of known UIDs do not. */
  trigger(uids: readonly string[]): void {
    if (!this.sim.state.karpenter.installed || uids.length === 0) return;
    const { batchIdle, batchMax } = this.sim.config.timings;
    const now = this.sim.now;
    let b = this.batch;
    if (!b) {
      b = { start: now, closeAt: now + batchIdle, uids: new Set() };
      this.batch = b;
    }
    let fresh = false;
    for (const u of uids) {
      if (!b.uids.has(u)) {
        b.uids.add(u);
        fresh = true;
      }
    }
    if (!fresh) return; // "should not extend the timeout if we receive the same pod" (§1.1)
    const closeAt = Math.min(now + batchIdle, b.start + batchMax);
    b.closeAt = closeAt;
    const batch = b;
    this.sim.after(closeAt - now, 'provisioner.batch', () => {
      if (this.batch !== batch || batch.closeAt !== closeAt) return; // superseded by a later trigger
      this.batch = undefined;
      this.provision();
    });
  }

  /** Re-run for every pending pod: capacity, pools or the ICE cache changed. */
  retrigger(): void {
    this.trigger(this.provisionable().map((p) => p.uid));
  }

  /**
   * GetPendingPods (§1.2): every pending pod not bound yet, including those nominated to a NodeClaim
   * by an earlier batch. Karpenter's nomination does not bind, so each batch re-solves them; placed
   * first onto in-flight capacity (existing nodes come first in the solve), they keep claiming the
   * room, spread and affinity counts they were given, and a newcomer that no longer fits an
   * in-flight node gets a new NodeClaim in the same batch instead of after that node is Ready.
   */
  private provisionable(): PodRec[] {
    const out: PodRec[] = [];
    for (const p of this.sim.state.pods.values()) {
      if (p.nodeName !== undefined || p.phase !== 'Pending' || p.daemonSet) continue;
      if (p.reason === 'Unschedulable' || p.nominatedTo !== undefined) out.push(p);
    }
    return out;
  }

  /**
   * provisioner.go Create's check before it creates a NodeClaim (a batch's or a disruption's
   * replacement): the first resource of the pool's limits its usage is strictly above, in the
   * version's terms for `nodes`; undefined when none is or there is no such pool. `usage`: the
   * pools' usage to compare with (a batch passes the one from before its own NodeClaims); now by
   * default.
   */
  exceeded(nodePool: string, usage = this.view.usage()): Exceeded | undefined {
    const np = this.sim.state.nodePools.get(nodePool);
    const { nodeLimits } = versionOptionsOf(this.sim.state.karpenter.version);
    return np && exceededLimit(np, usage.get(nodePool), nodeLimits);
  }

  /** The pools' usage without the given nodes (a dry run's candidates): ClusterView.usageWithout. */
  usageWithout(exclude: ReadonlySet<string>): ReadonlyMap<string, Resources> {
    return this.view.usageWithout(exclude);
  }

  /** Pods on deleting nodes, bare ones included: upstream IsReschedulable has no owner
   *  condition, so Karpenter launches for a bare pod too though nothing will recreate it (§1.2). */
  private reschedulable(): PodRec[] {
    const { state, now } = this.sim;
    let pdbs: PodDisruptionBudget[] | undefined;
    const read = () => (pdbs ??= pdbsOf(state));
    return [...state.pods.values()].filter((p) =>
      reschedulableFromDeletingNode(p, state, now, read),
    );
  }

  /** The solve input for the current moment; `excludeNodes` supports disruption's dry runs (their
   *  capacity leaves the pools' usage too). */
  solveInput(pods: Pod[], excludeNodes: ReadonlySet<string> = new Set(), rngStream = 'solve') {
    const { state } = this.sim;
    // Static pools are not modelled (skipped); a pool that is not Ready is ignored (nodePoolReady.ts).
    const nodePools = [...state.nodePools.values()].filter(
      (np) => np.spec.replicas === undefined && nodePoolNotReady(state, np) === undefined,
    );
    const instanceTypes = new Map<string, readonly InstanceType[]>();
    for (const np of nodePools) instanceTypes.set(np.metadata.name ?? '', this.view.typesFor(np));
    return {
      pods,
      nodes: this.view.stateNodes(excludeNodes),
      nodePools,
      instanceTypes,
      daemonSets: this.daemonSets(),
      nodePoolUsage: this.view.usageWithout(excludeNodes),
      volumes: solveVolumes(state.objects, pods),
      options: {
        rng: this.sim.rng(rngStream),
        wellKnownLabels: this.wellKnownLabels(),
        // The Karpenter running now: `helm upgrade` mid-run changes these too.
        ...versionOptionsOf(state.karpenter.version),
        // With no Provisioner left (all invalid) the pools cannot say which API this is.
        v1alpha5: state.karpenter.semantics === 'v1alpha5',
        ...(this.sim.config.minValuesPolicy
          ? { minValuesPolicy: this.sim.config.minValuesPolicy }
          : {}),
        ...(this.sim.config.preferencePolicy
          ? { preferencePolicy: this.sim.config.preferencePolicy }
          : {}),
      },
    };
  }

  private daemonSetsCache: { version: number; list: DaemonSet[] } | undefined;

  /** The cluster's DaemonSets as admitted, kept while no object changes (a disruption pass asks
   *  for them in every dry run; the objects are mostly Deployments). */
  private daemonSets(): DaemonSet[] {
    const version = this.sim.versions.objects;
    if (this.daemonSetsCache?.version !== version) {
      const list = [...this.sim.state.objects.values()]
        .filter((o): o is DaemonSet => o.kind === 'DaemonSet')
        .flatMap((ds) => this.admittedDaemonSet(ds) ?? []);
      this.daemonSetsCache = { version, list };
    }
    return this.daemonSetsCache.list;
  }

  private admitted = new WeakMap<DaemonSet, { rc: unknown; ds: DaemonSet | undefined }>();

  /** A DaemonSet whose pods name a RuntimeClass, with the class applied to its template, so its
   *  overhead and constraints count in the per-node DaemonSet overhead as its real pods' do;
   *  undefined when admission would reject its pods (they never exist). */
  private admittedDaemonSet(ds: DaemonSet): DaemonSet | undefined {
    const name = ds.spec.template.spec.runtimeClassName;
    if (name === undefined) return ds;
    const rc = this.sim.runtimeClass(name);
    const hit = this.admitted.get(ds);
    if (hit && hit.rc === rc) return hit.ds;
    const a = admitRuntimeClass(ds.metadata.name ?? '', ds.spec.template.spec, () => rc);
    const out = a.ok
      ? { ...ds, spec: { ...ds.spec, template: { ...ds.spec.template, spec: a.spec } } }
      : undefined;
    this.admitted.set(ds, { rc, ds: out });
    return out;
  }

  private wellKnown: ReadonlySet<string> | undefined;

  /** Core + AWS well-known labels, plus the keys the catalog's types define (catalog.labelKeys). */
  private wellKnownLabels(): ReadonlySet<string> {
    if (!this.wellKnown) {
      const extra = this.sim.config.catalogFor(undefined).labelKeys ?? [];
      this.wellKnown =
        extra.length === 0 ? WELL_KNOWN_LABELS : new Set([...WELL_KNOWN_LABELS, ...extra]);
    }
    return this.wellKnown;
  }

  provision(): void {
    const { state } = this.sim;
    if (!state.karpenter.installed) return;
    const pending = this.provisionable();
    const moving = this.reschedulable();
    const recs = [...pending, ...moving];
    if (recs.length === 0) return;
    const byUid = new Map(recs.map((p) => [p.uid, p]));
    let result: SolveResult;
    try {
      result = solve(this.solveInput(recs.map((p) => p.pod)));
    } catch (e) {
      // solve() should never throw for business outcomes; if it does, the pods say so.
      const message = `internal error in the scheduling simulation: ${e instanceof Error ? e.message : String(e)}`;
      for (const p of pending) this.markError(p, { message, perNodePool: [] });
      return;
    }
    for (const ev of result.events) this.sim.k8s('Warning', ev.reason, ev.object, ev.message);
    for (const placement of result.existing) {
      const claim =
        state.nodeClaims.get(placement.node)?.name ?? state.nodes.get(placement.node)?.nodeClaim;
      for (const pod of placement.pods) {
        const rec = byUid.get(pod.metadata.uid ?? '');
        if (rec && rec.nodeName === undefined) this.nominate(rec, claim, placement.node);
      }
    }
    // Create checks each NodeClaim against the pool's usage from before this batch (the cluster
    // state has not seen the batch's own NodeClaims yet).
    const usage = result.newNodeClaims.length > 0 ? this.view.usage() : undefined;
    for (const plan of result.newNodeClaims) {
      const over = usage && this.exceeded(plan.nodePool, usage);
      if (over) {
        // Karpenter logs the error and nominates nobody; the pods stay Pending until a change
        // (a node gone, a limit raised, a new pod) opens the next batch.
        this.sim.emit({
          type: 'nodeclaim.refused',
          nodePool: plan.nodePool,
          pods: plan.pods.map(
            (p) => `${p.metadata.namespace ?? 'default'}/${p.metadata.name ?? ''}`,
          ),
          ...over,
        });
        continue;
      }
      const name = this.sim.lifecycle.create(plan);
      for (const pod of plan.pods) {
        const rec = byUid.get(pod.metadata.uid ?? '');
        if (rec && rec.nodeName === undefined) this.nominate(rec, name, undefined);
      }
    }
    for (const [uid, err] of result.podErrors) {
      const rec = byUid.get(uid);
      if (rec && rec.nodeName === undefined) this.markError(rec, err);
    }
  }

  private readonly recorder = new ProvisionerEvents();

  private nominate(rec: PodRec, claim: string | undefined, node: string | undefined): void {
    if (claim === undefined) return;
    const nc = this.sim.state.nodeClaims.get(claim);
    // Re-solved each batch: only a changed nomination changes the pod.
    const changed = rec.nominatedTo !== claim;
    if (changed) this.sim.emit({ type: 'pod.nominated', pod: rec.key, nodeClaim: claim });
    // Every solve offers the event; Karpenter's recorder lets few through (provisionerEvents.ts).
    if (this.recorder.admit(rec.uid, this.sim.now)) {
      const target = nc?.nodeName ?? node;
      // v0.31 (scheduling/events.go): a Provisioner's claims were Machines.
      const kind = this.sim.state.karpenter.semantics === 'v1alpha5' ? 'machine' : 'nodeclaim';
      this.sim.k8s(
        'Normal',
        'Nominated',
        `pod/${rec.key}`,
        `Pod should schedule on: ${kind}/${claim}${target && target !== claim ? `, node/${target}` : ''}`,
      );
    }
    // A nomination onto a node that is already Ready: let kube-scheduler try now.
    if (changed && nc?.phase === 'Initialized') this.sim.scheduler.requestPass();
  }

  private markError(rec: PodRec, error: PodError): void {
    const cur = this.sim.state.pods.get(rec.key);
    // Only a changed error changes the pod; every solve offers the event, which Karpenter's
    // recorder publishes once per pod per 5 minutes whatever the message (provisionerEvents.ts).
    if (cur?.error?.message !== error.message)
      this.sim.emit({
        type: 'pod.unschedulable',
        pod: rec.key,
        reason: 'Unschedulable',
        message: cur?.message ?? '',
        error,
      });
    if (this.recorder.admitFailure(rec.uid, this.sim.now))
      this.sim.k8s(
        'Warning',
        'FailedScheduling',
        `pod/${rec.key}`,
        `Failed to schedule pod, ${error.message}`,
      );
  }
}

/**
 * provisioner.go getVolumeTopologyRequirements + Validate: per pod UID, the volume topology
 * alternatives, the claims per CSI driver, and (pending pods only; pods of candidate or deleting
 * nodes skip Validate upstream) why Karpenter ignores it.
 */
function solveVolumes(
  objects: ReadonlyMap<string, KubeObject>,
  pods: readonly Pod[],
): SolveVolumes {
  const alternatives = new Map<string, Requirements[]>();
  const usage = new Map<string, VolumeUsage>();
  const ignored = new Map<string, string>();
  for (const p of pods) {
    if ((p.spec.volumes ?? []).length === 0) continue;
    const uid = p.metadata.uid ?? '';
    if (p.spec.nodeName === undefined) {
      const why = invalidClaimReason(objects, p);
      if (why !== undefined) {
        ignored.set(uid, why);
        continue;
      }
    }
    const alts = volumeAlternatives(objects, p);
    if (alts)
      alternatives.set(
        uid,
        alts.map((a) => Requirements.from(a)),
      );
    const u = podVolumes(objects, p);
    if (u.size > 0) usage.set(uid, u);
  }
  return { alternatives, usage, ignored };
}
