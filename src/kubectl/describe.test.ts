import { describe, expect, it } from 'vitest';
import { runCommand } from './run.ts';
import { at, oneNodeForWeb, WEB_NODE } from './testing.ts';
import type { ConsoleContext } from './context.ts';

function out(line: string, ctx: ConsoleContext): string {
  const r = runCommand(line, ctx);
  if (r.error) throw new Error(r.error);
  return r.output;
}

/** The lines from "Events:" on. */
const events = (text: string): string[] =>
  text.split('\n').slice(text.split('\n').findIndex((l) => l.startsWith('Events:')));

describe('kubectl describe node', () => {
  it('aligns the header fields and lists labels one per line', () => {
    const lines = out(`kubectl describe node ${WEB_NODE}`, at(oneNodeForWeb(), 60_000)).split('\n');
    expect(lines.slice(0, 3)).toEqual([
      `Name:               ${WEB_NODE}`,
      'Roles:              <none>',
      'Labels:             karpenter.sh/capacity-type=on-demand',
    ]);
    expect(lines).toContain('CreationTimestamp:  Wed, 01 Jan 2025 00:00:30 +0000');
    expect(lines).toContain('Unschedulable:      false');
  });

  it('lists the pods on the node with their share of allocatable', () => {
    const text = out(`kubectl describe node ${WEB_NODE}`, at(oneNodeForWeb(), 60_000));
    expect(text).toContain('Non-terminated Pods:          (1 in total)');
    expect(text).toMatch(/ {2}default +web-1 +500m \(25%\) +0 \(0%\) +0 \(0%\) +0 \(0%\) +60s/);
    expect(text).toMatch(/ {2}cpu +500m \(25%\) +0 \(0%\)/);
  });

  it('ends with the node’s events up to the cursor, From the component that sent them', () => {
    expect(events(out(`kubectl describe node ${WEB_NODE}`, at(oneNodeForWeb(), 60_000)))).toEqual([
      'Events:',
      '  Type    Reason          Age   From             Message',
      '  ----    ------          ----  ----             -------',
      '  Normal  Starting        30s   kubelet          Starting kubelet.',
      `  Normal  RegisteredNode  30s   node-controller  Node ${WEB_NODE} event: Registered Node ${WEB_NODE} in Controller`,
      `  Normal  NodeReady       15s   kubelet          Node ${WEB_NODE} status is now: NodeReady`,
    ]);
    // "Events:" joins the column block of the lines above it, as in kubectl's own output.
    expect(events(out('kubectl describe nodepool default', at(oneNodeForWeb(), 40_000)))).toEqual([
      'Events:      <none>',
    ]);
  });
});

describe('kubectl describe pod', () => {
  it('shows a pending pod with the scheduler’s warning and Karpenter’s nomination', () => {
    const text = out('kubectl describe pod web-1', at(oneNodeForWeb(), 10_000));
    expect(text).toContain('Node:             <none>');
    expect(text).toContain('Status:           Pending');
    expect(text).not.toContain('Restart Count'); // no container status before scheduling
    expect(events(text)).toEqual([
      'Events:',
      '  Type     Reason            Age   From               Message',
      '  ----     ------            ----  ----               -------',
      '  Warning  FailedScheduling  10s   default-scheduler  no nodes available to schedule pods',
      '  Normal   Nominated         9s    karpenter          Pod should schedule on: nodeclaim/default-abcde',
    ]);
  });

  it('names the node and its address once bound', () => {
    const text = out('kubectl describe po web-1', at(oneNodeForWeb(), 60_000));
    expect(text).toContain(`Node:             ${WEB_NODE}/10.0.1.23`);
    expect(text).toMatch(
      / {4}State: +Running\n {6}Started: +Wed, 01 Jan 2025 00:00:47 \+0000\n {4}Ready: +True\n/,
    );
  });

  it('describes every pod whose name starts with the given prefix', () => {
    expect(out('kubectl describe pod web', at(oneNodeForWeb(), 60_000))).toContain(
      'Name:             web-1',
    );
  });
});

describe('kubectl describe for Karpenter’s kinds', () => {
  it('uses kubectl’s generic layout: sorted fields in title case, conditions, events', () => {
    const text = out('kubectl describe nodeclaim default-abcde', at(oneNodeForWeb(), 60_000));
    const lines = text.split('\n');
    expect(lines.slice(0, 2)).toEqual(['Name:         default-abcde', 'Namespace:    ']);
    expect(lines).toContain('API Version:  karpenter.sh/v1');
    expect(lines).toContain('Kind:         NodeClaim');
    expect(text).toContain(
      'Spec:\n  Node Class Ref:\n    Group:  karpenter.k8s.aws\n    Kind:   EC2NodeClass\n',
    );
    expect(text).toContain('  Resources:\n    Requests:\n      Cpu:   500m\n      Pods:  1\n');
    expect(lines).toContain(`  Node Name:               ${WEB_NODE}`); // aligned with the Conditions block above
    expect(events(text).slice(-1)).toEqual([
      '  Normal  Launched  57s   karpenter  Launched m5.large (on-demand) in us-east-1a at $0.0960/h',
    ]);
  });

  it('reports unknown names and unserved kinds like kubectl', () => {
    const ctx = at(oneNodeForWeb([], { installed: false }), 60_000);
    expect(runCommand('kubectl describe pod nope', ctx).error).toBe(
      'Error from server (NotFound): pods "nope" not found',
    );
    expect(runCommand('kubectl describe nodepool default', ctx).error).toBe(
      'error: the server doesn\'t have a resource type "nodepool"',
    );
  });
});
