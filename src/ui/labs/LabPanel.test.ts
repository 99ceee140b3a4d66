// The panel rendered to static HTML in Node (no DOM here): what a learner sees first, and that lab
// text can never become markup.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { loadLabs } from '../../labs/node.ts';
import { parseLab } from '../../labs/parse.ts';
import { PROGRESS_STORAGE_KEY } from '../../labs/progress.ts';
import { LabPanel, type LabPanelProps } from './LabPanel.tsx';

const memory = () => {
  const data: Record<string, string> = {};
  return {
    getItem: (k: string) => data[k] ?? null,
    setItem: (k: string, v: string) => void (data[k] = v),
  };
};

function render(overrides: Partial<LabPanelProps>): string {
  const props: LabPanelProps = {
    labs: loadLabs().labs,
    getWorkspace: () => '',
    setWorkspace: () => undefined,
    check: () => Promise.resolve([]),
    storage: memory(),
    syncHash: false,
    ...overrides,
  };
  return renderToStaticMarkup(createElement(LabPanel, props));
}

describe('LabPanel', () => {
  it('lists the labs with difficulty, duration and progress', () => {
    const html = render({});
    expect(html).toContain('Karpenter: just-in-time scaling');
    expect(html).toContain('beginner · 40 min · Karpenter v0.31 · 0/8 steps done');
  });

  it('opens a deep-linked step with its instructions, buttons and the checks to pass', () => {
    const html = render({ initialLink: { lab: 'karpenter-jit-scaling', step: 3 } });
    expect(html).toContain('Step 3: Scale up');
    expect(html).toContain('Load step');
    expect(html).toContain('Hint (1/1)');
    expect(html).toContain('5 pods app=inflate Running at 2m');
    expect(html).toContain('<code>kubectl scale deployment inflate --replicas=5</code>');
  });

  it('says so when a link names a step the lab does not have, and shows step 1', () => {
    const html = render({ initialLink: { lab: 'karpenter-jit-scaling', step: 42 } });
    expect(html).toContain('This lab has no step “42” (it has 8): showing step 1.');
    expect(html).toContain('Step 1:');
    const bad = render({ initialLink: { lab: 'karpenter-jit-scaling', step: 1, askedStep: 'x' } });
    expect(bad).toContain('This lab has no step “x” (it has 8): showing step 1.');
    expect(render({ initialLink: { lab: 'karpenter-jit-scaling', step: 2 } })).not.toContain(
      'This lab has no step',
    );
  });

  it('after a reload, does not offer to load a step whose workspace the learner loaded and edited', () => {
    const link = { lab: 'karpenter-jit-scaling', step: 3 };
    const edited = () => 'apiVersion: apps/v1\nkind: Deployment\n# the learner scaled it\n';
    const storage = memory();
    // Nothing loaded yet: the step asks for its workspace first.
    expect(render({ initialLink: link, getWorkspace: edited, storage })).toContain(
      'Load this step&#x27;s workspace',
    );
    storage.setItem(
      PROGRESS_STORAGE_KEY,
      JSON.stringify({ version: 1, labs: {}, loaded: { lab: link.lab, step: 3 } }),
    );
    expect(render({ initialLink: link, getWorkspace: edited, storage })).not.toContain(
      'Load this step&#x27;s workspace',
    );
    // Another step of the lab still asks for its own.
    expect(render({ initialLink: { ...link, step: 4 }, getWorkspace: edited, storage })).toContain(
      'Load this step&#x27;s workspace',
    );
  });

  it('renders lab text as text, never as markup', () => {
    const { lab } = parseLab(
      'evil',
      [
        '---',
        'title: <b>t</b>',
        'difficulty: x',
        'duration: x',
        'karpenterVersion: v1',
        '---',
        '## Step 1: s',
        '<img src=x onerror=alert(1)> **bold**',
        '```checks',
        '- noPendingPods',
        '```',
      ].join('\n'),
    );
    if (!lab) throw new Error('lab did not parse');
    const html = render({ labs: [lab], initialLink: { lab: 'evil', step: 1 } });
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>t</b>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<strong>bold</strong>');
  });
});
