/**
 * Printing (and "save as PDF" in the print dialog) of the whole report or one part of it. The
 * print stylesheet (styles.css, @media print) hides the app's chrome; a part is printed by
 * marking it and hiding its siblings for the duration of the print.
 */
import type { PrintPdfOutcome, ShellBridge } from '../../core/channels.ts';

export function printPart(part: HTMLElement | null): void {
  const cleanup = markPart(part);
  window.addEventListener('afterprint', cleanup);
  try {
    window.print();
  } finally {
    // window.print() blocks until the dialog closes in Chromium; afterprint may not fire everywhere.
    setTimeout(cleanup, 0);
  }
}

/** Marks `part` as the only thing printed (the print stylesheet hides its siblings); returns the undo. */
function markPart(part: HTMLElement | null): () => void {
  const body = document.body;
  if (part) {
    part.classList.add('print-target');
    body.dataset.printScope = 'part';
  }
  const cleanup = () => {
    part?.classList.remove('print-target');
    delete body.dataset.printScope;
    window.removeEventListener('afterprint', cleanup);
  };
  return cleanup;
}

/**
 * Electron: the report (or one part) straight to a PDF file, page numbers in the footer — main
 * asks where to save. The same print stylesheet applies, so the PDF looks like the printout.
 */
export async function exportPdf(shell: Pick<ShellBridge, 'printToPdf'>, part: HTMLElement | null, suggestedName: string): Promise<PrintPdfOutcome> {
  if (!shell.printToPdf) throw new Error('PDF export needs the desktop app (导出 PDF 仅桌面版可用)');
  const cleanup = markPart(part);
  try {
    return await shell.printToPdf({ suggestedName });
  } finally {
    cleanup();
  }
}
