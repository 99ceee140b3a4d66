// The kubectl console. Read commands answer at the moment under the timeline cursor; commands that
// change the cluster become timed actions in the workspace (see src/kubectl/workspaceEdits.ts) and the simulation
// re-runs. `-w` keeps printing as the cursor moves forward. ↑/↓ history, Tab completion.
import { memo, useEffect, useRef, useState } from 'react';
import { emptyHistory, next, previous, remember, commonPrefix } from '../../kubectl/index.ts';
import type { Follow } from '../../kubectl/index.ts';
import { simulationStore } from '../stores/simulation.ts';
import { workspaceStore } from '../stores/workspace.ts';
import { applyConsoleAction, horizonNote } from '../../kubectl/workspaceEdits.ts';
import { registerConsole } from './consoleBridge.ts';

interface Line {
  id: number;
  kind: 'in' | 'out' | 'err' | 'info';
  text: string;
}

const MAX_LINES = 2000;

/** How Karpenter's JSON log lines start (kubectl logs), and its ERROR ones. */
const LOG_LINE = '{"level":';
const ERROR_LINE = '{"level":"ERROR"';

/** Output that is Karpenter's JSON log (kubectl logs): every line one JSON record. */
function isLogText(l: Line): boolean {
  return l.kind === 'out' && l.text.split('\n').every((s) => s.startsWith(LOG_LINE));
}

/**
 * One printed output. Memoized: a line never changes once printed, and the console re-renders on
 * every keystroke of its input, which re-split every kubectl logs output (thousands of lines).
 */
const ConsoleLine = memo(function ConsoleLine({ line: l }: { line: Line }) {
  if (!isLogText(l)) return <pre className={`line ${l.kind}`}>{l.text}</pre>;
  // JSON log lines are thousands of characters wide: wrapped, ERROR lines marked.
  return (
    <pre className={`line ${l.kind} logs`}>
      {l.text.split('\n').map((s, i) => (
        <span key={i} className={s.startsWith(ERROR_LINE) ? 'log-error' : undefined}>
          {s}
          {'\n'}
        </span>
      ))}
    </pre>
  );
});

export function Console() {
  const [lines, setLines] = useState<Line[]>([
    {
      id: 0,
      kind: 'info',
      text: 'Type kubectl commands, e.g. kubectl get nodes -L node.kubernetes.io/instance-type. "help" lists them. The editor sets the cluster at the start; a command here acts at the time under the cursor (kubectl scale, kubectl patch nodepool … change the run from then on).',
    },
  ]);
  const [input, setInput] = useState('');
  const history = useRef(emptyHistory);
  const nextId = useRef(1);
  const follow = useRef<{ follow: Follow; from: number } | undefined>(undefined);
  const inputRef = useRef<HTMLInputElement | null>(null);
  const outRef = useRef<HTMLDivElement | null>(null);

  const print = (kind: Line['kind'], text: string) => {
    if (text === '') return;
    setLines((ls) => [...ls, { id: nextId.current++, kind, text }].slice(-MAX_LINES));
  };

  useEffect(() => {
    outRef.current?.scrollTo({ top: outRef.current.scrollHeight });
  }, [lines]);

  // -w: as the cursor moves forward, print what changed in between.
  useEffect(
    () =>
      simulationStore.subscribe((s, prev) => {
        const f = follow.current;
        if (!f || s.time === prev.time) return;
        if (s.time < f.from) {
          f.from = s.time; // scrubbed backwards: follow from here
          return;
        }
        // f.from is a playhead time, never below 0 (the store clamps seeks and playback ticks).
        const from = f.from;
        f.from = s.time;
        void s.console({ op: 'follow', follow: f.follow, from, to: s.time }).then((r) => {
          if (r?.op !== 'follow' || follow.current?.follow !== f.follow) return;
          follow.current = { follow: r.follow, from: f.from };
          for (const l of r.lines) print('out', l);
        });
      }),
    [],
  );

  const run = async (line: string) => {
    const sim = simulationStore.getState();
    // The playhead itself, not the frame under it: "at 3m" means 3m even when the last event was
    // earlier (queries read the same state either way; a timed action lands where the clock says).
    const t = sim.time;
    print('in', `$ ${line}`);
    history.current = remember(history.current, line);
    follow.current = undefined;
    const r = await sim.console({ op: 'run', line, t });
    if (!r || r.op !== 'run') {
      print('err', 'The engine is busy or restarting; try again.');
      return;
    }
    if (r.clear) {
      setLines([]);
      return;
    }
    print('out', r.output);
    if (r.error) print('err', r.error);
    if (r.note) print('info', r.note);
    if (r.watch) follow.current = { follow: r.watch, from: t };
    if (r.error && /^kubectl apply\b/.test(line.trim())) {
      // Every document in the editor is applied at the start; only held-back ones wait for this.
      print(
        'info',
        'kubectl apply -f <name> applies a held-back document: add the annotation lab.karpenter.playground/held-back: <name> to a copy of the object in the workspace. For a small change, kubectl patch is simpler: kubectl patch nodepool default --type merge -p \'{"spec":{"limits":{"cpu":"8"}}}\'.',
      );
      return;
    }
    if (r.action) {
      const edited = applyConsoleAction(
        workspaceStore.getState().latest(),
        r.action.at,
        r.action.source,
        r.action.action,
      );
      if (!edited.ok) {
        print('err', `Could not change the workspace: ${edited.error}`);
        return;
      }
      workspaceStore.getState().setText(edited.text);
      print(
        'info',
        edited.as === 'action'
          ? `Added to the Scenario's actions at ${edited.at}; re-simulating.`
          : 'Changed the manifest in the workspace (t = 0); re-simulating.',
      );
      // The run that just ended decides: a fixed end stays where it was.
      const shown = sim.result;
      const note =
        edited.as === 'action' && shown
          ? horizonNote(r.action.at, shown.end, shown.stoppedBy)
          : undefined;
      if (note) print('info', note);
    }
  };

  // "Run in console" on a lab's code block runs here, at the playhead, like a typed line.
  useEffect(() => {
    registerConsole(run);
    return () => registerConsole(undefined);
  });

  const onKeyDown = async (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      const line = input.trim();
      setInput('');
      if (line) await run(line);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      const r = previous(history.current);
      history.current = r.history;
      if (r.line !== undefined) setInput(r.line);
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      const r = next(history.current);
      history.current = r.history;
      setInput(r.line);
    } else if (e.key === 'Tab' && !e.shiftKey && input.trim() !== '') {
      // Tab completes what was typed; on an empty line (and Shift+Tab always) it moves focus
      // on, so the console is never a keyboard trap (WCAG 2.1.2).
      e.preventDefault();
      const cursor = inputRef.current?.selectionStart ?? input.length;
      const sim = simulationStore.getState();
      const r = await sim.console({
        op: 'complete',
        line: input,
        cursor,
        t: sim.time,
      });
      if (r?.op !== 'complete' || r.candidates.length === 0) return;
      const common = r.candidates.length === 1 ? `${r.candidates[0]} ` : commonPrefix(r.candidates);
      if (common.length > cursor - r.from)
        setInput(input.slice(0, r.from) + common + input.slice(cursor));
      else print('info', r.candidates.join('  '));
    } else if (e.key === 'c' && e.ctrlKey) {
      follow.current = undefined;
      print('info', '^C');
    }
  };

  return (
    <section className="console" aria-label="kubectl console">
      <div
        className="console-out"
        ref={outRef}
        role="log"
        aria-live="polite"
        tabIndex={0}
        data-testid="console-output"
      >
        {lines.map((l) => (
          <ConsoleLine key={l.id} line={l} />
        ))}
      </div>
      <div className="console-in">
        <label htmlFor="console-input">$</label>
        <input
          id="console-input"
          ref={inputRef}
          value={input}
          onChange={(e) => setInput(e.target.value)}
          onKeyDown={(e) => void onKeyDown(e)}
          spellCheck={false}
          autoComplete="off"
          aria-label="kubectl command"
          aria-describedby="console-keys"
          placeholder="kubectl get pods -o wide"
        />
        <span id="console-keys" className="visually-hidden">
          Tab completes a command you have started typing; on an empty line Tab, and Shift+Tab
          always, move to the next or previous control.
        </span>
      </div>
    </section>
  );
}
