import { describe, expect, it } from 'vitest';
import { parseFlags, type Args } from './flags.ts';

function parsed(command: string, words: string): Args {
  const r = parseFlags(
    command,
    words.split(' ').filter((w) => w !== ''),
  );
  if ('error' in r) throw new Error(r.error);
  return r;
}
const error = (command: string, words: string): string | undefined => {
  const r = parseFlags(command, words.split(' '));
  return 'error' in r ? r.error : undefined;
};

describe('parseFlags (pflag rules)', () => {
  it('reads long and short flags with their values in every spelling', () => {
    for (const words of ['-o wide', '-owide', '-o=wide', '--output wide', '--output=wide'])
      expect(parsed('get', `pods ${words}`).flags.get('output')).toBe('wide');
    const a = parsed('get', 'pods -Aw -lapp=web --show-labels');
    expect(a.positional).toEqual(['pods']);
    expect([...a.flags]).toEqual([
      ['all-namespaces', true],
      ['watch', true],
      ['selector', 'app=web'],
      ['show-labels', true],
    ]);
  });

  it('collects repeated slice flags and honours --x=false and --', () => {
    expect(parsed('get', 'nodes -L a -L b,c').flags.get('label-columns')).toBe('a,b,c');
    expect(parsed('describe', 'pods --show-events=false').flags.get('show-events')).toBe(false);
    expect(parsed('get', 'pods -- -weird-name').positional).toEqual(['pods', '-weird-name']);
  });

  it('fails an unknown flag with kubectl’s own text', () => {
    expect(error('get', 'pods --foo')).toBe(
      "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.",
    );
    expect(error('get', 'pods --foo=bar')).toBe(
      "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.",
    );
    expect(error('top node', '-A')).toBe(
      "error: unknown shorthand flag: 'A' in -A\nSee 'kubectl top node --help' for usage.",
    );
    expect(error('get', 'pods -Ax')).toBe(
      "error: unknown shorthand flag: 'x' in -Ax\nSee 'kubectl get --help' for usage.",
    );
  });

  it('says when a flag lacks its value or a boolean gets a bad one', () => {
    expect(error('get', 'pods -l')).toBe(
      "error: flag needs an argument: 'l' in -l\nSee 'kubectl get --help' for usage.",
    );
    expect(error('get', 'pods --selector')).toBe(
      "error: flag needs an argument: --selector\nSee 'kubectl get --help' for usage.",
    );
    expect(error('get', 'pods --watch=maybe')).toBe(
      'error: invalid argument "maybe" for "-w, --watch" flag: strconv.ParseBool: parsing "maybe": invalid syntax\nSee \'kubectl get --help\' for usage.',
    );
  });
});
