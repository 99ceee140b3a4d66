// Converts every old-API document in a workspace to v1 and splices the results into the text,
// leaving the other documents (and comments between documents) exactly as they were. Kubelet
// settings follow the reference to their node class, as the v1 migration requires.

import { parseDocument } from 'yaml';
import type {
  AWSNodeTemplate,
  EC2NodeClass,
  KubeletConfiguration,
  NodePool,
  Provisioner,
} from '../sim/k8s.ts';
import {
  convertAWSNodeTemplate,
  convertEC2NodeClassV1beta1,
  convertNodePoolV1beta1,
  convertProvisioner,
  toYaml,
} from './convert.ts';
import { loadDocuments } from './source.ts';
import { parseKarpenterVersion } from './version.ts';

export interface WorkspaceConversion {
  readonly text: string;
  /** What changed and why, per document (0-based), for the side-by-side view. */
  readonly notes: readonly { doc: number; kind: string; name: string; message: string }[];
  readonly converted: number;
}

type Obj = {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: { name?: string };
  spec?: Record<string, unknown>;
};

const isOld = (o: Obj): boolean =>
  (o.apiVersion === 'karpenter.sh/v1alpha5' && o.kind === 'Provisioner') ||
  (o.apiVersion === 'karpenter.k8s.aws/v1alpha1' && o.kind === 'AWSNodeTemplate') ||
  (o.apiVersion === 'karpenter.sh/v1beta1' && o.kind === 'NodePool') ||
  (o.apiVersion === 'karpenter.k8s.aws/v1beta1' && o.kind === 'EC2NodeClass');

/**
 * Objects are converted as written: run parseWorkspace with the old karpenterVersion first if
 * you need them validated (a malformed old object converts to a malformed new one).
 */
export function convertWorkspace(text: string): WorkspaceConversion {
  const loaded = loadDocuments(text);
  const docs = loaded.docs.map((d) => ({
    d,
    o: (typeof d.value === 'object' && d.value !== null && !Array.isArray(d.value)
      ? d.value
      : {}) as Obj,
  }));
  // Kubelet settings by node class name (v1: they live on the EC2NodeClass).
  const kubeletFor = new Map<string, KubeletConfiguration>();
  for (const { o } of docs) {
    if (o.kind === 'Provisioner' && o.spec?.kubeletConfiguration) {
      const p = o as unknown as Provisioner;
      kubeletFor.set(
        p.spec.providerRef?.name ?? p.metadata.name ?? '',
        p.spec.kubeletConfiguration as KubeletConfiguration,
      );
    }
    if (o.kind === 'NodePool' && o.apiVersion === 'karpenter.sh/v1beta1') {
      const np = o as unknown as NodePool;
      const k = np.spec?.template?.spec?.kubelet;
      if (k) kubeletFor.set(np.spec.template.spec.nodeClassRef?.name ?? '', k);
    }
  }
  const notes: { doc: number; kind: string; name: string; message: string }[] = [];
  const replacements: { start: number; end: number; text: string }[] = [];
  for (const { d, o } of docs) {
    const name = o.metadata?.name ?? '';
    if (isOld(o) && o.spec) {
      let r: { result: NodePool | EC2NodeClass; notes: readonly string[] };
      if (o.kind === 'Provisioner') r = convertProvisioner(o as unknown as Provisioner);
      else if (o.kind === 'AWSNodeTemplate')
        r = convertAWSNodeTemplate(o as unknown as AWSNodeTemplate, kubeletFor.get(name));
      else if (o.kind === 'NodePool') r = convertNodePoolV1beta1(o as unknown as NodePool);
      else r = convertEC2NodeClassV1beta1(o as unknown as EC2NodeClass, kubeletFor.get(name));
      for (const message of r.notes)
        notes.push({ doc: d.index, kind: String(o.kind), name, message });
      replacements.push({ ...d.contentSpan, text: toYaml([r.result]) });
    } else if (
      o.kind === 'Scenario' &&
      typeof (o.spec?.karpenter as { version?: unknown } | undefined)?.version === 'string'
    ) {
      const v = parseKarpenterVersion((o.spec?.karpenter as { version: string }).version);
      if (v && v.generation !== 'v1') {
        // Edit in place so the learner's comments in the Scenario survive.
        const doc = parseDocument(text.slice(d.contentSpan.start, d.contentSpan.end));
        doc.setIn(['spec', 'karpenter', 'version'], 'v1');
        replacements.push({ ...d.contentSpan, text: doc.toString({ lineWidth: 0 }) });
        notes.push({
          doc: d.index,
          kind: 'Scenario',
          name,
          message: 'spec.karpenter.version set to v1 so the converted objects are served',
        });
      }
    }
  }
  let out = text;
  for (const r of [...replacements].sort((a, b) => b.start - a.start)) {
    const tail = out.slice(r.end);
    const body = r.text.endsWith('\n') || tail === '' ? r.text : `${r.text}\n`;
    out = out.slice(0, r.start) + body + tail;
  }
  // A v0.31 workspace needs no AWSNodeTemplate (the lab serves a Provisioner without one), but a v1
  // NodePool names its EC2NodeClass: add the one each converted Provisioner names and the
  // workspace lacks, so the converted workspace is complete rather than warned about.
  const classes = new Set(
    docs
      .filter(({ o }) => o.kind === 'AWSNodeTemplate' || o.kind === 'EC2NodeClass')
      .map(({ o }) => o.metadata?.name ?? ''),
  );
  const added: string[] = [];
  for (const { d, o } of docs) {
    if (o.kind !== 'Provisioner' || o.apiVersion !== 'karpenter.sh/v1alpha5' || !o.spec) continue;
    const p = o as unknown as Provisioner;
    const ref = p.spec.providerRef?.name ?? p.metadata.name ?? 'default';
    if (classes.has(ref) || added.includes(ref)) continue;
    added.push(ref);
    notes.push({
      doc: d.index,
      kind: 'Provisioner',
      name: o.metadata?.name ?? '',
      message: `EC2NodeClass "${ref}" added at the end: the NodePool names it and the workspace had no AWSNodeTemplate "${ref}" to convert (put your cluster's node role and discovery tags in it)`,
    });
  }
  if (added.length > 0) {
    const sep = out === '' || out.endsWith('\n') ? '' : '\n';
    out += `${sep}${added.map((name) => `---\n${defaultNodeClass(name)}`).join('')}`;
  }
  return {
    text: out,
    notes,
    converted: replacements.length - notes.filter((n) => n.kind === 'Scenario').length,
  };
}

/** The EC2NodeClass a converted Provisioner names, as the lab's examples write one. */
function defaultNodeClass(name: string): string {
  return toYaml([
    {
      apiVersion: 'karpenter.k8s.aws/v1',
      kind: 'EC2NodeClass',
      metadata: { name },
      spec: {
        role: 'KarpenterNodeRole',
        amiSelectorTerms: [{ alias: 'al2023@latest' }],
        subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'lab' } }],
        securityGroupSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'lab' } }],
      },
    } as unknown as EC2NodeClass,
  ]);
}
