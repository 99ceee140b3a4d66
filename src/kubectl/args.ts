// Flags of the read-only commands (get, describe, logs). The mutating commands go through the
// engine's parseCommand (src/sim/engine/kubectl.ts), which turns them into typed actions.
import { splitArgs, type Args } from '../sim/engine/kubectl.ts';

export type ReadArgs = Args;

// Flags whose value may follow as the next word (`-n kube-system`, `-o wide`, `-l app=web`).
const VALUE_FLAGS = new Set([
  'n',
  'namespace',
  'o',
  'output',
  'l',
  'selector',
  'L',
  'label-columns',
  'tail',
  'c',
  'container',
  'since',
]);

export function readArgs(words: readonly string[]): ReadArgs {
  // -oyaml, -o=yaml, -lapp=web, -nkube-system: short flags with the value glued on.
  const expanded = words.flatMap((w) => {
    const glued = /^-([onlL])(.+)$/.exec(w);
    return glued ? [`-${glued[1] ?? ''}`, (glued[2] ?? '').replace(/^=/, '')] : [w];
  });
  return splitArgs(expanded, VALUE_FLAGS);
}

export function flagValue(a: ReadArgs, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = a.flags.get(n);
    if (typeof v === 'string') return v;
  }
  return undefined;
}

export function hasFlag(a: ReadArgs, ...names: string[]): boolean {
  return names.some((n) => a.flags.has(n));
}
