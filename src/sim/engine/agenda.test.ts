import { describe, expect, it } from 'vitest';
import { Agenda } from './agenda.ts';
import { mulberry32 } from '../random.ts';

describe('agenda', () => {
  it('runs tasks by time, and same-time tasks in the order they were scheduled', () => {
    const a = new Agenda();
    const rng = mulberry32(7);
    const expected: [number, number][] = [];
    for (let i = 0; i < 500; i++) {
      const t = Math.floor(rng() * 50);
      expected.push([t, i]);
      a.push(t, `task-${i}`, () => {});
    }
    expected.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    const got: [number, number][] = [];
    for (let task = a.pop(); task; task = a.pop()) got.push([task.t, task.seq]);
    expect(got).toEqual(expected);
  });

  it('counts only live tasks as work left to do', () => {
    const a = new Agenda();
    a.push(10, 'poll', () => {}, false);
    a.push(5, 'launch', () => {});
    expect(a.live).toBe(1);
    a.pop();
    expect(a.live).toBe(0);
    expect(a.size).toBe(1);
  });
});
