// Runs a fixture the way `npm run -s simulate -- <file> --json` does (src/cli/main.ts): parse the
// workspace, simulate with Karpenter's disruption controller, print toJSON. The fidelity suite
// asserts on that JSON, so a case passes only if the whole user-facing path agrees with upstream.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  engineObjects,
  formatDiagnostic,
  hasErrors,
  heldBackDocuments,
  parseWorkspace,
} from '../manifests/index.ts';
import { karpenterDisruption } from '../sim/disruption/index.ts';
import { toJSON, type TimelineJSON } from '../sim/engine/json.ts';
import { simulate } from '../sim/engine/simulate.ts';
import type { Timeline } from '../sim/engine/timeline.ts';

export const FIXTURES = dirname(fileURLToPath(import.meta.url));

/** The CLI's JSON for a fixture (path relative to src/fidelity); throws on invalid input. */
export function simulateFixture(path: string, opts: { until?: number; seed?: number } = {}) {
  const file = join(FIXTURES, path);
  return simulateText(readFileSync(file, 'utf8'), file, opts);
}

/** The CLI's JSON for a workspace text. */
export function simulateText(
  text: string,
  file = 'workspace.yaml',
  opts: { until?: number; seed?: number } = {},
): TimelineJSON {
  // Round-trip like the CLI's stdout, so nothing but JSON reaches the assertions.
  return JSON.parse(JSON.stringify(toJSON(timelineOf(text, file, opts)))) as TimelineJSON;
}

/** The timeline the CLI simulates for a workspace text (for tests that explain a moment of it). */
export function timelineOf(
  text: string,
  file = 'workspace.yaml',
  opts: { until?: number; seed?: number } = {},
): Timeline {
  const ws = parseWorkspace(text, { file });
  if (hasErrors(ws.diagnostics))
    throw new Error(ws.diagnostics.map((d) => formatDiagnostic(d)).join('\n'));
  const timeline = simulate({
    objects: engineObjects(ws),
    heldBack: heldBackDocuments(ws),
    disruption: karpenterDisruption(),
    ...(opts.seed === undefined ? {} : { seed: opts.seed }),
    ...(opts.until === undefined ? {} : { until: opts.until }),
  });
  if (timeline.refused !== undefined) throw new Error(timeline.refused);
  return timeline;
}
