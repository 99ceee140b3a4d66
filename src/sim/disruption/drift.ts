// Drift detection (reference §3.6). A NodeClaim is Drifted when
//   • the NodePool's template hash changed since the NodeClaim was made — the hash covers the
//     template but not its requirements (weight, limits and disruption are outside it); or
//   • the NodeClaim's labels no longer satisfy the NodePool's requirements; or
//   • its EC2NodeClass changed AMIs, subnets or security groups (amiFamily included).
// The engine does not stamp a hash on NodeClaims, so the tracker records the pool's hash the first
// time it sees a NodeClaim (at most one poll after creation) and the time drift was first seen.
import type { EC2NodeClass, NodePool } from '../k8s.ts';
import type { NodeObjectChanges } from '../engine/disruption.ts';
import type { ClusterState, NodeClaimRec } from '../engine/state.ts';
import { Requirement } from '../requirements.ts';
import { own } from '../own.ts';

/** Deterministic JSON with sorted keys, so hashes do not depend on field order. */
export function stableJSON(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJSON).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJSON(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * What of a NodePool triggers drift when it changes: the whole template (metadata, taints,
 * nodeClassRef, expireAfter, terminationGracePeriod, …) except the requirements, which are checked
 * against the node's labels instead (NodePool.Hash in pkg/apis/v1/nodepool.go hashes spec.template
 * with requirements tagged hash:"ignore"; weight, limits and disruption live outside the template).
 */
export function templateHash(np: NodePool): string {
  const { requirements: _r, ...spec } = np.spec.template.spec;
  return stableJSON({ metadata: np.spec.template.metadata ?? {}, spec });
}

export function nodeClassHash(nc: EC2NodeClass | undefined): string {
  if (!nc) return '';
  const s = nc.spec;
  return stableJSON({
    ami: s.amiSelectorTerms,
    family: s.amiFamily,
    subnets: s.subnetSelectorTerms,
    sgs: s.securityGroupSelectorTerms,
  });
}

/** The first pool requirement the labels violate, or undefined. Keys the node lacks are not judged. */
export function requirementsDrift(
  np: NodePool,
  labels: Readonly<Record<string, string>>,
): string | undefined {
  for (const r of np.spec.template.spec.requirements ?? []) {
    const value = own(labels, r.key);
    if (value === undefined) continue;
    if (!Requirement.of(r).has(value))
      return `label ${r.key}=${value} no longer satisfies ${r.key} ${r.operator} ${(r.values ?? []).join(',')}`;
  }
  return undefined;
}

export class DriftTracker {
  private readonly stamped = new Map<string, { pool: string; nodeClass: string }>();
  private readonly driftedAt = new Map<string, { at: number; why: string }>();
  /** Hashes per NodePool record (records are immutable: a change is a new object). */
  private readonly cache = new WeakMap<
    object,
    { nodeClass: object | undefined; hashes: { pool: string; nodeClass: string } }
  >();

  /** The same object while the pool and its node class are: a claim stamped with it compares by
   *  identity, not by two long strings per claim per state change. */
  private hashes(state: ClusterState, np: NodePool): { pool: string; nodeClass: string } {
    const nc = nodeClassOf(state, np);
    let c = this.cache.get(np);
    if (!c || c.nodeClass !== nc) {
      c = { nodeClass: nc, hashes: { pool: templateHash(np), nodeClass: nodeClassHash(nc) } };
      this.cache.set(np, c);
    }
    return c.hashes;
  }

  /**
   * Folds the claims' drift in. `changed`: the claims and nodes touched since the last update
   * (DisruptionContext.nodeObjectsChangedSince) — only they can drift now, the others' pools,
   * node classes and labels being what the last update saw; without it every claim is looked at
   * (the hashes once per pool, the label check once per labels record and pool — a 20,000-pod day
   * has thousands of claims).
   */
  update(state: ClusterState, now: number, changed?: NodeObjectChanges): void {
    const perPool = new Map<NodePool, { pool: string; nodeClass: string }>();
    if (!changed) {
      for (const nc of state.nodeClaims.values()) this.fold(state, now, nc, perPool);
      return;
    }
    for (const name of changed.nodeClaims) {
      const nc = state.nodeClaims.get(name);
      if (nc) this.fold(state, now, nc, perPool);
    }
    // A node's labels are its claim's (why()); only a node registered for a claim names one.
    for (const node of changed.nodes) {
      const name = state.nodes.get(node)?.nodeClaim;
      const nc =
        name === undefined || changed.nodeClaims.has(name) ? undefined : state.nodeClaims.get(name);
      if (nc) this.fold(state, now, nc, perPool);
    }
  }

  private fold(
    state: ClusterState,
    now: number,
    nc: NodeClaimRec,
    perPool: Map<NodePool, { pool: string; nodeClass: string }>,
  ): void {
    if (nc.phase === 'Deleted' || nc.phase === 'Failed') {
      this.stamped.delete(nc.name);
      return;
    }
    const np = state.nodePools.get(nc.nodePool);
    if (!np) return;
    let hashes = perPool.get(np);
    if (!hashes) {
      hashes = this.hashes(state, np);
      perPool.set(np, hashes);
    }
    let stamp = this.stamped.get(nc.name);
    if (!stamp) {
      // First sight: the hashes become its stamp, but labels that already violate the pool's
      // requirements are drift now (upstream checks requirements on every reconcile; without
      // this a workspace node of a narrowed pool waited a poll, and a quiet run never saw it).
      stamp = hashes;
      this.stamped.set(nc.name, hashes);
    }
    if (this.driftedAt.has(nc.name)) return;
    const why = this.why(state, nc, np, stamp, hashes);
    if (why !== undefined) this.driftedAt.set(nc.name, { at: now, why });
  }

  private why(
    state: ClusterState,
    nc: NodeClaimRec,
    np: NodePool,
    stamp: { pool: string; nodeClass: string },
    now: { pool: string; nodeClass: string },
  ): string | undefined {
    if (stamp !== now && stamp.pool !== now.pool) return `NodePool ${nc.nodePool} template changed`;
    if (stamp !== now && stamp.nodeClass !== now.nodeClass)
      return `EC2NodeClass ${np.spec.template.spec.nodeClassRef?.name ?? ''} changed`;
    const labels =
      nc.nodeName === undefined ? nc.labels : (state.nodes.get(nc.nodeName)?.labels ?? nc.labels);
    const seen = this.labelsChecked.get(labels);
    if (seen?.np === np) return seen.why;
    const why = requirementsDrift(np, labels);
    this.labelsChecked.set(labels, { np, why });
    return why;
  }

  /** requirementsDrift per labels record (immutable, as every record) and the pool it was checked against. */
  private readonly labelsChecked = new WeakMap<object, { np: NodePool; why: string | undefined }>();

  drifted(claim: string): { at: number; why: string } | undefined {
    return this.driftedAt.get(claim);
  }
}

function nodeClassOf(state: ClusterState, np: NodePool): EC2NodeClass | undefined {
  const o = state.objects.get(`EC2NodeClass//${np.spec.template.spec.nodeClassRef?.name ?? ''}`);
  return o?.kind === 'EC2NodeClass' ? o : undefined;
}
