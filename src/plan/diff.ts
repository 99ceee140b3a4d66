// Which documents of AFTER `kubectl apply` would change on a cluster running BEFORE, and which
// fields changed. Objects are matched by kind, namespace and name (as the API server does); an
// unchanged object is left alone; an object only in BEFORE stays (kubectl apply does not prune).
import { stableJSON } from '../sim/disruption/drift.ts';
import type { KubeObject } from '../sim/k8s.ts';

export interface FieldChange {
  /** `spec.amiSelectorTerms[0].alias` */
  path: string;
  /** JSON text of the value, or undefined when absent on that side. */
  before?: string;
  after?: string;
  /** `before` is the live object's value at the apply, not BEFORE's document's: a Scenario
   *  action (kubectl scale) changed it in the run, and the apply puts the manifest's back. */
  live?: true;
}

export interface DocumentChange {
  kind: string;
  name: string;
  namespace?: string;
  /** kubectl apply's own words; `refused` when the API server rejected the object (the
   *  apply's error names it) and it stayed as it was. */
  action: 'created' | 'configured' | 'refused';
  fields: FieldChange[];
}

export interface DocumentDiff {
  /** The AFTER objects to apply, in AFTER's order. */
  apply: KubeObject[];
  /** One per object to apply: `changes[i]` describes `apply[i]`. */
  changes: DocumentChange[];
  /** Objects only in BEFORE: left on the cluster ("kind/name"). */
  notPruned: string[];
  /** AFTER's Scenario differs from BEFORE's: not applied (a Scenario is the lab's, not the cluster's). */
  scenarioIgnored: boolean;
}

const CLUSTER_SCOPED = new Set([
  'NodePool',
  'NodeClaim',
  'EC2NodeClass',
  'Provisioner',
  'AWSNodeTemplate',
  'Node',
  'StorageClass',
  'PersistentVolume',
  'RuntimeClass',
  'PriorityClass',
]);

/** "Kind/namespace/name" (namespaced kinds default to "default", as kubectl applies them). */
export function objectId(o: KubeObject): string {
  const ns = CLUSTER_SCOPED.has(o.kind) ? '' : `${o.metadata.namespace ?? 'default'}/`;
  return `${o.kind}/${ns}${o.metadata.name ?? ''}`;
}

/** The object as the API server holds it, for comparing: a namespaced object written without a
 *  namespace lives in "default" (kubectl apply's), a cluster-scoped one has none. Otherwise a
 *  manifest that names `namespace: default` against one that leaves it out read as a change
 *  ("metadata.namespace: (none) → "default"") where kubectl apply says "unchanged". */
function asServed(o: KubeObject): KubeObject {
  const namespace = CLUSTER_SCOPED.has(o.kind) ? undefined : (o.metadata.namespace ?? 'default');
  const annotations = o.metadata.annotations;
  const served = annotations && Object.keys(annotations).some((k) => SERVER_ANNOTATIONS.has(k));
  if (o.metadata.namespace === namespace && !served) return o;
  const { namespace: _ns, annotations: _a, ...metadata } = o.metadata;
  const kept = Object.entries(annotations ?? {}).filter(([k]) => !SERVER_ANNOTATIONS.has(k));
  return {
    ...o,
    metadata: {
      ...metadata,
      ...(namespace === undefined ? {} : { namespace }),
      ...(kept.length > 0 ? { annotations: Object.fromEntries(kept) } : {}),
    },
  } as KubeObject;
}

/** Annotations the API server or a controller writes (an export carries them, a manifest does
 *  not): kubectl apply's three-way merge removes only what its last-applied configuration had,
 *  so a manifest without them leaves them, and the object is "unchanged". */
const SERVER_ANNOTATIONS = new Set([
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'kubectl.kubernetes.io/last-applied-configuration',
]);

/** The fields that differ between two JSON values, as paths; at most `limit` of them. */
export function fieldChanges(a: unknown, b: unknown, path = '', limit = 50): FieldChange[] {
  const out: FieldChange[] = [];
  const walk = (x: unknown, y: unknown, p: string): void => {
    if (out.length >= limit || stableJSON(x) === stableJSON(y)) return;
    const isObj = (v: unknown): v is Record<string, unknown> =>
      v !== null && typeof v === 'object' && !Array.isArray(v);
    if (isObj(x) && isObj(y)) {
      for (const k of [...new Set([...Object.keys(x), ...Object.keys(y)])].sort())
        walk(x[k], y[k], p === '' ? k : `${p}.${k}`);
      return;
    }
    if (Array.isArray(x) && Array.isArray(y) && x.length === y.length) {
      x.forEach((v, i) => walk(v, y[i], `${p}[${i}]`));
      return;
    }
    out.push({
      path: p,
      ...(x === undefined ? {} : { before: stableJSON(x) }),
      ...(y === undefined ? {} : { after: stableJSON(y) }),
    });
  };
  walk(a, b, path);
  return out;
}

export function diffDocuments(
  before: readonly KubeObject[],
  after: readonly KubeObject[],
): DocumentDiff {
  const old = new Map(before.filter((o) => o.kind !== 'Scenario').map((o) => [objectId(o), o]));
  const apply: KubeObject[] = [];
  const changes: DocumentChange[] = [];
  const seen = new Set<string>();
  for (const o of after) {
    if (o.kind === 'Scenario') continue;
    const id = objectId(o);
    seen.add(id);
    const prev = old.get(id);
    if (prev && stableJSON(asServed(prev)) === stableJSON(asServed(o))) continue;
    apply.push(o);
    changes.push({
      kind: o.kind,
      name: o.metadata.name ?? '',
      ...(o.metadata.namespace === undefined ? {} : { namespace: o.metadata.namespace }),
      action: prev ? 'configured' : 'created',
      fields: prev ? fieldChanges(asServed(prev), asServed(o)) : [],
    });
  }
  const scenario = (xs: readonly KubeObject[]) => xs.find((o) => o.kind === 'Scenario');
  return {
    apply,
    changes,
    notPruned: [...old.keys()].filter((id) => !seen.has(id)),
    // An AFTER without a Scenario (only the changed documents) keeps BEFORE's: nothing ignored.
    scenarioIgnored:
      scenario(after) !== undefined && stableJSON(scenario(before)) !== stableJSON(scenario(after)),
  };
}
