// `kubectl get` beyond one kind and a table: comma lists, `all`, categories, field selectors,
// --sort-by, --no-headers, -o jsonpath / custom-columns, and flags kubectl does not have.
import { describe, expect, it } from 'vitest';
import { naturalCompare, naturalKey as key } from './get.ts';
import { runCommand } from './run.ts';
import { at, nodeRec, oneNodeForWeb, podRec, scaleUpLab, timelineOf, WEB_NODE } from './testing.ts';
import type { ConsoleContext } from './context.ts';

function out(line: string, ctx: ConsoleContext): string {
  const r = runCommand(line, ctx);
  if (r.error) throw new Error(r.error);
  return r.output;
}
const err = (line: string, ctx: ConsoleContext): string | undefined => runCommand(line, ctx).error;

const web = at(oneNodeForWeb(), 3 * 60_000);

/** Three pods: web-1 and web-10 running on two nodes, api-2 pending; labels app and tier. */
function threePods(): ConsoleContext {
  const a = podRec('web-1', { labels: { app: 'web', tier: 'front' }, createdAt: 0 });
  const b = podRec('web-10', { labels: { app: 'web' }, createdAt: 5_000 });
  const c = podRec('api-2', { labels: { app: 'api', tier: 'back' }, createdAt: 9_000 });
  const tl = timelineOf([
    { t: 0, type: 'node.registered', node: nodeRec('node-b', { ready: true }) },
    { t: 0, type: 'node.registered', node: nodeRec('node-a', { ready: true }) },
    { t: 0, type: 'pod.created', pod: a },
    { t: 5_000, type: 'pod.created', pod: b },
    { t: 9_000, type: 'pod.created', pod: c },
    { t: 10_000, type: 'pod.bound', pod: a.key, node: 'node-b' },
    { t: 10_000, type: 'pod.bound', pod: b.key, node: 'node-a' },
    { t: 11_000, type: 'pod.running', pod: a.key },
    { t: 11_000, type: 'pod.running', pod: b.key },
  ]);
  return at(tl, 60_000);
}

describe('kubectl get: which kinds', () => {
  it('lists a comma list of kinds, one table each, names prefixed with the kind', () => {
    expect(out('kubectl get nodepools,nodeclaims', web)).toBe(
      [
        'NAME                            NODECLASS   NODES   READY   AGE',
        'nodepool.karpenter.sh/default   default     1       True    3m',
        '',
        'NAME                                   TYPE       CAPACITY    ZONE         NODE                        READY   AGE',
        `nodeclaim.karpenter.sh/default-abcde   m5.large   on-demand   us-east-1a   ${WEB_NODE}   True    2m59s`,
      ].join('\n'),
    );
  });

  it('expands all (pods and workloads) and the karpenter category', () => {
    const ctx = at(scaleUpLab(), 60_000);
    const all = out('kubectl get all', ctx);
    expect(
      all
        .split('\n')
        .filter((l) => /^\S+\//.test(l))
        .map((l) => l.split(' ')[0]),
    ).toEqual([
      ...out('kubectl get pods -o name', ctx).split('\n'),
      'deployment.apps/inflate',
      expect.stringMatching(/^replicaset\.apps\/inflate-[0-9a-f]+$/),
    ]);
    expect(out('kubectl get karpenter -o name', web)).toBe(
      'nodeclaim.karpenter.sh/default-abcde\nnodepool.karpenter.sh/default',
    );
  });

  it('takes type/name pairs, and refuses a bare type before them as kubectl does', () => {
    expect(out(`k get nodepool/default node/${WEB_NODE} -o name`, web)).toBe(
      `nodepool.karpenter.sh/default\nnode/${WEB_NODE}`,
    );
    expect(err('k get nodepool/default nodes', web)).toMatch(
      /^error: there is no need to specify a resource type as a separate argument/,
    );
  });

  it('says which word the server does not know in a list', () => {
    expect(err('kubectl get pods,widgets', web)).toBe(
      'error: the server doesn\'t have a resource type "widgets"',
    );
  });

  it('lists poddisruptionbudgets (pdb) with the disruptions allowed now', () => {
    const ctx = threePods();
    const pdb = {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget' as const,
      metadata: { name: 'web', namespace: 'default' },
      spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } },
    };
    const tl = timelineOf([
      ...ctx.timeline.events,
      { t: 20_000, type: 'object.applied', object: pdb },
    ]);
    expect(out('kubectl get pdb', at(tl, 60_000))).toBe(
      [
        'NAME   MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE',
        'web    1               N/A               1                     40s',
      ].join('\n'),
    );
  });
});

describe('kubectl get: which objects, in which order', () => {
  const ctx = threePods();

  it('selects with set-based label selectors, quoted as in a shell', () => {
    expect(out("kubectl get pods -l 'app in (web,api),tier' -o name", ctx)).toBe(
      'pod/api-2\npod/web-1',
    );
    expect(out("kubectl get pods -l '!tier' -o name", ctx)).toBe('pod/web-10');
    expect(out('kubectl get pods -l app!=web -o name', ctx)).toBe('pod/api-2');
  });

  it('selects with field selectors on the fields the API server supports', () => {
    expect(out('kubectl get pods --field-selector status.phase=Pending -o name', ctx)).toBe(
      'pod/api-2',
    );
    expect(out('kubectl get pods --field-selector spec.nodeName=node-a -o name', ctx)).toBe(
      'pod/web-10',
    );
    expect(
      out(
        'kubectl get pods --field-selector=metadata.name!=web-1,status.phase==Running -o name',
        ctx,
      ),
    ).toBe('pod/web-10');
    expect(out('kubectl get nodes --field-selector spec.unschedulable=false -o name', ctx)).toBe(
      'node/node-a\nnode/node-b',
    );
    expect(err('kubectl get pods --field-selector spec.foo=x', ctx)).toBe(
      'Error from server (BadRequest): Unable to find {"" "v1" "pods"} that match label selector "", field selector "spec.foo=x": field label not supported: spec.foo',
    );
    expect(err('kubectl get nodepools --field-selector spec.weight=1', web)).toBe(
      'Error from server (BadRequest): Unable to find {"karpenter.sh" "v1" "nodepools"} that match label selector "", field selector "spec.weight=1": "spec.weight" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
  });

  it('compares digit runs as numbers, as kubectl’s sorter does', () => {
    const names = ['node-10', 'node-9', 'node-1a', 'node-'];
    expect([...names].sort((a, b) => naturalCompare(key(a), key(b)))).toEqual([
      'node-',
      'node-1a',
      'node-9',
      'node-10',
    ]);
  });

  it('sorts by a JSONPath, strings naturally and missing values first', () => {
    expect(out('kubectl get pods --sort-by=.metadata.name -o name', ctx)).toBe(
      'pod/api-2\npod/web-1\npod/web-10',
    );
    expect(out("kubectl get pods --sort-by='{.spec.nodeName}' -o name", ctx)).toBe(
      'pod/api-2\npod/web-10\npod/web-1',
    );
    expect(out('kubectl get pods --sort-by=.metadata.labels.tier -o name', ctx)).toBe(
      'pod/web-10\npod/api-2\npod/web-1',
    );
  });
});

describe('kubectl get: how it prints', () => {
  const ctx = threePods();

  it('drops the header with --no-headers and adds the kind with --show-kind', () => {
    expect(out('kubectl get pods --no-headers --show-kind -l app=api', ctx)).toBe(
      'pod/api-2   0/1   Pending   0     51s',
    );
  });

  it('prints -o jsonpath templates over the list or the one object named', () => {
    expect(out('kubectl get pods -o jsonpath={.items[*].metadata.name}', ctx)).toBe(
      'api-2 web-1 web-10',
    );
    expect(
      out(
        `kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}'`,
        ctx,
      ),
    ).toBe('api-2\tPending\nweb-1\tRunning\nweb-10\tRunning\n');
    expect(out('kubectl get pod web-1 -o jsonpath={.spec.nodeName}', ctx)).toBe('node-b');
  });

  it('prints -o custom-columns, <none> for what is missing', () => {
    expect(
      out('kubectl get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName', ctx),
    ).toBe(['NAME     NODE', 'api-2    <none>', 'web-1    node-b', 'web-10   node-a'].join('\n'));
  });

  it('explains what is wrong with an output format', () => {
    expect(err('kubectl get pods -o table', ctx)).toBe(
      'error: unable to match a printer suitable for the output format "table", allowed formats are: custom-columns,json,jsonpath,name,wide,yaml',
    );
    expect(err('kubectl get pods -o jsonpath={.items[', ctx)).toBe(
      'error: error parsing jsonpath {.items[: unclosed action at character 1',
    );
    expect(err('kubectl get pods -o custom-columns=NAME', ctx)).toBe(
      'error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>',
    );
  });

  it('ignores missing names with --ignore-not-found', () => {
    expect(runCommand('kubectl get pod nope --ignore-not-found', ctx)).toEqual({ output: '' });
  });
});

describe('the command line', () => {
  it('fails unknown flags with kubectl’s text instead of reading them as names', () => {
    expect(runCommand('kubectl get events --field-selektor type=Warning', web)).toEqual({
      output: '',
      error: "error: unknown flag: --field-selektor\nSee 'kubectl get --help' for usage.",
    });
    expect(err('kubectl drain node-a --ignore-daemonset', web)).toBe(
      "error: unknown flag: --ignore-daemonset\nSee 'kubectl drain --help' for usage.",
    );
  });

  it('refuses pipes and redirection with a plain message', () => {
    expect(err('kubectl get pods | grep web', web)).toMatch(
      /^pipes and redirection are not supported; /,
    );
  });

  it('accepts -n before the verb, as kubectl’s global flag', () => {
    expect(out('kubectl -n default get pods -o name', web)).toBe('pod/web-1');
    const r = runCommand('kubectl -n default scale deploy inflate --replicas=2', web);
    expect(r.error).toBe('Error from server (NotFound): deployments.apps "inflate" not found');
  });

  it('shows a command’s usage for --help', () => {
    expect(out('kubectl top --help', web)).toContain('kubectl top nodes|pods');
  });

  it('lists every command in help', () => {
    const help = out('help', web);
    for (const cmd of [
      'kubectl events',
      'kubectl top',
      'kubectl explain',
      '--field-selector',
      'custom-columns',
    ])
      expect(help).toContain(cmd);
  });
});
