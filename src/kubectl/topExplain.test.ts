// `kubectl top` from requests (metricsutil/metrics_printer.go columns) and `kubectl explain` from
// the workspace schemas (explain/v2 plaintext.tmpl layout).
import { describe, expect, it } from 'vitest';
import { GiB, MiB } from '../sim/quantity.ts';
import { runCommand } from './run.ts';
import { at, nodeRec, podRec, timelineOf } from './testing.ts';
import { TOP_NOTE } from './top.ts';

function cluster() {
  const a = { ...podRec('web-1', { cpu: '500m' }), requests: { cpu: 500, memory: 512 * MiB } };
  const b = { ...podRec('web-2'), requests: { cpu: 1500, memory: 1 * GiB } };
  const c = { ...podRec('api-1', { namespace: 'shop' }), requests: { cpu: 250, memory: 0 } };
  const pending = podRec('web-3');
  return timelineOf([
    { t: 0, type: 'node.registered', node: nodeRec('node-a', { ready: true }) },
    { t: 0, type: 'node.registered', node: nodeRec('node-b', { ready: false }) },
    ...[a, b, c, pending].map((pod) => ({ t: 0, type: 'pod.created' as const, pod })),
    ...[a, b, c].flatMap((p) => [
      { t: 1_000, type: 'pod.bound' as const, pod: p.key, node: 'node-a' },
      { t: 2_000, type: 'pod.running' as const, pod: p.key },
    ]),
  ]);
}

describe('kubectl top', () => {
  const ctx = at(cluster(), 60_000);

  it('top nodes: requests as CPU(cores)/MEMORY(bytes) and % of allocatable; no metrics yet for a NotReady node', () => {
    const r = runCommand('kubectl top nodes', ctx);
    expect(r.output).toBe(
      [
        'NAME     CPU(cores)   CPU(%)      MEMORY(bytes)   MEMORY(%)',
        'node-a   2250m        116%        1536Mi          21%',
        'node-b   <unknown>    <unknown>   <unknown>       <unknown>',
      ].join('\n'),
    );
    expect(r.note).toBe(TOP_NOTE);
    expect(runCommand('kubectl top nodes --show-capacity --no-headers', ctx).output).toBe(
      [
        'node-a   2250m       112%        1536Mi      18%',
        'node-b   <unknown>   <unknown>   <unknown>   <unknown>',
      ].join('\n'),
    );
  });

  it('top pods: running pods only, sortable by cpu or memory, -A adds NAMESPACE', () => {
    expect(runCommand('kubectl top pods --sort-by=memory', ctx).output).toBe(
      [
        'NAME    CPU(cores)   MEMORY(bytes)',
        'web-2   1500m        1024Mi',
        'web-1   500m         512Mi',
      ].join('\n'),
    );
    expect(runCommand('kubectl top po -A --no-headers -l app=api', ctx).output).toBe(
      'shop   api-1   250m   0Mi',
    );
    expect(runCommand('kubectl top pods --sort-by=name', ctx).error).toBe(
      'error: --sort-by accepts only cpu or memory',
    );
    expect(runCommand('kubectl top node nope', ctx).error).toBe(
      'Error from server (NotFound): nodemetrics.metrics.k8s.io "nope" not found',
    );
  });
});

describe('kubectl explain', () => {
  const ctx = at(cluster(), 0);

  it('explains a field in kubectl’s layout: GROUP/KIND/VERSION, FIELD, DESCRIPTION, FIELDS', () => {
    const text = runCommand('kubectl explain nodepool.spec.disruption.budgets', ctx).output;
    expect(text).toBe(
      [
        'GROUP:      karpenter.sh',
        'KIND:       NodePool',
        'VERSION:    v1',
        '',
        'FIELD: budgets <[]Object>',
        '',
        '',
        'DESCRIPTION:',
        '    Disruption budgets; the most restrictive active one wins.',
        '    ',
        'FIELDS:',
        '  duration\t<string>',
        '    How long the budget stays active after each schedule hit.',
        '',
        '  nodes\t<string> -required-',
        '    How many nodes may be disrupted at once: a count or a percentage.',
        '',
        '  reasons\t<[]string>',
        '    Limit the budget to these disruption reasons.',
        '',
        '  schedule\t<string>',
        '    When the budget becomes active (cron, UTC).',
      ].join('\n'),
    );
  });

  it('lists enum values and leaves out GROUP for core kinds', () => {
    expect(runCommand('kubectl explain nodepool.spec.disruption', ctx).output).toContain(
      '  consolidationPolicy\t<string>\n  enum: WhenEmpty, WhenEmptyOrUnderutilized',
    );
    expect(runCommand('kubectl explain pods', ctx).output.split('\n').slice(0, 3)).toEqual([
      'KIND:       Pod',
      'VERSION:    v1',
      '',
    ]);
  });

  it('describes the disruption block instead of printing <empty>', () => {
    const out = runCommand('kubectl explain nodepool.spec.disruption', ctx).output;
    expect(out).not.toContain('<empty>');
    expect(out).toMatch(/DESCRIPTION:\n {4}When and how fast Karpenter may disrupt/);
  });

  it('says which field does not exist, and which kinds it has no schema for', () => {
    expect(runCommand('kubectl explain nodepool.spec.nope', ctx).error).toBe(
      'error: field "nope" does not exist',
    );
    expect(runCommand('kubectl explain widgets', ctx).error).toBe(
      'error: the server doesn\'t have a resource type "widgets"',
    );
    expect(runCommand('kubectl explain nodeclaims', ctx).error).toMatch(
      /^error: the console has no schema for NodeClaim/,
    );
  });

  it('--recursive prints the field tree without descriptions', () => {
    expect(
      runCommand('kubectl explain nodepool.spec.disruption --recursive', ctx).output,
    ).toContain(
      [
        'FIELDS:',
        '  budgets\t<[]Object>',
        '    duration\t<string>',
        '    nodes\t<string> -required-',
      ].join('\n'),
    );
    for (const kind of ['pods', 'deployments', 'nodepools', 'ec2nodeclasses', 'pdb', 'nodes'])
      expect(runCommand(`kubectl explain ${kind} --recursive`, ctx).error).toBeUndefined();
  });
});
