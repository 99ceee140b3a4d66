// Saves an ExportFile through a Blob URL (the page's CSP allows blob:, and nothing leaves the machine).
import type { ExportFile } from '../../share/export.ts';

export function download(file: ExportFile): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: `${file.mime};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke on the next tick: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
