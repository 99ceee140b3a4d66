import { describe, expect, it } from 'vitest';
import { buildSchemas, workspaceSchema } from './jsonSchema.ts';
import { parseKarpenterVersion } from './version.ts';

type S = Record<string, unknown>;
const at = (s: unknown, ...path: string[]): S =>
  path.reduce<S>((o, k) => (o[k] ?? {}) as S, s as S);
const catalog = {
  instanceTypes: ['m5.large', 'c6g.xlarge'],
  families: ['m5', 'c6g'],
  categories: ['c', 'm'],
  zones: ['us-east-1a', 'us-east-1b'],
};

describe('workspace JSON Schema', () => {
  const schema = workspaceSchema(catalog);
  const defs = at(schema, 'definitions');
  /** Follows $ref and allOf:[{$ref}] to the schema that holds the examples. */
  const deref = (o: S): S => {
    const ref = o.$ref ?? at((o.allOf as S[] | undefined)?.[0] ?? {}).$ref;
    return ref === undefined ? o : deref(at(defs, String(ref).replace('#/definitions/', '')));
  };

  it('offers apiVersion and kind for every served kind and dispatches on the pair', () => {
    expect(at(schema, 'properties', 'kind').enum).toEqual(
      expect.arrayContaining(['NodePool', 'EC2NodeClass', 'Deployment', 'Scenario', 'List']),
    );
    expect(at(schema, 'properties', 'kind').enum).not.toContain('Provisioner');
    const nodePool = (schema.allOf as S[]).find(
      (c) => at(c, 'if', 'properties', 'kind').const === 'NodePool',
    );
    expect(nodePool?.then).toEqual({ $ref: '#/definitions/NodePool.karpenter.sh.v1' });
  });

  it('follows the Karpenter version (v0.31 offers Provisioner, not NodePool)', () => {
    const old = workspaceSchema(catalog, parseKarpenterVersion('v0.31'));
    expect(at(old, 'properties', 'kind').enum).toContain('Provisioner');
    expect(at(old, 'properties', 'kind').enum).not.toContain('NodePool');
  });

  it('carries enums, defaults, ranges and plain-language descriptions', () => {
    const spec = at(defs, 'NodePool.karpenter.sh.v1', 'properties', 'spec', 'properties');
    expect(at(spec, 'disruption', 'properties', 'consolidationPolicy')).toMatchObject({
      enum: ['WhenEmpty', 'WhenEmptyOrUnderutilized', 'Balanced'],
      default: 'WhenEmptyOrUnderutilized',
    });
    expect(at(spec, 'weight')).toMatchObject({
      minimum: 1,
      maximum: 100,
      description: expect.stringMatching(/tried first/),
    });
    const op = at(
      spec,
      'template',
      'properties',
      'spec',
      'properties',
      'requirements',
      'items',
      'properties',
      'operator',
    );
    expect(op.enum).toContain('Gte');
  });

  it('completes requirement keys and, per key, catalog values', () => {
    const item = at(
      defs,
      'NodePool.karpenter.sh.v1',
      'properties',
      'spec',
      'properties',
      'template',
      'properties',
      'spec',
      'properties',
      'requirements',
      'items',
    );
    expect(at(item, 'properties', 'key').examples).toEqual(
      expect.arrayContaining([
        'node.kubernetes.io/instance-type',
        'karpenter.k8s.aws/instance-family',
      ]),
    );
    const byKey = (key: string) =>
      deref(
        at(
          (item.allOf as S[]).find((c) => at(c, 'if', 'properties', 'key').const === key),
          'then',
          'properties',
          'values',
          'items',
        ),
      ).examples;
    expect(byKey('node.kubernetes.io/instance-type')).toEqual(['m5.large', 'c6g.xlarge']);
    expect(byKey('karpenter.k8s.aws/instance-category')).toEqual(['c', 'm']);
    expect(byKey('topology.kubernetes.io/zone')).toEqual(['us-east-1a', 'us-east-1b']);
    expect(byKey('karpenter.sh/capacity-type')).toEqual(['spot', 'on-demand', 'reserved']);
  });

  it('completes well-known keys and values in a pod nodeSelector', () => {
    // Walks through shared definitions ($ref) like the editor does.
    const walk = (o: S, ...keys: string[]): S => keys.reduce<S>((cur, k) => at(deref(cur), k), o);
    const sel = walk(
      defs,
      'Deployment.apps.v1',
      'properties',
      'spec',
      'properties',
      'template',
      'properties',
      'spec',
      'properties',
      'nodeSelector',
    );
    expect(deref(walk(sel, 'properties', 'node.kubernetes.io/instance-type')).examples).toEqual([
      'm5.large',
      'c6g.xlarge',
    ]);
    expect(at(deref(sel), 'additionalProperties').type).toBe('string');
  });

  it('defines shared pieces such as PodSpec once', () => {
    expect(
      at(
        defs,
        'Deployment.apps.v1',
        'properties',
        'spec',
        'properties',
        'template',
        'properties',
        'spec',
      ),
    ).toEqual({ $ref: '#/definitions/spec.PodSpec' });
    expect(at(defs, 'spec.PodSpec', 'properties', 'containers').type).toBe('array');
  });

  it('lets a List hold any supported object', () => {
    expect(at(defs, 'List.v1', 'properties', 'items', 'items')).toEqual({ $ref: '#' });
  });

  it('is plain JSON (no RegExp or functions leak from the specs)', () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });

  it('resolves every $ref and lists a long catalog only once', () => {
    const big = workspaceSchema({
      instanceTypes: Array.from({ length: 500 }, (_, i) => `x${i}.large`),
    });
    const json = JSON.stringify(big);
    expect(json.split('"x499.large"').length - 1).toBe(1);
    for (const [, ref] of json.matchAll(/"\$ref":"#\/definitions\/([^"]+)"/g))
      expect(at(big, 'definitions')).toHaveProperty([ref!]);
  });

  it('is packaged for monaco-yaml', () => {
    const [entry] = buildSchemas(catalog, { fileMatch: ['file:///workspace.yaml'] });
    expect(entry).toMatchObject({
      uri: expect.stringMatching(/^inmemory:/),
      fileMatch: ['file:///workspace.yaml'],
    });
  });
});
