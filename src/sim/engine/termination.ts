// Graceful node termination (reference §3.14, Karpenter's terminator): taint karpenter.sh/disrupted,
// then drain in tiers — non-critical non-DaemonSet, non-critical DaemonSet, critical non-DaemonSet,
// critical DaemonSet; a tier must be gone before the next is evicted. Evictions go through the
// Eviction API (PDBs, pdb.ts) and are retried with exponential backoff; do-not-disrupt pods are not
// evicted but the drain waits for them. An evicted pod terminates for its own grace period (default
// 30 s) before it is gone; its Deployment/ReplicaSet/StatefulSet recreates it. The NodeClaim's
// terminationGracePeriod bounds it all: pods are deleted early (deadline − their grace) and whatever
// is left at the deadline is force-deleted. Also `kubectl drain` (no tiers, DaemonSets ignored).
// After the drain, the instance is terminated only once the volumes of the pods that left have
// detached (awaitVolumeDetachment: AwaitingVolumeDetachment), or the deadline has passed.
import type { PodDisruptionBudget } from '../k8s.ts';
import {
  doNotDisruptBlocks,
  doNotDisruptDurations,
  forcedGraceSeconds,
  drainTier,
  evictionBackoff,
  expiringDeleteAt,
  podGraceMs,
  toleratesDisrupted,
} from './drainPolicy.ts';
import { attachedVolumes, attachmentName, prettySlice } from '../storage/attachments.ts';
import { goTime, parseDuration } from './duration.ts';
import { claimWords, DISRUPTED_TAINT } from './lifecycle.ts';
import { evictionBlocked } from './pdb.ts';
import type { Sim } from './runtime.ts';
import { isTerminal, type PodRec } from './state.ts';

export { disruptionsAllowed, evictionBlocked } from './pdb.ts';

/** After this long without progress a blocked drain stops keeping a run "until quiet" alive. */
const STUCK_AFTER_MS = 10 * 60_000;

interface Drain {
  since: number;
  /** karpenter: tiers, do-not-disrupt, TGP; kubectl: every non-DaemonSet pod at once. */
  mode: 'karpenter' | 'kubectl';
  onDrained?: () => void;
  /** The NodeClaim's terminationGracePeriod runs out at this time. */
  deadline?: number;
  /** Blocked eviction rounds since the last progress (drives the backoff). */
  attempts: number;
  /** Token of the one pending wake-up; older timers see a newer token and do nothing. */
  wake: number;
  lastBlocked: string;
}

export class Termination {
  private readonly draining = new Map<string, Drain>();
  /** Per node: VolumeAttachments of pods that left it, and when each finishes detaching (ms). */
  private readonly detaching = new Map<string, Map<string, number>>();

  constructor(private readonly sim: Sim) {}

  /** Delete a NodeClaim (and its node) gracefully. Idempotent. */
  deleteNodeClaim(name: string, reason: string): void {
    const { sim } = this;
    const nc = sim.state.nodeClaims.get(name);
    if (!nc || nc.phase === 'Deleted' || nc.phase === 'Failed' || nc.deletingAt !== undefined)
      return;
    const node = nc.nodeName === undefined ? undefined : sim.state.nodes.get(nc.nodeName);
    sim.emit({
      type: 'nodeclaim.deleting',
      nodeClaim: name,
      ...(node ? { node: node.name } : {}),
      reason,
    });
    // No event here: who deletes says so (the disruption queue's DisruptionTerminating, the
    // interruption controller's TerminatingOnInterruption); `kubectl delete` and forceful
    // expiry publish none.
    if (!node) {
      // Not registered yet: nothing to drain; the instance (if any) is terminated right away.
      sim.emit({ type: 'nodeclaim.deleted', nodeClaim: name });
      sim.provisioner.retrigger();
      return;
    }
    this.taintDisrupted(node.name);
    // Karpenter's provisioner is triggered by a deleting node: its pods are planned elsewhere now
    // (bare pods too: upstream IsReschedulable has no owner condition).
    const moving = sim.scheduler.podsBoundTo(node.name).filter((p) => !p.daemonSet);
    sim.provisioner.trigger(moving.map((p) => p.uid));
    const tgp = this.terminationGracePeriod(nc.nodePool);
    const deadline = tgp === undefined ? undefined : sim.now + tgp;
    this.start(node.name, 'karpenter', () => this.shutdown(name, node.name, deadline), tgp);
  }

  /** A workspace node without a NodeClaim: the API object goes, its pods are garbage-collected. */
  deleteUnmanagedNode(nodeName: string): void {
    const { sim } = this;
    const node = sim.state.nodes.get(nodeName);
    if (!node || node.terminatedAt !== undefined) return;
    sim.emit({ type: 'nodeclaim.deleted', nodeClaim: '', node: nodeName });
    this.removePods(nodeName);
  }

  /** `kubectl drain`: evict every non-DaemonSet pod through the Eviction API; the node stays. */
  drain(nodeName: string): void {
    this.start(nodeName, 'kubectl');
  }

  /** The NodePool template's spec.terminationGracePeriod (ms), if set. */
  private terminationGracePeriod(pool: string): number | undefined {
    const np = this.sim.state.nodePools.get(pool) ?? this.sim.originalNodePools.get(pool);
    const raw = np?.spec.template.spec.terminationGracePeriod;
    return raw === undefined ? undefined : parseDuration(raw);
  }

  private taintDisrupted(nodeName: string): void {
    const node = this.sim.state.nodes.get(nodeName);
    if (!node || node.taints.some((t) => t.key === DISRUPTED_TAINT.key)) return;
    this.sim.emit({
      type: 'node.updated',
      node: nodeName,
      patch: { taints: [...node.taints, DISRUPTED_TAINT] },
    });
  }

  private start(nodeName: string, mode: Drain['mode'], onDrained?: () => void, tgp?: number): void {
    const { sim } = this;
    let d = this.draining.get(nodeName);
    if (d) {
      // Already draining (e.g. kubectl drain, then the NodeClaim deleted): finish with the new goal.
      if (mode === 'kubectl') return;
      d.mode = mode;
    } else {
      d = { since: sim.now, mode, attempts: 0, wake: 0, lastBlocked: '' };
      this.draining.set(nodeName, d);
      sim.emit({ type: 'node.draining', node: nodeName });
    }
    if (onDrained) d.onDrained = onDrained;
    if (tgp !== undefined && d.deadline === undefined) {
      d.deadline = sim.now + tgp;
      const drain = d;
      sim.after(tgp, 'drain.deadline', () => {
        if (this.draining.get(nodeName) === drain) this.step(nodeName);
      });
    }
    this.step(nodeName);
  }

  /** The pods the drain still waits for (terminating ones included, until they are gone). */
  private waiting(nodeName: string, d: Drain): PodRec[] {
    const v1alpha5 = this.sim.state.karpenter.semantics === 'v1alpha5';
    return this.sim.scheduler.podsBoundTo(nodeName).filter((p) => {
      if (isTerminal(p)) return false;
      // kubectl drain --ignore-daemonsets; v0.31 skipped DaemonSet pods too (they tolerate the cordon).
      if (p.daemonSet && (d.mode === 'kubectl' || v1alpha5)) return false;
      return d.mode === 'kubectl' || !toleratesDisrupted(p.pod);
    });
  }

  private step(nodeName: string): void {
    const { sim } = this;
    const d = this.draining.get(nodeName);
    if (!d) return;
    const node = sim.state.nodes.get(nodeName);
    if (!node || node.terminatedAt !== undefined) {
      this.draining.delete(nodeName);
      return;
    }
    if (d.deadline !== undefined && sim.now >= d.deadline) {
      this.expire(nodeName, d);
      return;
    }
    const { deadline } = d;
    if (deadline !== undefined) {
      // Delete early whatever would otherwise not get its full grace before the deadline.
      for (const p of this.waiting(nodeName, d))
        if (p.phase !== 'Terminating' && sim.now >= expiringDeleteAt(deadline, p.pod))
          this.deletePod(p, deadline - sim.now, 'TerminationGracePeriod', nodeName, deadline);
    }
    const waiting = this.waiting(nodeName, d);
    if (waiting.length === 0) {
      this.draining.delete(nodeName);
      d.onDrained?.();
      return;
    }
    const tier = d.mode === 'kubectl' ? 0 : Math.min(...waiting.map(drainTier));
    const pdbs = [...sim.state.objects.values()].filter(
      (o): o is PodDisruptionBudget => o.kind === 'PodDisruptionBudget',
    );
    const blocked: string[] = [];
    const durations = doNotDisruptDurations(sim.state.karpenter);
    for (const p of waiting) {
      if (p.phase === 'Terminating' || (d.mode === 'karpenter' && drainTier(p) !== tier)) continue;
      const why =
        (d.mode === 'karpenter'
          ? doNotDisruptBlocks(p, sim.now, sim.state.karpenter.semantics, durations)
          : undefined) ?? evictionBlocked(p, pdbs, sim.state.pods);
      if (why) blocked.push(`${p.key}: ${why}`);
      else {
        d.attempts = 0;
        this.deletePod(p, podGraceMs(p.pod), 'Evicted', nodeName, deadline);
      }
    }
    this.reportBlocked(nodeName, d, blocked);
    // Wake-ups: a pod going away calls step itself; a blocked eviction retries with backoff; an
    // early deletion before the deadline is due at its own time.
    let next =
      blocked.length > 0
        ? evictionBackoff(d.attempts++, sim.config.timings.evictionRetry)
        : Infinity;
    if (deadline !== undefined)
      for (const p of waiting)
        if (p.phase !== 'Terminating')
          next = Math.min(next, expiringDeleteAt(deadline, p.pod) - sim.now);
    if (next === Infinity) return;
    const token = ++d.wake;
    const live = sim.now - d.since < STUCK_AFTER_MS;
    sim.after(
      next,
      'drain.retry',
      () => {
        if (this.draining.get(nodeName) === d && d.wake === token) this.step(nodeName);
      },
      live,
    );
  }

  private reportBlocked(nodeName: string, d: Drain, blocked: string[]): void {
    const msg =
      blocked.length === 0
        ? ''
        : `Failed to drain node, ${blocked.length} pods are waiting to be evicted (${blocked.slice(0, 3).join('; ')})`;
    // Repeated identical failures are one event (kubectl aggregates them the same way).
    if (msg !== '' && msg !== d.lastBlocked)
      this.sim.k8s('Warning', 'FailedDraining', `node/${nodeName}`, msg);
    d.lastBlocked = msg;
  }

  /**
   * Start a pod's graceful deletion: Terminating now, gone after `graceMs` (clamped to the node's
   * deadline). Its controller recreates it at once — terminating pods do not count as replicas.
   */
  private deletePod(
    p: PodRec,
    graceMs: number,
    how: 'Evicted' | 'TerminationGracePeriod',
    nodeName: string,
    deadline?: number,
  ): void {
    const { sim } = this;
    const grace =
      how === 'TerminationGracePeriod' && deadline !== undefined
        ? forcedGraceSeconds(deadline, sim.now) * 1000
        : Math.max(0, deadline === undefined ? graceMs : Math.min(graceMs, deadline - sim.now));
    // The API call first (the Evicted event), then the pod's deletionTimestamp (Terminating).
    if (how === 'Evicted')
      sim.k8s('Normal', 'Evicted', `pod/${p.key}`, `Evicted pod: draining node ${nodeName}`);
    else
      sim.k8s(
        'Normal',
        'Disrupted',
        `pod/${p.key}`,
        `Deleting the pod to accommodate the terminationTime ${goTime(deadline ?? sim.now)} of the node. The pod was granted ${grace / 1000} seconds of grace-period of its ${podGraceMs(p.pod) / 1000} terminationGracePeriodSeconds. This bypasses the PDB of the pod and the do-not-disrupt annotation.`,
      );
    sim.emit({ type: 'pod.terminating', pod: p.key });
    if (p.owner && !p.daemonSet) sim.workloads.reconcile(p.owner);
    sim.after(grace, 'pod.gone', () => {
      if (sim.state.pods.get(p.key)?.uid !== p.uid) return;
      sim.emit({ type: 'pod.deleted', pod: p.key });
      this.detach(p, nodeName);
      // A StatefulSet recreates the same name only once the old pod is gone.
      if (p.owner && !p.daemonSet) sim.workloads.reconcile(p.owner);
      // Its requests are freed: a pod that did not fit (or broke a spread) may fit now.
      sim.scheduler.requestPass();
      this.step(nodeName);
    });
  }

  /** terminationGracePeriod is over: what is left is force-deleted and the instance goes. */
  private expire(nodeName: string, d: Drain): void {
    const { sim } = this;
    const left = this.waiting(nodeName, d);
    sim.k8s(
      'Warning',
      'TerminationGracePeriodExpired',
      `node/${nodeName}`,
      `terminationGracePeriod expired; force-deleting ${left.length} pods`,
    );
    const owners = new Set<string>();
    for (const p of left) {
      sim.emit({ type: 'pod.deleted', pod: p.key });
      this.detach(p, nodeName);
      if (p.owner && !p.daemonSet) owners.add(p.owner);
    }
    for (const o of owners) sim.workloads.reconcile(o);
    this.draining.delete(nodeName);
    d.onDrained?.();
  }

  /** A pod left the node: its volumes no other pod there mounts start detaching. */
  private detach(p: PodRec, nodeName: string): void {
    const { sim } = this;
    const volumes = attachedVolumes(sim.state.objects, p);
    if (volumes.length === 0) return;
    const still = new Set<string>();
    for (const q of sim.state.pods.values())
      if (q.nodeName === nodeName && !isTerminal(q))
        for (const v of attachedVolumes(sim.state.objects, q)) still.add(v);
    let m = this.detaching.get(nodeName);
    if (!m) this.detaching.set(nodeName, (m = new Map()));
    for (const v of volumes)
      if (!still.has(v))
        m.set(attachmentName(v, nodeName), sim.now + sim.config.timings.volumeDetach);
  }

  /**
   * The drain is done: wait for the VolumeAttachments of the pods that left to be deleted (not
   * those of pods still on the node, which never drain), unless the terminationGracePeriod ran out;
   * then the instance is terminated.
   */
  private shutdown(name: string, nodeName: string, deadline?: number, waited = false): void {
    const { sim } = this;
    const pending = [...(this.detaching.get(nodeName) ?? [])].filter(([, at]) => at > sim.now);
    if (pending.length > 0 && (deadline === undefined || sim.now < deadline)) {
      if (!waited)
        sim.k8s(
          'Normal',
          'AwaitingVolumeDetachment',
          `node/${nodeName}`,
          `Awaiting deletion of bound volumeattachments (${prettySlice(pending.map(([n]) => n).sort())})`,
        );
      const until = Math.min(Math.max(...pending.map(([, at]) => at)), deadline ?? Infinity);
      sim.after(until - sim.now, 'volume.detach', () =>
        this.shutdown(name, nodeName, deadline, true),
      );
      return;
    }
    this.detaching.delete(nodeName);
    sim.after(sim.config.timings.shutdown, 'instance.terminate', () =>
      this.terminate(name, nodeName),
    );
  }

  /** The instance is gone: cost stops, remaining pods (DaemonSets, stragglers) are deleted. */
  terminate(name: string, nodeName: string): void {
    const { sim } = this;
    const node = sim.state.nodes.get(nodeName);
    if (!node || node.terminatedAt !== undefined) return;
    this.draining.delete(nodeName);
    sim.emit({ type: 'nodeclaim.deleted', nodeClaim: name, node: nodeName });
    sim.k8s(
      'Normal',
      'InstanceTerminated',
      `node/${nodeName}`,
      `Instance ${node.instanceType} terminated`,
    );
    this.removePods(nodeName);
    sim.provisioner.retrigger();
  }

  private removePods(nodeName: string): void {
    const { sim } = this;
    const owners = new Set<string>();
    for (const p of sim.scheduler.podsBoundTo(nodeName)) {
      sim.emit({ type: 'pod.deleted', pod: p.key });
      if (p.owner && !p.daemonSet) owners.add(p.owner);
    }
    for (const o of owners) sim.workloads.reconcile(o);
  }

  /** Spot interruption (§4.2): 2-minute notice, the offering cached unavailable, cordon and drain. */
  interrupt(nodeName: string): string | undefined {
    const { sim } = this;
    const node = sim.state.nodes.get(nodeName);
    if (!node || node.terminatedAt !== undefined) return `node "${nodeName}" not found`;
    if (node.reclaimAt !== undefined)
      return `node "${nodeName}" already has an interruption notice`;
    const reclaimAt = sim.now + sim.config.timings.spotNotice;
    sim.emit({ type: 'node.interrupted', node: nodeName, reclaimAt });
    // The AWS provider's interruption controller (interruption/utils.go handleNodeClaim): it
    // finds the NodeClaim by instance, so a node Karpenter does not manage gets no event and is
    // not drained; the cloud still reclaims it.
    const claim = node.nodeClaim;
    if (claim !== undefined) {
      const words = claimWords(sim.state.karpenter.semantics);
      for (const object of [`${words.object}/${claim}`, `node/${nodeName}`])
        sim.k8s('Warning', 'SpotInterrupted', object, 'Spot interruption warning was triggered');
      if (node.capacityType === 'spot')
        sim.lifecycle.markUnavailable('spot', node.instanceType, node.zone);
      this.deleteNodeClaim(claim, 'Interrupted');
      sim.k8s(
        'Warning',
        'TerminatingOnInterruption',
        `${words.object}/${claim}`,
        `Interruption triggered termination for the ${words.kind}`,
      );
      sim.k8s(
        'Warning',
        'TerminatingOnInterruption',
        `node/${nodeName}`,
        'Interruption triggered termination for the Node',
      );
    }
    sim.after(reclaimAt - sim.now, 'instance.reclaimed', () =>
      this.terminate(node.nodeClaim ?? '', nodeName),
    );
    return undefined;
  }
}
