import { describe, expect, it } from 'vitest';
import {
  cronMatches,
  lastHit,
  parseCron,
  scheduleActive,
  SIM_EPOCH_MS,
  type Cron,
} from './cron.ts';

const H = 3_600_000;
const D = 24 * H;
const cron = (s: string): Cron => {
  const c = parseCron(s);
  if (typeof c === 'string') throw new Error(c);
  return c;
};

describe('cron › parsing', () => {
  it('pins simulation time 0 to Monday 2024-01-01 00:00 UTC', () => {
    expect(new Date(SIM_EPOCH_MS).toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(new Date(SIM_EPOCH_MS).getUTCDay()).toBe(1);
  });

  it('rejects a wrong field count and out-of-range values with a message', () => {
    expect(parseCron('* * *')).toMatch(/expected 5 fields/);
    expect(parseCron('61 * * * *')).toMatch(/out of range 0-59/);
    expect(parseCron('*/0 * * * *')).toMatch(/bad step/);
  });

  it('expands the @-macros', () => {
    expect(cronMatches(cron('@daily'), 0)).toBe(true);
    expect(cronMatches(cron('@daily'), H)).toBe(false);
    expect(cronMatches(cron('@hourly'), 5 * H)).toBe(true);
    expect(cronMatches(cron('@weekly'), 6 * D)).toBe(true); // Sunday 2024-01-07
    expect(cronMatches(cron('@monthly'), 31 * D)).toBe(true); // 2024-02-01
  });
});

describe('cron › matching', () => {
  it('matches lists, ranges, steps and day names', () => {
    const weekdays9 = cron('0 9 * * mon-fri');
    expect(cronMatches(weekdays9, 9 * H)).toBe(true); // Monday 09:00
    expect(cronMatches(weekdays9, 5 * D + 9 * H)).toBe(false); // Saturday
    expect(cronMatches(cron('*/15 * * * *'), 45 * 60_000)).toBe(true);
    expect(cronMatches(cron('*/15 * * * *'), 50 * 60_000)).toBe(false);
    expect(cronMatches(cron('0 0 * * 7'), 6 * D)).toBe(true); // 7 is Sunday too
  });

  it('ORs day-of-month and day-of-week when both are restricted', () => {
    const c = cron('0 0 15 * fri'); // the 15th, or any Friday
    expect(cronMatches(c, 4 * D)).toBe(true); // Friday 2024-01-05
    expect(cronMatches(c, 14 * D)).toBe(true); // Monday 2024-01-15
    expect(cronMatches(c, 2 * D)).toBe(false);
  });
});

describe('cron › active window', () => {
  it('is active for `duration` after each hit: (hit, hit + duration]', () => {
    const c = cron('0 9 * * *');
    expect(scheduleActive(c, 9 * H - 1, 8 * H)).toBe(false);
    expect(scheduleActive(c, 9 * H, 8 * H)).toBe(true);
    expect(scheduleActive(c, 17 * H - 1, 8 * H)).toBe(true);
    expect(scheduleActive(c, 17 * H, 8 * H)).toBe(false);
    expect(lastHit(c, D + 10 * H, 8 * H)).toBe(D + 9 * H);
  });
});
