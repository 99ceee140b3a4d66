// Time zero: the workspace becomes a running cluster. Pools Karpenter serves (per version), the other
// objects, existing Nodes (initialized at t=0, with a synthesized NodeClaim when a pool owns them),
// pods with spec.nodeName bound and Running on them, then the controllers converge.
import { admitStorageObject } from '../storage/provision.ts';
import type { Deployment, KubeObject, Node, NodePool, Pod, Provisioner } from '../k8s.ts';
import { nodeOwner, unmanagedCapacityType } from '../ownership.ts';
import { LABEL } from '../labels.ts';
import { parseResourceList, type Resources } from '../quantity.ts';
import { normalizeNodePool, provisionerToNodePool } from './convert.ts';
import { SIM_EPOCH_MS } from './duration.ts';
import type { Sim } from './runtime.ts';
import { objectKey, type NodeRec } from './state.ts';

export function setUpWorkspace(sim: Sim, objects: readonly KubeObject[]): void {
  const v1alpha5 = sim.state.karpenter.semantics === 'v1alpha5';
  // Storage admission (binding-mode default, default class) sees the whole workspace at once.
  const all = new Map(objects.map((o) => [objectKey(o), o]));
  for (const o0 of objects) {
    const o = admitStorageObject(o0, all);
    if (o.kind === 'Scenario' || o.kind === 'Node' || o.kind === 'Pod') continue;
    if (o.kind === 'NodePool') {
      sim.originalNodePools.set(o.metadata.name ?? '', o);
      if (v1alpha5)
        sim.warnings.push(
          `NodePool ${o.metadata.name ?? ''} is ignored: Karpenter ${sim.state.karpenter.version} serves v1alpha5 Provisioners`,
        );
      else sim.emit({ type: 'object.applied', object: normalizeNodePool(o) });
      continue;
    }
    sim.emit({ type: 'object.applied', object: o });
    if (o.kind === 'Provisioner') {
      if (v1alpha5)
        sim.emit({ type: 'object.applied', object: provisionerToNodePool(o as Provisioner) });
      else
        sim.warnings.push(
          `Provisioner ${o.metadata.name ?? ''} is ignored: Karpenter v1 serves NodePools (set spec.karpenter.version: v0.31 in the Scenario for v1alpha5)`,
        );
    }
  }
  for (const o of objects) if (o.kind === 'Node') registerWorkspaceNode(sim, o);
  for (const o of sim.state.objects.values())
    if (o.kind === 'PersistentVolumeClaim') sim.volumes.claimAppeared(o);
  for (const o of objects) if (o.kind === 'Pod') addWorkspacePod(sim, o, objects);
  for (const o of objects) {
    if (o.kind === 'Deployment' || o.kind === 'ReplicaSet' || o.kind === 'StatefulSet')
      sim.workloads.reconcile(objectKey(o));
  }
  for (const n of sim.state.nodes.values()) sim.workloads.ensureDaemonPods(n);
  sim.scheduler.requestPass();
}

function registerWorkspaceNode(sim: Sim, n: Node): void {
  const labels: Record<string, string> = { ...(n.metadata.labels ?? {}) };
  const name = n.metadata.name ?? sim.names.nodeName(sim.config.region, 0);
  sim.names.reserve(name);
  labels[LABEL.hostname] ??= name;
  const poolName = labels[LABEL.nodePool] ?? labels[LABEL.provisionerName];
  const np: NodePool | undefined =
    poolName === undefined ? undefined : sim.state.nodePools.get(poolName);
  const type = labels[LABEL.instanceType] ?? '';
  const it = sim.instanceType(np, type);
  const zone = labels[LABEL.zone] ?? '';
  const ct = labels[LABEL.capacityType] ?? unmanagedCapacityType(labels);
  const offering =
    it?.offerings.find((o) => o.zone === zone && o.capacityType === ct) ??
    it?.offerings.find((o) => o.capacityType === ct);
  const capacity: Resources = n.status?.capacity
    ? parseResourceList(n.status.capacity)
    : (it?.capacity ?? {});
  const allocatable: Resources = n.status?.allocatable
    ? parseResourceList(n.status.allocatable)
    : (it?.allocatable ?? capacity);
  // A pool's node of a type the catalog lacks (or without the label) is still Karpenter's: its
  // NodeClaim exists, and disruption decides what to make of a type it cannot resolve (wording.ts
  // unresolvedTypeBlocker). A known type with no offering in its zone stays unmanaged (no price).
  const unknownType = np !== undefined && it === undefined;
  let nodeClaim: string | undefined;
  if (np && ((it && offering) || unknownType)) {
    nodeClaim = sim.names.suffixed(poolName ?? 'default');
    sim.emit({
      type: 'nodeclaim.created',
      nodeClaim: {
        name: nodeClaim,
        nodePool: poolName ?? '',
        phase: 'Pending',
        createdAt: 0,
        requirements:
          type === '' ? [] : [{ key: LABEL.instanceType, operator: 'In', values: [type] }],
        instanceTypes: [type],
        requests: {},
        labels: {},
        taints: [],
        startupTaints: [],
        plannedPods: [],
        funnel: [],
      },
    });
    sim.emit({
      type: 'nodeclaim.launched',
      nodeClaim,
      launch: {
        instanceType: type,
        zone,
        capacityType: ct,
        price: offering?.price ?? 0,
        priceIsEstimate: offering?.priceIsEstimate ?? false,
        filtered: [],
      },
    });
  }
  const rec: NodeRec = {
    name,
    ...(nodeClaim === undefined ? {} : { nodeClaim }),
    ...(poolName === undefined ? {} : { nodePool: poolName }),
    labels,
    annotations: { ...(n.metadata.annotations ?? {}) },
    taints: [...(n.spec?.taints ?? [])],
    unschedulable: n.spec?.unschedulable === true,
    capacity,
    allocatable,
    instanceType: type,
    ...(unknownType ? { unknownType: true } : {}),
    zone,
    capacityType: ct,
    arch: labels[LABEL.arch] ?? it?.requirements.labels()[LABEL.arch] ?? 'amd64',
    price: offering?.price ?? 0,
    priceIsEstimate: offering?.priceIsEstimate ?? false,
    billedFrom: 0,
    createdAt: 0,
    ready: false,
  };
  if (!offering)
    sim.warnings.push(
      nodeOwner(labels).kind === 'fargate'
        ? `node ${name} is a Fargate node: Fargate bills each pod's vCPU and memory, which the lab does not model; counted at $0/h`
        : unknownType
          ? `node ${name}: ${type === '' ? 'no instance-type label' : `instance type "${type}" is not in the catalog`}: Karpenter manages the node but cannot resolve its type, so it never consolidates it (before v1.1, never disrupts it); counted at $0/h`
          : `node ${name}: instance type "${type}" in zone "${zone}" (${ct}) has no price in the ${sim.config.region} catalog; counted at $0/h`,
    );
  sim.emit({ type: 'node.registered', node: rec });
  sim.emit({ type: 'node.updated', node: name, patch: sim.volumes.readyPatch(rec) });
  sim.emit({ type: 'node.ready', node: name, ...(nodeClaim === undefined ? {} : { nodeClaim }) });
}

/** The workload a pod exported from a real cluster belongs to (ReplicaSet "inflate-7f9…" → Deployment "inflate"). */
function ownerOf(
  pod: Pod,
  objects: readonly KubeObject[],
): { key: string; daemonSet: boolean } | undefined {
  const ref = (pod.metadata.ownerReferences ?? []).find((r) => r.controller !== false);
  if (!ref) return undefined;
  const ns = pod.metadata.namespace ?? 'default';
  for (const o of objects) {
    if ((o.metadata.namespace ?? 'default') !== ns) continue;
    const name = o.metadata.name ?? '';
    if (o.kind === ref.kind && name === ref.name)
      return { key: objectKey(o), daemonSet: o.kind === 'DaemonSet' };
    if (o.kind === 'Deployment' && ref.kind === 'ReplicaSet' && ref.name.startsWith(`${name}-`))
      return { key: objectKey(o as Deployment), daemonSet: false };
  }
  return undefined;
}

function addWorkspacePod(sim: Sim, pod: Pod, objects: readonly KubeObject[]): void {
  const owner = ownerOf(pod, objects);
  const rec = sim.workloads.makePod(pod, owner?.key, owner?.daemonSet ?? false);
  sim.volumes.podCreated(pod, rec.key);
  sim.emit({ type: 'pod.created', pod: rec });
  const nodeName = pod.spec.nodeName;
  if (nodeName === undefined) return;
  const node = sim.state.nodes.get(nodeName);
  if (!node) {
    sim.emit({
      type: 'pod.unschedulable',
      pod: rec.key,
      reason: 'NodeNotFound',
      message: `spec.nodeName "${nodeName}" names no Node in the workspace`,
    });
    return;
  }
  sim.emit({ type: 'pod.bound', pod: rec.key, node: nodeName });
  // A pod that finished before the run (status.phase Succeeded or Failed) stays on its node, as
  // kubectl shows it: Completed or Error. It holds no room and nothing drains it.
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') {
    sim.emit({
      type: 'pod.failed',
      pod: rec.key,
      reason: phase === 'Succeeded' ? 'Completed' : 'Error',
      message: `status.phase ${phase} in the workspace`,
    });
    return;
  }
  sim.emit({ type: 'pod.running', pod: rec.key });
  if (pod.metadata.deletionTimestamp !== undefined) terminatingWorkspacePod(sim, pod, rec.key);
}

/**
 * A pod already being deleted (metadata.deletionTimestamp) is Terminating from the start, and gone
 * at its deletionTimestamp (the end of its grace period; at once if that is before the run).
 * Finalizers are not read: a pod held longer needs a later timestamp.
 */
function terminatingWorkspacePod(sim: Sim, pod: Pod, key: string): void {
  sim.emit({ type: 'pod.terminating', pod: key });
  const at = Date.parse(pod.metadata.deletionTimestamp ?? '');
  const uid = sim.state.pods.get(key)?.uid;
  sim.after(Number.isFinite(at) ? at - SIM_EPOCH_MS : 0, 'pod.gone', () => {
    const p = sim.state.pods.get(key);
    if (p?.uid !== uid) return;
    sim.emit({ type: 'pod.deleted', pod: key });
    if (p?.owner && !p.daemonSet) sim.workloads.reconcile(p.owner);
    sim.scheduler.requestPass();
  });
}
