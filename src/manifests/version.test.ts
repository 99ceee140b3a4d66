import { describe, expect, it } from 'vitest';
import { parseKarpenterVersion } from './version.ts';

describe('parseKarpenterVersion', () => {
  it.each([
    [undefined, 'v1', Infinity],
    ['v1', 'v1', Infinity],
    ['v1.14', 'v1', 14],
    ['1.8.2', 'v1', 8],
    ['v0.37', 'v1beta1', 37],
    ['v0.32.1', 'v1beta1', 32],
    ['v0.31', 'v1alpha5', 31],
    ['v0.3x', 'v1alpha5', 31],
    ['v0.27', 'v1alpha5', 27],
  ])('reads %s as the %s API (minor %s)', (text, generation, minor) => {
    expect(parseKarpenterVersion(text)).toMatchObject({ generation, minor });
  });

  it.each(['latest', 'v0', '', 'v1.x.y'])('rejects %j', (text) => {
    expect(parseKarpenterVersion(text)).toBeUndefined();
  });
});
