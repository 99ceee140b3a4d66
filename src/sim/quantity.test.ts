import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  GiB,
  MiB,
  QuantityError,
  addResources,
  exceededResources,
  fits,
  formatQuantity,
  parseLimits,
  maxResources,
  parseQuantity,
  parseResourceList,
  subtractResources,
  toCanonical,
  tryParseQuantity,
} from './quantity.ts';

const canonical = (resource: string, q: string | number) => toCanonical(resource, parseQuantity(q));

describe('parseQuantity', () => {
  it.each([
    ['1', 1000n],
    ['100m', 100n],
    ['0.5', 500n],
    ['.5', 500n],
    ['1.5k', 1_500_000n],
    ['1Ki', 1_024_000n],
    ['2Mi', 2n * 1024n * 1024n * 1000n],
    ['1Gi', 1024n ** 3n * 1000n],
    ['1Ti', 1024n ** 4n * 1000n],
    ['1M', 1_000_000_000n],
    ['1G', 1_000_000_000_000n],
    ['1e3', 1_000_000n],
    ['1E3', 1_000_000n],
    ['1.5e-3', 2n], // 1.5 milli-units round up to 2
    ['8P', 8n * 10n ** 15n * 1000n],
    ['2Pi', 2n * 1024n ** 5n * 1000n],
    ['500u', 1n], // 0.0005 rounds up to one milli-unit
    ['-1', -1000n],
    [2, 2000n],
    [0.25, 250n],
  ] as const)('parses %s exactly', (input, milli) => {
    expect(parseQuantity(input)).toBe(milli);
  });

  it('adds decimal fractions without float drift', () => {
    expect(parseQuantity('0.1') + parseQuantity('0.2')).toBe(parseQuantity('300m'));
  });

  it.each(['', 'abc', '1K', '1 Gi', '1.2.3', '--1', 'Gi', '1ki', '1e', '1e999', '1E'])(
    'rejects %j with a QuantityError',
    (input) => {
      expect(() => parseQuantity(input)).toThrow(QuantityError);
      expect(tryParseQuantity(input).ok).toBe(false);
    },
  );

  it('rejects values beyond Number.MAX_SAFE_INTEGER with a clear message', () => {
    expect(() => parseQuantity('16Ei')).toThrow(/too large/);
    expect(() => canonical('memory', '8Ei')).toThrow(QuantityError);
    expect(() => canonical('cpu', '10T')).toThrow(/MAX_SAFE_INTEGER/);
  });

  it('agrees with plain arithmetic for any integer with a binary suffix', () => {
    const suffixes = ['', 'Ki', 'Mi', 'Gi'] as const;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4096 }), fc.integer({ min: 0, max: 3 }), (n, i) => {
        const suffix = suffixes[i] ?? '';
        expect(canonical('memory', `${n}${suffix}`)).toBe(n * 1024 ** i);
      }),
    );
  });
});

describe('toCanonical', () => {
  it('keeps cpu in millicores and rounds everything else up to the base unit', () => {
    expect(canonical('cpu', '1.5')).toBe(1500);
    expect(canonical('cpu', '250m')).toBe(250);
    expect(canonical('memory', '1.5Ki')).toBe(1536);
    expect(canonical('memory', '100m')).toBe(1); // 0.1 byte → 1 byte, like Value()
    expect(canonical('pods', '110')).toBe(110);
    expect(canonical('nvidia.com/gpu', 1)).toBe(1);
  });
});

describe('parseResourceList', () => {
  it('turns a container resource list into canonical integers', () => {
    expect(parseResourceList({ cpu: '500m', memory: '1Gi', pods: 3 })).toEqual({
      cpu: 500,
      memory: GiB,
      pods: 3,
    });
    expect(parseResourceList(undefined)).toEqual({});
  });

  it('names the resource whose quantity is invalid', () => {
    expect(() => parseResourceList({ memory: '1GB' })).toThrow(/memory: /);
  });
});

describe('resource arithmetic', () => {
  const node = { cpu: 1930, memory: 6903 * MiB, pods: 29 };

  it('adds, subtracts (possibly below zero) and takes maxima per resource', () => {
    expect(addResources({ cpu: 100 }, { cpu: 200, memory: 5 })).toEqual({ cpu: 300, memory: 5 });
    expect(subtractResources({ cpu: 100 }, { cpu: 200, pods: 1 })).toEqual({ cpu: -100, pods: -1 });
    expect(maxResources({ cpu: 100, memory: 9 }, { cpu: 200 })).toEqual({ cpu: 200, memory: 9 });
  });

  it('fits when every request is at most what is available, absent resources being zero', () => {
    expect(fits({ cpu: 1930, pods: 1 }, node)).toBe(true);
    expect(fits({ cpu: 1931 }, node)).toBe(false);
    expect(fits({ 'nvidia.com/gpu': 1 }, node)).toBe(false);
    expect(fits({ 'nvidia.com/gpu': 0 }, node)).toBe(true);
    expect(exceededResources({ cpu: 4000, 'nvidia.com/gpu': 1, pods: 1 }, node)).toEqual([
      'cpu',
      'nvidia.com/gpu',
    ]);
  });

  it('never loses precision when summing many small requests', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 999 }), { maxLength: 200 }), (ms) => {
        const sum = addResources(...ms.map((m) => parseResourceList({ cpu: `${m}m` })));
        expect(sum.cpu ?? 0).toBe(ms.reduce((a, b) => a + b, 0));
      }),
    );
  });
});

describe('formatQuantity', () => {
  it('prints what kubectl would show', () => {
    expect(formatQuantity('cpu', 1930)).toBe('1930m');
    expect(formatQuantity('cpu', 2000)).toBe('2');
    expect(formatQuantity('memory', 6903 * MiB)).toBe('6903Mi');
    expect(formatQuantity('memory', 16 * GiB)).toBe('16Gi');
    expect(formatQuantity('memory', 1000)).toBe('1000');
    expect(formatQuantity('pods', 29)).toBe('29');
  });

  it('round-trips through parseQuantity', () => {
    fc.assert(
      fc.property(fc.constantFrom('cpu', 'memory', 'pods'), fc.nat(2 ** 40), (r, v) => {
        expect(canonical(r, formatQuantity(r, v))).toBe(v);
      }),
    );
  });
});

describe('parseLimits', () => {
  it('keeps every other limit when one is beyond the exact range, and makes that one unreachable', () => {
    const l = parseLimits({ cpu: '2', memory: '1Ei', 'nvidia.com/gpu': '1e30' });
    expect(l).toEqual({ cpu: 2000, memory: Infinity, 'nvidia.com/gpu': Infinity });
    expect(Object.getPrototypeOf(l)).toBeNull();
  });

  it('skips what is not a quantity and keeps the rest', () => {
    expect(parseLimits({ cpu: 'lots', memory: '1Gi' })).toEqual({ memory: 1024 ** 3 });
    expect(parseLimits(undefined)).toEqual({});
  });
});
