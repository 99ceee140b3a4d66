import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { NodeSelectorOperator, NodeSelectorRequirementWithMinValues } from './k8s.ts';
import { LABEL, WELL_KNOWN_LABELS } from './labels.ts';
import { Requirement, Requirements } from './requirements.ts';
import { mulberry32 } from './random.ts';

const req = (key: string, operator: NodeSelectorOperator, ...values: string[]) =>
  Requirement.of({ key, operator, values });
const reqs = (...list: NodeSelectorRequirementWithMinValues[]) => Requirements.from(list);

describe('Requirement', () => {
  it('represents each operator as a set', () => {
    expect(req('k', 'In', 'a', 'b').has('a')).toBe(true);
    expect(req('k', 'In', 'a', 'b').has('c')).toBe(false);
    expect(req('k', 'NotIn', 'a').has('a')).toBe(false);
    expect(req('k', 'NotIn', 'a').has('z')).toBe(true);
    expect(req('k', 'Exists').has('anything')).toBe(true);
    expect(req('k', 'DoesNotExist').has('anything')).toBe(false);
    expect(req('k', 'DoesNotExist').len()).toBe(0);
    expect(req('k', 'Exists').len()).toBe(Infinity);
  });

  it('treats Gt N as Gte N+1 and Lt N as Lte N−1', () => {
    expect(req('k', 'Gt', '2')).toMatchObject({ gte: 3, complement: true });
    expect(req('k', 'Lt', '5')).toMatchObject({ lte: 4, complement: true });
    expect(req('k', 'Gte', '3')).toMatchObject({ gte: 3 });
    expect(req('k', 'Lte', '4')).toMatchObject({ lte: 4 });
    expect(req('k', 'Gt', '2').has('2')).toBe(false);
    expect(req('k', 'Gt', '2').has('3')).toBe(true);
    expect(req('k', 'Lte', '4').has('4')).toBe(true);
  });

  it('only lets integer values pass bounds', () => {
    expect(req('k', 'Gt', '2').has('3.5')).toBe(false);
    expect(req('k', 'Gt', '2').has('large')).toBe(false);
  });

  it('keeps the integer values of a set that fall within intersected bounds', () => {
    const gens = req(LABEL.instanceGeneration, 'In', '2', '3', '5', '7', 'x');
    const r = gens.intersection(req(LABEL.instanceGeneration, 'Gt', '2'));
    expect(r.sortedValues()).toEqual(['3', '5', '7']);
    expect(r.operator()).toBe('In');
    expect(r.gte).toBeUndefined();
  });

  it('gives an empty set when bounds cross', () => {
    const r = req('k', 'Gt', '5').intersection(req('k', 'Lt', '6'));
    expect(r.operator()).toBe('DoesNotExist');
    expect(req('k', 'Gt', '5').intersects(req('k', 'Lt', '6'))).toBe(false);
    expect(req('k', 'Gte', '5').intersects(req('k', 'Lte', '5'))).toBe(true);
  });

  it('takes the larger minValues of both sides', () => {
    const a = Requirement.of({ key: 'k', operator: 'Exists', minValues: 2 });
    const b = Requirement.of({ key: 'k', operator: 'In', values: ['x', 'y', 'z'], minValues: 3 });
    expect(a.intersection(b).minValues).toBe(3);
    expect(b.intersection(req('k', 'Exists')).minValues).toBe(3);
  });

  it('normalizes beta keys', () => {
    expect(req('failure-domain.beta.kubernetes.io/zone', 'In', 'a').key).toBe(LABEL.zone);
  });

  it('serializes back to selectors and prints like Karpenter', () => {
    expect(req('k', 'In', 'b', 'a').toSelector()).toEqual({
      key: 'k',
      operator: 'In',
      values: ['a', 'b'],
    });
    expect(req('k', 'Gt', '2').toSelector()).toEqual({ key: 'k', operator: 'Gt', values: ['2'] });
    expect(req('k', 'Exists').toSelector()).toEqual({ key: 'k', operator: 'Exists' });
    const many = req('k', 'In', 'a', 'b', 'c', 'd', 'e', 'f', 'g');
    expect(many.toString()).toBe('k In [a b c d e and 2 others]');
  });

  it('picks a value it allows, reproducibly for a seed', () => {
    const r = req('k', 'In', 'a', 'b', 'c');
    expect(r.any(mulberry32(1))).toBe(r.any(mulberry32(1)));
    expect(r.has(r.any(mulberry32(5)) ?? '')).toBe(true);
    const bounded = req('k', 'Gt', '10').intersection(req('k', 'Lt', '13'));
    expect(['11', '12']).toContain(bounded.any(mulberry32(2)));
    expect(req('k', 'NotIn', '0').any()).toBe('1');
    expect(req('k', 'DoesNotExist').any()).toBeUndefined();
  });
});

// Random requirements over a small value alphabet so intersections are often non-trivial.
const VALUES = ['1', '2', '3', '5', '8', 'a', 'b'];
const arbRequirement = fc
  .record({
    operator: fc.constantFrom<NodeSelectorOperator>(
      'In',
      'NotIn',
      'Exists',
      'DoesNotExist',
      'Gt',
      'Lt',
      'Gte',
      'Lte',
    ),
    values: fc.subarray(VALUES, { minLength: 1 }),
    bound: fc.integer({ min: 0, max: 9 }),
  })
  .map(({ operator, values, bound }) =>
    ['Gt', 'Lt', 'Gte', 'Lte'].includes(operator)
      ? req('k', operator, String(bound))
      : req('k', operator, ...values),
  );
const arbValue = fc.constantFrom(...VALUES, '0', '4', '9', 'z');

describe('Requirement algebra properties', () => {
  it('x ∈ a ∩ b ⇔ x ∈ a ∧ x ∈ b', () => {
    fc.assert(
      fc.property(arbRequirement, arbRequirement, arbValue, (a, b, x) => {
        expect(a.intersection(b).has(x)).toBe(a.has(x) && b.has(x));
      }),
    );
  });

  it('intersection is commutative in has()', () => {
    fc.assert(
      fc.property(arbRequirement, arbRequirement, arbValue, (a, b, x) => {
        expect(a.intersection(b).has(x)).toBe(b.intersection(a).has(x));
      }),
    );
  });

  it('intersects() is true whenever some value is in both', () => {
    fc.assert(
      fc.property(arbRequirement, arbRequirement, arbValue, (a, b, x) => {
        if (a.has(x) && b.has(x)) expect(a.intersects(b)).toBe(true);
      }),
    );
  });

  it('intersects() agrees with a non-empty intersection', () => {
    fc.assert(
      fc.property(arbRequirement, arbRequirement, (a, b) => {
        expect(a.intersects(b)).toBe(a.intersection(b).len() > 0);
        expect(a.intersects(b)).toBe(b.intersects(a));
      }),
    );
  });

  it('round-trips through selectors', () => {
    fc.assert(
      fc.property(arbRequirement, arbValue, (a, x) => {
        expect(Requirements.from(a.toSelectorList()).get('k').has(x)).toBe(a.has(x));
      }),
    );
  });
});

describe('Requirements', () => {
  it('intersects requirements added on the same key', () => {
    const r = reqs(
      { key: 'k', operator: 'In', values: ['a', 'b'] },
      { key: 'k', operator: 'NotIn', values: ['a'] },
    );
    expect(r.get('k').sortedValues()).toEqual(['b']);
  });

  it('answers Exists for an absent key', () => {
    expect(reqs().get('k').operator()).toBe('Exists');
    expect(reqs().has('k')).toBe(false);
  });

  it('exposes single-valued keys as labels', () => {
    const r = reqs(
      { key: LABEL.zone, operator: 'In', values: ['us-east-1a'] },
      { key: LABEL.capacityType, operator: 'In', values: ['spot', 'on-demand'] },
      { key: 'team', operator: 'Exists' },
    );
    expect(r.labels()).toEqual({ [LABEL.zone]: 'us-east-1a' });
    expect(Requirements.fromLabels({ a: 'x' }).labels()).toEqual({ a: 'x' });
  });

  it('writes node labels for custom keys only, inventing a value for open-ended ones', () => {
    const r = reqs(
      { key: 'team', operator: 'In', values: ['x'] },
      { key: 'tier', operator: 'NotIn', values: ['a'] },
      { key: 'gone', operator: 'DoesNotExist' },
      { key: 'node.kubernetes.io/lifecycle', operator: 'In', values: ['spot'] },
      { key: LABEL.zone, operator: 'In', values: ['test-zone-1'] },
      { key: 'karpenter.sh/custom', operator: 'In', values: ['y'] },
    );
    const labels = r.nodeLabels(mulberry32(3));
    expect(Object.keys(labels).sort()).toEqual(['node.kubernetes.io/lifecycle', 'team', 'tier']);
    expect(labels['team']).toBe('x');
    expect(labels['tier']).toMatch(/^\d+$/);
    expect(r.nodeLabels(mulberry32(3))).toEqual(labels);
  });

  describe('compatible (Karpenter "Scheduling Logic" cases)', () => {
    const template = reqs({
      key: LABEL.capacityType,
      operator: 'In',
      values: ['spot', 'on-demand'],
    });
    const pod = (r: NodeSelectorRequirementWithMinValues) => reqs(r);

    it('does not schedule a pod requiring In on an undefined custom key', () => {
      expect(
        template.compatible(pod({ key: 'team', operator: 'In', values: ['a'] }), WELL_KNOWN_LABELS),
      ).toBe('label "team" does not have known values');
    });

    it('schedules a pod requiring NotIn on an undefined custom key', () => {
      expect(
        template.compatible(
          pod({ key: 'team', operator: 'NotIn', values: ['a'] }),
          WELL_KNOWN_LABELS,
        ),
      ).toBeUndefined();
    });

    it('does not schedule a pod requiring Exists on an undefined custom key', () => {
      expect(
        template.compatible(pod({ key: 'team', operator: 'Exists' }), WELL_KNOWN_LABELS),
      ).toMatch(/known values/);
    });

    it('schedules a pod requiring DoesNotExist on an undefined custom key', () => {
      expect(
        template.compatible(pod({ key: 'team', operator: 'DoesNotExist' }), WELL_KNOWN_LABELS),
      ).toBeUndefined();
    });

    it('lets a template leave well-known keys to the instance types, but not an existing node', () => {
      const zonePod = pod({ key: LABEL.zone, operator: 'In', values: ['us-east-1a'] });
      expect(template.compatible(zonePod, WELL_KNOWN_LABELS)).toBeUndefined();
      expect(template.compatible(zonePod)).toMatch(/topology.kubernetes.io\/zone/);
    });

    it("reports a conflict in Karpenter's words", () => {
      const spotOnly = pod({ key: LABEL.capacityType, operator: 'In', values: ['reserved'] });
      expect(template.compatible(spotOnly, WELL_KNOWN_LABELS)).toBe(
        'key karpenter.sh/capacity-type, karpenter.sh/capacity-type In [reserved] not in karpenter.sh/capacity-type In [on-demand spot]',
      );
    });

    it('never reports two negative requirements as conflicting', () => {
      const node = reqs({ key: 'k', operator: 'DoesNotExist' });
      expect(node.intersects(reqs({ key: 'k', operator: 'NotIn', values: ['a'] }))).toBeUndefined();
      expect(node.intersects(reqs({ key: 'k', operator: 'DoesNotExist' }))).toBeUndefined();
      expect(node.intersects(reqs({ key: 'k', operator: 'In', values: ['a'] }))).toMatch(/not in/);
    });
  });
});
