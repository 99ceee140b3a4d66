import { describe, expect, it } from 'vitest';
import { followLines, runCommand, type Follow } from './run.ts';
import { at, oneNodeForWeb, podRec, WEB_NODE } from './testing.ts';

function start(
  line: string,
  tl: ReturnType<typeof oneNodeForWeb>,
  t: number,
): { output: string; watch: Follow } {
  const r = runCommand(line, at(tl, t));
  if (!r.watch) throw new Error('no watch');
  return { output: r.output, watch: r.watch };
}

describe('kubectl get -w', () => {
  it('prints one row per change of a watched pod, lined up with the first table', () => {
    const tl = oneNodeForWeb();
    const w = start('kubectl get pods -w', tl, 5_000);
    expect(w.output).toBe(
      ['NAME    READY   STATUS    RESTARTS   AGE', 'web-1   0/1     Pending   0          5s'].join(
        '\n',
      ),
    );
    expect(followLines(w.watch, tl, 5_000, 60_000).lines).toEqual([
      'web-1   0/1     ContainerCreating   0          45s',
      'web-1   1/1     Running             0          47s',
    ]);
  });

  it('prints nothing when only the AGE changed', () => {
    const tl = oneNodeForWeb();
    const w = start('kubectl get pods -w', tl, 48_000);
    expect(followLines(w.watch, tl, 48_000, 600_000).lines).toEqual([]);
  });

  it('gives the same rows whether time advances in one step or in many', () => {
    const tl = oneNodeForWeb();
    let { watch } = start('kubectl get nodeclaims -w', tl, 0);
    const stepped: string[] = [];
    for (let t = 0; t < 60_000; t += 1_000) {
      const r = followLines(watch, tl, t, t + 1_000);
      stepped.push(...r.lines);
      watch = r.follow;
    }
    expect(stepped).toEqual(
      followLines(start('kubectl get nodeclaims -w', tl, 0).watch, tl, 0, 60_000).lines,
    );
  });

  it('prints the header with the first row when the first listing was empty', () => {
    const tl = oneNodeForWeb();
    const w = start('kubectl get nodeclaims -w', tl, 0);
    expect(w.output).toBe('No resources found');
    const lines = followLines(w.watch, tl, 0, 60_000).lines;
    expect(lines.slice(0, 2)).toEqual([
      'NAME            TYPE   CAPACITY   ZONE   NODE   READY     AGE',
      'default-abcde                                   Unknown   0s',
    ]);
    expect(lines.slice(2)).toEqual([
      'default-abcde   m5.large   on-demand   us-east-1a          Unknown   2s',
      `default-abcde   m5.large   on-demand   us-east-1a   ${WEB_NODE}   Unknown   29s`,
      `default-abcde   m5.large   on-demand   us-east-1a   ${WEB_NODE}   True      44s`,
    ]);
  });

  it('prints the last state of an object that is deleted', () => {
    const tl = oneNodeForWeb([
      { t: 70_000, type: 'pod.terminating', pod: 'default/web-1' },
      { t: 75_000, type: 'pod.deleted', pod: 'default/web-1' },
    ]);
    const w = start('kubectl get pods -w', tl, 60_000);
    expect(followLines(w.watch, tl, 60_000, 80_000).lines).toEqual([
      'web-1   0/1     Terminating   0          70s',
      'web-1   0/1     Terminating   0          70s',
    ]);
  });

  it('follows only what the selector watches', () => {
    const tl = oneNodeForWeb([
      {
        t: 50_000,
        type: 'pod.created',
        pod: podRec('api-1', { labels: { app: 'api' }, createdAt: 50_000 }),
      },
    ]);
    const w = start('kubectl get pods -l app=api -w', tl, 48_000);
    expect(followLines(w.watch, tl, 48_000, 60_000).lines).toEqual([
      'NAME    READY   STATUS    RESTARTS   AGE',
      'api-1   0/1     Pending   0          0s',
    ]);
  });
});
