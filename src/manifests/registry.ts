// The kinds and versions the simulated cluster serves, which depend on the Karpenter version:
// a v1.x cluster has no karpenter.sh/v1alpha5 Provisioner, a v0.31 cluster has no NodePool.
// (v1.0 still served v1beta1 through its conversion webhook; v1.1 dropped it.)

import { servesGeneration, type ApiGeneration, type KarpenterVersion } from './version.ts';
import type { Spec } from './schema/dsl.ts';
import { coreKinds } from './schema/core.ts';
import { closestName } from './typo.ts';
import { nodePoolV1, nodePoolV1beta1 } from './schema/nodepool.ts';
import { provisionerV1alpha5 } from './schema/provisioner.ts';
import {
  awsNodeTemplateV1alpha1,
  ec2NodeClassV1,
  ec2NodeClassV1beta1,
} from './schema/nodeclass.ts';
import { scenarioSpec } from './schema/scenario.ts';
import { storageKinds } from './schema/storage.ts';

export interface KindDef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespaced: boolean;
  /** Karpenter API generations that serve it; undefined = always served (built-ins, Scenario). */
  readonly generations?: readonly ApiGeneration[];
  readonly spec: (v: KarpenterVersion) => Spec;
  readonly description: string;
}

const builtIn = { ...coreKinds, ...storageKinds };
const core = (
  apiVersion: string,
  kind: keyof typeof builtIn,
  namespaced: boolean,
  description: string,
): KindDef => ({
  apiVersion,
  kind,
  namespaced,
  spec: () => builtIn[kind],
  description,
});

export const SCENARIO_API_VERSION = 'lab.karpenter.playground/v1alpha1';

export const KINDS: readonly KindDef[] = [
  {
    apiVersion: SCENARIO_API_VERSION,
    kind: 'Scenario',
    namespaced: false,
    spec: scenarioSpec,
    description: "The lab's settings: zones, Karpenter version, catalog, timed actions.",
  },
  {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    namespaced: false,
    generations: ['v1'],
    spec: nodePoolV1,
    description: 'What nodes Karpenter may launch, and how it may disrupt them.',
  },
  {
    apiVersion: 'karpenter.k8s.aws/v1',
    kind: 'EC2NodeClass',
    namespaced: false,
    generations: ['v1'],
    spec: ec2NodeClassV1,
    description: 'AWS launch settings: AMIs, subnets, security groups, kubelet.',
  },
  {
    apiVersion: 'karpenter.sh/v1beta1',
    kind: 'NodePool',
    namespaced: false,
    generations: ['v1beta1'],
    spec: nodePoolV1beta1,
    description: 'v1beta1 NodePool (Karpenter v0.32–v0.37).',
  },
  {
    apiVersion: 'karpenter.k8s.aws/v1beta1',
    kind: 'EC2NodeClass',
    namespaced: false,
    generations: ['v1beta1'],
    spec: ec2NodeClassV1beta1,
    description: 'v1beta1 EC2NodeClass (Karpenter v0.32–v0.37).',
  },
  {
    apiVersion: 'karpenter.sh/v1alpha5',
    kind: 'Provisioner',
    namespaced: false,
    generations: ['v1alpha5'],
    spec: provisionerV1alpha5,
    description: 'v1alpha5 Provisioner (Karpenter v0.31 and older).',
  },
  {
    apiVersion: 'karpenter.k8s.aws/v1alpha1',
    kind: 'AWSNodeTemplate',
    namespaced: false,
    generations: ['v1alpha5'],
    spec: awsNodeTemplateV1alpha1,
    description: 'v1alpha1 AWSNodeTemplate (Karpenter v0.31 and older).',
  },
  core('v1', 'Pod', true, 'A pod.'),
  core('apps/v1', 'Deployment', true, 'Runs `replicas` copies of a pod template.'),
  core('apps/v1', 'ReplicaSet', true, 'Runs `replicas` copies of a pod template.'),
  core('apps/v1', 'StatefulSet', true, 'Runs `replicas` numbered copies of a pod template.'),
  core(
    'apps/v1',
    'DaemonSet',
    true,
    'One pod per matching node; its requests count as node overhead.',
  ),
  core('policy/v1', 'PodDisruptionBudget', true, 'Limits voluntary evictions of matching pods.'),
  core('v1', 'Node', false, 'An existing node (cluster state at time 0).'),
  core(
    'node.k8s.io/v1',
    'RuntimeClass',
    false,
    "A container runtime configuration: its overhead counts in every pod's requests, its scheduling constraints apply to its pods.",
  ),
  core(
    'storage.k8s.io/v1',
    'StorageClass',
    false,
    'How volumes are created: the provisioner, when (Immediate or WaitForFirstConsumer) and in which zones.',
  ),
  core(
    'v1',
    'PersistentVolumeClaim',
    true,
    'A request for a volume; a pod using it must run where the volume is (its zone).',
  ),
  core(
    'v1',
    'PersistentVolume',
    false,
    'A volume: its source (EBS, local, NFS, …) and the nodes that can reach it (node affinity).',
  ),
  core(
    'storage.k8s.io/v1',
    'CSINode',
    false,
    "What a node's CSI drivers report: allocatable.count is how many volumes the node can attach.",
  ),
];

/**
 * Kinds any cluster accepts that the lab does not simulate: a workspace that holds them (a real
 * manifest set, `kubectl get -o yaml`) runs without them, with a warning that says what is lost.
 * Keyed `apiVersion/kind`; Karpenter's NodeClaim only where this Karpenter serves it.
 */
const ACCEPTED: Readonly<Record<string, string>> = (() => {
  const nothing = 'it places no pods and needs no capacity';
  const out: Record<string, string> = {};
  const add = (apiVersions: string[], kinds: string[], why: string) => {
    for (const a of apiVersions) for (const k of kinds) out[`${a}/${k}`] = why;
  };
  add(['v1'], ['Service', 'ConfigMap', 'Secret', 'Namespace', 'ServiceAccount'], nothing);
  add(['v1'], ['Endpoints', 'LimitRange', 'ResourceQuota'], nothing);
  add(['discovery.k8s.io/v1'], ['EndpointSlice'], nothing);
  add(['networking.k8s.io/v1'], ['Ingress', 'IngressClass', 'NetworkPolicy'], nothing);
  add(
    ['rbac.authorization.k8s.io/v1'],
    ['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'],
    nothing,
  );
  add(['coordination.k8s.io/v1'], ['Lease'], nothing);
  add(
    ['admissionregistration.k8s.io/v1'],
    ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'],
    nothing,
  );
  add(['apiextensions.k8s.io/v1'], ['CustomResourceDefinition'], nothing);
  add(['apps/v1'], ['ControllerRevision'], nothing);
  add(
    ['autoscaling/v1', 'autoscaling/v2'],
    ['HorizontalPodAutoscaler'],
    'replicas stay as the workloads set them (use kubectl scale in a Scenario action)',
  );
  add(
    ['batch/v1'],
    ['Job', 'CronJob'],
    'its pods are not created (a Deployment of the same pods is)',
  );
  add(['v1'], ['ReplicationController'], 'its pods are not created (use a Deployment)');
  add(['scheduling.k8s.io/v1'], ['PriorityClass'], 'pod priority and preemption are not simulated');
  return out;
})();

/** Why the lab leaves out a kind the cluster would accept, or undefined (served, or unknown). */
export function notSimulated(
  apiVersion: string,
  kind: string,
  v: KarpenterVersion,
): string | undefined {
  const why =
    ACCEPTED[`${apiVersion}/${kind}`] ??
    (kind === 'NodeClaim' && apiVersion === 'karpenter.sh/v1' && servesGeneration(v, 'v1')
      ? 'NodeClaims are Karpenter’s own records: the lab creates its own and reads existing nodes from Node documents'
      : undefined);
  return why === undefined
    ? undefined
    : `${kind} is not simulated, so this document is left out: ${why}`;
}

export function isServed(def: KindDef, v: KarpenterVersion): boolean {
  return !def.generations || def.generations.some((g) => servesGeneration(v, g));
}

export type Lookup =
  { ok: true; def: KindDef } | { ok: false; message: string; convertible: boolean };

const GENERATION_NAME: Record<ApiGeneration, string> = {
  v1alpha5: 'v1alpha5 (Provisioner + AWSNodeTemplate)',
  v1beta1: 'v1beta1 (NodePool + EC2NodeClass)',
  v1: 'v1 (NodePool + EC2NodeClass)',
};
const ORDER: ApiGeneration[] = ['v1alpha5', 'v1beta1', 'v1'];
/** The Karpenter versions that serve each generation (servesGeneration). */
const SERVED_BY: Record<ApiGeneration, string> = {
  v1alpha5: 'v0.31',
  v1beta1: 'v0.32 to v1.0',
  v1: 'v1.0 and later',
};

/** The Karpenter kinds another version serves, and how to get them. */
function elsewhere(v: KarpenterVersion): string {
  const other = KINDS.filter((d) => d.generations && !isServed(d, v)).map(
    (d) => `${d.kind} (${d.apiVersion})`,
  );
  return other.length === 0
    ? ''
    : `, and with spec.karpenter.version set in a Scenario document ${other.join(', ')}`;
}

export function lookupKind(apiVersion: string, kind: string, v: KarpenterVersion): Lookup {
  const def = KINDS.find((d) => d.apiVersion === apiVersion && d.kind === kind);
  if (def && isServed(def, v)) return { ok: true, def };
  // The exact text a real cluster gives (kubectl: "resource mapping not found … no matches for kind").
  const base = `no matches for kind ${JSON.stringify(kind)} in version ${JSON.stringify(apiVersion)}`;
  if (def?.generations) {
    const from = def.generations[0] ?? 'v1';
    const convertible = ORDER.indexOf(from) < ORDER.indexOf(v.generation);
    const how = convertible
      ? ` Convert it (in the browser the editor offers the conversion as a quick fix), or set spec.karpenter.version in a Scenario document to a version that serves ${apiVersion} (${SERVED_BY[from]}).`
      : ` To use it, set spec.karpenter.version in a Scenario document to a version that serves ${apiVersion} (${SERVED_BY[from]}).`;
    return {
      ok: false,
      convertible,
      message: `${base}: the simulated Karpenter ${v.text} serves the ${GENERATION_NAME[v.generation]} APIs.${how}`,
    };
  }
  // A kustomize directory's own file: `kubectl apply -f <dir>` refuses it the same way, but the
  // list of supported kinds does not tell a reader what to do with it.
  if (apiVersion.startsWith('kustomize.config.k8s.io/'))
    return {
      ok: false,
      convertible: false,
      message: `${base}: this is kustomize's build file, not an object a cluster serves (kubectl apply -f refuses it too; kubectl apply -k builds it first). Simulate what \`kubectl kustomize <dir>\` prints instead: \`kubectl kustomize <dir> | karpenter-lab -\` on the command line, or paste its output into the workspace`,
    };
  const servedDefs = KINDS.filter((d) => isServed(d, v));
  const versionsOf = (k: string): string =>
    servedDefs
      .filter((d) => d.kind === k)
      .map((d) => d.apiVersion)
      .join(', ');
  const sameKind = versionsOf(kind);
  // A misspelt kind (`Deploymnet`, `deployment`) gets the one it most likely meant, not a list of
  // nineteen kinds to read through for it.
  const guess = sameKind
    ? undefined
    : closestName(kind, [...new Set(servedDefs.map((d) => d.kind))]);
  const detail = sameKind
    ? `; ${kind} is served as ${sameKind}`
    : guess !== undefined
      ? `; did you mean kind "${guess}" (${versionsOf(guess)})?`
      : `; the lab supports ${servedDefs.map((d) => `${d.kind} (${d.apiVersion})`).join(', ')}${elsewhere(v)}`;
  return { ok: false, convertible: false, message: `${base}${detail}` };
}
