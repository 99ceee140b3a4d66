// Budget schedules as Karpenter reads them. The robfig cases are translated from robfig/cron v3.0.1
// (the version Karpenter vendors), file and test name in each block; the six-field TestNext cases
// are rewritten with their seconds field (always 0 there) dropped, as ParseStandard takes five.
import { describe, expect, it } from 'vitest';
import {
  cronMatches,
  nextHit,
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
/** "Mon Jul 9 15:00 2012" (UTC) → simulation ms. */
const at = (text: string): number => {
  const m = /^\w{3} (\w{3}) (\d+) (\d+):(\d+)(?::(\d+))? (\d{4})$/.exec(text);
  if (!m) throw new Error(text);
  const month = 'JanFebMarAprMayJunJulAugSepOctNovDec'.indexOf(m[1] as string) / 3;
  return (
    Date.UTC(Number(m[6]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5] ?? 0)) -
    SIM_EPOCH_MS
  );
};

describe('cron › parsing', () => {
  it('pins simulation time 0 to Monday 2024-01-01 00:00 UTC', () => {
    expect(new Date(SIM_EPOCH_MS).toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(new Date(SIM_EPOCH_MS).getUTCDay()).toBe(1);
  });

  // robfig/cron v3.0.1 spec_test.go TestErrors, parser_test.go TestStandardSpecSchedule and
  // TestParseScheduleErrors (the standard-parser rows).
  it.each([
    ['xyz', /expected exactly 5 fields/],
    ['60 0 * * *', /above maximum \(59\)/],
    ['0 60 * * *', /above maximum \(23\)/],
    ['0 0 * * XYZ', /failed to parse int from XYZ/],
    ['5 j * * *', /failed to parse int from/],
    ['* * * *', /expected exactly 5 fields/],
    ['', /empty spec string/],
    ['@unrecognized', /unrecognized descriptor/],
    // spec_test.go TestSlash0NoHang
    ['15/0 * * * *', /step of range should be a positive number/],
  ])('rejects %j as robfig does', (spec, message) => {
    expect(parseCron(spec)).toMatch(message);
  });

  // robfig/cron v3.0.1 parser_test.go TestRange, through the minute field (0-59) or the
  // day-of-month field (1-31) where the case needs a minimum above 0.
  it.each([
    ['5', [5]],
    ['5-5', [5]],
    ['5-6', [5, 6]],
    ['5-7/2', [5, 7]],
    ['5-7/1', [5, 6, 7]],
    ['5-6/2', [5]],
    ['55/2', [55, 57, 59]],
  ])('TestRange: %s', (expr, values) => {
    expect([...cron(`${expr} * * * *`).minute.values]).toEqual(values);
  });

  it.each([
    ['5--5', /too many hyphens/],
    ['jan-x', /failed to parse int from/],
    ['2-x', /failed to parse int from/],
    ['*/-12', /negative number/],
    ['*//2', /too many slashes/],
    ['5-3', /beyond end of range/],
    ['*/0', /should be a positive number/],
  ])('TestRange error: %s', (expr, message) => {
    expect(parseCron(`${expr} * * * *`)).toMatch(message);
  });

  it('TestRange: "*" is every value plus the star bit, "*/2" drops the star bit, "*/1" keeps it', () => {
    expect(cron('* * * * *').minute).toMatchObject({ star: true });
    expect(cron('*/2 * * * *').minute.star).toBe(false);
    expect(cron('*/1 * * * *').minute.star).toBe(true);
    expect(cron('* * 1/2 * *').dom.star).toBe(false);
    expect(parseCron('* * 0 * *')).toMatch(/below minimum \(1\)/);
  });

  it('TestField: lists of ranges and steps', () => {
    expect([...cron('1,5-7/2,3 * * * *').minute.values].sort((a, b) => a - b)).toEqual([
      1, 3, 5, 7,
    ]);
  });

  it('has no day 7: robfig bounds day-of-week to 0-6 (Karpenter fails such a budget closed)', () => {
    expect(parseCron('0 0 * * 7')).toMatch(/end of range \(7\) above maximum \(6\)/);
    expect(parseCron('0 0 * * 5-7')).toMatch(/above maximum \(6\)/);
  });

  it('reads the descriptors case-sensitively, like robfig', () => {
    expect(cronMatches(cron('@daily'), 0)).toBe(true);
    expect(cronMatches(cron('@daily'), H)).toBe(false);
    expect(cronMatches(cron('@hourly'), 5 * H)).toBe(true);
    expect(cronMatches(cron('@weekly'), 6 * D)).toBe(true); // Sunday 2024-01-07
    expect(cronMatches(cron('@monthly'), 31 * D)).toBe(true); // 2024-02-01
    expect(parseCron('@DAILY')).toMatch(/unrecognized descriptor: @DAILY/);
    expect(parseCron('@every 5m')).toMatch(/unrecognized descriptor/);
  });
});

describe('cron › matching (robfig/cron v3.0.1 spec_test.go TestActivation)', () => {
  it.each([
    // Every fifteen minutes.
    ['Mon Jul 9 15:00 2012', '0/15 * * * *', true],
    ['Mon Jul 9 15:45 2012', '0/15 * * * *', true],
    ['Mon Jul 9 15:40 2012', '0/15 * * * *', false],
    // Every fifteen minutes, starting at 5 minutes.
    ['Mon Jul 9 15:05 2012', '5/15 * * * *', true],
    ['Mon Jul 9 15:20 2012', '5/15 * * * *', true],
    ['Mon Jul 9 15:50 2012', '5/15 * * * *', true],
    // Named months
    ['Sun Jul 15 15:00 2012', '0/15 * * Jul *', true],
    ['Sun Jul 15 15:00 2012', '0/15 * * Jun *', false],
    // Everything set.
    ['Sun Jul 15 08:30 2012', '30 08 ? Jul Sun', true],
    ['Sun Jul 15 08:30 2012', '30 08 15 Jul ?', true],
    ['Mon Jul 16 08:30 2012', '30 08 ? Jul Sun', false],
    ['Mon Jul 16 08:30 2012', '30 08 15 Jul ?', false],
    // Predefined schedules
    ['Mon Jul 9 15:00 2012', '@hourly', true],
    ['Mon Jul 9 15:04 2012', '@hourly', false],
    ['Mon Jul 9 15:00 2012', '@daily', false],
    ['Mon Jul 9 00:00 2012', '@daily', true],
    ['Mon Jul 9 00:00 2012', '@weekly', false],
    ['Sun Jul 8 00:00 2012', '@weekly', true],
    ['Sun Jul 8 01:00 2012', '@weekly', false],
    ['Sun Jul 8 00:00 2012', '@monthly', false],
    ['Sun Jul 1 00:00 2012', '@monthly', true],
    // Test interaction of DOW and DOM. If both are restricted, then only one needs to match.
    ['Sun Jul 15 00:00 2012', '* * 1,15 * Sun', true],
    ['Fri Jun 15 00:00 2012', '* * 1,15 * Sun', true],
    ['Wed Aug 1 00:00 2012', '* * 1,15 * Sun', true],
    ['Sun Jul 15 00:00 2012', '* * */10 * Sun', true], // verifies #70
    // However, if one has a star, then both need to match.
    ['Sun Jul 15 00:00 2012', '* * * * Mon', false],
    ['Mon Jul 9 00:00 2012', '* * 1,15 * *', false],
    ['Sun Jul 15 00:00 2012', '* * 1,15 * *', true],
    ['Sun Jul 15 00:00 2012', '* * */2 * Sun', true],
  ])('%s, %s → %s', (time, spec, expected) => {
    // TestActivation asks Next(time − 1s) == time.
    expect(nextHit(cron(spec), at(time) - 1000) === at(time)).toBe(expected);
    expect(cronMatches(cron(spec), at(time))).toBe(expected);
  });

  it('"*/1" in the day-of-week field is a star: with a restricted day of month, only those days fire (issue 16)', () => {
    const c = cron('0 0 1,15 * */1');
    expect(cronMatches(c, at('Sun Jul 15 00:00 2012'))).toBe(true);
    expect(cronMatches(c, at('Mon Jul 9 00:00 2012'))).toBe(false); // was true: fired daily
    expect(nextHit(c, at('Mon Jul 9 00:00 2012'))).toBe(at('Sun Jul 15 00:00 2012'));
    // "*/2" is a restriction (robfig clears the star bit for steps above 1): either day may match.
    expect(cronMatches(cron('0 0 1,15 * */2'), at('Tue Jul 10 00:00 2012'))).toBe(true);
  });
});

describe('cron › next hit (robfig/cron v3.0.1 spec_test.go TestNext, UTC rows)', () => {
  it.each([
    ['Mon Jul 9 14:45 2012', '0/15 * * * *', 'Mon Jul 9 15:00 2012'],
    ['Mon Jul 9 14:59 2012', '0/15 * * * *', 'Mon Jul 9 15:00 2012'],
    ['Mon Jul 9 14:59:59 2012', '0/15 * * * *', 'Mon Jul 9 15:00 2012'],
    // Wrap around hours
    ['Mon Jul 9 15:45 2012', '20-35/15 * * * *', 'Mon Jul 9 16:20 2012'],
    // Wrap around days
    ['Mon Jul 9 23:46 2012', '*/15 * * * *', 'Tue Jul 10 00:00 2012'],
    ['Mon Jul 9 23:45 2012', '20-35/15 * * * *', 'Tue Jul 10 00:20 2012'],
    // Wrap around months
    ['Mon Jul 9 23:35 2012', '0 0 9 Apr-Oct ?', 'Thu Aug 9 00:00 2012'],
    ['Mon Jul 9 23:35 2012', '0 0 */5 Apr,Aug,Oct Mon', 'Tue Aug 1 00:00 2012'],
    ['Mon Jul 9 23:35 2012', '0 0 */5 Oct Mon', 'Mon Oct 1 00:00 2012'],
    // Wrap around years
    ['Mon Jul 9 23:35 2012', '0 0 * Feb Mon', 'Mon Feb 4 00:00 2013'],
    ['Mon Jul 9 23:35 2012', '0 0 * Feb Mon/2', 'Fri Feb 1 00:00 2013'],
    // Wrap around minute, hour, day, month, and year
    ['Mon Dec 31 23:59:45 2012', '* * * * *', 'Tue Jan 1 00:00:00 2013'],
    // Leap year
    ['Mon Jul 9 23:35 2012', '0 0 29 Feb ?', 'Mon Feb 29 00:00 2016'],
  ])('from %s, %s → %s', (from, spec, expected) => {
    expect(nextHit(cron(spec), at(from))).toBe(at(expected));
  });

  it('Unsatisfiable: no hit within five years is the zero time (undefined)', () => {
    expect(nextHit(cron('0 0 30 Feb ?'), at('Mon Jul 9 23:35 2012'))).toBeUndefined();
    expect(nextHit(cron('0 0 31 Apr ?'), at('Mon Jul 9 23:35 2012'))).toBeUndefined();
  });
});

describe('cron › active window (Budget.IsActive)', () => {
  it('is active for `duration` after each hit: (hit, hit + duration]', () => {
    const c = cron('0 9 * * *');
    expect(scheduleActive(c, 9 * H - 1, 8 * H)).toBe(false);
    expect(scheduleActive(c, 9 * H, 8 * H)).toBe(true);
    expect(scheduleActive(c, 17 * H - 1, 8 * H)).toBe(true);
    expect(scheduleActive(c, 17 * H, 8 * H)).toBe(false);
    expect(scheduleActive(c, D + 10 * H, 8 * H)).toBe(true);
  });

  it('treats a schedule that never fires as always active, as Karpenter does (zero time is not after now)', () => {
    expect(scheduleActive(cron('0 0 30 2 *'), 5 * H, 1 * H)).toBe(true);
  });

  it('answers in bounded work for the largest duration Karpenter can read (Go time.Duration)', () => {
    const started = performance.now();
    const maxGoDurationMs = 2_562_047 * H;
    for (const spec of ['0 0 30 2 *', '0 9 * * mon-fri', '59 23 31 12 *'])
      scheduleActive(cron(spec), 7 * D, maxGoDurationMs);
    // Generous (shared, slow machines): the minute-by-minute scan this replaces took minutes.
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('matches weekday business hours by name and number', () => {
    const weekdays9 = cron('0 9 * * mon-fri');
    expect(cronMatches(weekdays9, 9 * H)).toBe(true); // Monday 09:00
    expect(cronMatches(weekdays9, 5 * D + 9 * H)).toBe(false); // Saturday
    expect(cronMatches(cron('0 0 15 * fri'), 4 * D)).toBe(true); // Friday 2024-01-05
    expect(cronMatches(cron('0 0 15 * fri'), 14 * D)).toBe(true); // Monday 2024-01-15
  });
});
