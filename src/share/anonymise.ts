// Renames what a real cluster's export says about its owner — namespaces, workload, node and pool
// names, custom label keys and values, taints, images, AWS ids, roles and tags — so an import can be
// shared (a link, a bug report) without them. Behaviour-preserving by construction: one string maps
// to one replacement everywhere (a Deployment's name, its pods' label values, a PDB's selector and a
// Scenario's `kubectl scale` all move together), names derived from others keep their derivation
// (`payments-7d9f-x2` → `app-1-7d9f-x2`, a StatefulSet claim `data-db-0` → `data-app-2-0`), and
// what the simulation reads as data stays: well-known label keys, zones, instance types and their
// properties, capacity types, quantities, enums, durations. The property test in anonymise.test.ts
// simulates an export before and after and compares the outcomes.
//
// It runs on the stripped objects of an import (import.ts), before the manifests parser prunes the
// fields the lab does not read; what the parser keeps is what this file must cover (the leak test).
import { parseAllDocuments, stringify } from 'yaml';
import { dict, own } from '../sim/own.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Label-key domains whose keys are Kubernetes', AWS's or Karpenter's own: kept as written. */
const KEPT_DOMAINS = [
  'kubernetes.io',
  'k8s.io',
  'karpenter.sh',
  'karpenter.k8s.aws',
  'k8s.aws',
  'amazonaws.com',
  'lab.karpenter.playground',
  'ebs.csi.aws.com',
  'eksctl.io',
];

/** Well-known keys whose values are data the simulation reads (catalog properties, topology). */
const KEPT_VALUE_KEYS = new Set([
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
  'topology.k8s.aws/zone-id',
  'failure-domain.beta.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region',
  'topology.ebs.csi.aws.com/zone',
  'node.kubernetes.io/instance-type',
  'beta.kubernetes.io/instance-type',
  'karpenter.sh/capacity-type',
  'kubernetes.io/arch',
  'beta.kubernetes.io/arch',
  'kubernetes.io/os',
  'beta.kubernetes.io/os',
  'node.kubernetes.io/windows-build',
  'node.kubernetes.io/lifecycle',
  'eks.amazonaws.com/capacityType',
  'eks.amazonaws.com/compute-type',
  'karpenter.sh/initialized',
  'karpenter.sh/registered',
  'karpenter.sh/do-not-disrupt',
  'karpenter.sh/do-not-evict',
  'pod-template-hash',
  'controller-revision-hash',
  'pod-template-generation',
]);
/** Well-known keys whose value is a name: mapped like that name. */
const NAME_VALUE_KEYS: Record<string, Role> = {
  'kubernetes.io/hostname': 'node',
  'karpenter.sh/nodepool': 'nodepool',
  'karpenter.sh/provisioner-name': 'nodepool',
  'karpenter.k8s.aws/ec2nodeclass': 'nodeclass',
  'kubernetes.io/metadata.name': 'ns',
  'eks.amazonaws.com/nodegroup': 'nodegroup',
  'alpha.eksctl.io/nodegroup-name': 'nodegroup',
  'statefulset.kubernetes.io/pod-name': 'pod',
};
/** Namespaces every cluster has: they say nothing about the owner. */
const KEPT_NAMESPACES = new Set([
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
  'karpenter',
]);
/** Annotations the lab reads (by prefix); every other annotation is dropped. */
const KEPT_ANNOTATIONS = [
  'karpenter.sh/',
  'karpenter.k8s.aws/',
  'lab.karpenter.playground/',
  'cluster-autoscaler.kubernetes.io/',
  'storageclass.kubernetes.io/',
  'pv.kubernetes.io/',
  'volume.kubernetes.io/',
  'volume.beta.kubernetes.io/',
  'controller.kubernetes.io/pod-deletion-cost',
];
/** Kept annotations whose value is a name. held-back names a document, which a `kubectl apply -f
 *  <name>` action names again; managed-by is the cluster's name (v0.3x). */
const NAME_ANNOTATIONS: Record<string, Role> = {
  'lab.karpenter.playground/held-back': 'value',
  'volume.kubernetes.io/selected-node': 'node',
  'karpenter.sh/managed-by': 'value',
};
/** Values that are data, not names, wherever they appear. */
const PLAIN_VALUES = new Set(['', 'true', 'false', 'enabled', 'disabled', 'yes', 'no', 'default']);
/** Numbers are data (Gt/Lt requirements compare them), never names. */
const NUMBER = /^-?[0-9]+(\.[0-9]+)?$/;
/** What Kubernetes appends to a generated name, dash-separated: template hashes and random
 *  suffixes (its alphabet has no vowels), StatefulSet ordinals; a segment with a digit counts too
 *  (hand-written `a1b2c`). A word (`export`) never does. */
const GENERATED_PART = /^(?:[bcdfghjklmnpqrstvwxz0-9]{1,12}|(?=[a-z]*[0-9])[a-z0-9]{1,12})$/;
const generated = (s: string) => s.split('-').every((part) => GENERATED_PART.test(part));

type Role =
  | 'ns'
  | 'app'
  | 'pod'
  | 'node'
  | 'nodeclaim'
  | 'nodegroup'
  | 'nodepool'
  | 'nodeclass'
  | 'pdb'
  | 'pvc'
  | 'pv'
  | 'storageclass'
  | 'value'
  | 'image'
  | 'id'
  | 'role';

const ROLE_OF_KIND: Record<string, Role> = {
  Deployment: 'app',
  StatefulSet: 'app',
  DaemonSet: 'app',
  ReplicaSet: 'app',
  Pod: 'pod',
  Node: 'node',
  NodeClaim: 'nodeclaim',
  Machine: 'nodeclaim',
  CSINode: 'node',
  NodePool: 'nodepool',
  Provisioner: 'nodepool',
  EC2NodeClass: 'nodeclass',
  AWSNodeTemplate: 'nodeclass',
  PodDisruptionBudget: 'pdb',
  PersistentVolumeClaim: 'pvc',
  PersistentVolume: 'pv',
  StorageClass: 'storageclass',
};
/** Fields whose string value is a name of one role, wherever they appear in a spec. */
const NAMED_BY_FIELD: Record<string, Role> = {
  nodeName: 'node',
  storageClassName: 'storageclass',
  volumeName: 'pv',
  claimName: 'pvc',
  image: 'image',
  hostname: 'value',
  subdomain: 'value',
  role: 'role',
  instanceProfile: 'role',
  // AWS ids keep their type prefix (fresh): sg-, subnet-, ami-, vol-, i-
  id: 'id',
  nodeID: 'id',
  volumeHandle: 'id',
  imageID: 'id',
  volumeID: 'id',
  kmsKeyId: 'id',
  kmsKeyID: 'id',
  ownerID: 'id',
  owner: 'id',
  snapshotID: 'id',
};

/** Kinds named first, so that names derived from theirs (ReplicaSets, pods, claims) can follow. */
const NAMING_ORDER = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Pod',
  'NodePool',
  'Provisioner',
  'Node',
  'NodeClaim',
  'Machine',
  'EC2NodeClass',
  'AWSNodeTemplate',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'PodDisruptionBudget',
];
/** Storage class names that are AWS's or Kubernetes' defaults. */
const KEPT_CLASSES = new Set(['gp2', 'gp3', 'io1', 'io2', 'st1', 'sc1', 'standard']);

export interface Anonymised {
  objects: Obj[];
  /** What was renamed or removed, for the import's notes. */
  notes: string[];
}

/** The workspace (all its documents, kubectl Lists flattened) anonymised and written back. */
export function anonymiseWorkspace(
  text: string,
): { ok: true; text: string; notes: string[] } | { ok: false; error: string } {
  const parsed = parseAllDocuments(text);
  const bad = parsed.flatMap((d) => d.errors)[0];
  if (bad)
    return {
      ok: false,
      error: `The workspace has a YAML error (${bad.message.split('\n')[0]}); fix it before anonymising. Nothing was changed.`,
    };
  const docs = parsed
    .map((d) => d.toJS() as unknown)
    .flatMap((d) => (isObj(d) && Array.isArray(d.items) ? (d.items as unknown[]) : [d]))
    .filter(isObj);
  if (docs.length === 0)
    return { ok: false, error: 'The workspace is empty: nothing to anonymise.' };
  const r = anonymise(docs);
  const out = r.objects.map((o) => stringify(o, { lineWidth: 0 })).join('---\n');
  const comments = /(^|\s)#/m.test(text) ? ['Comments are not kept.'] : [];
  return { ok: true, text: out, notes: [...r.notes, ...comments] };
}

/** One consistent renaming of everything owner-specific in `objects` (new objects; input kept). */
export function anonymise(objects: readonly Obj[]): Anonymised {
  // Twice: the first pass learns which strings get a new name in each role; the second numbers
  // them in the originals' sort order, so every order by name (nodes, pools, workloads, which
  // decide ties in Karpenter and the scheduler) is the same before and after.
  const dry = new Renamer(undefined);
  pass(dry, objects);
  const a = new Renamer(dry.ranks());
  const copies = pass(a, objects);
  return { objects: copies, notes: a.notes() };
}

function pass(a: Renamer, objects: readonly Obj[]): Obj[] {
  const copies = objects.map((o) => structuredClone(o));
  const ordered = [...copies].sort(
    (x, y) => namingRank(String(x.kind)) - namingRank(String(y.kind)),
  );
  for (const o of ordered) a.nameSpace(o);
  for (const o of ordered) a.nameObject(o);
  // A Scenario's kubectl lines last: they name what the other objects named (held-back documents).
  for (const o of copies) if (o.kind !== 'Scenario') a.rewrite(o);
  for (const o of copies) if (o.kind === 'Scenario') a.rewrite(o);
  return copies;
}

/** Per role, each original's number (from 1) and the width every number of the role is padded to. */
type Ranks = Map<string, { of: Map<string, number>; width: number }>;

const namingRank = (kind: string) => {
  const i = NAMING_ORDER.indexOf(kind);
  return i < 0 ? NAMING_ORDER.length : i;
};

class Renamer {
  constructor(private readonly ranked: Ranks | undefined) {}
  /** What `fresh` was asked for, by role (the dry pass). */
  private readonly requests = new Map<string, string[]>();
  private readonly map = new Map<string, string>();
  private readonly keys = new Map<string, string>();
  private readonly counters = new Map<string, number>();
  private droppedAnnotations = 0;
  private droppedUserData = 0;

  notes(): string[] {
    const counted = [...this.counters]
      .filter(([role]) => role !== 'key')
      .map(([role, n]) => `${n} ${ROLE_WORDS[role as Role] ?? role}`);
    const keys = this.counters.get('key') ?? 0;
    const out = [
      `Anonymised: ${counted.length ? counted.join(', ') : 'nothing to rename'}${keys ? `, ${keys} custom label or taint key(s)` : ''}. Zones, instance types, well-known labels and quantities are kept, so the simulation is the same.`,
    ];
    if (this.droppedAnnotations > 0)
      out.push(`Removed ${this.droppedAnnotations} annotation(s) the lab does not read.`);
    if (this.droppedUserData > 0)
      out.push(`Removed userData from ${this.droppedUserData} node class(es).`);
    return out;
  }

  ranks(): Ranks {
    const out: Ranks = new Map();
    for (const [role, originals] of this.requests) {
      const sorted = [...originals].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
      out.set(role, {
        of: new Map(sorted.map((o, i) => [o, i + 1])),
        width: String(sorted.length).length,
      });
    }
    return out;
  }

  private fresh(role: Role | 'key', original: string): string {
    const count = (this.counters.get(role) ?? 0) + 1;
    this.counters.set(role, count);
    if (!this.ranked) {
      const asked = this.requests.get(role);
      if (asked) asked.push(original);
      else this.requests.set(role, [original]);
    }
    const rank = this.ranked?.get(role);
    const n = rank
      ? String(rank.of.get(original) ?? count).padStart(rank.width, '0')
      : String(count);
    if (role === 'key') return `example.com/key-${n}`;
    if (role === 'image') return `registry.example/image-${n}:1`;
    if (role === 'id') {
      // AWS ids keep their type prefix (sg-, subnet-, ami-, …): the lab may read it.
      const prefix = /^([a-z]+)-[0-9a-f]+$/.exec(original)?.[1];
      return prefix ? `${prefix}-anon${n}` : `id-${n}`;
    }
    return `${ROLE_PREFIX[role]}-${n}`;
  }

  /** The replacement for a name or value, the same wherever the string appears. */
  name(original: string, role: Role): string {
    if (PLAIN_VALUES.has(original) || NUMBER.test(original)) return original;
    if (role === 'ns' && KEPT_NAMESPACES.has(original)) return original;
    if (role === 'storageclass' && KEPT_CLASSES.has(original)) return original;
    const known = this.map.get(original);
    if (known !== undefined) return known;
    const derived = role === 'value' || role === 'image' ? undefined : this.derived(original);
    const out = derived ?? this.fresh(role, original);
    this.map.set(original, out);
    return out;
  }

  /** `<known>-<generated>` or `<known>-<known>` keeps its shape: ReplicaSets and pods carry their
   *  owner's name and a generated suffix, a StatefulSet's claims are `<template>-<pod>`. The longest
   *  known head wins; a suffix that is not generated (a word) is never kept, as it could name the
   *  owner's things. */
  private derived(name: string): string | undefined {
    for (let i = name.lastIndexOf('-'); i > 0; i = name.lastIndexOf('-', i - 1)) {
      const head = this.map.get(name.slice(0, i));
      if (head === undefined) continue;
      const rest = name.slice(i + 1);
      // `<template>-<pod>`: the pod may not exist yet (its StatefulSet makes it), so derive it too
      const tail = this.map.get(rest) ?? this.derived(rest);
      if (tail !== undefined) return `${head}-${tail}`;
      if (generated(rest)) return `${head}-${rest}`;
    }
    return undefined;
  }

  labelKey(key: string): string {
    const slash = key.indexOf('/');
    if (slash < 0) return key; // `app`, `team`: a bare word says nothing about the owner
    const domain = key.slice(0, slash);
    if (KEPT_DOMAINS.some((d) => domain === d || domain.endsWith(`.${d}`))) return key;
    const known = this.keys.get(key);
    if (known !== undefined) return known;
    const out = this.fresh('key', key);
    this.keys.set(key, out);
    return out;
  }

  labelValue(key: string, value: string): string {
    if (KEPT_VALUE_KEYS.has(key) || key.startsWith('karpenter.k8s.aws/instance-')) return value;
    const role = own(NAME_VALUE_KEYS, key);
    return this.name(value, role ?? 'value');
  }

  private labels(m: Obj): Obj {
    const out: Obj = dict();
    for (const [k, v] of Object.entries(m))
      out[this.labelKey(k)] = typeof v === 'string' ? this.labelValue(k, v) : v;
    return out;
  }

  nameSpace(o: Obj): void {
    const meta = isObj(o.metadata) ? o.metadata : undefined;
    if (meta && typeof meta.namespace === 'string')
      meta.namespace = this.name(meta.namespace, 'ns');
  }

  nameObject(o: Obj): void {
    const meta = isObj(o.metadata) ? o.metadata : undefined;
    const kind = str(o.kind) ?? '';
    const role = own(ROLE_OF_KIND, kind);
    if (!meta || !role) return;
    if (typeof meta.name === 'string') meta.name = this.name(meta.name, role);
    // Claim templates and ephemeral volumes make claim names (`<template>-<pod>`, `<pod>-<volume>`),
    // which are named after the workloads and pods: their names must be known by then.
    const spec = isObj(o.spec) ? o.spec : {};
    if (Array.isArray(spec.volumeClaimTemplates))
      for (const t of spec.volumeClaimTemplates)
        if (isObj(t) && isObj(t.metadata) && typeof t.metadata.name === 'string')
          t.metadata.name = this.name(t.metadata.name, 'value');
    const template = isObj(spec.template) && isObj(spec.template.spec) ? spec.template.spec : spec;
    if (Array.isArray(template.volumes))
      for (const v of template.volumes)
        if (isObj(v) && typeof v.name === 'string') this.name(v.name, 'value');
  }

  /** Every reference, label, selector, taint and id in `o`, by what its field means. */
  rewrite(o: Obj): void {
    const meta = isObj(o.metadata) ? o.metadata : undefined;
    if (meta) this.metadata(meta);
    if (o.kind === 'Scenario') return this.scenario(o);
    // Everything but the header: a StorageClass keeps its fields (parameters, topologies) at the top.
    const { apiVersion: _v, kind: _k, metadata: _m, ...body } = o;
    this.walk(body);
    Object.assign(o, body);
  }

  private metadata(meta: Obj): void {
    if (typeof meta.generateName === 'string') meta.generateName = this.prefix(meta.generateName);
    if (isObj(meta.labels)) meta.labels = this.labels(meta.labels);
    if (isObj(meta.annotations)) {
      const kept: Obj = dict();
      for (const [k, v] of Object.entries(meta.annotations)) {
        if (!KEPT_ANNOTATIONS.some((p) => k.startsWith(p))) {
          this.droppedAnnotations++;
          continue;
        }
        const role = typeof v === 'string' ? own(NAME_ANNOTATIONS, k) : undefined;
        kept[k] = role && typeof v === 'string' ? this.name(v, role) : v;
      }
      if (Object.keys(kept).length > 0) meta.annotations = kept;
      else delete meta.annotations;
    }
    if (Array.isArray(meta.ownerReferences))
      for (const r of meta.ownerReferences)
        if (isObj(r) && typeof r.name === 'string')
          r.name = this.name(r.name, own(ROLE_OF_KIND, String(r.kind)) ?? 'app');
  }

  private prefix(generateName: string): string {
    const trimmed = generateName.replace(/-$/, '');
    return trimmed === generateName
      ? this.name(generateName, 'pod')
      : `${this.name(trimmed, 'app')}-`;
  }

  /** A spec (or any object below one): each field by its meaning; unknown fields recursed into. */
  private walk(v: Obj): void {
    for (const [field, value] of Object.entries(v)) {
      const s = str(value);
      const role = own(NAMED_BY_FIELD, field);
      if (role !== undefined) {
        if (s !== undefined) v[field] = this.name(s, role);
        continue;
      }
      switch (field) {
        case 'labels':
        case 'matchLabels':
        case 'nodeSelector':
          if (isObj(value)) v[field] = this.labels(value);
          continue;
        case 'metadata':
          if (isObj(value)) this.metadata(value);
          continue;
        case 'annotations':
          continue;
        case 'namespaces':
          if (Array.isArray(value))
            v[field] = value.map((n) => (typeof n === 'string' ? this.name(n, 'ns') : n));
          continue;
        case 'topologyKey':
          if (s !== undefined) v[field] = this.labelKey(s);
          continue;
        case 'matchLabelKeys':
        case 'mismatchLabelKeys':
          if (Array.isArray(value))
            v[field] = value.map((k) => (typeof k === 'string' ? this.labelKey(k) : k));
          continue;
        case 'claimRef':
          if (isObj(value)) this.reference(value, 'pvc');
          continue;
        case 'nodeClassRef':
        case 'providerRef':
          if (isObj(value)) this.reference(value, 'nodeclass');
          continue;
        case 'providerID':
          if (s !== undefined) v[field] = this.providerId(s);
          continue;
        case 'userData':
          delete v[field];
          this.droppedUserData++;
          continue;
        case 'tags':
        case 'subnetSelector':
        case 'securityGroupSelector':
        case 'amiSelector':
          if (isObj(value)) v[field] = this.tags(value);
          continue;
        case 'volumeClaimTemplates':
          if (Array.isArray(value)) for (const t of value) if (isObj(t)) this.walk(t); // names: nameObject
          continue;
        case 'containers':
        case 'initContainers':
        case 'ephemeralContainers':
          if (Array.isArray(value))
            value.forEach((c, i) => {
              if (!isObj(c)) return;
              if (typeof c.name === 'string')
                c.name = `${field === 'containers' ? 'c' : 'init'}-${i + 1}`;
              this.walk(c);
            });
          continue;
      }
      if (Array.isArray(value)) {
        for (const item of value) if (isObj(item)) this.item(field, item);
      } else if (isObj(value)) this.walk(value);
    }
  }

  /** An array item: a requirement, an expression, a toleration or a taint keys a label; a name term
   *  (amiSelectorTerms) names an AMI. */
  private item(field: string, item: Obj): void {
    const key = str(item.key);
    if (key !== undefined) {
      item.key = this.labelKey(key);
      const valueKey = key === 'metadata.name' ? 'kubernetes.io/hostname' : key;
      if (Array.isArray(item.values))
        item.values = item.values.map((x) =>
          typeof x === 'string' ? this.labelValue(valueKey, x) : x,
        );
      if (typeof item.value === 'string') item.value = this.labelValue(valueKey, item.value);
    }
    if (field === 'amiSelectorTerms' && typeof item.name === 'string')
      item.name = this.name(item.name, 'id');
    // a pod's volumes and mounts name each other; a StatefulSet's template name makes claim names
    if ((field === 'volumes' || field === 'volumeMounts') && typeof item.name === 'string')
      item.name = this.name(item.name, 'value');
    this.walk(item);
  }

  private reference(ref: Obj, role: Role): void {
    if (typeof ref.name === 'string') ref.name = this.name(ref.name, role);
    if (typeof ref.namespace === 'string') ref.namespace = this.name(ref.namespace, 'ns');
  }

  /** AWS tags and v1alpha5 selector maps: custom keys and every value renamed, `aws-ids` one by one. */
  private tags(m: Obj): Obj {
    const out: Obj = dict();
    for (const [k, v] of Object.entries(m)) {
      const key = this.labelKey(k);
      if (typeof v !== 'string') out[key] = v;
      else if (k === 'aws-ids' || k === 'aws::ids')
        out[key] = v
          .split(',')
          .map((id) => this.name(id.trim(), 'id'))
          .join(',');
      else out[key] = this.name(v, 'value');
    }
    return out;
  }

  /** aws:///<zone>/<instance id>: the zone is data, the instance id is the owner's. */
  private providerId(id: string): string {
    const m = /^aws:\/\/\/([^/]*)\/(.+)$/.exec(id);
    return m ? `aws:///${m[1]}/${this.name(m[2] ?? '', 'id')}` : this.name(id, 'id');
  }

  /** A Scenario's actions name objects in kubectl lines; each word that is a renamed name follows. */
  private scenario(o: Obj): void {
    const spec = isObj(o.spec) ? o.spec : undefined;
    if (!spec) return;
    // Images a Scenario says are built for some architectures only (spec.images) keep that.
    if (isObj(spec.images)) {
      const images: Obj = dict();
      for (const [image, arches] of Object.entries(spec.images))
        images[this.name(image, 'image')] = arches;
      spec.images = images;
    }
    // A Scenario's own catalog carries labels NodePools and pods select on.
    if (Array.isArray(spec.instanceTypes))
      for (const t of spec.instanceTypes)
        if (isObj(t) && isObj(t.labels)) t.labels = this.labels(t.labels);
    if (!Array.isArray(spec.actions)) return;
    for (const action of spec.actions) {
      if (!isObj(action)) continue;
      if (typeof action.run === 'string')
        action.run = action.run.replace(/[A-Za-z0-9._/-]+/g, (word) => this.word(word));
      if (typeof action.interrupt === 'string')
        action.interrupt = this.name(action.interrupt, 'node');
    }
  }

  private word(word: string): string {
    const whole = this.map.get(word) ?? this.keys.get(word);
    if (whole !== undefined) return whole;
    return word
      .split(/([/=])/)
      .map((part) => this.map.get(part) ?? this.keys.get(part) ?? part)
      .join('');
  }
}

const ROLE_PREFIX: Record<Role, string> = {
  ns: 'ns',
  app: 'app',
  pod: 'pod',
  node: 'node',
  nodeclaim: 'nodeclaim',
  nodegroup: 'nodegroup',
  nodepool: 'pool',
  nodeclass: 'nodeclass',
  pdb: 'pdb',
  pvc: 'claim',
  pv: 'pv',
  storageclass: 'class',
  value: 'value',
  image: 'image',
  id: 'id',
  role: 'node-role',
};
const ROLE_WORDS: Record<Role, string> = {
  ns: 'namespace(s)',
  app: 'workload name(s)',
  pod: 'pod name(s)',
  node: 'node name(s)',
  nodeclaim: 'NodeClaim name(s)',
  nodegroup: 'node group name(s)',
  nodepool: 'NodePool/Provisioner name(s)',
  nodeclass: 'node class name(s)',
  pdb: 'PDB name(s)',
  pvc: 'claim name(s)',
  pv: 'volume name(s)',
  storageclass: 'storage class name(s)',
  value: 'label, taint or tag value(s)',
  image: 'image(s)',
  id: 'AWS id(s)',
  role: 'IAM role or instance profile name(s)',
};
