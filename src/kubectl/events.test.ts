// Events as kubectl shows them, from raw timeline events: repeats aggregated per object + source +
// type + reason + message (client-go's event correlator), with the reporting component.
// Layouts: printers.go printEvent (get events), kubectl/pkg/cmd/events (kubectl events),
// describe.go DescribeEvents (describe's Events table).
import { describe, expect, it } from 'vitest';
import { followLines, runCommand } from './run.ts';
import { at, k8s, oneNodeForWeb, WEB_NODE } from './testing.ts';
import type { ConsoleContext } from './context.ts';

function out(line: string, ctx: ConsoleContext): string {
  const r = runCommand(line, ctx);
  if (r.error) throw new Error(r.error);
  return r.output;
}

// kube-scheduler retries web-1 three more times with the same answer before Karpenter's node is up;
// Karpenter also reports that it could not place web-2 (its own FailedScheduling).
const SCHEDULER = 'no nodes available to schedule pods';
const repeated = oneNodeForWeb([
  k8s(50_000, 'Warning', 'FailedScheduling', 'pod/default/web-1', SCHEDULER),
  k8s(60_000, 'Warning', 'FailedScheduling', 'pod/default/web-1', SCHEDULER),
  k8s(120_000, 'Warning', 'FailedScheduling', 'pod/default/web-1', SCHEDULER),
  k8s(
    130_000,
    'Warning',
    'FailedScheduling',
    'pod/default/web-1',
    'Failed to schedule pod, incompatible with nodepool "default"',
  ),
]);
const ctx = at(repeated, 180_000);

/** A table's cells, cut where the header's columns start (empty cells stay empty). */
function cells(text: string): string[][] {
  const [header = '', ...rows] = text.split('\n');
  const starts = [...header.matchAll(/\S+( \S+)*/g)].map((m) => m.index);
  return [header, ...rows].map((r) =>
    starts.map((s, i) => r.slice(s, starts[i + 1] ?? r.length).trim()),
  );
}

describe('events', () => {
  it('get events: one row per aggregated Event, LAST SEEN its last time, in the API server’s name order', () => {
    expect(out('kubectl get events', ctx)).toBe(
      [
        'LAST SEEN   TYPE      REASON             OBJECT                           MESSAGE',
        '2m57s       Normal    Launched           nodeclaim/default-abcde          Launched m5.large (on-demand) in us-east-1a at $0.0960/h',
        `2m15s       Normal    NodeReady          node/${WEB_NODE}   Node ${WEB_NODE} status is now: NodeReady`,
        `60s         Warning   FailedScheduling   pod/web-1                        ${SCHEDULER}`,
        '2m59s       Normal    Nominated          pod/web-1                        Pod should schedule on: nodeclaim/default-abcde',
        `2m15s       Normal    Scheduled          pod/web-1                        Successfully assigned default/web-1 to ${WEB_NODE}`,
        '50s         Warning   FailedScheduling   pod/web-1                        Failed to schedule pod, incompatible with nodepool "default"',
      ].join('\n'),
    );
  });

  it('get events -o wide adds SOURCE, FIRST SEEN and COUNT', () => {
    const rows = cells(
      out('kubectl get events -o wide --field-selector reason=FailedScheduling', ctx),
    );
    expect(rows.map((r) => [r[0], r[5], r[7], r[8]])).toEqual([
      ['LAST SEEN', 'SOURCE', 'FIRST SEEN', 'COUNT'],
      ['60s', 'default-scheduler', '3m', '4'],
      ['50s', 'karpenter', '50s', '1'],
    ]);
  });

  it('kubectl events: newest last, "(x4 over 3m)" for repeats, Kind/name objects', () => {
    expect(out('kubectl events --for pod/web-1', ctx)).toBe(
      [
        'LAST SEEN          TYPE      REASON             OBJECT      MESSAGE',
        '2m59s              Normal    Nominated          Pod/web-1   Pod should schedule on: nodeclaim/default-abcde',
        `2m15s              Normal    Scheduled          Pod/web-1   Successfully assigned default/web-1 to ${WEB_NODE}`,
        `60s (x4 over 3m)   Warning   FailedScheduling   Pod/web-1   ${SCHEDULER}`,
        '50s                Warning   FailedScheduling   Pod/web-1   Failed to schedule pod, incompatible with nodepool "default"',
      ].join('\n'),
    );
  });

  it('counts only the repeats up to the cursor', () => {
    expect(out('kubectl events --types=Warning', at(repeated, 70_000))).toBe(
      [
        'LAST SEEN           TYPE      REASON             OBJECT      MESSAGE',
        `10s (x3 over 70s)   Warning   FailedScheduling   Pod/web-1   ${SCHEDULER}`,
      ].join('\n'),
    );
  });

  it('describe names who reported each event and aggregates repeats', () => {
    const events = out('kubectl describe pod web-1', ctx).split('Events:\n')[1];
    expect(events).toBe(
      [
        '  Type     Reason            Age               From               Message',
        '  ----     ------            ----              ----               -------',
        '  Normal   Nominated         2m59s             karpenter          Pod should schedule on: nodeclaim/default-abcde',
        `  Normal   Scheduled         2m15s             default-scheduler  Successfully assigned default/web-1 to ${WEB_NODE}`,
        `  Warning  FailedScheduling  60s (x4 over 3m)  default-scheduler  ${SCHEDULER}`,
        '  Warning  FailedScheduling  50s               karpenter          Failed to schedule pod, incompatible with nodepool "default"',
      ].join('\n'),
    );
  });

  it('filters by type and source, and says when there are none', () => {
    expect(
      out('kubectl get events --field-selector source=karpenter,type=Warning --no-headers', ctx),
    ).toBe(
      '50s   Warning   FailedScheduling   pod/web-1   Failed to schedule pod, incompatible with nodepool "default"',
    );
    expect(runCommand('kubectl events -n kube-system', ctx)).toEqual({
      output: '',
      error: 'No events found in kube-system namespace.',
    });
    expect(runCommand('kubectl events --types=Info', ctx).error).toBe(
      'error: valid --types are Normal or Warning',
    );
    expect(runCommand('kubectl events --for web-1', ctx).error).toBe(
      'error: --for must be in resource/name form',
    );
  });

  it('-o yaml carries count, first and last timestamps and the source', () => {
    const yaml = out(
      'kubectl get events --field-selector involvedObject.name=web-1,source=default-scheduler,reason=FailedScheduling -o yaml',
      ctx,
    );
    expect(yaml).toContain('count: 4');
    expect(yaml).toContain('firstTimestamp: "2025-01-01T00:00:00Z"');
    expect(yaml).toContain('lastTimestamp: "2025-01-01T00:02:00Z"');
    expect(yaml).toContain('component: default-scheduler');
  });

  it('kubectl events -w prints each new occurrence with its count then', () => {
    const r = runCommand('kubectl events --types Warning -w', at(repeated, 55_000));
    expect(r.watch?.kind).toBe('events');
    if (!r.watch) throw new Error('no follow');
    const more = followLines(r.watch, repeated, 55_000, 180_000);
    expect(more.lines).toEqual([
      `0s (x3 over 60s)   Warning   FailedScheduling   Pod/web-1   ${SCHEDULER}`,
      `0s (x4 over 2m)    Warning   FailedScheduling   Pod/web-1   ${SCHEDULER}`,
      '0s                 Warning   FailedScheduling   Pod/web-1   Failed to schedule pod, incompatible with nodepool "default"',
    ]);
  });
});
