// Executes typed actions (kubectl, helm, cloud events) against the running simulation. Every
// outcome is data: a failed action is recorded with its error in the timeline, never thrown.
import { admitStorageObject } from '../storage/provision.ts';
import type { Deployment, KubeObject, Pod, Provisioner } from '../k8s.ts';
import type { Action, Target, TimedAction } from './actions.ts';
import { normalizeNodePool, provisionerToNodePool } from './convert.ts';
import { afterHelm, karpenterVersion, semanticsOf } from '../version.ts';
import { formatDuration } from './duration.ts';
import type { Sim } from './runtime.ts';
import { objectKey, type NodeRec } from './state.ts';

const WORKLOAD_KIND: Readonly<Record<string, string>> = {
  deployment: 'Deployment',
  replicaset: 'ReplicaSet',
  statefulset: 'StatefulSet',
  daemonset: 'DaemonSet',
  poddisruptionbudget: 'PodDisruptionBudget',
};

/** A run warning about one Scenario action: `action at 1m "kubectl …"` and what went wrong
 *  (`at` in ms, or the Scenario's own text for an action that never parsed). */
export function actionWarning(at: number | string, source: string, what: string): string {
  return `action at ${typeof at === 'number' ? formatDuration(at) : at} "${source}"${what}`;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * RFC 7386 merge patch: objects merge key by key, null removes a key, anything else replaces.
 * `strategic` adds the one rule of kubectl's strategic merge patch most patches rely on: a list
 * whose items all have a `name` (containers, volumes, env) merges item by item by name.
 */
export function mergePatch(target: unknown, patch: unknown, strategic = false): unknown {
  if (strategic && Array.isArray(target) && Array.isArray(patch) && named(target) && named(patch)) {
    const out = target.map((item) => {
      const p = patch.find(
        (q) => (q as { name: unknown }).name === (item as { name: unknown }).name,
      );
      return p === undefined ? item : mergePatch(item, p, true);
    });
    const known = new Set(target.map((i) => (i as { name: unknown }).name));
    return [...out, ...patch.filter((p) => !known.has((p as { name: unknown }).name))];
  }
  if (!isObject(patch)) return patch;
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v, strategic);
  }
  return out;
}

function named(list: readonly unknown[]): boolean {
  return list.every((i) => isObject(i) && typeof i.name === 'string');
}

export class Commands {
  constructor(private readonly sim: Sim) {}

  run(a: TimedAction): void {
    let error: string | undefined;
    try {
      error = this.exec(a.action);
    } catch (e) {
      error = `internal error: ${e instanceof Error ? e.message : String(e)}`;
    }
    this.sim.emit({ type: 'action', action: a, ...(error === undefined ? {} : { error }) });
    if (error !== undefined) {
      this.sim.k8s('Warning', 'ActionFailed', 'scenario/actions', `${a.source}: ${error}`);
      // Also a warning of the run: the CLI's report and the page's header list them, so a
      // what-if whose change never happened does not look like a clean run.
      this.sim.warnings.push(actionWarning(a.at, a.source, ` failed: ${error}`));
    }
  }

  /** Undefined on success, else the error the console shows. */
  exec(a: Action): string | undefined {
    const { sim } = this;
    switch (a.kind) {
      case 'scale': {
        const key = this.workloadKey(a.target);
        const w = sim.state.objects.get(key) as Deployment | undefined;
        if (!w)
          return `${a.target.kind} "${a.target.name}" not found in namespace ${a.target.namespace}`;
        const others = sim.livePodCount() - sim.workloads.owned(key).length;
        if (others + a.replicas > sim.config.maxPods)
          return `refused: ${a.replicas} replicas would exceed the lab's limit of ${sim.config.maxPods} pods`;
        sim.emit({
          type: 'object.applied',
          object: { ...w, spec: { ...w.spec, replicas: a.replicas } },
        });
        sim.workloads.reconcile(key);
        return undefined;
      }
      case 'delete':
        return this.delete(a.target);
      case 'apply': {
        // "late-app", "late-app.yaml" and "./labs/late-app.yml" all name the document "late-app".
        const base = (s: string): string => s.replace(/^.*\//, '').replace(/\.ya?ml$/, '');
        const key = [...sim.heldBack.keys()].find((k) => k === a.ref || base(k) === base(a.ref));
        const docs = key === undefined ? undefined : sim.heldBack.get(key);
        if (!docs)
          return `no document named "${a.ref}" (held-back documents: ${[...sim.heldBack.keys()].join(', ') || 'none'})`;
        // kubectl apply -f applies each object on its own: one the API server refuses is
        // reported and the rest still land.
        const errors: string[] = [];
        for (const o of docs) {
          const err = this.applyObject(o);
          if (err) errors.push(err);
        }
        return errors.length ? errors.join('; ') : undefined;
      }
      case 'applyObject':
        return this.applyObject(a.object);
      case 'cordon':
      case 'uncordon': {
        const n = this.node(a.node);
        if (typeof n === 'string') return n;
        sim.emit({
          type: 'node.updated',
          node: n.name,
          patch: { unschedulable: a.kind === 'cordon' },
        });
        sim.k8s(
          'Normal',
          a.kind === 'cordon' ? 'NodeNotSchedulable' : 'NodeSchedulable',
          `node/${n.name}`,
          `Node ${n.name} status is now: ${a.kind === 'cordon' ? 'NodeNotSchedulable' : 'NodeSchedulable'}`,
        );
        if (a.kind === 'uncordon') sim.scheduler.requestPass();
        return undefined;
      }
      case 'drain': {
        const n = this.node(a.node);
        if (typeof n === 'string') return n;
        if (!n.unschedulable)
          sim.emit({ type: 'node.updated', node: n.name, patch: { unschedulable: true } });
        sim.termination.drain(n.name);
        return undefined;
      }
      case 'annotate':
      case 'label':
        return this.labelOrAnnotate(a.kind, a.target, a.set, a.remove);
      case 'patch': {
        const current = this.patchable(a.target);
        if (typeof current === 'string') return current;
        const patched = mergePatch(current, a.patch, a.type === 'strategic') as KubeObject;
        if (
          patched.kind !== current.kind ||
          patched.metadata?.name !== current.metadata.name ||
          (patched.metadata.namespace ?? 'default') !== (current.metadata.namespace ?? 'default')
        )
          return 'a patch cannot change the kind, name or namespace';
        return this.applyObject(patched);
      }
      case 'taint': {
        const n = this.node(a.node);
        if (typeof n === 'string') return n;
        const kept = n.taints.filter(
          (t) =>
            !a.remove.some(
              (r) => r.key === t.key && (r.effect === undefined || r.effect === t.effect),
            ),
        );
        const merged = [
          ...kept.filter((t) => !a.add.some((x) => x.key === t.key && x.effect === t.effect)),
          ...a.add,
        ];
        sim.emit({ type: 'node.updated', node: n.name, patch: { taints: merged } });
        if (a.remove.length > 0) sim.scheduler.requestPass();
        return undefined;
      }
      case 'helm': {
        const k = sim.state.karpenter;
        const next = afterHelm(karpenterVersion(k.version), a.version);
        if (typeof next === 'string') return next;
        const version = next.text;
        const semantics = semanticsOf(next);
        if (a.op === 'uninstall') {
          sim.emit({ type: 'karpenter.changed', karpenter: { ...k, installed: false } });
          return undefined;
        }
        sim.emit({ type: 'karpenter.changed', karpenter: { installed: true, version, semantics } });
        if (semantics !== k.semantics) {
          this.reloadPools();
          // Helm leaves the old CRD and its objects in place; nothing reconciles them any more.
          const orphans = [...sim.state.objects.values()]
            .filter((o) => o.kind === (semantics === 'v1alpha5' ? 'NodePool' : 'Provisioner'))
            .map((o) => `${o.kind} "${o.metadata.name ?? ''}"`);
          if (orphans.length > 0)
            sim.warnings.push(
              semantics === 'v1alpha5'
                ? `helm at ${formatDuration(sim.now)}: Karpenter ${version} serves v1alpha5 Provisioners, so ${orphans.join(', ')} is no longer served`
                : `helm at ${formatDuration(sim.now)}: Karpenter ${version} does not serve ${orphans.join(', ')} (the v1alpha5 API was removed in v0.33); convert it to a NodePool`,
            );
        }
        sim.provisioner.retrigger();
        return undefined;
      }
      case 'interrupt':
        return sim.termination.interrupt(a.node);
      case 'ice': {
        const until = sim.now + (a.forMs ?? sim.config.timings.iceTtl);
        const it = sim.instanceType(undefined, a.instanceType);
        if (!it) return `instance type "${a.instanceType}" is not in the catalog`;
        let n = 0;
        for (const o of it.offerings) {
          if (a.zone !== undefined && o.zone !== a.zone) continue;
          if (a.capacityType !== undefined && o.capacityType !== a.capacityType) continue;
          sim.cloudShortage.set(`${o.capacityType}:${it.name}:${o.zone}`, until);
          n++;
        }
        return n === 0 ? `no offering of ${a.instanceType} matches` : undefined;
      }
    }
  }

  /** The object a patch starts from: a NodePool as it was applied (defaults not filled in). */
  private patchable(t: Target): KubeObject | string {
    const { sim } = this;
    if (t.kind === 'nodepool') {
      const np = sim.originalNodePools.get(t.name) ?? sim.state.nodePools.get(t.name);
      return np ?? `nodepools.karpenter.sh "${t.name}" not found`;
    }
    if (t.kind === 'provisioner') {
      const p = sim.state.objects.get(
        objectKey({ kind: 'Provisioner', metadata: { name: t.name } }),
      );
      return p ?? `provisioners.karpenter.sh "${t.name}" not found`;
    }
    if (WORKLOAD_KIND[t.kind] !== undefined) {
      const o = sim.state.objects.get(this.workloadKey(t));
      return o ?? `${t.kind} "${t.name}" not found in namespace ${t.namespace}`;
    }
    return `kubectl patch of a ${t.kind} is not simulated (NodePools, Provisioners, workloads and PodDisruptionBudgets are)`;
  }

  private workloadKey(t: Target): string {
    return `${WORKLOAD_KIND[t.kind] ?? t.kind}/${t.namespace}/${t.name}`;
  }

  private node(name: string): NodeRec | string {
    const n = this.sim.state.nodes.get(name);
    return n && n.terminatedAt === undefined ? n : `node "${name}" not found`;
  }

  private delete(t: Target): string | undefined {
    const { sim } = this;
    switch (t.kind) {
      case 'pod': {
        const p = sim.state.pods.get(`${t.namespace}/${t.name}`);
        if (!p) return `pod "${t.name}" not found in namespace ${t.namespace}`;
        sim.emit({ type: 'pod.deleted', pod: p.key });
        if (p.owner && !p.daemonSet) sim.workloads.reconcile(p.owner);
        sim.scheduler.requestPass();
        return undefined;
      }
      case 'node': {
        const n = this.node(t.name);
        if (typeof n === 'string') return n;
        if (n.nodeClaim) sim.termination.deleteNodeClaim(n.nodeClaim, 'Deleted');
        else sim.termination.deleteUnmanagedNode(n.name);
        return undefined;
      }
      case 'nodeclaim': {
        const nc = sim.state.nodeClaims.get(t.name);
        if (!nc || nc.phase === 'Deleted' || nc.phase === 'Failed')
          return `nodeclaim "${t.name}" not found`;
        sim.termination.deleteNodeClaim(t.name, 'Deleted');
        return undefined;
      }
      case 'persistentvolumeclaim':
        return sim.volumes.deleteClaim(t.namespace, t.name);
      case 'nodepool':
      case 'provisioner': {
        if (!sim.state.nodePools.has(t.name)) return `${t.kind} "${t.name}" not found`;
        sim.emit({ type: 'object.deleted', kind: 'NodePool', key: t.name });
        if (t.kind === 'provisioner')
          sim.emit({ type: 'object.deleted', kind: 'Provisioner', key: `Provisioner//${t.name}` });
        // Deleting a pool deletes its NodeClaims (owner references), each drained gracefully.
        for (const nc of [...sim.state.nodeClaims.values()])
          if (nc.nodePool === t.name) sim.termination.deleteNodeClaim(nc.name, 'NodePoolDeleted');
        return undefined;
      }
      default: {
        const key = this.workloadKey(t);
        const w = sim.state.objects.get(key);
        if (!w) return `${t.kind} "${t.name}" not found in namespace ${t.namespace}`;
        sim.emit({ type: 'object.deleted', kind: WORKLOAD_KIND[t.kind] ?? t.kind, key });
        if (t.kind === 'daemonset') sim.workloads.reconcileDaemonSet(key);
        else if (t.kind !== 'poddisruptionbudget') sim.workloads.reconcile(key);
        if (w.kind === 'StatefulSet') sim.volumes.statefulSetDeleted(w);
        return undefined;
      }
    }
  }

  private labelOrAnnotate(
    kind: 'label' | 'annotate',
    t: Target,
    set: Record<string, string>,
    remove: string[],
  ): string | undefined {
    const { sim } = this;
    const edit = (m: Record<string, string> | undefined): Record<string, string> => {
      const out = { ...(m ?? {}), ...set };
      for (const k of remove) delete out[k];
      return out;
    };
    const field = kind === 'label' ? 'labels' : 'annotations';
    if (t.kind === 'node') {
      const n = this.node(t.name);
      if (typeof n === 'string') return n;
      sim.emit({ type: 'node.updated', node: n.name, patch: { [field]: edit(n[field]) } });
      if (kind === 'label') sim.scheduler.requestPass();
      return undefined;
    }
    if (t.kind === 'pod') {
      const p = sim.state.pods.get(`${t.namespace}/${t.name}`);
      if (!p) return `pod "${t.name}" not found in namespace ${t.namespace}`;
      const pod: Pod = {
        ...p.pod,
        metadata: { ...p.pod.metadata, [field]: edit(p.pod.metadata[field]) },
      };
      sim.emit({ type: 'pod.created', pod: { ...p, pod } }); // replaces the record: same key, new metadata
      return undefined;
    }
    if (t.kind === 'nodepool') {
      const np = sim.state.nodePools.get(t.name);
      if (!np) return `nodepool "${t.name}" not found`;
      sim.emit({
        type: 'object.applied',
        object: { ...np, metadata: { ...np.metadata, [field]: edit(np.metadata[field]) } },
      });
      return undefined;
    }
    return `kubectl ${kind} of a ${t.kind} is not simulated (nodes, pods and nodepools are)`;
  }

  /** kubectl apply of one object: one generic path per kind family. */
  applyObject(o: KubeObject): string | undefined {
    const { sim } = this;
    const semantics = sim.state.karpenter.semantics;
    const immutable = immutableSelector(sim.state.objects.get(objectKey(o)), o);
    if (immutable !== undefined) return immutable;
    switch (o.kind) {
      case 'Deployment':
      case 'ReplicaSet':
      case 'StatefulSet': {
        const previous = sim.state.objects.get(objectKey(o));
        if (o.kind === 'Deployment' && previous?.kind === 'Deployment')
          sim.workloads.rollouts.start(objectKey(o), previous, o);
        sim.emit({ type: 'object.applied', object: o });
        sim.workloads.reconcile(objectKey(o));
        return undefined;
      }
      case 'DaemonSet':
        sim.emit({ type: 'object.applied', object: o });
        sim.workloads.reconcileDaemonSet(objectKey(o));
        return undefined;
      case 'NodePool':
        sim.originalNodePools.set(o.metadata.name ?? '', o);
        if (semantics === 'v1alpha5')
          return 'this cluster runs Karpenter v0.31 (v1alpha5): NodePools are not served; use a Provisioner or helm upgrade karpenter --version 1.x';
        sim.emit({ type: 'object.applied', object: normalizeNodePool(o) });
        sim.provisioner.retrigger();
        return undefined;
      case 'Provisioner':
        sim.emit({ type: 'object.applied', object: o });
        if (semantics !== 'v1alpha5')
          return 'this cluster runs Karpenter v1: Provisioners are ignored; use a NodePool';
        sim.emit({ type: 'object.applied', object: provisionerToNodePool(o) });
        sim.provisioner.retrigger();
        return undefined;
      case 'Pod': {
        const rec = sim.workloads.makePod(o, undefined);
        if (sim.state.pods.has(rec.key)) return `pod "${rec.key}" already exists`;
        sim.volumes.podCreated(o, rec.key);
        sim.emit({ type: 'pod.created', pod: rec });
        const nodeName = o.spec.nodeName;
        if (nodeName !== undefined) {
          // A pod that names its node is bound by the API server itself: no scheduler sees it, the
          // kubelet starts it (as a workspace pod with spec.nodeName at the start). It stayed
          // Pending forever, which the TTL cases of disruption/consolidation_test.go need (a pod
          // bound to a candidate while consolidation validates).
          const node = sim.state.nodes.get(nodeName);
          if (!node || node.terminatedAt !== undefined) {
            sim.emit({
              type: 'pod.unschedulable',
              pod: rec.key,
              reason: 'NodeNotFound',
              message: `spec.nodeName "${nodeName}" names no Node in the cluster`,
            });
            return undefined;
          }
          sim.emit({ type: 'pod.bound', pod: rec.key, node: nodeName });
          sim.volumes.bindPod(o, node, () => sim.lifecycle.startPod(rec.key, nodeName));
          return undefined;
        }
        sim.scheduler.requestPass();
        return undefined;
      }
      case 'Scenario':
        return 'a Scenario cannot be applied while the simulation runs';
      case 'Node':
        return 'Nodes are created by Karpenter (or listed in the workspace at the start)';
      default: {
        const admitted = admitStorageObject(o, sim.state.objects);
        const isNew = !sim.state.objects.has(objectKey(o));
        sim.emit({ type: 'object.applied', object: admitted });
        if (admitted.kind === 'PersistentVolumeClaim' && isNew) sim.volumes.claimAppeared(admitted);
        sim.provisioner.retrigger();
        sim.scheduler.requestPass();
        return undefined;
      }
    }
  }

  /** After a Karpenter version change, re-derive the pools Karpenter serves. */
  private reloadPools(): void {
    const { sim } = this;
    const v1alpha5 = sim.state.karpenter.semantics === 'v1alpha5';
    for (const name of [...sim.state.nodePools.keys()])
      sim.emit({ type: 'object.deleted', kind: 'NodePool', key: name });
    for (const o of sim.state.objects.values()) {
      if (v1alpha5 && o.kind === 'Provisioner')
        sim.emit({ type: 'object.applied', object: provisionerToNodePool(o as Provisioner) });
    }
    if (!v1alpha5)
      for (const o of sim.originalNodePools.values())
        sim.emit({ type: 'object.applied', object: normalizeNodePool(o) });
  }
}

/** The API server refuses an apply that changes a workload's selector (apps/v1 makes it
 *  immutable), in its words; kubectl prints it and the object stays as it was. */
function immutableSelector(previous: KubeObject | undefined, next: KubeObject): string | undefined {
  if (!previous || previous.kind !== next.kind) return undefined;
  if (!['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'].includes(next.kind))
    return undefined;
  const selector = (o: KubeObject): unknown =>
    (o as { spec?: { selector?: unknown } }).spec?.selector;
  const a = JSON.stringify(selector(previous) ?? null);
  const b = JSON.stringify(selector(next) ?? null);
  if (a === b) return undefined;
  return `The ${next.kind} "${next.metadata.name ?? ''}" is invalid: spec.selector: Invalid value: ${b}: field is immutable`;
}
