// Flags of the read-only commands (get, describe, logs). The mutating commands go through the
// engine's parseCommand (src/sim/engine/kubectl.ts), which turns them into typed actions.
export interface ReadArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

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
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    // -oyaml, -o=yaml, -lapp=web, -nkube-system: short flags with the value glued on.
    const glued = /^-([onlL])(.+)$/.exec(w);
    if (glued) {
      flags.set(glued[1] ?? '', (glued[2] ?? '').replace(/^=/, ''));
      continue;
    }
    const m = /^--?([a-zA-Z][\w-]*)(?:=(.*))?$/.exec(w);
    if (!m) {
      positional.push(w);
      continue;
    }
    const name = m[1] ?? '';
    if (m[2] !== undefined) flags.set(name, m[2]);
    else if (VALUE_FLAGS.has(name) && i + 1 < words.length) flags.set(name, words[++i] ?? '');
    else flags.set(name, true);
  }
  return { positional, flags };
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
