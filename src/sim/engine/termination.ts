// Graceful node termination (reference §3.14): taint karpenter.sh/disrupted:NoSchedule, evict pods
// through the Eviction API — a PodDisruptionBudget with no disruptions allowed (or two PDBs on one
// pod) blocks the eviction, retried with backoff — then shut the instance down. Evicted pods of a
// Deployment/ReplicaSet/StatefulSet come back as new Pending pods through their controller.
// Also: `kubectl drain` (cordon + the same evictions, node kept) and spot interruptions (§4.2).
import type { PodDisruptionBudget } from '../k8s.ts';
import { selectorMatches } from '../scheduling/selectors.ts';
import { DISRUPTED_TAINT } from './lifecycle.ts';
import type { Sim } from './runtime.ts';
import type { PodRec } from './state.ts';

/** After this long without progress a blocked drain stops keeping a run "until quiet" alive. */
const STUCK_AFTER_MS = 10 * 60_000;

export class Termination {
  private readonly draining = new Map<string, { since: number; onDrained?: () => void }>();

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
    sim.k8s(
      'Normal',
      'DisruptionTerminating',
      `nodeclaim/${name}`,
      `Disrupting NodeClaim: ${reason}`,
    );
    if (!node) {
      // Not registered yet: nothing to drain; the instance (if any) is terminated right away.
      sim.emit({ type: 'nodeclaim.deleted', nodeClaim: name });
      sim.provisioner.retrigger();
      return;
    }
    this.taintDisrupted(node.name);
    this.drain(node.name, () => this.shutdown(name, node.name));
  }

  /** A workspace node without a NodeClaim: the API object goes, its pods are garbage-collected. */
  deleteUnmanagedNode(nodeName: string): void {
    const { sim } = this;
    const node = sim.state.nodes.get(nodeName);
    if (!node || node.terminatedAt !== undefined) return;
    sim.emit({ type: 'nodeclaim.deleted', nodeClaim: '', node: nodeName });
    this.removePods(nodeName);
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

  /** Evict every evictable pod, retrying PDB-blocked ones; `onDrained` when none is left. */
  drain(nodeName: string, onDrained?: () => void): void {
    const running = this.draining.get(nodeName);
    if (running) {
      // Already draining (e.g. kubectl drain, then kubectl delete node): finish with the new goal.
      if (onDrained) running.onDrained = onDrained;
      return;
    }
    this.draining.set(nodeName, { since: this.sim.now, ...(onDrained ? { onDrained } : {}) });
    this.sim.emit({ type: 'node.draining', node: nodeName });
    this.step(nodeName);
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
    const pods = [...sim.state.pods.values()].filter(
      (p) => p.nodeName === nodeName && !p.daemonSet && p.phase !== 'Terminating',
    );
    const pdbs = [...sim.state.objects.values()].filter(
      (o): o is PodDisruptionBudget => o.kind === 'PodDisruptionBudget',
    );
    const blocked: string[] = [];
    for (const p of pods) {
      const why = evictionBlocked(p, pdbs, sim.state.pods);
      if (why) {
        blocked.push(`${p.key}: ${why}`);
        continue;
      }
      sim.emit({ type: 'pod.deleted', pod: p.key });
      sim.k8s('Normal', 'Evicted', `pod/${p.key}`, `Evicted pod: draining node ${nodeName}`);
      if (p.owner) sim.workloads.reconcile(p.owner);
    }
    if (blocked.length === 0) {
      this.draining.delete(nodeName);
      d.onDrained?.();
      return;
    }
    sim.k8s(
      'Warning',
      'FailedDraining',
      `node/${nodeName}`,
      `Failed to drain node, ${blocked.length} pods are waiting to be evicted (${blocked.slice(0, 3).join('; ')})`,
    );
    const live = sim.now - d.since < STUCK_AFTER_MS;
    sim.after(sim.config.timings.evictionRetry, 'drain.retry', () => this.step(nodeName), live);
  }

  private shutdown(name: string, nodeName: string): void {
    const { sim } = this;
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
    for (const p of [...sim.state.pods.values()]) {
      if (p.nodeName !== nodeName) continue;
      sim.emit({ type: 'pod.deleted', pod: p.key });
      if (p.owner && !p.daemonSet) owners.add(p.owner);
    }
    for (const o of owners) sim.workloads.reconcile(o);
  }

  /** Spot interruption: 2-minute notice, the offering cached unavailable, Karpenter cordons and drains. */
  interrupt(nodeName: string): string | undefined {
    const { sim } = this;
    const node = sim.state.nodes.get(nodeName);
    if (!node || node.terminatedAt !== undefined) return `node "${nodeName}" not found`;
    const reclaimAt = sim.now + sim.config.timings.spotNotice;
    sim.emit({ type: 'node.interrupted', node: nodeName, reclaimAt });
    sim.k8s(
      'Warning',
      'SpotInterrupted',
      `node/${nodeName}`,
      'Spot interruption warning was triggered',
    );
    if (node.capacityType === 'spot')
      sim.lifecycle.markUnavailable('spot', node.instanceType, node.zone);
    if (node.nodeClaim) this.deleteNodeClaim(node.nodeClaim, 'Interrupted');
    sim.after(reclaimAt - sim.now, 'instance.reclaimed', () =>
      this.terminate(node.nodeClaim ?? '', nodeName),
    );
    return undefined;
  }
}

/** Why the Eviction API would refuse this pod now, or undefined when it may go. */
export function evictionBlocked(
  p: PodRec,
  pdbs: readonly PodDisruptionBudget[],
  pods: ReadonlyMap<string, PodRec>,
): string | undefined {
  const ns = p.pod.metadata.namespace ?? 'default';
  const covering = pdbs.filter(
    (b) =>
      (b.metadata.namespace ?? 'default') === ns &&
      b.spec.selector !== undefined &&
      selectorMatches(b.spec.selector, p.pod.metadata.labels),
  );
  if (covering.length > 1) return 'eviction does not support multiple PDBs';
  const pdb = covering[0];
  if (!pdb) return undefined;
  if (disruptionsAllowed(pdb, pods) <= 0)
    return `pdb ${ns}/${pdb.metadata.name ?? ''} prevents pod evictions`;
  return undefined;
}

/** status.disruptionsAllowed of a PDB over the pods it selects (percentages round up). */
export function disruptionsAllowed(
  pdb: PodDisruptionBudget,
  pods: ReadonlyMap<string, PodRec>,
): number {
  const ns = pdb.metadata.namespace ?? 'default';
  let expected = 0;
  let healthy = 0;
  for (const p of pods.values()) {
    if ((p.pod.metadata.namespace ?? 'default') !== ns || p.phase === 'Terminating') continue;
    if (!selectorMatches(pdb.spec.selector, p.pod.metadata.labels)) continue;
    expected++;
    if (p.phase === 'Running') healthy++;
  }
  const scaled = (v: number | string): number =>
    typeof v === 'number'
      ? v
      : /%$/.test(v)
        ? Math.ceil((Number(v.slice(0, -1)) / 100) * expected)
        : Number(v);
  if (pdb.spec.minAvailable !== undefined) return healthy - scaled(pdb.spec.minAvailable);
  if (pdb.spec.maxUnavailable !== undefined)
    return scaled(pdb.spec.maxUnavailable) - (expected - healthy);
  return Number.POSITIVE_INFINITY;
}
