// Frames on demand must be the frames: every frame a FrameSource builds, in any order the page asks
// for them, equals the one framesOf builds in a single pass, and the summaries are those frames
// without their cards.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  eventViews,
  FrameSource,
  framesOf,
  keepCursor,
  frameIndexAt,
  RECENT_EVENTS,
  recentEventsOf,
} from './frames.ts';
import type { EventView } from './view.ts';
import { prepareRun, simulateWorkspace } from './run.ts';
import { simulate, type Timeline } from '../sim/engine/index.ts';

const SEED_LAB = readFileSync(
  new URL('../../examples/seed-lab-scale-up-and-down.yaml', import.meta.url),
  'utf8',
);

function timelineOf(text: string) {
  return simulate(prepareRun(text, { file: 'w.yaml', seed: 1 }).input);
}

describe('FrameSource', () => {
  const timeline = timelineOf(SEED_LAB);
  const all = framesOf(timeline);

  it('has a summary per frame: the frame without its cards', () => {
    const source = new FrameSource(timeline);
    expect(source.summaries).toEqual(
      all.map(({ nodes: _n, pods: _p, events: _e, workloads: _w, ...summary }) => summary),
    );
    expect(all.length).toBeGreaterThan(10);
  });

  it('builds each frame as framesOf does, forwards, backwards and out of order', () => {
    const source = new FrameSource(timeline);
    const n = all.length;
    const order = [
      ...Array.from({ length: n }, (_, i) => i),
      ...Array.from({ length: n }, (_, i) => n - 1 - i),
      ...Array.from({ length: n }, (_, i) => (i * 7) % n),
    ];
    for (const i of order) expect(source.frame(i), `frame ${i}`).toEqual(all[i]);
    expect(source.frame(n)).toBeUndefined();
    expect(source.frame(-1)).toBeUndefined();
  });
});

describe('the result of a run', () => {
  it('carries the last frame whole on a first run, and the frame at a kept cursor after', () => {
    const first = simulateWorkspace(SEED_LAB, { file: 'w.yaml', seed: 1 }).result;
    const all = framesOf(timelineOf(SEED_LAB));
    expect(first.frames).toHaveLength(all.length);
    expect(first.shown).toEqual({ index: all.length - 1, frame: all.at(-1) });
    const t = all[5]?.time ?? 0;
    const again = simulateWorkspace(SEED_LAB, {
      file: 'w.yaml',
      seed: 1,
      cursor: { previousEnd: first.end, time: t },
    }).result;
    const index = frameIndexAt(first.frames, keepCursor(first.end, t, again.end));
    expect(again.shown).toEqual({ index, frame: all[index] });
    expect(index).toBe(5);
  });
});

/** What the Events panel listed when a result carried every event: the newest 200 of the prefix
 *  at or before t. */
function panelRows(all: readonly EventView[], t: number): EventView[] {
  let upTo = 0;
  while (upTo < all.length && (all[upTo]?.time ?? 0) <= t) upTo++;
  return all.slice(Math.max(0, upTo - RECENT_EVENTS), upTo);
}

describe('the events a frame carries', () => {
  it('are the newest at or before its moment, at most RECENT_EVENTS, oldest first', () => {
    // 3 Kubernetes events per second for 100 s, several at the same instant, other events between.
    const events = Array.from({ length: 300 }, (_, i) => {
      const time = Math.floor(i / 3) * 1000;
      const k8s = { type: 'Normal', reason: 'R', object: `pod/p-${i}`, message: '', time };
      return [
        { type: 'k8s', t: time, event: k8s },
        { type: 'progress', t: time, note: 'x' },
      ];
    }).flat();
    const timeline = { events } as unknown as Timeline;
    const all = eventViews(timeline);
    expect(all).toHaveLength(300);
    expect(all[1]?.index).toBe(2);
    const recent = recentEventsOf(timeline);
    for (const t of [-1, 0, 1, 999, 1000, 42_500, 66_000, 66_999, 99_000, 1e9])
      expect(recent(t), `t=${t}`).toEqual(panelRows(all, t));
    expect(recent(1e9)).toHaveLength(RECENT_EVENTS);
    expect(recentEventsOf({ events: [] } as unknown as Timeline)(5)).toEqual([]);
  });

  it('lists a NodeClaim that Create refused as a row from Karpenter’s log', () => {
    const refused = {
      type: 'nodeclaim.refused',
      t: 5_000,
      nodePool: 'default',
      pods: [],
      resource: 'cpu',
      usage: 8_000,
      limit: 4_000,
      disruption: {
        reason: 'Underutilized',
        nodes: ['ip-1'],
        pods: 1,
        instanceTypes: [],
        capacityTypes: [],
      },
    };
    const timeline = { events: [refused] } as unknown as Timeline;
    expect(eventViews(timeline)).toEqual([]);
    expect(recentEventsOf(timeline)(5_000)).toEqual([
      {
        index: 0,
        time: 5_000,
        type: 'Warning',
        reason: 'Reconciler error',
        object: 'nodepool/default',
        message:
          'replacement for ip-1 not created: creating node claim, resource usage exceeds limit (NodePool=default, resource-name=cpu, usage=8, limit=4)',
        log: true,
      },
    ]);
  });

  it('in every frame of a run, as the panel cut them from the whole list', () => {
    const timeline = timelineOf(SEED_LAB);
    const all = eventViews(timeline);
    expect(all.length).toBeGreaterThan(10);
    for (const f of framesOf(timeline)) expect(f.events).toEqual(panelRows(all, f.time));
  });
});
