import { describe, expect, it } from 'vitest';
import { catalogValues, editorSchema } from './schema.ts';

describe("the editor's schema, built in the engine worker", () => {
  it('offers the real catalog for completion', () => {
    const v = catalogValues();
    expect(v.instanceTypes).toContain('m5.large');
    expect(v.families).toContain('m5');
    expect(v.zones).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    expect(JSON.stringify(editorSchema('v1'))).toContain('"m5.large"');
  });

  it('survives structured cloning to the page', () => {
    expect(structuredClone(editorSchema('v1'))).toEqual(editorSchema('v1'));
  });

  it('serves the kinds of the workspace’s Karpenter version (the rule Problems uses)', () => {
    const kinds = (version: string) =>
      (editorSchema(version) as { properties: { kind: { enum: string[] } } }).properties.kind.enum;
    expect(kinds('v0.31')).toContain('Provisioner');
    expect(kinds('v0.31')).not.toContain('NodePool');
    expect(kinds('v1')).toContain('NodePool');
    expect(kinds('v1')).not.toContain('Provisioner');
  });
});
