import { describe, expect, it } from 'vitest';
import { simulate } from '../sim/engine/index.ts';
import { deployment, nodePool, provisioner } from '../sim/engine/testing.ts';
import { karpenterDisruption } from '../sim/disruption/controller.ts';
import { runCommand, followLines } from './run.ts';
import { at, lab, noKarpenterLab, scaleUpLab } from './testing.ts';

type LogLine = Record<string, unknown> & {
  message: string;
  level: string;
  controller: string;
  time: string;
};

function logs(line: string, ctx: ReturnType<typeof at>): LogLine[] {
  const r = runCommand(line, ctx);
  if (r.error) throw new Error(r.error);
  return r.output === '' ? [] : r.output.split('\n').map((l) => JSON.parse(l) as LogLine);
}

describe('kubectl logs -n karpenter deploy/karpenter', () => {
  it('tells the scale-up story in Karpenter’s own messages, in order', () => {
    const tl = scaleUpLab();
    const lines = logs('kubectl logs -n karpenter deploy/karpenter', at(tl, tl.end));
    expect(lines.map((l) => l.message)).toEqual([
      'found provisionable pod(s)',
      'computed new nodeclaim(s) to fit pod(s)',
      'created nodeclaim',
      'launched nodeclaim',
      'registered nodeclaim',
      'initialized nodeclaim',
    ]);
    expect(lines.every((l) => l.level === 'INFO' && l.logger === 'controller')).toBe(true);
  });

  it('carries the fields the real lines carry, matching the timeline', () => {
    const tl = scaleUpLab();
    const claim = [...tl.final.nodeClaims.values()][0];
    const node = [...tl.final.nodes.values()][0];
    const byMessage = new Map(
      logs('kubectl logs -n karpenter deploy/karpenter', at(tl, tl.end)).map((l) => [l.message, l]),
    );
    expect(byMessage.get('computed new nodeclaim(s) to fit pod(s)')).toMatchObject({
      controller: 'provisioner',
      nodeclaims: 1,
      pods: 3,
    });
    expect(byMessage.get('created nodeclaim')).toMatchObject({
      NodePool: { name: 'default' },
      NodeClaim: { name: claim?.name },
      'instance-types': claim?.instanceTypes.join(', '),
    });
    expect(byMessage.get('launched nodeclaim')).toMatchObject({
      controller: 'nodeclaim.lifecycle',
      'instance-type': claim?.launch?.instanceType,
      zone: claim?.launch?.zone,
      'capacity-type': claim?.launch?.capacityType,
    });
    expect(byMessage.get('registered nodeclaim')).toMatchObject({ Node: { name: node?.name } });
    expect(byMessage.get('launched nodeclaim')?.time).toBe(
      new Date(Date.UTC(2025, 0, 1) + (claim?.launchedAt ?? 0)).toISOString(),
    );
  });

  it('shows only what happened up to the cursor, and the last N lines with --tail', () => {
    const tl = scaleUpLab();
    const launched = [...tl.final.nodeClaims.values()][0]?.launchedAt ?? 0;
    expect(
      logs('kubectl logs -n karpenter deploy/karpenter', at(tl, launched))
        .map((l) => l.message)
        .pop(),
    ).toBe('launched nodeclaim');
    expect(
      logs('kubectl logs deploy/karpenter -n karpenter --tail=2', at(tl, tl.end)).map(
        (l) => l.message,
      ),
    ).toEqual(['registered nodeclaim', 'initialized nodeclaim']);
  });

  it('keeps only the lines of the last --since duration', () => {
    const tl = scaleUpLab();
    const all = logs('kubectl logs -n karpenter deploy/karpenter', at(tl, tl.end));
    const recent = logs('kubectl logs -n karpenter deploy/karpenter --since=20s', at(tl, tl.end));
    const cutoff = new Date(Date.UTC(2025, 0, 1) + tl.end - 20_000).toISOString();
    expect(recent).toEqual(all.filter((l) => l.time > cutoff));
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.length).toBeLessThan(all.length);
    expect(runCommand('kubectl logs deploy/karpenter --since=soon', at(tl, tl.end)).error).toBe(
      'error: invalid argument "soon" for "--since" flag: time: invalid duration "soon"',
    );
  });

  it('logs a pod Karpenter cannot place as an ERROR with its reason', () => {
    const tl = simulate({
      objects: lab({}, nodePool('default'), deployment('huge', { cpu: '512' })),
    });
    const errors = logs('kubectl logs -n karpenter deploy/karpenter', at(tl, tl.end)).filter(
      (l) => l.level === 'ERROR',
    );
    expect(errors[0]).toMatchObject({
      message: 'could not schedule pod',
      controller: 'provisioner',
    });
    expect(String(errors[0]?.error)).toMatch(/incompatible|resources|instance type/i);
  });

  it('logs consolidation: disrupting node(s), then the node’s termination', () => {
    const tl = simulate({
      objects: lab(
        { actions: [{ at: '2m', run: 'kubectl scale deployment inflate --replicas=0' }] },
        nodePool('default'),
        deployment('inflate', { replicas: 3 }),
      ),
      disruption: karpenterDisruption(),
    });
    const lines = logs('kubectl logs -n karpenter deploy/karpenter', at(tl, tl.end));
    const after = lines.slice(lines.findIndex((l) => l.message === 'disrupting node(s)'));
    expect(after.map((l) => l.message)).toEqual([
      'disrupting node(s)',
      'tainted node',
      'deleted node',
      'deleted nodeclaim',
    ]);
    expect(after[0]).toMatchObject({
      controller: 'disruption',
      reason: 'empty',
      decision: 'delete',
      'disrupted-node-count': 1,
    });
    expect(after[1]).toMatchObject({
      'taint.Key': 'karpenter.sh/disrupted',
      'taint.Effect': 'NoSchedule',
    });
  });

  it('speaks of machines under v1alpha5 (Karpenter v0.31)', () => {
    const tl = simulate({
      objects: lab(
        { karpenter: { version: 'v0.31' } },
        provisioner('default', { providerRef: { name: 'default' } }),
        deployment('inflate', { replicas: 1 }),
      ),
    });
    const messages = logs('kubectl logs -n karpenter deploy/karpenter', at(tl, tl.end)).map(
      (l) => l.message,
    );
    expect(messages).toContain('computed new machine(s) to fit pod(s)');
    expect(messages).toContain('launched machine');
  });

  it('also answers to the chart’s label selector, as the Karpenter docs type it', () => {
    const tl = scaleUpLab();
    const ctx = at(tl, tl.end);
    expect(
      runCommand('kubectl logs -n karpenter -l app.kubernetes.io/name=karpenter -c controller', ctx)
        .output,
    ).toBe(runCommand('kubectl logs -n karpenter deploy/karpenter', ctx).output);
  });

  it('is NotFound while Karpenter is not installed', () => {
    const tl = noKarpenterLab();
    expect(runCommand('kubectl logs -n karpenter deploy/karpenter', at(tl, tl.end)).error).toBe(
      'Error from server (NotFound): deployments.apps "karpenter" not found',
    );
  });

  it('follows (-f): later lines arrive as the cursor moves on', () => {
    const tl = scaleUpLab();
    const claim = [...tl.final.nodeClaims.values()][0];
    const r = runCommand('kubectl logs -f -n karpenter deploy/karpenter', at(tl, 2_000));
    expect(r.watch).toEqual({ kind: 'logs' });
    if (!r.watch) return;
    const next = followLines(r.watch, tl, 2_000, claim?.registeredAt ?? 0);
    expect(next.lines.map((l) => (JSON.parse(l) as LogLine).message)).toEqual([
      'launched nodeclaim',
      'registered nodeclaim',
    ]);
  });

  it('prints nothing for an application pod (the lab’s containers log nothing)', () => {
    const tl = scaleUpLab();
    const pod = [...tl.final.pods.values()][0];
    expect(runCommand(`kubectl logs ${pod?.pod.metadata.name ?? ''}`, at(tl, tl.end))).toEqual({
      output: '',
    });
    expect(runCommand('kubectl logs nope', at(tl, tl.end)).error).toBe(
      'Error from server (NotFound): pods "nope" not found',
    );
  });
});
