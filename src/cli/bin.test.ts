// The bundled program itself: build dist-cli the way `npm ci` does (into a temporary folder), then
// run it with node — no tsx, no TypeScript at run time — on a file, on stdin and with bad flags.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchWorkspace } from '../../bench/workspace.ts';
import { ROOT } from './testing.ts';

const out = mkdtempSync(join(tmpdir(), 'karpenter-lab-cli-'));
const bin = join(out, 'karpenter-lab.mjs');
const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, [bin, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    ...(input === undefined ? {} : { input }),
  });

/** Runs the bin with its stdout a pipe whose reader has already gone (`karpenter-lab … | head`). */
function intoClosedPipe(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: ROOT, timeout: 60_000 });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

describe('the bundled bin', { timeout: 180_000 }, () => {
  beforeAll(() => {
    const b = spawnSync(
      process.execPath,
      [
        join(ROOT, 'node_modules/vite/bin/vite.js'),
        'build',
        '--config',
        'vite.cli.config.ts',
        '--outDir',
        out,
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 170_000 },
    );
    expect(b.status, b.stderr).toBe(0);
  }, 180_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('is an executable node program that package.json names as the karpenter-lab bin', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
    };
    expect(pkg.bin['karpenter-lab']).toBe('dist-cli/karpenter-lab.mjs');
    expect(readFileSync(bin, 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    expect(statSync(bin).mode & 0o111).not.toBe(0);
  });

  it('answers --help and --version, and exits 2 on an unknown flag', () => {
    const help = run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: karpenter-lab/);
    expect(run(['--version']).stdout).toMatch(/^karpenter-lab \d+\.\d+\.\d+$/m);
    const bad = run(['examples/seed-lab-scale-up-and-down.yaml', '--nope']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown option --nope/);
  });

  it('simulates the README example from a file and from stdin alike', () => {
    const file = run(['examples/seed-lab-scale-up-and-down.yaml', '-o', 'json']);
    expect(file.status).toBe(0);
    const text = readFileSync(join(ROOT, 'examples/seed-lab-scale-up-and-down.yaml'), 'utf8');
    const stdin = run(['-', '-o', 'json'], text);
    expect(stdin.stdout).toBe(file.stdout);
    const j = JSON.parse(file.stdout) as { apiVersion: string; time: number };
    expect(j).toMatchObject({ apiVersion: 'cli.karpenter.playground/v1', time: 600 });
  });

  it('shows a progress line on a terminal during a long run and erases it before the report', () => {
    // script(1) gives the bin a pseudo-terminal; stdout goes to a file, so the terminal shows
    // stderr alone. The line's first delay is set to 0 (a second by default): the 1,000-pod
    // scale-up ends inside a second on an idle machine, and the test must not hang on speed.
    const ws = join(out, 'ws1000.yaml');
    writeFileSync(ws, benchWorkspace(1000, { until: '3m' }));
    const json = join(out, 'ws1000.json');
    const cmd = `${process.execPath} ${bin} ${ws} -o json > ${json}`;
    const r = spawnSync('script', ['-qfec', cmd, '/dev/null'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, KARPENTER_LAB_PROGRESS_AFTER_MS: '0' },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\rkarpenter-lab: simulated \d.* of 3m \(\d+%\) · \d+s, Ctrl-C stops/);
    expect(r.stdout.endsWith('\r\u001b[K')).toBe(true);
    // The report itself is untouched: JSON from the first byte.
    expect(JSON.parse(readFileSync(json, 'utf8'))).toMatchObject({ kind: 'Simulation' });
    // Not on a pipe: the same run without a terminal writes nothing to stderr.
    expect(run([ws, '--until', '1s', '-o', 'json']).stderr).toBe('');
  });

  it('ends quietly, with the run exit code, when the reader of its output has gone (| head)', async () => {
    // The pipe is closed before the bin writes anything, so even --help (written before the
    // engine loads) meets it: node ignores SIGPIPE and the write fails with EPIPE.
    for (const args of [['examples/seed-lab-scale-up-and-down.yaml', '-o', 'json'], ['--help']]) {
      const r = await intoClosedPipe(args);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    }
  });
});
