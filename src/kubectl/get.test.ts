import { describe, expect, it } from 'vitest';
import { runCommand } from './run.ts';
import { at, nodeRec, oneNodeForWeb, podRec, timelineOf, WEB_NODE } from './testing.ts';
import type { ConsoleContext } from './context.ts';

function out(line: string, ctx: ConsoleContext): string {
  const r = runCommand(line, ctx);
  if (r.error) throw new Error(r.error);
  return r.output;
}

const err = (line: string, ctx: ConsoleContext): string | undefined => runCommand(line, ctx).error;

describe('kubectl get nodes', () => {
  it('prints kubectl’s columns, with AGE counted in simulated time', () => {
    expect(out('kubectl get nodes', at(oneNodeForWeb(), 3 * 60_000 + 42_000))).toBe(
      [
        'NAME                        STATUS   ROLES    AGE     VERSION',
        `${WEB_NODE}   Ready    <none>   3m12s   v1.32.9-eks-113cf36`,
      ].join('\n'),
    );
  });

  it('shows a registered node NotReady until it initializes', () => {
    expect(out('kubectl get no', at(oneNodeForWeb(), 40_000))).toContain(
      `${WEB_NODE}   NotReady   <none>   10s`,
    );
  });

  it('adds the address and node software columns with -o wide', () => {
    const [header, row] = out('kubectl get nodes -o wide', at(oneNodeForWeb(), 60_000)).split('\n');
    expect(header?.split(/\s{2,}/)).toEqual([
      'NAME',
      'STATUS',
      'ROLES',
      'AGE',
      'VERSION',
      'INTERNAL-IP',
      'EXTERNAL-IP',
      'OS-IMAGE',
      'KERNEL-VERSION',
      'CONTAINER-RUNTIME',
    ]);
    expect(row).toContain('10.0.1.23     <none>');
  });

  it('adds one column per -L label, headed by the key’s last segment', () => {
    expect(
      out(
        'kubectl get nodes -L karpenter.sh/capacity-type,node.kubernetes.io/instance-type',
        at(oneNodeForWeb(), 60_000),
      ),
    ).toBe(
      [
        'NAME                        STATUS   ROLES    AGE   VERSION               CAPACITY-TYPE   INSTANCE-TYPE',
        `${WEB_NODE}   Ready    <none>   30s   v1.32.9-eks-113cf36   on-demand       m5.large`,
      ].join('\n'),
    );
  });

  it('says SchedulingDisabled once the node is cordoned', () => {
    const tl = oneNodeForWeb([
      { t: 50_000, type: 'node.updated', node: WEB_NODE, patch: { unschedulable: true } },
    ]);
    expect(out('kubectl get nodes', at(tl, 60_000))).toContain('Ready,SchedulingDisabled');
  });

  it('no longer lists a node once it has terminated', () => {
    const tl = oneNodeForWeb([
      { t: 90_000, type: 'nodeclaim.deleted', nodeClaim: 'default-abcde', node: WEB_NODE },
    ]);
    expect(out('kubectl get nodes', at(tl, 90_000))).toBe('No resources found');
  });
});

describe('kubectl get pods', () => {
  it('follows a pod from Pending to ContainerCreating to Running', () => {
    const tl = oneNodeForWeb();
    expect(out('kubectl get pods', at(tl, 5_000))).toBe(
      ['NAME    READY   STATUS    RESTARTS   AGE', 'web-1   0/1     Pending   0          5s'].join(
        '\n',
      ),
    );
    expect(out('kubectl get pods', at(tl, 46_000))).toContain(
      'web-1   0/1     ContainerCreating   0          46s',
    );
    expect(out('kubectl get pods', at(tl, 48_000))).toContain(
      'web-1   1/1     Running   0          48s',
    );
  });

  it('adds IP, NODE, NOMINATED NODE and READINESS GATES with -o wide', () => {
    const text = out('kubectl get pods -o wide', at(oneNodeForWeb(), 48_000));
    expect(text.split('\n')[0]?.split(/\s{3,}/)).toEqual([
      'NAME',
      'READY',
      'STATUS',
      'RESTARTS',
      'AGE',
      'IP',
      'NODE',
      'NOMINATED NODE',
      'READINESS GATES',
    ]);
    expect(text).toMatch(
      new RegExp(`10\\.0\\.1\\.\\d+ +${WEB_NODE.replace(/\./g, '\\.')} +<none> +<none>$`),
    );
  });

  it('lists only the default namespace unless -n or -A says otherwise', () => {
    const sys = podRec('coredns-1', { namespace: 'kube-system', createdAt: 50_000 });
    const tl = oneNodeForWeb([{ t: 50_000, type: 'pod.created', pod: sys }]);
    const ctx = at(tl, 60_000);
    expect(out('kubectl get pods', ctx)).not.toContain('coredns');
    expect(out('kubectl get pods -n kube-system', ctx)).toContain('coredns-1');
    expect(out('kubectl get pods -A', ctx).split('\n')).toEqual([
      'NAMESPACE     NAME        READY   STATUS    RESTARTS   AGE',
      'default       web-1       1/1     Running   0          60s',
      'kube-system   coredns-1   0/1     Pending   0          10s',
    ]);
    expect(out('kubectl get pods -n web', ctx)).toBe('No resources found in web namespace.');
  });

  it('filters by label selector', () => {
    const tl = oneNodeForWeb([
      {
        t: 50_000,
        type: 'pod.created',
        pod: podRec('api-1', { labels: { app: 'api', tier: 'back' } }),
      },
    ]);
    const ctx = at(tl, 60_000);
    const names = (sel: string): string[] =>
      out(`kubectl get pods -l ${sel} -o name`, ctx).split('\n');
    expect(names('app=web')).toEqual(['pod/web-1']);
    expect(names('app!=web')).toEqual(['pod/api-1']);
    expect(names("'app in (api,web)'")).toEqual(['pod/api-1', 'pod/web-1']);
    expect(names('tier')).toEqual(['pod/api-1']);
    expect(names('!tier')).toEqual(['pod/web-1']);
  });

  it('counts CrashLoopBackOff restarts on the kubelet’s back-off clock', () => {
    const tl = oneNodeForWeb([
      {
        t: 50_000,
        type: 'pod.failed',
        pod: 'default/web-1',
        reason: 'CrashLoopBackOff',
        message: 'exec format error',
      },
    ]);
    expect(out('kubectl get pods', at(tl, 55_000))).toContain(
      'web-1   0/1     CrashLoopBackOff   0          55s',
    );
    // restarts at 60s (10s back-off) and 80s (20s): two restarts, the last 5s before 85s
    expect(out('kubectl get pods', at(tl, 85_000))).toContain('CrashLoopBackOff   2 (5s ago)');
  });

  it('shows Terminating while a pod is being evicted', () => {
    const tl = oneNodeForWeb([{ t: 60_000, type: 'pod.terminating', pod: 'default/web-1' }]);
    expect(out('kubectl get pods', at(tl, 61_000))).toContain('Terminating');
  });

  it('reports names that do not exist the way the API server does', () => {
    const ctx = at(oneNodeForWeb(), 60_000);
    expect(err('kubectl get pod nope', ctx)).toBe(
      'Error from server (NotFound): pods "nope" not found',
    );
    const r = runCommand('kubectl get pods web-1 nope', ctx);
    expect(r.output).toContain('web-1');
    expect(r.error).toBe('Error from server (NotFound): pods "nope" not found');
  });
});

describe('kubectl get for Karpenter’s kinds', () => {
  it('prints nodeclaims with the CRD’s printer columns, blank until launch and READY Unknown until initialized', () => {
    const tl = oneNodeForWeb();
    expect(out('kubectl get nodeclaims', at(tl, 2_000))).toBe(
      [
        'NAME            TYPE   CAPACITY   ZONE   NODE   READY     AGE',
        'default-abcde                                   Unknown   1s',
      ].join('\n'),
    );
    expect(out('kubectl get nodeclaims', at(tl, 60_000))).toBe(
      [
        'NAME            TYPE       CAPACITY    ZONE         NODE                        READY   AGE',
        `default-abcde   m5.large   on-demand   us-east-1a   ${WEB_NODE}   True    59s`,
      ].join('\n'),
    );
  });

  it('prints nodepools with their node class and node count', () => {
    expect(out('kubectl get nodepools', at(oneNodeForWeb(), 60_000))).toBe(
      [
        'NAME      NODECLASS   NODES   READY   AGE',
        'default   default     1       True    60s',
      ].join('\n'),
    );
  });

  it('answers like a cluster without the CRDs before Karpenter is installed', () => {
    const ctx = at(oneNodeForWeb([], { installed: false }), 60_000);
    expect(err('kubectl get nodepools', ctx)).toBe(
      'error: the server doesn\'t have a resource type "nodepools"',
    );
    expect(err('kubectl get nodeclaim', ctx)).toBe(
      'error: the server doesn\'t have a resource type "nodeclaim"',
    );
    expect(out('kubectl get pods', ctx)).toContain('web-1');
  });

  it('serves provisioners and machines only under v1alpha5 semantics, and then not nodepools', () => {
    const v1 = at(oneNodeForWeb(), 60_000);
    expect(err('kubectl get provisioners', v1)).toBe(
      'error: the server doesn\'t have a resource type "provisioners"',
    );
    const provisioner = {
      apiVersion: 'karpenter.sh/v1alpha5',
      kind: 'Provisioner' as const,
      metadata: { name: 'default' },
      spec: { providerRef: { name: 'default' } },
    };
    const old = at(
      oneNodeForWeb([{ t: 50_000, type: 'object.applied', object: provisioner }], {
        version: 'v0.31',
        semantics: 'v1alpha5',
      }),
      65_000,
    );
    expect(out('kubectl get provisioners', old)).toBe(
      ['NAME      TEMPLATE', 'default   default'].join('\n'),
    );
    expect(out('kubectl get machines', old).split('\n')[0]).toBe(
      'NAME            TYPE       ZONE         NODE                        READY   AGE',
    );
    expect(err('kubectl get nodepools', old)).toBe(
      'error: the server doesn\'t have a resource type "nodepools"',
    );
  });

  it('prints the printer columns of the installed release (v1beta1 before v1.0)', () => {
    const header = (line: string, version: string): string | undefined =>
      out(line, at(oneNodeForWeb([], { version }), 60_000)).split('\n')[0];
    expect(header('kubectl get nodeclaims', 'v0.37')).toMatch(
      /^NAME +TYPE +ZONE +NODE +READY +AGE$/,
    );
    expect(header('kubectl get nodeclaims -o wide', 'v0.37')).toMatch(
      /AGE +CAPACITY +NODEPOOL +NODECLASS$/,
    );
    expect(header('kubectl get nodepools -o wide', 'v0.37')).toMatch(/^NAME +NODECLASS +WEIGHT$/);
    expect(header('kubectl get nodeclaims -o wide', 'v1.0')).toMatch(
      /AGE +ID +NODEPOOL +NODECLASS$/,
    );
    expect(header('kubectl get nodeclaims -o wide', 'v1')).toMatch(
      /AGE +IMAGEID +ID +NODEPOOL +NODECLASS +DRIFTED$/,
    );
  });
});

describe('kubectl get -o', () => {
  it('prints one object as YAML the way kubectl does: sorted keys, quoted timestamps, lists not indented', () => {
    const yaml = out('kubectl get nodeclaim default-abcde -o yaml', at(oneNodeForWeb(), 60_000));
    expect(
      yaml.startsWith(
        'apiVersion: karpenter.sh/v1\nkind: NodeClaim\nmetadata:\n  creationTimestamp: "2025-01-01T00:00:01Z"\n',
      ),
    ).toBe(true);
    expect(yaml).toContain('  finalizers:\n  - karpenter.sh/termination\n');
    expect(yaml).toContain(`  nodeName: ${WEB_NODE}\n`);
  });

  it('wraps several objects in a List, and prints JSON with four-space indents', () => {
    const json = JSON.parse(out('kubectl get pods -o json', at(oneNodeForWeb(), 60_000))) as {
      kind: string;
      items: { spec: { nodeName: string } }[];
    };
    expect(json.kind).toBe('List');
    expect(json.items[0]?.spec.nodeName).toBe(WEB_NODE);
    expect(out('kubectl get pods -o json', at(oneNodeForWeb(), 60_000))).toContain(
      '\n    "apiVersion": "v1"',
    );
  });

  it('prints kind/name with -o name, using the API group for non-core kinds', () => {
    expect(out('kubectl get nodeclaims -o name', at(oneNodeForWeb(), 60_000))).toBe(
      'nodeclaim.karpenter.sh/default-abcde',
    );
  });

  it('refuses an unknown output format with kubectl’s message', () => {
    expect(err('kubectl get pods -o table', at(oneNodeForWeb(), 1))).toMatch(
      /^error: unable to match a printer suitable for the output format "table"/,
    );
  });
});

describe('kubectl get for workloads built by the engine', () => {
  it('counts a deployment’s ready pods', () => {
    const node = nodeRec('n1', { ready: true });
    const pods = [
      podRec('web-a', { owner: 'Deployment/default/web' }),
      podRec('web-b', { owner: 'Deployment/default/web' }),
    ];
    const tl = timelineOf([
      {
        t: 0,
        type: 'object.applied',
        object: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web', namespace: 'default' },
          spec: {
            replicas: 2,
            template: { spec: { containers: [{ name: 'web', image: 'nginx' }] } },
          },
        },
      },
      { t: 0, type: 'node.registered', node },
      ...pods.map((pod) => ({ t: 0, type: 'pod.created' as const, pod })),
      { t: 1_000, type: 'pod.bound', pod: 'default/web-a', node: 'n1' },
      { t: 2_000, type: 'pod.running', pod: 'default/web-a' },
    ]);
    expect(out('kubectl get deploy', at(tl, 10_000))).toBe(
      [
        'NAME   READY   UP-TO-DATE   AVAILABLE   AGE',
        'web    1/2     2            1           10s',
      ].join('\n'),
    );
  });
});
