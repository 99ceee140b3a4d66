// Golden tables per kind, checked against kubectl's printers (k8s.io/kubernetes
// pkg/printers/internalversion/printers.go: printDeployment, printReplicaSet, printStatefulSet,
// printDaemonSet, printPodDisruptionBudget) and Karpenter's CRD additionalPrinterColumns
// (pkg/apis/crds: NodeClaim NAME TYPE CAPACITY ZONE NODE READY AGE + wide IMAGEID ID NODEPOOL
// NODECLASS DRIFTED; NodePool NAME NODECLASS NODES READY AGE + wide WEIGHT CPU MEMORY;
// EC2NodeClass NAME READY AGE + wide ROLE). Small fixtures, whole expected text inline.
import { describe, expect, it } from 'vitest';
import { deployment } from '../sim/engine/testing.ts';
import type { DaemonSet, Deployment, EC2NodeClass } from '../sim/k8s.ts';
import { podTemplateHash } from '../sim/engine/names.ts';
import { runCommand } from './run.ts';
import { at, oneNodeForWeb, podRec, timelineOf, WEB_NODE } from './testing.ts';
import type { ConsoleContext } from './context.ts';

function out(line: string, ctx: ConsoleContext): string {
  const r = runCommand(line, ctx);
  if (r.error) throw new Error(r.error);
  return r.output;
}

const web = deployment('web', { replicas: 3 });
const db: Deployment = { ...deployment('db', { replicas: 2 }), kind: 'StatefulSet' };
const agent: DaemonSet = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent', namespace: 'default' },
  spec: {
    selector: { matchLabels: { app: 'agent' } },
    template: {
      metadata: { labels: { app: 'agent' } },
      spec: {
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        containers: [{ name: 'agent', image: 'agent:1' }],
      },
    },
  },
};

/** web: 2 of 3 pods running; db: 1 of 2; agent: one pod running. Applied at 0, listed at 5m. */
function workloads(): ConsoleContext {
  const pods = [
    { ...podRec('web-a', { owner: 'Deployment/default/web' }), phase: 'Running' as const },
    { ...podRec('web-b', { owner: 'Deployment/default/web' }), phase: 'Running' as const },
    podRec('web-c', { owner: 'Deployment/default/web' }),
    { ...podRec('db-0', { owner: 'StatefulSet/default/db' }), phase: 'Running' as const },
    podRec('db-1', { owner: 'StatefulSet/default/db' }),
    {
      ...podRec('agent-x', { owner: 'DaemonSet/default/agent', daemonSet: true }),
      phase: 'Running' as const,
    },
  ];
  const tl = timelineOf([
    ...[web, db, agent].map((object) => ({ t: 0, type: 'object.applied' as const, object })),
    ...pods.map((pod) => ({ t: 0, type: 'pod.created' as const, pod })),
  ]);
  return at(tl, 5 * 60_000);
}

describe('workload printers', () => {
  const ctx = workloads();

  it('deployments: READY UP-TO-DATE AVAILABLE (wide: CONTAINERS IMAGES SELECTOR)', () => {
    expect(out('kubectl get deploy -o wide', ctx)).toBe(
      [
        'NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES                                           SELECTOR',
        'web    2/3     3            2           5m    web          public.ecr.aws/eks-distro/kubernetes/pause:3.2   app=web',
      ].join('\n'),
    );
  });

  it('replicasets: the one each Deployment runs, DESIRED CURRENT READY', () => {
    expect(out('kubectl get rs', ctx)).toBe(
      [
        'NAME             DESIRED   CURRENT   READY   AGE',
        `web-${podTemplateHash(web.spec.template)}   3         3         2       5m`,
      ].join('\n'),
    );
  });

  it('statefulsets: READY as ready/desired (wide: CONTAINERS IMAGES, no SELECTOR)', () => {
    expect(out('kubectl get sts -o wide', ctx)).toBe(
      [
        'NAME   READY   AGE   CONTAINERS   IMAGES',
        'db     1/2     5m    db           public.ecr.aws/eks-distro/kubernetes/pause:3.2',
      ].join('\n'),
    );
  });

  it('daemonsets: DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR', () => {
    expect(out('kubectl get ds', ctx)).toBe(
      [
        'NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE',
        'agent   1         1         1       1            1           kubernetes.io/os=linux   5m',
      ].join('\n'),
    );
  });

  it('get all: one table per kind, names with their kind (the ReplicaSet carries the pods’ labels)', () => {
    expect(out('kubectl get all -l app=web', ctx)).toBe(
      [
        'NAME        READY   STATUS    RESTARTS   AGE',
        'pod/web-a   1/1     Running   0          5m',
        'pod/web-b   1/1     Running   0          5m',
        'pod/web-c   0/1     Pending   0          5m',
        '',
        'NAME                             DESIRED   CURRENT   READY   AGE',
        `replicaset.apps/web-${podTemplateHash(web.spec.template)}   3         3         2       5m`,
      ].join('\n'),
    );
  });
});

describe('Karpenter printers', () => {
  const nodeClass: EC2NodeClass = {
    apiVersion: 'karpenter.k8s.aws/v1',
    kind: 'EC2NodeClass',
    metadata: { name: 'default' },
    spec: { role: 'KarpenterNodeRole', amiSelectorTerms: [{ alias: 'al2023@latest' }] },
  } as EC2NodeClass;
  const ctx = at(oneNodeForWeb([{ t: 0, type: 'object.applied', object: nodeClass }]), 3 * 60_000);

  it('nodeclaims -o wide: IMAGEID ID NODEPOOL NODECLASS DRIFTED', () => {
    expect(out('kubectl get nodeclaims -o wide', ctx)).toBe(
      [
        'NAME            TYPE       CAPACITY    ZONE         NODE                        READY   AGE     IMAGEID                 ID                                      NODEPOOL   NODECLASS   DRIFTED',
        `default-abcde   m5.large   on-demand   us-east-1a   ${WEB_NODE}   True    2m59s   ami-0933b5bdec371cf47   aws:///us-east-1a/i-0fd4c36a445f9d685   default    default     `,
      ].join('\n'),
    );
  });

  it('nodepools -o wide: WEIGHT CPU MEMORY', () => {
    expect(out('kubectl get nodepools -o wide', ctx)).toBe(
      [
        'NAME      NODECLASS   NODES   READY   AGE   WEIGHT   CPU   MEMORY',
        'default   default     1       True    3m             2     8Gi',
      ].join('\n'),
    );
  });

  it('ec2nodeclasses -o wide: READY AGE ROLE', () => {
    expect(out('kubectl get ec2nodeclasses -o wide', ctx)).toBe(
      ['NAME      READY   AGE   ROLE', 'default   True    3m    KarpenterNodeRole'].join('\n'),
    );
  });
});
