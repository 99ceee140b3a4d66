// Anonymise every example, lab step and (optionally) fidelity fixture and simulate it before and
// after: the timelines must match event for event (type, reason and time). Shared by the unit test
// (examples and labs) and `npm run -s anonymise-check` (everything, ~560 workspaces, minutes).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadLabs } from '../labs/node.ts';
import { simulateWorkspace } from '../pipeline/run.ts';
import { anonymiseWorkspace } from './anonymise.ts';

/** What a timeline did, without names: each event's time and type or reason, and how it ended. */
function outline(text: string): string[] {
  const t = simulateWorkspace(text, { file: 'ws.yaml', seed: 1 }).session.timeline;
  const events = t.events.map((e) => {
    const k = e as unknown as { t: number; type: string; event?: { reason?: string } };
    return `${k.t}:${k.type}${k.event?.reason ? `/${k.event.reason}` : ''}`;
  });
  return [...events, `end ${t.end}`, `refused ${t.refused !== undefined}`];
}

/** A workspace anonymised (anonymiseWorkspace), or an error thrown. */
export function anonymisedText(text: string): string {
  const r = anonymiseWorkspace(text);
  if (!r.ok) throw new Error(r.error);
  return r.text;
}

/** The first event where the anonymised run differs (undefined: the same run). */
export function firstDifference(text: string): string | undefined {
  const a = outline(text);
  const b = outline(anonymisedText(text));
  const i = a.findIndex((x, k) => x !== b[k]);
  if (i < 0 && a.length === b.length) return undefined;
  const at = i < 0 ? Math.min(a.length, b.length) : i;
  return `event ${at}: ${a[at] ?? '(none)'} became ${b[at] ?? '(none)'}`;
}

/** Every .yaml/.yml file under `dir`, sorted, depth first. */
export function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) return yamlFiles(p);
      return /\.ya?ml$/.test(f) ? [p] : [];
    });
}

/** [name, workspace text] for the examples, every lab step's start and, if asked, the fixtures. */
export function sweepCases(withFixtures: boolean): [string, string][] {
  const dirs = withFixtures ? ['examples', 'src/fidelity'] : ['examples'];
  const cases: [string, string][] = dirs
    .flatMap(yamlFiles)
    .map((f) => [f, readFileSync(f, 'utf8')]);
  for (const lab of loadLabs().labs)
    lab.steps.forEach((s, i) => {
      if (s.start !== undefined) cases.push([`${lab.id}#${i + 1}`, s.start]);
    });
  return cases;
}
