import { describe, expect, it } from 'vitest';
import { precacheManifest } from './offline.ts';

const build = [
  { fileName: 'index.html', source: '<html>' },
  { fileName: 'assets/index-abc.js', source: 'code' },
  { fileName: 'assets/index-abc.js.map', source: '{}' },
  { fileName: 'sw.js', source: 'self' },
  { fileName: 'favicon.svg', source: new Uint8Array([1, 2]) },
];

describe('the precache manifest', () => {
  it('lists the page as its scope URL and every built file but maps and the worker', () => {
    expect(precacheManifest(build, 'sw.js').files).toEqual([
      './',
      'assets/index-abc.js',
      'favicon.svg',
    ]);
  });

  it('gets a new version when any file changes, and keeps it when none does', () => {
    const v = precacheManifest(build, 'sw.js').version;
    expect(precacheManifest([...build].reverse(), 'sw.js').version).toBe(v);
    const changed = build.map((f) =>
      f.fileName === 'index.html' ? { ...f, source: '<html>!' } : f,
    );
    expect(precacheManifest(changed, 'sw.js').version).not.toBe(v);
  });
});
