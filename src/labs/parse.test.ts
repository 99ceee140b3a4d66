import { describe, expect, it } from 'vitest';
import { parseLab } from './parse.ts';
import { buildCatalog } from './catalog.ts';

/** A lab README built from parts, so each test shows only what it is about. */
function readme(...steps: string[]): string {
  return [
    '---',
    'title: Tiny lab',
    'difficulty: beginner',
    'duration: 5 min',
    'karpenterVersion: v1',
    'prerequisites: [kubectl]',
    '---',
    'Intro text.',
    ...steps,
  ].join('\n');
}

const fence = (info: string, body: string): string => ['```' + info, body, '```'].join('\n');

const STEP_ONE = [
  '## Step 1: Scale up',
  'Run `kubectl scale`.',
  fence('bash', 'kubectl scale deployment inflate --replicas=5'),
  fence('yaml start', 'kind: Scenario'),
  fence('checks', '- podsRunning: {selector: app=inflate, count: 5}\n- noPendingPods'),
  fence('hint', 'Use the console.'),
  fence('hint', 'At t = 0.'),
  fence(
    'solution console',
    'kubectl scale deployment inflate --replicas=5\nat 5m: kubectl scale deployment inflate --replicas=1',
  ),
  fence('explain', 'Five pods, one node.'),
].join('\n');

describe('parseLab', () => {
  it('reads the frontmatter, the intro and a step with every kind of block', () => {
    const { lab, errors } = parseLab('tiny', readme(STEP_ONE));
    expect(errors).toEqual([]);
    expect(lab?.meta).toEqual({
      title: 'Tiny lab',
      difficulty: 'beginner',
      duration: '5 min',
      karpenterVersion: 'v1',
      prerequisites: ['kubectl'],
    });
    expect(lab?.intro).toBe('Intro text.');
    const step = lab?.steps[0];
    expect(step?.title).toBe('Scale up');
    expect(step?.start).toBe('kind: Scenario\n');
    expect(step?.checks).toEqual([
      { kind: 'podsRunning', selector: { app: 'inflate' }, count: 5 },
      { kind: 'noPendingPods' },
    ]);
    expect(step?.hints).toEqual(['Use the console.', 'At t = 0.']);
    expect(step?.solution).toEqual([
      {
        kind: 'console',
        commands: [
          { atMs: 0, command: 'kubectl scale deployment inflate --replicas=5' },
          { atMs: 300_000, command: 'kubectl scale deployment inflate --replicas=1' },
        ],
      },
    ]);
    expect(step?.explain).toBe('Five pods, one node.');
  });

  it('keeps ordinary code blocks in the instructions, even when they contain a step heading', () => {
    const step = [
      '## Step 1: Read',
      fence('markdown', '## Step 9: not a step'),
      fence('checks', '- noPendingPods'),
    ].join('\n');
    const { lab, errors } = parseLab('tiny', readme(step));
    expect(errors).toEqual([]);
    expect(lab?.steps).toHaveLength(1);
    expect(lab?.steps[0]?.body).toContain('## Step 9: not a step');
  });

  it('reports a misspelt check with its step and line', () => {
    const step = ['## Step 1: Typo', fence('checks', '- podsRuning: {count: 5}')].join('\n');
    const { errors } = parseLab('tiny', readme(step));
    expect(errors).toEqual([
      {
        lab: 'tiny',
        line: 10,
        message: expect.stringMatching(
          /^step 1: check 1: unknown check "podsRuning" \(known: .*podsRunning/,
        ),
      },
    ]);
  });

  it('requires checks in every step and steps numbered from 1', () => {
    const { errors } = parseLab('tiny', readme('## Step 2: Late', 'Nothing to check.'));
    expect(errors.map((e) => e.message)).toEqual([
      'step numbers must run 1, 2, 3…; found "Step 2" as step 1',
      'step 2: a step needs a ```checks block',
    ]);
  });

  it('refuses a README without frontmatter', () => {
    const { lab, errors } = parseLab('tiny', '## Step 1: x');
    expect(lab).toBeUndefined();
    expect(errors[0]?.message).toBe('the README must start with a --- frontmatter block');
  });

  it('names a missing frontmatter field', () => {
    const { errors } = parseLab('tiny', readme(STEP_ONE).replace('difficulty: beginner\n', ''));
    expect(errors.map((e) => e.message)).toEqual(['frontmatter: "difficulty" is required']);
  });
});

describe('buildCatalog', () => {
  const lab = (order?: string) =>
    readme(STEP_ONE).replace(
      'karpenterVersion: v1',
      `karpenterVersion: v1${order ? `\norder: ${order}` : ''}`,
    );

  it('lists labs in their frontmatter order, then the unordered ones by id', () => {
    const { labs, errors } = buildCatalog({
      'labs/b-second/README.md': lab('2'),
      'labs/a-unordered/README.md': lab(),
      'labs/z-first/README.md': lab('1'),
    });
    expect(errors).toEqual([]);
    expect(labs.map((l) => l.id)).toEqual(['z-first', 'b-second', 'a-unordered']);
  });

  it('says so when order is not a number', () => {
    const { errors } = buildCatalog({ 'labs/x/README.md': lab('first') });
    expect(errors.map((e) => e.message)).toContain('frontmatter: "order" must be a number');
  });
});
