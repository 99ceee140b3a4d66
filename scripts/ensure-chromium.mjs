// Finds a Chromium for the end-to-end tests: $CHROMIUM_PATH, then /usr/bin/chromium. When none is
// there and we run as root on a Debian/Ubuntu machine, installs Debian's `chromium` package
// (Playwright's own browser download is not reachable from our machines). Otherwise it stops with a
// message saying how to get one. Prints the path it settled on.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p) => p && existsSync(p));
}

export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (isRoot && hasApt) {
    console.log('[chromium] not found; installing Debian package "chromium" with apt-get …');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], {
      stdio: 'inherit',
      env,
    });
    const now = findChromium();
    if (now) return now;
  }
  console.error(
    [
      'No Chromium found for the end-to-end tests.',
      '  Debian/Ubuntu:  sudo apt-get install chromium',
      '  or point CHROMIUM_PATH at any Chromium/Chrome binary, e.g.',
      '  CHROMIUM_PATH=/path/to/chrome npm test',
    ].join('\n'),
  );
  process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`[chromium] ${ensureChromium()}`);
}
