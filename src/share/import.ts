// Pasted or dropped YAML (or JSON) → workspace text. Built for `kubectl get nodepools,nodes,pods,
// deployments,pdb -A -o yaml` from a real cluster: a `kind: List` full of server-side noise. What
// stays is what the lab simulates from — existing Nodes (with status capacity/allocatable) and the
// pods bound to them become the starting cluster (DESIGN.md "Scenario document").
//
// Two passes: our own strip (server bookkeeping, finished pods, kinds the lab does not model,
// secrets that must never end up in a share link), then the manifests parser prunes every field
// the lab does not read — so the workspace is not buried in unknown-field warnings.
import { stringify } from 'yaml';
import { parseWorkspace } from '../manifests/index.ts';
import { anonymise } from './anonymise.ts';
import { inferCluster } from './importCluster.ts';
// The hostile-input-hardened YAML loader (size, nesting, alias-bomb caps). Not in the manifests
// index yet; see src/share/CONTEXT.md.
import {
  DEFAULT_MAX_BYTES,
  MAX_DOCUMENTS,
  loadDocuments,
  utf8Length,
} from '../manifests/source.ts';
import { dict } from '../sim/own.ts';

export interface ImportInput {
  /** Shown in notes and errors ("pasted text" for a paste). */
  name: string;
  text: string;
}

export type ImportResult =
  | { ok: true; text: string; notes: string[]; counts: Record<string, number> }
  | {
      ok: false;
      error: string;
      /** A YAML error as the CLI prints every input problem: `file:line:column: message`. */
      located?: string;
    };

/** Raw exports are big (managedFields, images lists); what survives must fit the 1 MiB workspace. */
export const MAX_IMPORT_BYTES = 16 * 1024 * 1024;

/** Kinds the lab reads (src/manifests registry); everything else is dropped with a note. */
const LAB_KINDS = new Set([
  'Node',
  'Pod',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'PodDisruptionBudget',
  'StorageClass',
  'PersistentVolumeClaim',
  'PersistentVolume',
  'CSINode',
  'NodePool',
  'EC2NodeClass',
  'Provisioner',
  'AWSNodeTemplate',
  'Scenario',
]);

const METADATA_NOISE = [
  'managedFields',
  'resourceVersion',
  'uid',
  'creationTimestamp',
  'generation',
  'selfLink',
  'finalizers',
  'deletionGracePeriodSeconds',
];
const ANNOTATION_NOISE = [
  'kubectl.kubernetes.io/last-applied-configuration', // a full copy of the object
  'deployment.kubernetes.io/revision',
  'node.alpha.kubernetes.io/ttl',
  'volumes.kubernetes.io/controller-managed-attach-detach',
  'csi.volume.kubernetes.io/nodeid',
  'alpha.kubernetes.io/provided-node-ip',
];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export interface ImportOptions {
  /** Rename what identifies the cluster's owner (anonymise.ts), for sharing. */
  anonymise?: boolean;
}

export function importYaml(
  inputs: readonly ImportInput[],
  options: ImportOptions = {},
): ImportResult {
  let kept: Obj[] = [];
  const dropped = new Map<string, number>();
  const drop = (why: string) => dropped.set(why, (dropped.get(why) ?? 0) + 1);
  for (const input of inputs) {
    const bytes = utf8Length(input.text);
    if (bytes > MAX_IMPORT_BYTES)
      return fail(
        input.name,
        `it is ${mib(bytes)}; imports are limited to ${mib(MAX_IMPORT_BYTES)}`,
      );
    const loaded = loadDocuments(input.text, { maxBytes: MAX_IMPORT_BYTES });
    const first = [...loaded.issues, ...loaded.docs.flatMap((d) => d.issues)].find(
      (i) => i.severity === 'error',
    );
    if (first) {
      const { line, col } = loaded.lineCounter.linePos(first.span.start);
      return {
        ...fail(
          input.name,
          `it is not YAML the lab can read (line ${line}, column ${col}: ${first.message})`,
        ),
        located: `${input.name}:${line}:${col}: ${first.message}`,
      };
    }
    for (const doc of loaded.docs)
      for (const o of flatten(doc.value)) {
        const out = strip(o, drop);
        if (out) kept.push(out);
      }
  }
  if (kept.length === 0)
    return {
      ok: false,
      error: 'Nothing to import: no Kubernetes objects the lab reads were found.',
    };
  if (kept.length > MAX_DOCUMENTS)
    return {
      ok: false,
      error: `Too much to import: ${kept.length} objects; the lab reads up to ${MAX_DOCUMENTS}.`,
    };
  const renamed = options.anonymise ? anonymise(kept) : undefined;
  if (renamed) kept = renamed.objects;
  const notes = [...boundPodNotes(kept), ...inferCluster(kept), ...(renamed?.notes ?? [])];
  const text = pruned(kept);
  if (utf8Length(text) > DEFAULT_MAX_BYTES)
    return {
      ok: false,
      error: `Too much to import: ${mib(utf8Length(text))} after stripping; a workspace holds up to ${mib(DEFAULT_MAX_BYTES)}. Export fewer namespaces.`,
    };
  const counts = dict<number>(); // kinds come from the imported text
  for (const o of kept) counts[String(o.kind)] = (counts[String(o.kind)] ?? 0) + 1;
  const summary = Object.entries(counts).map(([k, n]) => `${n} ${k}`);
  notes.unshift(`Imported ${summary.join(', ')}.`);
  for (const [why, n] of dropped) notes.push(`Left out ${n} ${why}.`);
  return { ok: true, text, notes, counts };
}

/** `kind: List` (kubectl) and typed lists (`PodList` from the API) → their items. */
function flatten(value: unknown): Obj[] {
  if (!isObj(value)) return [];
  const kind = str(value.kind) ?? '';
  if (kind.endsWith('List') && Array.isArray(value.items)) {
    const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
    return value.items
      .filter(isObj)
      .map((item) =>
        itemKind && item.kind === undefined
          ? { apiVersion: value.apiVersion, kind: itemKind, ...item }
          : item,
      );
  }
  return [value];
}

function strip(o: Obj, drop: (why: string) => void): Obj | undefined {
  const kind = str(o.kind);
  if (kind === undefined) return (drop('documents without a kind'), undefined);
  if (!LAB_KINDS.has(kind)) return (drop(`${kind} objects (not modelled by the lab)`), undefined);
  const meta = isObj(o.metadata) ? o.metadata : {};
  const status = isObj(o.status) ? o.status : {};
  if (kind === 'Pod' && (status.phase === 'Succeeded' || status.phase === 'Failed'))
    return (drop('finished pods (Succeeded or Failed)'), undefined);
  const owners = Array.isArray(meta.ownerReferences) ? meta.ownerReferences.filter(isObj) : [];
  if (kind === 'ReplicaSet' && owners.some((r) => r.kind === 'Deployment'))
    return (drop('ReplicaSets owned by a Deployment (the Deployment recreates them)'), undefined);

  const metadata: Obj = { ...meta };
  for (const k of METADATA_NOISE) delete metadata[k];
  if (owners.length > 0)
    metadata.ownerReferences = owners.map(({ uid: _uid, blockOwnerDeletion: _b, ...r }) => r);
  if (isObj(meta.annotations)) {
    const annotations: Obj = { ...meta.annotations };
    for (const k of ANNOTATION_NOISE) delete annotations[k];
    if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
    else delete metadata.annotations;
  }
  const out: Obj = { ...o, metadata };
  delete out.status;
  // A Node's capacity/allocatable is the state the simulation starts from.
  if (kind === 'Node') {
    const keep: Obj = {};
    if (status.capacity !== undefined) keep.capacity = status.capacity;
    if (status.allocatable !== undefined) keep.allocatable = status.allocatable;
    if (Object.keys(keep).length > 0) out.status = keep;
  }
  // A claim's phase is state the lab reads (Lost blocks its pods; Bound is re-derived anyway).
  if (kind === 'PersistentVolumeClaim' && typeof status.phase === 'string')
    out.status = { phase: status.phase };
  return out;
}

/** Bound pods whose Node was not exported would fail to bind; say so rather than guess. */
function boundPodNotes(objects: readonly Obj[]): string[] {
  const nodes = new Set(
    objects.filter((o) => o.kind === 'Node').map((o) => str((o.metadata as Obj).name)),
  );
  const orphans = objects.filter((o) => {
    const nodeName = isObj(o.spec) ? str(o.spec.nodeName) : undefined;
    return o.kind === 'Pod' && nodeName !== undefined && !nodes.has(nodeName);
  }).length;
  return orphans === 0
    ? []
    : [
        `${orphans} pod(s) name a node that is not in the import; add the Nodes (kubectl get nodes -o yaml) or they stay unbound.`,
      ];
}

/**
 * Serialises the objects, then lets the manifests parser prune fields the lab does not read. A
 * document the parser rejects stays as stripped, so the learner sees its error in the editor.
 */
function pruned(objects: readonly Obj[]): string {
  const docs = objects.map((o) => stringify(o, { lineWidth: 0 }));
  const ws = parseWorkspace(docs.join('---\n'), { maxBytes: MAX_IMPORT_BYTES });
  const prunedByDoc = new Map(
    ws.objects.filter((p) => p.listIndex === undefined).map((p) => [p.doc, p.object]),
  );
  return docs
    .map((d, i) => {
      const p = prunedByDoc.get(i);
      return p === undefined ? d : stringify(p, { lineWidth: 0 });
    })
    .join('---\n');
}

const mib = (n: number): string => `${(n / (1024 * 1024)).toFixed(1)} MiB`;

function fail(name: string, why: string): { ok: false; error: string } {
  return { ok: false, error: `Cannot import ${name}: ${why}. Your workspace was not changed.` };
}
