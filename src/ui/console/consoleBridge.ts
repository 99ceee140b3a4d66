// Lets other panes hand a command line to the console ("Run in console" on a lab's code block)
// without knowing its internals: the mounted console registers how it runs a line.
type Runner = (line: string) => Promise<void>;

let runner: Runner | undefined;

export function registerConsole(run: Runner | undefined): void {
  runner = run;
}

/** Runs the line in the console as if typed there; false when no console is mounted. */
export async function runInConsole(line: string): Promise<boolean> {
  if (!runner) return false;
  await runner(line);
  return true;
}
