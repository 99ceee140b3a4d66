import { describe, expect, it } from 'vitest';
import { catalogValues, editorSchema } from './schema.ts';

describe("the editor's schema, built in the engine worker", () => {
  it('offers the real catalog for completion', () => {
    const v = catalogValues();
    expect(v.instanceTypes).toContain('m5.large');
    expect(v.families).toContain('m5');
    expect(v.zones).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    expect(JSON.stringify(editorSchema())).toContain('"m5.large"');
  });

  it('survives structured cloning to the page', () => {
    expect(structuredClone(editorSchema())).toEqual(editorSchema());
  });
});
