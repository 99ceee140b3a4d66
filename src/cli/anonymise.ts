// `karpenter-lab anonymise <input>...`: the inputs as one workspace, stripped as the page's Import
// strips an export and anonymised (src/share/anonymise.ts), on stdout; the notes on stderr.
import { importYaml } from '../share/import.ts';
import { EXIT } from './args.ts';
import { filesOf, type CliIO, type InputFile } from './inputs.ts';

export function runAnonymiseCommand(inputs: readonly string[], io: CliIO): number {
  const files: InputFile[] = [];
  for (const input of inputs) {
    const f = filesOf(input, io);
    if (typeof f === 'string') {
      io.stderr(`karpenter-lab anonymise: ${f}\n`);
      return EXIT.usage;
    }
    files.push(...f);
  }
  const r = importYaml(
    files.map((f) => ({ name: f.file, text: f.text })),
    { anonymise: true },
  );
  if (!r.ok) {
    // A YAML error is located as simulate's are; the page's "Your workspace was not changed" is
    // about the page's editor, which a command line has not.
    io.stderr(`${r.located ?? `karpenter-lab anonymise: ${r.error}`}\n`);
    return EXIT.invalid;
  }
  io.stdout(r.text.endsWith('\n') ? r.text : `${r.text}\n`);
  for (const n of r.notes) io.stderr(`# ${n}\n`);
  return EXIT.ok;
}
