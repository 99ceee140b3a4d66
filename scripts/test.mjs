// `npm test` — the one gate: format, types, lint, unit tests, production build, end-to-end tests in
// headless Chromium. Every step runs even after a failure so one run shows everything that is wrong;
// the exit code is non-zero if any step failed. The last line is the plain summary CI reads:
//   tests: N passed, N failed        (unit + e2e counts)
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { ensureChromium } from './ensure-chromium.mjs';

const out = '.ci-out';
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const only = process.argv.slice(2); // e.g. `npm test -- unit e2e` runs just those steps
const started = Date.now();
const failures = [];

function step(name, cmd, args, env = {}) {
  if (only.length && !only.includes(name)) return;
  const t0 = Date.now();
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) failures.push(name);
  console.log(`=== ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${secs}s`);
}

step('format', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']);
step('typecheck', 'npx', ['tsc', '--noEmit']);
step('lint', 'npx', ['eslint', '.']);
step('unit', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${out}/vitest.json`,
]);
step('build', 'npx', ['vite', 'build', '--logLevel', 'warn']);
if (!only.length || only.includes('e2e')) {
  const chromium = ensureChromium();
  step('e2e', 'npx', ['playwright', 'test', '--reporter=list,json'], {
    CHROMIUM_PATH: chromium,
    PLAYWRIGHT_JSON_OUTPUT_NAME: `${out}/e2e.json`,
  });
}

function readJson(path) {
  try {
    return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
  } catch {
    return undefined;
  }
}
const v = readJson(`${out}/vitest.json`);
const e = readJson(`${out}/e2e.json`)?.stats;
const unitPassed = v?.numPassedTests ?? 0;
const unitFailed = v ? v.numFailedTests : failures.includes('unit') ? 1 : 0;
const e2ePassed = e ? e.expected + e.flaky : 0;
const e2eFailed = e ? e.unexpected : failures.includes('e2e') ? 1 : 0;
const elapsed = ((Date.now() - started) / 1000).toFixed(0);
console.log(
  `\nunit ${unitPassed} passed, ${unitFailed} failed; e2e ${e2ePassed} passed, ${e2eFailed} failed`,
);
console.log(failures.length ? `failed steps: ${failures.join(', ')}` : 'all steps ok');
console.log(`elapsed ${elapsed}s`);
console.log(`tests: ${unitPassed + e2ePassed} passed, ${unitFailed + e2eFailed} failed`);
process.exit(failures.length ? 1 : 0);
