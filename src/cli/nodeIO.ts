// The CLI's io on a real process: stdout/stderr, files, stdin for `-`, directories.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { CliIO } from './inputs.ts';

export const processIO: CliIO = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readFile: (path) => readFileSync(path === '-' ? 0 : path, 'utf8'),
  listDir: (path) => {
    try {
      return statSync(path).isDirectory() ? readdirSync(path) : undefined;
    } catch {
      return undefined; // readFile then reports why the path cannot be read
    }
  },
};
