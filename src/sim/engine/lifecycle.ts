// NodeClaim lifecycle (reference §1.13–1.15) and the kubelet's part of a pod's life:
//   created → Launched (CreateFleet, ~2 s) → Registered (~30 s) → Initialized/Ready (~15 s)
// with seeded jitter (the boot times are assumptions, see timing.ts). An InsufficientCapacity
// launch marks the ICE cache and deletes the NodeClaim; its pods go back to the next batch (§1.14.5).
// Deletion is graceful: taint karpenter.sh/disrupted, drain (PDBs respected), then the instance
// shuts down. Cost accrues from launch until termination.
import { launch } from '../cloud/index.ts';
import type { NodeSelectorRequirementWithMinValues, Taint } from '../k8s.ts';
import { LABEL } from '../labels.ts';
import { Requirements } from '../requirements.ts';
import type { NodeClaimPlan } from '../scheduling/types.ts';
import { jittered } from './timing.ts';
import type { Sim } from './runtime.ts';
import type { NodeClaimRec, NodeRec } from './state.ts';
import type { Semantics } from './records.ts';
import { own } from '../own.ts';

export const DISRUPTED_TAINT: Taint = { key: 'karpenter.sh/disrupted', effect: 'NoSchedule' };

/** Distinct NodeClaim requirement sets whose Requirements object is kept for the next launch. */
const KEPT_REQUIREMENTS = 64;

export class Lifecycle {
  /** Requirements per NodeClaim requirements (as JSON), most recent last: NodeClaims of a batch
   *  mostly share them, and the cloud's launch keeps per-type work per Requirements object. */
  private readonly requirements = new Map<string, Requirements>();

  constructor(private readonly sim: Sim) {}

  private boot(base: number): number {
    return jittered(base, this.sim.config.timings.jitter, this.sim.rng('boot'));
  }

  create(plan: NodeClaimPlan): string {
    const name = this.sim.names.suffixed(plan.nodePool);
    const nc: NodeClaimRec = {
      name,
      nodePool: plan.nodePool,
      phase: 'Pending',
      createdAt: this.sim.now,
      requirements: plan.requirements.toSelectors().filter((r) => r.key !== LABEL.hostname),
      instanceTypes: plan.instanceTypes.map((it) => it.name),
      requests: plan.requests,
      labels: Object.fromEntries(Object.entries(plan.labels).filter(([k]) => k !== LABEL.hostname)),
      taints: plan.taints,
      startupTaints: plan.startupTaints,
      plannedPods: plan.pods.map(
        (p) => `${p.metadata.namespace ?? 'default'}/${p.metadata.name ?? ''}`,
      ),
      funnel: plan.funnel,
    };
    this.sim.emit({ type: 'nodeclaim.created', nodeClaim: nc });
    const claim = claimWords(this.sim.state.karpenter.semantics);
    this.sim.k8s(
      'Normal',
      'Created',
      `${claim.object}/${name}`,
      `Created ${claim.kind} for ${plan.pods.length} pod(s), ${nc.instanceTypes.length} instance type option(s)`,
    );
    this.sim.after(this.boot(this.sim.config.timings.launch), 'nodeclaim.launch', () =>
      this.launch(name),
    );
    return name;
  }

  private launch(name: string): void {
    const { sim } = this;
    const nc = sim.state.nodeClaims.get(name);
    if (!nc || nc.phase !== 'Pending') return;
    const np = sim.state.nodePools.get(nc.nodePool);
    const types = nc.instanceTypes
      .map((t) => sim.instanceType(np, t))
      .filter((t) => t !== undefined);
    const requirements = this.requirementsOf(nc);
    // CreateFleet tries every override: offerings the cloud is short of fail and are cached as
    // unavailable, and the fleet carries on with the next best until one launches or none is left.
    for (let attempt = 0; attempt <= 2 * types.length + 1; attempt++) {
      const r = launch(
        {
          requirements,
          instanceTypes: types,
          requests: nc.requests,
          minValuesUsed: requirements.hasMinValues(),
        },
        {
          ice: sim.ice,
          now: sim.now,
          rng: sim.rng('launch'),
          spotStrategy: sim.config.spotStrategy,
        },
      );
      if (!r.ok) return this.fail(nc, r.error);
      const { instanceType: it, offering: o, runnerUp, filtered } = r.decision;
      const key = `${o.capacityType}:${it.name}:${o.zone}`;
      if ((sim.cloudShortage.get(key) ?? 0) > sim.now) {
        this.markUnavailable(o.capacityType, it.name, o.zone);
        continue;
      }
      sim.emit({
        type: 'nodeclaim.launched',
        nodeClaim: name,
        launch: {
          instanceType: it.name,
          zone: o.zone,
          capacityType: o.capacityType,
          price: o.price,
          priceIsEstimate: o.priceIsEstimate,
          filtered,
          ...(runnerUp
            ? {
                runnerUp: {
                  instanceType: runnerUp.instanceType.name,
                  zone: runnerUp.offering.zone,
                  capacityType: runnerUp.offering.capacityType,
                  price: runnerUp.offering.price,
                  whyLost: runnerUp.whyLost,
                },
              }
            : {}),
        },
      });
      sim.k8s(
        'Normal',
        'Launched',
        `${claimWords(sim.state.karpenter.semantics).object}/${name}`,
        `Launched ${it.name} (${o.capacityType}) in ${o.zone} at $${o.price.toFixed(4)}/h`,
      );
      sim.after(this.boot(sim.config.timings.register), 'nodeclaim.register', () =>
        this.register(name),
      );
      return;
    }
    this.fail(nc, 'all requested instance types were unavailable during launch');
  }

  private requirementsOf(nc: NodeClaimRec): Requirements {
    const key = JSON.stringify(nc.requirements);
    let r = this.requirements.get(key);
    if (r) this.requirements.delete(key);
    else r = Requirements.from(nc.requirements);
    this.requirements.set(key, r);
    if (this.requirements.size > KEPT_REQUIREMENTS) {
      const oldest = this.requirements.keys().next().value;
      if (oldest !== undefined) this.requirements.delete(oldest);
    }
    return r;
  }

  /** Karpenter's ICE cache learns of a shortage (also on spot interruptions). */
  markUnavailable(ct: string, type: string, zone: string): void {
    const { sim } = this;
    sim.ice.mark(ct, type, zone, sim.now);
    const key = `${ct}:${type}:${zone}`;
    const until = sim.now + sim.config.timings.iceTtl;
    sim.emit({ type: 'offering.unavailable', offering: key, until });
    sim.after(until - sim.now, 'ice.expire', () => {
      if ((sim.state.unavailable.get(key) ?? 0) > sim.now) return; // re-marked meanwhile
      sim.emit({ type: 'offering.available', offering: key });
      sim.provisioner.retrigger();
    });
  }

  private fail(nc: NodeClaimRec, error: string): void {
    this.sim.emit({ type: 'nodeclaim.failed', nodeClaim: nc.name, error });
    const claim = claimWords(this.sim.state.karpenter.semantics);
    this.sim.k8s(
      'Warning',
      'InsufficientCapacityError',
      `${claim.object}/${nc.name}`,
      `${claim.kind} ${nc.name} event: Failed to launch node claim, ${error}`,
    );
    this.sim.provisioner.retrigger();
  }

  private register(name: string): void {
    const { sim } = this;
    const nc = sim.state.nodeClaims.get(name);
    if (!nc?.launch || nc.phase !== 'Launched') return;
    const np = sim.state.nodePools.get(nc.nodePool);
    const it = sim.instanceType(np, nc.launch.instanceType);
    const zoneIndex = Math.max(0, sim.config.zones.indexOf(nc.launch.zone));
    const nodeName = sim.names.nodeName(sim.config.region, zoneIndex);
    const labels: Record<string, string> = {
      ...(it ? resolvedTypeLabels(it.requirements, nc.requirements) : {}),
      ...nc.labels,
      [LABEL.instanceType]: nc.launch.instanceType,
      [LABEL.zone]: nc.launch.zone,
      [LABEL.region]: sim.config.region,
      [LABEL.capacityType]: nc.launch.capacityType,
      [LABEL.hostname]: nodeName,
      [LABEL.nodePool]: nc.nodePool,
      [LABEL.registered]: 'true',
    };
    // v0.31 nodes carried karpenter.sh/provisioner-name; karpenter.sh/nodepool came with v0.32.
    if (sim.state.karpenter.semantics === 'v1alpha5') {
      labels[LABEL.provisionerName] = nc.nodePool;
      delete labels[LABEL.nodePool];
    }
    const node: NodeRec = {
      name: nodeName,
      nodeClaim: name,
      nodePool: nc.nodePool,
      labels,
      // The NodePool template's annotations reach the Node through its NodeClaim (registration
      // syncs them), a do-not-disrupt among them. Read from the pool as it is at registration:
      // the NodeClaim record does not keep its own copy.
      annotations: { ...np?.spec.template.metadata?.annotations },
      taints: [...nc.taints, ...nc.startupTaints],
      unschedulable: false,
      capacity: it?.capacity ?? {},
      allocatable: it?.allocatable ?? {},
      instanceType: nc.launch.instanceType,
      zone: nc.launch.zone,
      capacityType: nc.launch.capacityType,
      arch: labels[LABEL.arch] ?? 'amd64',
      price: nc.launch.price,
      priceIsEstimate: nc.launch.priceIsEstimate,
      billedFrom: nc.launchedAt ?? sim.now,
      createdAt: sim.now,
      ready: false,
    };
    sim.emit({ type: 'node.registered', node });
    sim.k8s(
      'Normal',
      'Registered',
      `${claimWords(sim.state.karpenter.semantics).object}/${name}`,
      conditionMessage(sim.state.karpenter.semantics, 'Registered', nodeName),
    );
    sim.workloads.ensureDaemonPods(node);
    sim.after(this.boot(sim.config.timings.initialize), 'nodeclaim.initialize', () =>
      this.initialize(name, nodeName),
    );
  }

  private initialize(name: string, nodeName: string): void {
    const { sim } = this;
    const nc = sim.state.nodeClaims.get(name);
    const node = sim.state.nodes.get(nodeName);
    if (!nc || !node || nc.phase !== 'Registered' || node.deletingAt !== undefined) return;
    if (nc.startupTaints.length > 0) {
      const startup = new Set(nc.startupTaints.map((t) => `${t.key}:${t.effect}`));
      sim.emit({
        type: 'node.updated',
        node: nodeName,
        patch: { taints: node.taints.filter((t) => !startup.has(`${t.key}:${t.effect}`)) },
      });
    }
    // The CSI node plugin registers as the node turns Ready (lab simplification): zone label + CSINode.
    const csi = sim.volumes.readyPatch(node);
    sim.emit({
      type: 'node.updated',
      node: nodeName,
      patch: { ...csi, labels: { ...csi.labels, [LABEL.initialized]: 'true' } },
    });
    // The DaemonSet controller reacts to the node update: an agent kept off by a startup taint it
    // does not tolerate (or selecting a label the node gains now) gets its pod. Karpenter counted
    // it when sizing the node (pkg/controllers/provisioning/suite_test.go "should account for
    // daemonsets (with startup taint)"); the lab created DaemonSet pods at registration only.
    const initialized = sim.state.nodes.get(nodeName);
    if (initialized) sim.workloads.ensureDaemonPods(initialized);
    sim.emit({ type: 'node.ready', node: nodeName, nodeClaim: name });
    sim.volumes.nodeReady();
    sim.k8s('Normal', 'NodeReady', `node/${nodeName}`, `Node ${nodeName} status is now: NodeReady`);
    sim.k8s(
      'Normal',
      'Initialized',
      `${claimWords(sim.state.karpenter.semantics).object}/${name}`,
      conditionMessage(sim.state.karpenter.semantics, 'Initialized', nodeName),
    );
    this.startDaemonPods(nodeName);
    sim.scheduler.requestPass();
  }

  private startDaemonPods(nodeName: string): void {
    const { sim } = this;
    const keys: string[] = [];
    for (const { key } of sim.scheduler.podsOn(nodeName)) {
      const p = sim.state.pods.get(key);
      if (p?.daemonSet && p.nodeName === nodeName && p.phase === 'Pending') keys.push(key);
    }
    // In the order state.pods lists them (the kubelet start tasks are queued in it).
    keys.sort((a, b) => sim.creationOrder(a) - sim.creationOrder(b));
    for (const key of keys) this.startPod(key, nodeName);
  }

  /** Kubelet: pull the image, then Running — or CrashLoopBackOff when the image lacks the node's arch. */
  startPod(podKey: string, nodeName: string): void {
    const { sim } = this;
    const node = sim.state.nodes.get(nodeName);
    if (!node?.ready) return; // DaemonSet pods on a booting node start at initialization
    sim.after(sim.config.timings.imagePull, 'kubelet.start', () => {
      const p = sim.state.pods.get(podKey);
      if (!p || p.nodeName !== nodeName || p.phase !== 'Pending') return;
      const wrong = p.pod.spec.containers.find(
        (c) => !imageRunsOn(sim.config.images, c.image, node.arch),
      );
      if (wrong) {
        sim.emit({
          type: 'pod.failed',
          pod: podKey,
          reason: 'CrashLoopBackOff',
          message: `exec format error: image ${wrong.image ?? ''} has no linux/${node.arch} variant`,
        });
        sim.k8s(
          'Warning',
          'BackOff',
          `pod/${podKey}`,
          `Back-off restarting failed container ${wrong.name} in pod ${p.pod.metadata.name ?? ''} (exec format error)`,
        );
        return;
      }
      sim.emit({ type: 'pod.running', pod: podKey });
      sim.k8s(
        'Normal',
        'Started',
        `pod/${podKey}`,
        `Started container ${p.pod.spec.containers[0]?.name ?? ''}`,
      );
    });
  }
}

/** spec.images lists the architectures of an image (by full reference or by repository); unlisted images are multi-arch. */
export function imageRunsOn(
  images: Readonly<Record<string, readonly string[]>>,
  image: string | undefined,
  arch: string,
): boolean {
  if (!image) return true;
  const repo = image.replace(/@.*$/, '').replace(/:[^/:]*$/, '');
  const archs = own(images, image) ?? own(images, repo);
  return archs === undefined || archs.includes(arch);
}

/**
 * The labels an instance type gives its node. A key the type offers several values for (a fake type
 * supporting linux, windows and darwin) resolves against the NodeClaim's requirements: the one value
 * they allow, else linux where allowed (the usual AMI), else the first in order — upstream's fake
 * provider takes the first value, a real provider the AMI's OS.
 */
export function resolvedTypeLabels(
  type: Requirements,
  claim: readonly NodeSelectorRequirementWithMinValues[],
): Readonly<Record<string, string>> {
  // Asked per registration and per in-flight NodeClaim of every cluster view (ClusterView), and
  // the claim's requirements list every instance type option: kept per (claim list, type). Both
  // are never changed once built; callers copy the labels.
  let byType = typeLabels.get(claim);
  if (!byType) typeLabels.set(claim, (byType = new WeakMap()));
  let out = byType.get(type);
  if (!out) byType.set(type, (out = computeTypeLabels(type, claim)));
  return out;
}

const typeLabels = new WeakMap<
  readonly NodeSelectorRequirementWithMinValues[],
  WeakMap<Requirements, Readonly<Record<string, string>>>
>();

function computeTypeLabels(
  type: Requirements,
  claim: readonly NodeSelectorRequirementWithMinValues[],
): Record<string, string> {
  const wanted = Requirements.from(claim);
  const out: Record<string, string> = {};
  for (const r of type.values()) {
    if (r.operator() !== 'In') continue;
    const values = (wanted.has(r.key) ? r.intersection(wanted.get(r.key)) : r).sortedValues();
    const v = values.length === 1 ? values[0] : values.includes('linux') ? 'linux' : values[0];
    if (v !== undefined) out[r.key] = v;
  }
  return out;
}

/** What a NodeClaim is called in events: a Machine under v0.31 (v1alpha5), whose controllers
 *  published on `machine/<name>` ("Machine <name> event: …"). The disruption events' words
 *  (disruption/wording.ts EventWords) use the same. */
export interface ClaimWords {
  readonly object: 'nodeclaim' | 'machine';
  readonly kind: 'NodeClaim' | 'Machine';
}

const NODECLAIM_WORDS: ClaimWords = { object: 'nodeclaim', kind: 'NodeClaim' };
const MACHINE_WORDS: ClaimWords = { object: 'machine', kind: 'Machine' };

export function claimWords(semantics: Semantics): ClaimWords {
  return semantics === 'v1alpha5' ? MACHINE_WORDS : NODECLAIM_WORDS;
}

/** v1's status controller (operatorpkg) publishes each condition change in these words; v0.31's
 *  Machines published none, and the lab's own event there says the same thing plainly (named in
 *  docs/simplifications.md). */
function conditionMessage(
  semantics: Semantics,
  type: 'Registered' | 'Initialized',
  nodeName: string,
): string {
  return semantics === 'v1alpha5'
    ? `Machine condition ${type} is True (node ${nodeName})`
    : `Status condition transitioned, Type: ${type}, Status: True (node ${nodeName})`;
}
