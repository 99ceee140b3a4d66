import { describe, expect, it } from 'vitest';
import { parseCommand, SUPPORTED_COMMANDS } from './kubectl.ts';
import { parseDuration, formatDuration } from './duration.ts';

function action(line: string) {
  const r = parseCommand(line);
  if (!r.ok) throw new Error(r.error);
  return r.action;
}

describe('kubectl command parser', () => {
  it('parses kubectl scale with --replicas=N and with a separate value', () => {
    expect(action('kubectl scale deployment inflate --replicas=5')).toEqual({
      kind: 'scale',
      target: { kind: 'deployment', name: 'inflate', namespace: 'default' },
      replicas: 5,
    });
    expect(action('kubectl scale deploy/inflate --replicas 0 -n web')).toMatchObject({
      target: { name: 'inflate', namespace: 'web' },
      replicas: 0,
    });
  });

  it('refuses to scale without a whole replica count', () => {
    const r = parseCommand('kubectl scale deployment inflate --replicas=-1');
    expect(r.ok).toBe(false);
  });

  it('refuses a second object rather than act on the first alone (real kubectl acts on each)', () => {
    for (const line of [
      'kubectl scale deployment a b --replicas=1',
      'kubectl scale deploy/a deploy/b --replicas=1',
      'kubectl delete pod web-1 web-2',
      'kubectl cordon node-a node-b',
    ]) {
      const r = parseCommand(line);
      expect(r.ok, line).toBe(false);
      if (!r.ok)
        expect(r.error).toMatch(/one object per command in the lab; "(b|deploy\/b|web-2|node-b)"/);
    }
    expect(action('kubectl delete pod web-1 --grace-period 0')).toMatchObject({ kind: 'delete' });
    expect(action('kubectl drain node-a --ignore-daemonsets --timeout 30s')).toMatchObject({
      kind: 'drain',
      node: 'node-a',
    });
  });

  it('parses delete of every kind alias', () => {
    expect(action('kubectl delete nodeclaim default-x2k9q')).toMatchObject({
      kind: 'delete',
      target: { kind: 'nodeclaim', name: 'default-x2k9q' },
    });
    expect(action('kubectl delete po/web-1')).toMatchObject({
      target: { kind: 'pod', name: 'web-1' },
    });
    expect(action('kubectl delete pdb web')).toMatchObject({
      target: { kind: 'poddisruptionbudget' },
    });
  });

  it('parses label and annotate with removals', () => {
    expect(action('kubectl label node n1 team=a old-')).toEqual({
      kind: 'label',
      target: { kind: 'node', name: 'n1', namespace: 'default' },
      set: { team: 'a' },
      remove: ['old'],
    });
    expect(action('kubectl annotate pod web-1 karpenter.sh/do-not-disrupt=true')).toMatchObject({
      kind: 'annotate',
      set: { 'karpenter.sh/do-not-disrupt': 'true' },
    });
  });

  it('parses taints to add and to remove', () => {
    expect(action('kubectl taint nodes n1 dedicated=gpu:NoSchedule spot:NoExecute-')).toEqual({
      kind: 'taint',
      node: 'n1',
      add: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }],
      remove: [{ key: 'spot', effect: 'NoExecute' }],
    });
    expect(parseCommand('kubectl taint nodes n1 dedicated=gpu').ok).toBe(false);
  });

  it('parses cordon, drain, apply and helm', () => {
    expect(action('kubectl cordon node/n1')).toEqual({ kind: 'cordon', node: 'n1' });
    expect(action('kubectl drain n1 --ignore-daemonsets')).toEqual({ kind: 'drain', node: 'n1' });
    expect(action('kubectl apply -f spot-pool.yaml')).toEqual({
      kind: 'apply',
      ref: 'spot-pool.yaml',
    });
    expect(
      action('helm install karpenter oci://public.ecr.aws/karpenter/karpenter --version 1.14.1'),
    ).toEqual({
      kind: 'helm',
      op: 'install',
      version: '1.14.1',
    });
  });

  it('parses the simulated cloud events', () => {
    expect(action('interrupt ip-10-0-1-2.ec2.internal')).toEqual({
      kind: 'interrupt',
      node: 'ip-10-0-1-2.ec2.internal',
    });
    expect(action('ice m5.large --zone us-east-1a --capacity-type spot --for 5m')).toEqual({
      kind: 'ice',
      instanceType: 'm5.large',
      zone: 'us-east-1a',
      capacityType: 'spot',
      forMs: 300_000,
    });
  });

  it('answers an unknown command with an error and the supported list, without throwing', () => {
    const r = parseCommand('kubectl rollout restart deployment inflate');
    expect(r).toMatchObject({ ok: false, error: expect.stringContaining('rollout') });
    if (!r.ok) expect(r.supported).toBe(SUPPORTED_COMMANDS);
    expect(parseCommand('terraform apply').ok).toBe(false);
    expect(parseCommand('   ').ok).toBe(false);
  });
});

describe('durations', () => {
  it('reads Go durations and bare seconds', () => {
    expect(parseDuration('1m30s')).toBe(90_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('720h')).toBe(2_592_000_000);
    expect(parseDuration('30')).toBe(30_000);
    expect(parseDuration('1x')).toBeUndefined();
    expect(parseDuration('')).toBeUndefined();
  });

  it('prints compact durations', () => {
    expect(formatDuration(90_000)).toBe('1m30s');
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(3_600_000)).toBe('1h');
  });
});

describe('kubectl patch', () => {
  it('parses a merge patch of a NodePool, and a strategic one of a Deployment by default', () => {
    expect(
      action(`kubectl patch nodepool default --type merge -p '{"spec":{"limits":{"cpu":"4"}}}'`),
    ).toEqual({
      kind: 'patch',
      target: { kind: 'nodepool', name: 'default', namespace: 'default' },
      patch: { spec: { limits: { cpu: '4' } } },
      type: 'merge',
    });
    expect(action(`kubectl patch deploy/web --patch '{"spec":{"replicas":3}}'`)).toMatchObject({
      type: 'strategic',
      patch: { spec: { replicas: 3 } },
    });
  });

  it('refuses what the API server or this console cannot take, saying what to type', () => {
    const error = (line: string) => {
      const r = parseCommand(line);
      return r.ok ? undefined : r.error;
    };
    expect(error(`kubectl patch nodepool default -p '{"spec":{}}'`)).toBe(
      "kubectl patch: a nodepool is a custom resource, which takes no strategic merge patch (kubectl's default type): add --type merge",
    );
    expect(error('kubectl patch nodepool default --type merge')).toBe(
      "kubectl patch: -p '<json>' is required",
    );
    expect(error(`kubectl patch nodepool default --type json -p '[]'`)).toMatch(
      /--type json \(a list of operations\) is not simulated; use --type merge$/,
    );
    expect(error(`kubectl patch nodepool default --type merge -p '{spec: }'`)).toMatch(
      /^kubectl patch: the patch is not JSON: /,
    );
    expect(error(`kubectl patch nodepool default --type merge -p '[1]'`)).toMatch(
      /^kubectl patch: the patch must be a JSON object/,
    );
  });
});
