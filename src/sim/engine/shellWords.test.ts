import { describe, expect, it } from 'vitest';
import { shellWords } from './shellWords.ts';

const words = (line: string): string[] => {
  const r = shellWords(line);
  if (!r.ok) throw new Error(r.error);
  return r.words;
};
const error = (line: string): string => {
  const r = shellWords(line);
  if (r.ok) throw new Error(`expected an error for ${line}, got ${JSON.stringify(r.words)}`);
  return r.error;
};

describe('shellWords', () => {
  it('keeps quoted words together, as a shell does', () => {
    expect(words(`kubectl get pods -l 'app in (a,b)'`)).toEqual([
      'kubectl',
      'get',
      'pods',
      '-l',
      'app in (a,b)',
    ]);
    expect(words('kubectl annotate pod web a="x y"')).toEqual([
      'kubectl',
      'annotate',
      'pod',
      'web',
      'a=x y',
    ]);
    expect(words(`k get po -o jsonpath="{.items[*].metadata.name}"`)).toEqual([
      'k',
      'get',
      'po',
      '-o',
      'jsonpath={.items[*].metadata.name}',
    ]);
    expect(words(String.raw`k label no n a\ b=c`)).toEqual(['k', 'label', 'no', 'n', 'a b=c']);
  });

  it('passes unmatched globs and $VARS through literally (no files, no environment here)', () => {
    expect(words('k get po -o jsonpath={.items[*].metadata.name}')).toEqual([
      'k',
      'get',
      'po',
      '-o',
      'jsonpath={.items[*].metadata.name}',
    ]);
    expect(words('echo $HOME')).toEqual(['echo', '$HOME']);
  });

  it('drops a # comment', () => {
    expect(words('kubectl get nodes # all of them')).toEqual(['kubectl', 'get', 'nodes']);
  });

  it('refuses pipes and redirections with a plain message', () => {
    for (const line of [
      'kubectl get pods | grep web',
      'kubectl get pods > pods.txt',
      'kubectl get pods 2>&1',
      'kubectl apply -f - < x.yaml',
    ])
      expect(error(line)).toMatch(/^pipes and redirection are not supported; /);
  });

  it('refuses chained commands and unquoted parentheses', () => {
    expect(error('kubectl get pods; kubectl get nodes')).toMatch(/one command per line/);
    expect(error('kubectl get pods && kubectl get nodes')).toMatch(/one command per line/);
    expect(error('kubectl get pods -l app in (a,b)')).toBe(
      "unquoted parentheses: quote the selector, e.g. -l 'app in (a,b)'",
    );
  });

  it('locates an unterminated quote', () => {
    expect(error(`kubectl get pods -l 'app=web`)).toBe(
      "unterminated ' quote starting at column 21: close it with another '",
    );
    expect(words(`kubectl annotate pod web note="it's"`)).toEqual([
      'kubectl',
      'annotate',
      'pod',
      'web',
      "note=it's",
    ]);
  });
});
