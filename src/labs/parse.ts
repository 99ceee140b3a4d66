// labs/<id>/README.md → Lab. The convention (see labs/README.md):
//
//   ---                              frontmatter (YAML): title, difficulty, duration,
//   title: …                         prerequisites, karpenterVersion, summary, order
//   ---
//   intro Markdown
//   ## Step 1: Install Karpenter     one section per step
//   instructions Markdown …
//   ```yaml start                    the workspace this step loads (optional)
//   ```checks                        YAML list of declarative checks (checks/parse.ts)
//   ```hint                          one block per hint, shown one at a time
//   ```solution console              "at 1m: helm install …" lines, or
//   ```solution yaml                 a whole workspace
//   ```explain                       Markdown shown when every check passes
//
// Any other fenced block (```bash, ```yaml) stays in the instructions. Pure: no fs, no DOM.
import { parse as parseYaml } from 'yaml';
import { parseDuration } from '../sim/engine/index.ts';
import { parseChecks } from './checks/parse.ts';
import type { Lab, LabError, LabMeta, LabStep, Solution } from './types.ts';

const STEP = /^##\s+Step\s+(\d+)\s*:\s*(.+?)\s*$/;
const FENCE = /^(`{3,})\s*(.*)$/;

interface Block {
  info: string;
  text: string;
  line: number;
}

export function parseLab(
  id: string,
  markdown: string,
): { lab: Lab; errors: LabError[] } | { lab?: undefined; errors: LabError[] } {
  const errors: LabError[] = [];
  const err = (message: string, line?: number): void => {
    errors.push(line === undefined ? { lab: id, message } : { lab: id, line, message });
  };
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const { meta, bodyStart } = frontmatter(lines, err);
  if (!meta) return { errors };

  // Split into the intro and the step sections, ignoring headings inside fenced code.
  const sections: { n: number; title: string; line: number; lines: string[] }[] = [];
  const intro: string[] = [];
  let fence: string | undefined;
  for (let i = bodyStart; i < lines.length; i++) {
    const l = lines[i] ?? '';
    const f = FENCE.exec(l);
    if (f) fence = fence === undefined ? f[1] : l.trim() === fence ? undefined : fence;
    const m = fence === undefined ? STEP.exec(l) : null;
    if (m) sections.push({ n: Number(m[1]), title: m[2] ?? '', line: i + 1, lines: [] });
    else (sections.at(-1)?.lines ?? intro).push(l);
  }
  if (sections.length === 0) err('no "## Step 1: <title>" section');

  const steps: LabStep[] = [];
  sections.forEach((s, i) => {
    if (s.n !== i + 1)
      err(`step numbers must run 1, 2, 3…; found "Step ${s.n}" as step ${i + 1}`, s.line);
    steps.push(step(s, err));
  });
  return { lab: { id, meta, intro: intro.join('\n').trim(), steps }, errors };
}

function frontmatter(
  lines: string[],
  err: (m: string, line?: number) => void,
): { meta?: LabMeta; bodyStart: number } {
  if (lines[0]?.trim() !== '---') {
    err('the README must start with a --- frontmatter block', 1);
    return { bodyStart: 0 };
  }
  const end = lines.indexOf('---', 1);
  if (end < 0) {
    err('the frontmatter is not closed with ---', 1);
    return { bodyStart: 0 };
  }
  let raw: unknown;
  try {
    raw = parseYaml(lines.slice(1, end).join('\n'));
  } catch (e) {
    err(`frontmatter: ${(e as Error).message}`, 2);
    return { bodyStart: end + 1 };
  }
  const f = (raw ?? {}) as Record<string, unknown>;
  const text = (k: string): string => {
    const v = f[k];
    if (typeof v === 'string' || typeof v === 'number') return String(v);
    err(`frontmatter: "${k}" is required`, 1);
    return '';
  };
  const prereq = f.prerequisites;
  const meta: LabMeta = {
    title: text('title'),
    difficulty: text('difficulty'),
    duration: text('duration'),
    karpenterVersion: text('karpenterVersion'),
    prerequisites: Array.isArray(prereq) ? prereq.map(String) : prereq ? [String(prereq)] : [],
    ...(typeof f.summary === 'string' ? { summary: f.summary } : {}),
    ...(typeof f.order === 'number' && Number.isFinite(f.order) ? { order: f.order } : {}),
  };
  if (f.order !== undefined && meta.order === undefined)
    err('frontmatter: "order" must be a number', 1);
  return { meta, bodyStart: end + 1 };
}

function step(
  s: { n: number; title: string; line: number; lines: string[] },
  err: (m: string, line?: number) => void,
): LabStep {
  const body: string[] = [];
  const blocks: Block[] = [];
  for (let i = 0; i < s.lines.length; i++) {
    const l = s.lines[i] ?? '';
    const f = FENCE.exec(l);
    const info = f?.[2]?.trim() ?? '';
    if (!f || !isLabBlock(info)) {
      // An ordinary fence: copy it whole so a "## Step" or ```hint inside it stays text.
      body.push(l);
      if (f) {
        while (++i < s.lines.length) {
          body.push(s.lines[i] ?? '');
          if ((s.lines[i] ?? '').trim() === f[1]) break;
        }
      }
      continue;
    }
    const text: string[] = [];
    const line = s.line + i + 1;
    let closed = false;
    while (++i < s.lines.length) {
      if ((s.lines[i] ?? '').trim() === f[1]) {
        closed = true;
        break;
      }
      text.push(s.lines[i] ?? '');
    }
    if (!closed) err(`step ${s.n}: the \`\`\`${info} block is not closed`, line);
    blocks.push({ info, text: text.join('\n'), line });
  }

  const out: LabStep = {
    n: s.n,
    title: s.title,
    body: body.join('\n').trim(),
    checks: [],
    hints: [],
    solution: [],
  };
  for (const b of blocks) {
    const [word, arg] = b.info.split(/\s+/);
    if (b.info === 'yaml start' || b.info === 'start') out.start = `${b.text}\n`;
    else if (word === 'checks') {
      const r = parseChecks(b.text);
      out.checks.push(...r.checks);
      for (const e of r.errors) err(`step ${s.n}: ${e}`, b.line);
    } else if (word === 'hint') out.hints.push(b.text.trim());
    else if (word === 'explain') out.explain = b.text.trim();
    else if (word === 'solution') {
      const sol = solution(arg, b.text);
      if (typeof sol === 'string') err(`step ${s.n}: ${sol}`, b.line);
      else out.solution.push(sol);
    }
  }
  if (!blocks.some((b) => b.info === 'checks'))
    err(`step ${s.n}: a step needs a \`\`\`checks block`, s.line);
  return out;
}

function isLabBlock(info: string): boolean {
  return /^(yaml start|start|checks|hint|explain|solution(\s+(yaml|console))?)$/.test(info);
}

/** Console solutions: one command per line, "at 5m: kubectl …" for a later playhead (default 0s). */
function solution(kind: string | undefined, text: string): Solution | string {
  if (kind === 'yaml') return { kind: 'workspace', text: `${text}\n` };
  const commands: { atMs: number; command: string }[] = [];
  for (const raw of text.split('\n')) {
    const l = raw.trim();
    if (l === '' || l.startsWith('#')) continue;
    const m = /^at\s+(\S+?):\s*(.+)$/.exec(l);
    const atMs = m ? parseDuration(m[1]) : 0;
    if (atMs === undefined) return `solution line "${l}": "${m?.[1]}" is not a duration`;
    commands.push({ atMs, command: m ? (m[2] ?? '') : l });
  }
  if (commands.length === 0) return 'the solution block is empty';
  return { kind: 'console', commands };
}
