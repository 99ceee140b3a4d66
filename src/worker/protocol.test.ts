import { describe, expect, it } from 'vitest';
import { isEngineRequest, isEngineResponse } from './protocol.ts';

describe('worker protocol guards', () => {
  it('accepts a well-formed simulate request', () => {
    expect(
      isEngineRequest({ type: 'simulate', requestId: 3, text: 'x', file: 'w.yaml', seed: 1 }),
    ).toBe(true);
  });

  it.each([
    ['no requestId', { type: 'simulate', text: 'x', file: 'w.yaml', seed: 1 }],
    ['requestId 0', { type: 'simulate', requestId: 0, text: 'x', file: 'w.yaml', seed: 1 }],
    [
      'fractional requestId',
      { type: 'simulate', requestId: 1.5, text: 'x', file: 'w.yaml', seed: 1 },
    ],
    ['text not a string', { type: 'simulate', requestId: 1, text: 5, file: 'w.yaml', seed: 1 }],
    ['seed NaN', { type: 'simulate', requestId: 1, text: 'x', file: 'w.yaml', seed: Number.NaN }],
    ['unknown type', { type: 'exec', requestId: 1 }],
    ['an array', [1, 2]],
  ])('rejects a request with %s', (_name, msg) => {
    expect(isEngineRequest(msg)).toBe(false);
  });

  it('accepts progress, result and error replies and rejects others', () => {
    expect(
      isEngineResponse({ type: 'progress', requestId: 1, done: 1, total: 2, phase: 'p' }),
    ).toBe(true);
    expect(isEngineResponse({ type: 'result', requestId: 1, result: { diagnostics: [] } })).toBe(
      true,
    );
    expect(isEngineResponse({ type: 'error', requestId: 1, message: 'm' })).toBe(true);
    expect(isEngineResponse({ type: 'result', requestId: 1, result: {} })).toBe(false);
    expect(
      isEngineResponse({ type: 'progress', requestId: 1, done: '1', total: 2, phase: 'p' }),
    ).toBe(false);
  });

  it('checks compare and import requests and their replies', () => {
    expect(isEngineRequest({ type: 'compare', requestId: 2, text: 'x', file: 'w', seed: 1 })).toBe(
      true,
    );
    expect(
      isEngineRequest({ type: 'import', requestId: 2, inputs: [{ name: 'a', text: 'x' }] }),
    ).toBe(true);
    expect(isEngineRequest({ type: 'import', requestId: 2, inputs: [{ name: 'a' }] })).toBe(false);
    expect(isEngineRequest({ type: 'import', requestId: 2, inputs: 'x' })).toBe(false);
    const inputs = [{ name: 'a', text: 'x' }];
    expect(
      isEngineRequest({ type: 'import', requestId: 2, inputs, options: { anonymise: true } }),
    ).toBe(true);
    expect(
      isEngineRequest({ type: 'import', requestId: 2, inputs, options: { anonymise: 'yes' } }),
    ).toBe(false);
    expect(
      isEngineResponse({ type: 'imported', requestId: 2, result: { ok: false, error: 'e' } }),
    ).toBe(true);
    expect(isEngineResponse({ type: 'imported', requestId: 2, result: {} })).toBe(false);
    expect(isEngineResponse({ type: 'comparison', requestId: 2, comparison: {} })).toBe(false);
  });

  it('checks the schema and documents requests and their replies', () => {
    expect(isEngineRequest({ type: 'schema', requestId: 4, version: 'v0.31' })).toBe(true);
    expect(isEngineRequest({ type: 'schema', requestId: 4 })).toBe(false);
    expect(isEngineRequest({ type: 'schema', requestId: 0, version: 'v1' })).toBe(false);
    expect(isEngineResponse({ type: 'schema', requestId: 4, schema: { type: 'object' } })).toBe(
      true,
    );
    expect(isEngineResponse({ type: 'schema', requestId: 4, schema: 'x' })).toBe(false);
    expect(isEngineRequest({ type: 'documents', requestId: 5, text: 'kind: Pod' })).toBe(true);
    expect(isEngineRequest({ type: 'documents', requestId: 5 })).toBe(false);
    expect(
      isEngineResponse({ type: 'documents', requestId: 5, list: { ok: true, documents: [] } }),
    ).toBe(true);
    expect(isEngineResponse({ type: 'documents', requestId: 5, list: [] })).toBe(false);
  });
});
