// Prints one line per example, fidelity fixture and lab step (its start and its played solution):
// `<sha1 of the timeline's events and final state> <name>`. Run it before and after a change that
// should only change speed and diff the two outputs: any difference is a behaviour change.
//   node --import tsx scripts/timeline-hashes.ts > /tmp/before.txt
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { simulateWorkspace } from '../src/pipeline/run.ts';
import { loadLabs } from '../src/labs/node.ts';
import { playSolution } from '../src/labs/play.ts';
import { yamlFiles } from '../src/share/anonymiseSweep.ts';

const timeline = (text: string) =>
  simulateWorkspace(text, { file: 'ws.yaml', seed: 1 }).session.timeline;

function plain(_k: string, v: unknown): unknown {
  if (v instanceof Map) return [...v.entries()];
  if (v instanceof Set) return [...v.values()];
  return v;
}

function hash(text: string): string {
  const t = timeline(text);
  const body = JSON.stringify({ e: t.events, f: t.final, end: t.end, r: t.refused }, plain);
  return createHash('sha1').update(body).digest('hex').slice(0, 16);
}

const filter = process.argv[2];
const say = (name: string, text: () => string) => {
  if (filter && !name.includes(filter)) return;
  console.log(`${hash(text())} ${name}`);
};
for (const f of [...yamlFiles('examples'), ...yamlFiles('src/fidelity')])
  say(f, () => readFileSync(f, 'utf8'));
for (const lab of loadLabs().labs)
  lab.steps.forEach((s, i) => {
    if (s.start === undefined) return;
    const start = s.start;
    say(`${lab.id}#${i + 1}/start`, () => start);
    say(`${lab.id}#${i + 1}/solved`, () => {
      const r = playSolution(start, s.solution, timeline);
      if (!r.ok) throw new Error(r.error);
      return r.text;
    });
  });
