import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The assembled source data sits beside the repository (../shared/data), as on CI.
const SOURCE = join(import.meta.dirname, '../../shared/data');
const COMMITTED = join(import.meta.dirname, '../src/sim/catalog/data/ec2-us-east-1.json');

describe('scripts/build-catalog.mjs', () => {
  // The source data lives outside the repo; where it is absent there is nothing to rebuild from.
  it.skipIf(!existsSync(join(SOURCE, 'ec2-catalog.json')))(
    'regenerates exactly the committed catalog file',
    () => {
      const out = join(mkdtempSync(join(tmpdir(), 'catalog-')), 'ec2.json');
      execFileSync(process.execPath, [join(import.meta.dirname, 'build-catalog.mjs'), SOURCE, out]);
      expect(readFileSync(out, 'utf8')).toBe(readFileSync(COMMITTED, 'utf8'));
    },
  );

  it('writes a columnar file whose columns all have one value per type', () => {
    const file = JSON.parse(readFileSync(COMMITTED, 'utf8')) as {
      count: number;
      columns: Record<string, unknown[]>;
    };
    expect(file.count).toBe(1345);
    for (const [name, values] of Object.entries(file.columns)) {
      expect(values, name).toHaveLength(file.count);
    }
  });
});
