// The running simulation: live state, the clock, the event log and the controllers. Every change to
// the cluster goes through emit(), which records the event and folds it into the live state with
// the same reducer stateAt() uses — so the timeline can never disagree with what the engine saw.
import type { StorageSettings } from '../storage/limits.ts';
import { Volumes } from './volumes.ts';
import type { Catalog, InstanceType } from '../catalog/index.ts';
import { UnavailableOfferings } from '../cloud/index.ts';
import type { KubeObject, NodePool, RuntimeClass } from '../k8s.ts';
import { deriveSeed, mulberry32, type Rng } from '../random.ts';
import { Agenda } from './agenda.ts';
import type { DisruptionController } from './disruption.ts';
import type { KubeEvent, SimEvent } from './events.ts';
import { KubeScheduler } from './kubescheduler.ts';
import { Lifecycle } from './lifecycle.ts';
import { NameAllocator } from './names.ts';
import { Provisioner } from './provisioner.ts';
import { Termination } from './termination.ts';
import { Workloads } from './workloads.ts';
import { applyInPlace, cloneState, type ClusterState, type PodRec } from './state.ts';
import type { Timings } from './timing.ts';

export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type NewEvent = DistributiveOmit<SimEvent, 't'>;

export interface SimConfig {
  seed: number;
  timings: Timings;
  region: string;
  zones: readonly string[];
  /** The catalog for a pool (EC2 catalogs differ by the node class's kubelet settings). */
  catalogFor: (np: NodePool | undefined) => Catalog;
  /** spec.images: image → architectures it has. Images not listed are taken as multi-arch. */
  images: Readonly<Record<string, readonly string[]>>;
  spotStrategy: 'lowest-price' | 'price-capacity-optimized';
  featureGates: Readonly<Record<string, boolean>>;
  minValuesPolicy?: 'Strict' | 'BestEffort';
  preferencePolicy?: 'Respect' | 'Ignore';
  /** Live pods above this are refused (Bad input: 100,000 replicas). */
  maxPods: number;
  snapshotEvery: number;
  disruption: DisruptionController;
  /** Scenario spec.storage: the EBS CSI driver and its attach-limit flags. */
  storage: StorageSettings;
}

export interface Snapshot {
  /** State after applying events[0 .. index). */
  index: number;
  state: ClusterState;
}

export class Sim {
  readonly events: SimEvent[] = [];
  readonly snapshots: Snapshot[] = [];
  readonly agenda = new Agenda();
  readonly names: NameAllocator;
  /** Karpenter's unavailable-offerings cache (what Karpenter believes). */
  readonly ice: UnavailableOfferings;
  /** The simulated cloud's real shortages ("ct:type:zone" → until): Karpenter learns of them only by launching. */
  readonly cloudShortage = new Map<string, number>();
  /** Documents held back for `kubectl apply -f <name>`. */
  readonly heldBack = new Map<string, KubeObject[]>();
  readonly warnings: string[] = [];
  /** NodePools as written in the workspace (v1/v1beta1), kept to re-serve them after a helm upgrade. */
  readonly originalNodePools = new Map<string, NodePool>();
  now = 0;
  readonly workloads: Workloads;
  readonly scheduler: KubeScheduler;
  readonly provisioner: Provisioner;
  readonly lifecycle: Lifecycle;
  readonly termination: Termination;
  readonly volumes: Volumes;
  /** Bumped by each event that can change what `ClusterView` derives (StateNodes, pool usage):
   *  `nodes` by node, NodeClaim, pool, object and Karpenter changes; `pods` by a pod joining,
   *  leaving or changing on a node; `objects` by object changes (volume usage reads them). Events
   *  that only say something (`k8s`, nominations, FailedScheduling) leave them, so the solves and
   *  dry runs between two such changes share one cluster state. */
  readonly versions = { nodes: 0, pods: 0, objects: 0 };
  /** The indexes in `events` of the events that bumped `versions.nodes`, ascending: ClusterView
   *  patches its StateNode list by the nodes and NodeClaims they name (touched.ts). */
  readonly nodeEventAt: number[] = [];
  private readonly rngs = new Map<string, Rng>();
  private readonly byOwner = new Map<string, Set<string>>();
  private readonly created = new Map<string, number>();
  private createdCount = 0;
  private readonly typeIndex = new WeakMap<Catalog, Map<string, InstanceType>>();

  constructor(
    readonly config: SimConfig,
    readonly state: ClusterState,
  ) {
    this.names = new NameAllocator(this.rng('names'));
    this.ice = new UnavailableOfferings(config.timings.iceTtl);
    this.workloads = new Workloads(this);
    this.scheduler = new KubeScheduler(this);
    this.provisioner = new Provisioner(this);
    this.lifecycle = new Lifecycle(this);
    this.termination = new Termination(this);
    this.volumes = new Volumes(this, config.storage);
  }

  /** A named, independent random stream: adding draws in one part never shifts another's. */
  rng(stream: string): Rng {
    let r = this.rngs.get(stream);
    if (!r) {
      r = mulberry32(deriveSeed(this.config.seed, stream));
      this.rngs.set(stream, r);
    }
    return r;
  }

  emit(e: NewEvent): void {
    // Every caller passes a fresh object literal: stamp it rather than copy it (the same fields,
    // t last as the copy had it); ~100,000 events at 5,000 pods, each of its own shape.
    const ev = e as SimEvent;
    (ev as { t: number }).t = this.now;
    this.events.push(ev);
    if (ev.type === 'pod.deleted') this.indexPod(this.state.pods.get(ev.pod)?.owner, ev.pod, false);
    // The kube-scheduler's index follows every pod and node record the event touches.
    const podKey = ev.type.startsWith('pod.') ? podOf(ev) : undefined;
    const podBefore = podKey === undefined ? undefined : this.state.pods.get(podKey);
    applyInPlace(this.state, ev);
    if (podKey !== undefined) {
      const podAfter = this.state.pods.get(podKey);
      this.scheduler.podChanged(podBefore, podAfter);
      if (changesNode(podBefore, podAfter)) this.versions.pods++;
    } else if (!STATE_NEUTRAL.has(ev.type)) {
      this.versions.nodes++;
      this.nodeEventAt.push(this.events.length - 1);
      if (OBJECT_EVENTS.has(ev.type)) this.versions.objects++;
    }
    const node = nodeOf(ev);
    if (node !== undefined) this.scheduler.nodeChanged(node, this.state.nodes.get(node));
    const claim = claimOf(ev);
    if (claim !== undefined) this.scheduler.claimChanged(claim);
    if (ev.type === 'pod.created') this.indexPod(ev.pod.owner, ev.pod.key, true);
    // The pvc-protection controller frees a deleting claim once its last scheduled pod is gone.
    if (ev.type === 'pod.deleted') this.volumes.releaseClaims();
    // A snapshot costs a copy of every map, so big clusters take them less often.
    const since = this.events.length - (this.snapshots.at(-1)?.index ?? 0);
    if (since >= Math.max(this.config.snapshotEvery, this.state.pods.size)) {
      this.snapshots.push({ index: this.events.length, state: cloneState(this.state) });
    }
  }

  /** A Kubernetes-style event (what `kubectl get events` shows). */
  k8s(type: KubeEvent['type'], reason: string, object: string, message: string): void {
    this.emit({ type: 'k8s', event: { time: this.now, type, reason, object, message } });
  }

  /** Run `fn` `ms` from now. Live tasks keep a run "until quiet" going; polls do not. */
  after(ms: number, label: string, fn: () => void, live = true): void {
    // NaN (a 0/0 somewhere) would corrupt the agenda's ordering: treat it as "never".
    const delay = Number.isNaN(ms) ? Infinity : Math.max(0, Math.round(ms));
    this.agenda.push(this.now + delay, label, fn, live);
  }

  /** A RuntimeClass of the cluster by name (cluster-scoped). */
  runtimeClass(name: string): RuntimeClass | undefined {
    const o = this.state.objects.get(`RuntimeClass//${name}`);
    return o?.kind === 'RuntimeClass' ? o : undefined;
  }

  instanceType(np: NodePool | undefined, name: string): InstanceType | undefined {
    const catalog = this.config.catalogFor(np);
    let index = this.typeIndex.get(catalog);
    if (!index) {
      index = new Map(catalog.instanceTypes.map((it) => [it.name, it]));
      this.typeIndex.set(catalog, index);
    }
    return index.get(name);
  }

  private indexPod(owner: string | undefined, key: string, add: boolean): void {
    if (add) {
      if (!this.created.has(key)) this.created.set(key, this.createdCount++);
    } else this.created.delete(key);
    if (owner === undefined) return;
    let set = this.byOwner.get(owner);
    if (!set) {
      set = new Set();
      this.byOwner.set(owner, set);
    }
    if (add) set.add(key);
    else set.delete(key);
  }

  /** Where a live pod stands in state.pods' iteration order (the order pods were created in: the
   *  reducer replaces records in place), for sorting a few pods without walking them all. */
  creationOrder(key: string): number {
    return this.created.get(key) ?? Infinity;
  }

  /** Keys of the pods a workload owns (kept by emit, so controllers need not scan every pod). */
  podsOwnedBy(owner: string): ReadonlySet<string> {
    return this.byOwner.get(owner) ?? new Set();
  }

  livePodCount(): number {
    return this.state.pods.size;
  }
}

/** Events that change no node, NodeClaim, pool or object record. */
const STATE_NEUTRAL: ReadonlySet<SimEvent['type']> = new Set([
  'k8s',
  'action',
  'progress',
  'offering.unavailable',
  'offering.available',
  'nodeclaim.refused',
]);
const OBJECT_EVENTS: ReadonlySet<SimEvent['type']> = new Set([
  'object.applied',
  'object.deleted',
  'claim.created',
  'volume.provisioned',
]);

/** Whether a pod record change shows on a node as ClusterView sees it: a bound, non-terminating
 *  pod appearing, leaving, moving or being replaced by another Pod object. */
function changesNode(before: PodRec | undefined, after: PodRec | undefined): boolean {
  const a = before?.nodeName !== undefined && before.phase !== 'Terminating' ? before : undefined;
  const b = after?.nodeName !== undefined && after.phase !== 'Terminating' ? after : undefined;
  return a?.nodeName !== b?.nodeName || a?.pod !== b?.pod;
}

function podOf(e: SimEvent): string | undefined {
  if (e.type === 'pod.created') return e.pod.key;
  return 'pod' in e && typeof e.pod === 'string' ? e.pod : undefined;
}

/** The NodeClaim record an event changes. */
function claimOf(e: SimEvent): string | undefined {
  if (e.type === 'nodeclaim.created') return e.nodeClaim.name;
  if (e.type === 'node.registered') return e.node.nodeClaim;
  if (e.type === 'pod.nominated') return undefined;
  return 'nodeClaim' in e && typeof e.nodeClaim === 'string' ? e.nodeClaim : undefined;
}

function nodeOf(e: SimEvent): string | undefined {
  if (e.type === 'node.registered') return e.node.name;
  return 'node' in e && typeof e.node === 'string' && e.type !== 'pod.bound' ? e.node : undefined;
}
