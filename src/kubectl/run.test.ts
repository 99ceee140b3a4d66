import { describe, expect, it } from 'vitest';
import { simulate, stateAt } from '../sim/engine/index.ts';
import { deployment, nodePool } from '../sim/engine/testing.ts';
import { runCommand } from './run.ts';
import {
  at,
  lab,
  nodeRec,
  noKarpenterLab,
  oneNodeForWeb,
  podRec,
  timelineOf,
  WEB_NODE,
} from './testing.ts';

describe('mutating commands', () => {
  const ctx = at(oneNodeForWeb(), 60_000);

  it('hand back the parsed action at the cursor, and print what kubectl prints', () => {
    const tl = simulate({
      objects: lab({}, nodePool('default'), deployment('inflate', { replicas: 1 })),
    });
    const r = runCommand('kubectl scale deployment inflate --replicas=5', at(tl, 90_000));
    expect(r.output).toBe('deployment.apps/inflate scaled');
    expect(r.note).toBeUndefined();
    // kubectl says "scaled" either way; the console says when nothing changes.
    expect(runCommand('kubectl scale deployment inflate --replicas=1', at(tl, 90_000)).note).toBe(
      'inflate already has 1 replica here: nothing changes.',
    );
    expect(r.action).toEqual({
      at: 90_000,
      action: {
        kind: 'scale',
        target: { kind: 'deployment', name: 'inflate', namespace: 'default' },
        replicas: 5,
      },
      source: 'kubectl scale deployment inflate --replicas=5',
    });
  });

  it.each([
    [`kubectl cordon ${WEB_NODE}`, `node/${WEB_NODE} cordoned`],
    [`kubectl uncordon ${WEB_NODE}`, `node/${WEB_NODE} already uncordoned`],
    [`kubectl label node ${WEB_NODE} team=a`, `node/${WEB_NODE} labeled`],
    [`kubectl annotate pod web-1 karpenter.sh/do-not-disrupt=true`, 'pod/web-1 annotated'],
    [`kubectl taint nodes ${WEB_NODE} dedicated=gpu:NoSchedule`, `node/${WEB_NODE} tainted`],
    [`kubectl taint nodes ${WEB_NODE} dedicated:NoSchedule-`, `node/${WEB_NODE} untainted`],
    ['kubectl delete nodeclaim default-abcde', 'nodeclaim.karpenter.sh "default-abcde" deleted'],
    ['kubectl delete pod web-1', 'pod "web-1" deleted'],
    ['k delete nodepool default', 'nodepool.karpenter.sh "default" deleted'],
    [
      `kubectl patch nodepool default --type merge -p '{"spec":{"limits":{"cpu":"4"}}}'`,
      'nodepool.karpenter.sh/default patched',
    ],
  ])('%s → %s', (line, text) => {
    const r = runCommand(line, ctx);
    expect(r.output).toBe(text);
    expect(r.action?.at).toBe(60_000);
  });

  it('answer NotFound for objects that are not there, with no action', () => {
    expect(runCommand('kubectl cordon ip-1-2-3-4.ec2.internal', ctx)).toEqual({
      output: '',
      error: 'Error from server (NotFound): nodes "ip-1-2-3-4.ec2.internal" not found',
    });
    expect(runCommand('kubectl scale deploy nope --replicas=1', ctx).error).toBe(
      'Error from server (NotFound): deployments.apps "nope" not found',
    );
    expect(runCommand('kubectl delete pdb web', ctx).error).toBe(
      'Error from server (NotFound): poddisruptionbudgets.policy "web" not found',
    );
  });

  it('refuse Karpenter’s kinds before Karpenter is installed', () => {
    const r = runCommand(
      'kubectl delete nodepool default',
      at(oneNodeForWeb([], { installed: false }), 60_000),
    );
    expect(r).toEqual({
      output: '',
      error: 'error: the server doesn\'t have a resource type "nodepool"',
    });
  });

  it('pass the engine parser’s complaint through', () => {
    expect(runCommand('kubectl taint nodes n1 dedicated=gpu', ctx).error).toMatch(
      /^error: kubectl taint: taint "dedicated=gpu" needs an effect/,
    );
  });

  it('drain lists the evictions, and refuses DaemonSet pods without --ignore-daemonsets', () => {
    const node = nodeRec('n1', { ready: true });
    const tl = timelineOf([
      { t: 0, type: 'node.registered', node },
      { t: 0, type: 'pod.created', pod: podRec('web-1') },
      {
        t: 0,
        type: 'pod.created',
        pod: podRec('agent-x', { namespace: 'kube-system', daemonSet: true }),
      },
      { t: 0, type: 'pod.bound', pod: 'default/web-1', node: 'n1' },
      { t: 0, type: 'pod.bound', pod: 'kube-system/agent-x', node: 'n1' },
    ]);
    const refused = runCommand('kubectl drain n1', at(tl, 1_000));
    expect(refused.error).toBe(
      'error: unable to drain node "n1" due to error: cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/agent-x',
    );
    expect(refused.action).toBeUndefined();
    expect(runCommand('kubectl drain n1 --ignore-daemonsets', at(tl, 1_000)).output).toBe(
      [
        'node/n1 cordoned',
        'Warning: ignoring DaemonSet-managed Pods: kube-system/agent-x',
        'evicting pod default/web-1',
        'pod/web-1 evicted',
        'node/n1 drained',
      ].join('\n'),
    );
  });

  it('apply -f names the documents it creates or configures', () => {
    const spot = nodePool('spot');
    const c = { ...ctx, documents: { 'spot.yaml': [spot], 'default.yaml': [nodePool('default')] } };
    expect(runCommand('kubectl apply -f spot.yaml', c).output).toBe(
      'nodepool.karpenter.sh/spot created',
    );
    expect(runCommand('kubectl apply -f default.yaml', c).output).toBe(
      'nodepool.karpenter.sh/default configured',
    );
    expect(runCommand('kubectl apply -f other.yaml', c).error).toBe(
      'error: the path "other.yaml" does not exist',
    );
  });
});

describe('helm and Karpenter’s presence', () => {
  it('leaves pods Pending and Karpenter’s kinds unknown until helm install, which the re-simulation honours', () => {
    const tl = noKarpenterLab();
    const before = at(tl, tl.end);
    expect(runCommand('kubectl get pods', before).output).toMatch(/Pending/);
    expect(runCommand('kubectl get nodepools', before).error).toBe(
      'error: the server doesn\'t have a resource type "nodepools"',
    );
    const install = runCommand(
      'helm install karpenter oci://public.ecr.aws/karpenter/karpenter --version 1.8.0 -n karpenter',
      before,
    );
    expect(install.output.split('\n')).toEqual([
      'Pulled: public.ecr.aws/karpenter/karpenter:1.8.0',
      'NAME: karpenter',
      `LAST DEPLOYED: ${'Wed, 01 Jan 2025 00:'}${String(Math.floor(tl.end / 60_000)).padStart(2, '0')}:${String(Math.floor(tl.end / 1000) % 60).padStart(2, '0')} +0000`,
      'NAMESPACE: karpenter',
      'STATUS: deployed',
      'REVISION: 1',
      'TEST SUITE: None',
    ]);
    expect(install.action?.action).toEqual({ kind: 'helm', op: 'install', version: '1.8.0' });
    const objects = lab(
      { karpenter: { installed: false } },
      nodePool('default'),
      deployment('inflate', { replicas: 3 }),
    );
    const after = simulate({ objects, actions: install.action ? [install.action] : [] });
    const ctx = { timeline: after, t: after.end, state: stateAt(after, after.end) };
    expect(runCommand('kubectl get nodepools', ctx).output).toMatch(/^NAME +NODECLASS/);
    expect(runCommand('kubectl get pods', ctx).output).not.toMatch(/Pending/);
  });

  it('answers like helm when the release is already there, or not', () => {
    const installed = at(oneNodeForWeb(), 60_000);
    const absent = at(oneNodeForWeb([], { installed: false }), 60_000);
    expect(runCommand('helm install karpenter oci://x', installed).error).toBe(
      'Error: INSTALLATION FAILED: cannot re-use a name that is still in use',
    );
    expect(runCommand('helm uninstall karpenter', absent).error).toBe(
      'Error: uninstall: Release not loaded: karpenter: release: not found',
    );
    expect(runCommand('helm upgrade karpenter oci://x --version 1.0.0', absent).error).toBe(
      'Error: UPGRADE FAILED: "karpenter" has no deployed releases',
    );
    expect(runCommand('helm uninstall karpenter', installed).output).toBe(
      'release "karpenter" uninstalled',
    );
    expect(
      runCommand('helm upgrade karpenter oci://x --version 1.0.0', installed).output.split('\n')[0],
    ).toBe('Release "karpenter" has been upgraded. Happy Helming!');
  });
});

describe('help and the unknown', () => {
  it('lists every supported command with a line on what it does', () => {
    const help = runCommand('help', at(oneNodeForWeb(), 0)).output;
    for (const cmd of [
      'kubectl get',
      'kubectl describe',
      'kubectl logs',
      'kubectl scale',
      'kubectl apply',
      'kubectl delete',
      'kubectl cordon',
      'kubectl drain',
      'kubectl label',
      'kubectl taint',
      'helm install',
      'helm uninstall',
    ])
      expect(help).toContain(cmd);
  });

  it('answers anything else with the list of what is supported', () => {
    for (const line of ['ls -la', 'kubectl exec -it web-1 -- sh', 'kubectl']) {
      const r = runCommand(line, at(oneNodeForWeb(), 0));
      if (line === 'kubectl') expect(r.output).toContain('Supported commands');
      else
        expect(r.error).toMatch(
          /is not supported in this console\. Supported commands:\n {2}kubectl get/,
        );
    }
  });

  it('treats an empty line as nothing and clear as a request to clear', () => {
    expect(runCommand('   ', at(oneNodeForWeb(), 0))).toEqual({ output: '' });
    expect(runCommand('clear', at(oneNodeForWeb(), 0))).toEqual({ output: '', clear: true });
  });
});
