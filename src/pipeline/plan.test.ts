import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planWorkspaces } from './plan.ts';

const ex = (n: string) => readFileSync(join(import.meta.dirname, '../../examples/plan', n), 'utf8');

describe('the Plan tab worker side', { timeout: 120_000 }, () => {
  it('plans a saved scenario against the workspace with the CLI’s sections', () => {
    const v = planWorkspaces(ex('before.yaml'), ex('after-ami.yaml'), {
      beforeName: 'today',
      seed: 1,
    });
    expect(v.error).toBeUndefined();
    expect(v.blocks?.title).toBe('Plan: "today" → the workspace');
    expect(v.blocks?.sections.map((s) => s.heading)).toEqual([
      'Changes applied at 2m (when "today" was quiet)',
      'Drifted NodeClaims: 3',
      'Replacement order: 3 NodeClaim(s) disrupted',
      'Paced by budgets and PDBs',
      'Pods moved: 6 (longest not Running: 2s)',
      'Outcome',
    ]);
  });

  it('names the side with an error instead of planning', () => {
    const v = planWorkspaces(ex('before.yaml'), 'kind: NodePool\napiVersion: karpenter.sh/v1\n', {
      beforeName: 'today',
      seed: 1,
    });
    expect(v.error).toMatch(/^the workspace has an error: workspace:1:1: /);
  });
});
