// The console's one entry point: a command line and the moment under the cursor in, the text
// kubectl (or helm) would print out — plus, for mutating commands, the typed action for the UI to
// add and re-simulate, and for -w / -f what to keep printing as simulated time runs.
// Never throws for user input: anything unknown is an answer listing what is supported.
import { shellWords, type Timeline, type TimedAction } from '../sim/engine/index.ts';
import { own } from '../sim/own.ts';
import type { ConsoleContext } from './context.ts';
import { eventLines, eventsCommand, type EventsSpec } from './eventsCommand.ts';
import { explain } from './explain.ts';
import { parseFlags, type Args } from './flags.ts';
import { commandHelp, helpText, unsupported } from './help.ts';
import { installedSince, karpenterLogLines } from './logs.ts';
import { runMutation } from './mutate.ts';
import { apiResources, describe, get, logs, version } from './readCommands.ts';
import { top } from './top.ts';
import { watchLines, type WatchSpec } from './watch.ts';

/** What keeps printing after the command: `get -w` rows, `events -w` rows or `logs -f` lines. */
export type Follow =
  { kind: 'get'; spec: WatchSpec } | { kind: 'events'; spec: EventsSpec } | { kind: 'logs' };

export interface CommandResult {
  /** stdout, exactly as kubectl prints it (no trailing newline). */
  output: string;
  /** stderr, when the command failed (or partly failed, e.g. one of several names not found). */
  error?: string;
  /** A note from the console itself (not kubectl's text), e.g. what `top` measures here. */
  note?: string;
  /** Mutating commands: the action at the cursor, for the UI to add and re-simulate. */
  action?: TimedAction;
  watch?: Follow;
  /** `clear` was typed. */
  clear?: true;
}

type Read = (a: Args, ctx: ConsoleContext) => CommandResult;

const READ: Readonly<Record<string, Read>> = {
  get,
  describe,
  logs,
  events: eventsCommand,
  explain,
  'api-resources': apiResources,
  version,
};

const MUTATING = new Set([
  'scale',
  'delete',
  'apply',
  'cordon',
  'uncordon',
  'drain',
  'annotate',
  'label',
  'taint',
  'patch',
]);

/** A word as a shell would need it typed (the source text of a timed action). */
function shellQuote(w: string): string {
  return /^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

/** `kubectl -n ns get pods`: flags before the verb (kubectl's global ones) move after it. */
function verbFirst(words: string[]): { verb?: string; rest: string[] } | { error: string } {
  const before: string[] = [];
  let i = 0;
  while (i < words.length && (words[i] ?? '').startsWith('-')) {
    const w = words[i] ?? '';
    before.push(w);
    if ((w === '-n' || w === '--namespace') && i + 1 < words.length) before.push(words[++i] ?? '');
    i++;
  }
  const parsed = parseFlags('', before);
  if ('error' in parsed)
    return { error: parsed.error.replace("See 'kubectl  --help'", "See 'kubectl --help'") };
  const verb = words[i];
  return verb === undefined ? { rest: before } : { verb, rest: [...words.slice(i + 1), ...before] };
}

export function runCommand(line: string, ctx: ConsoleContext): CommandResult {
  const split = shellWords(line.trim());
  if (!split.ok) return { output: '', error: split.error };
  const words = split.words;
  const head = words[0];
  if (head === undefined) return { output: '' };
  if (head === 'help') return { output: helpText() };
  if (head === 'clear') return { output: '', clear: true };
  if (head === 'helm' || head === 'interrupt' || head === 'ice') return runMutation(line, ctx);
  if (head !== 'kubectl' && head !== 'k') return { output: '', error: unsupported(`"${head}"`) };
  const v = verbFirst(words.slice(1));
  if ('error' in v) return { output: '', error: v.error };
  const { verb, rest } = v;
  if (verb === undefined || verb === 'help') return { output: helpText() };
  if (rest.includes('--help') || rest.includes('-h')) return { output: commandHelp(verb) };
  // `top node` / `top pods`: the subcommand is part of the command's name.
  const sub = verb === 'top' ? topSubcommand(rest[0]) : undefined;
  const command = sub ? `top ${sub}` : verb;
  if (!own(READ, verb) && !MUTATING.has(verb) && !sub)
    return {
      output: '',
      error:
        verb === 'top'
          ? 'error: kubectl top needs a resource: node(s) or pod(s)'
          : unsupported(`kubectl ${verb}`),
    };
  const a = parseFlags(command, sub ? rest.slice(1) : rest);
  if ('error' in a) return { output: '', error: a.error };
  if (sub) return top(sub, a, ctx);
  const read = own(READ, verb);
  if (read) return read(a, ctx);
  return runMutation(['kubectl', verb, ...rest].map(shellQuote).join(' '), ctx);
}

function topSubcommand(word: string | undefined): 'node' | 'pod' | undefined {
  if (word === 'node' || word === 'nodes' || word === 'no') return 'node';
  if (word === 'pod' || word === 'pods' || word === 'po') return 'pod';
  return undefined;
}

/**
 * The lines a running `get -w` or `logs -f` prints for what happens in (from, to], and the follow
 * state for the next call. The UI calls it as the cursor advances (the timeline may have been
 * re-simulated in between).
 */
export function followLines(
  follow: Follow,
  timeline: Timeline,
  from: number,
  to: number,
): { lines: string[]; follow: Follow } {
  if (to <= from) return { lines: [], follow };
  if (follow.kind === 'get') {
    const r = watchLines(follow.spec, timeline, from, to);
    return { lines: r.lines, follow: { kind: 'get', spec: r.spec } };
  }
  if (follow.kind === 'events') {
    const r = eventLines(follow.spec, timeline, from, to);
    return { lines: r.lines, follow: { kind: 'events', spec: r.spec } };
  }
  // Logs follow the running Karpenter: nothing while it is not installed.
  if (installedSince(timeline, to) === undefined) return { lines: [], follow };
  return { lines: karpenterLogLines(timeline, from, to), follow };
}
