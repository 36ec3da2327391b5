/**
 * The shell bridge's printToPdf handler ("导出 PDF"): main asks where to save in its own dialog
 * (the page sends only a suggested name, never a path), prints the calling page with Chromium's
 * printToPDF — backgrounds kept, page numbers in the footer — and writes the file.
 */
import path from 'node:path';
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { SHELL_PRINT_PDF_CHANNEL, printPdfRequestSchema, type PrintPdfOutcome } from '../core/channels.ts';
import { IpcRefused, isTrustedSender, issuesOf } from './ipc.ts';

type HandleOnly = Pick<IpcMain, 'handle' | 'removeHandler'>;

export interface PrintPdfDeps {
  /** Shows the save dialog (PDF filter); the chosen path or null when cancelled. */
  chooseSavePath(suggestedName: string): Promise<string | null>;
  writeFile(file: string, data: Uint8Array): Promise<void>;
}

/** "3 / 12" centred at the foot of each page; Chromium fills the pageNumber/totalPages spans. */
export const PDF_FOOTER_TEMPLATE =
  '<div style="width:100%;font-size:9px;color:#555;text-align:center;"><span class="pageNumber"></span> / <span class="totalPages"></span></div>';

export const PDF_OPTIONS = {
  printBackground: true,
  displayHeaderFooter: true,
  // An empty header: Chromium's default one prints the date and the app:// address.
  headerTemplate: '<span></span>',
  footerTemplate: PDF_FOOTER_TEMPLATE,
} as const;

/** A suggested name always ends in .pdf, whatever the page proposed. */
export function pdfFileName(suggestedName: string): string {
  return /\.pdf$/i.test(suggestedName) ? suggestedName : `${suggestedName.replace(/\.[^.]*$/, '')}.pdf`;
}

export function registerPrintPdfHandler(ipcMain: HandleOnly, deps: PrintPdfDeps, trusted = isTrustedSender): () => void {
  ipcMain.handle(SHELL_PRINT_PDF_CHANNEL, async (event: IpcMainInvokeEvent, request: unknown): Promise<PrintPdfOutcome> => {
    if (!trusted(event)) throw new IpcRefused("printToPdf: refused, the caller is not the app's page");
    const parsed = printPdfRequestSchema.safeParse(request);
    if (!parsed.success) throw new IpcRefused(`printToPdf: invalid arguments — ${issuesOf(parsed.error)}`);
    const file = await deps.chooseSavePath(pdfFileName(parsed.data.suggestedName));
    if (!file) return { status: 'cancelled' };
    const sender: Pick<WebContents, 'printToPDF'> = event.sender;
    const pdf = await sender.printToPDF(PDF_OPTIONS);
    await deps.writeFile(file, new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength));
    return { status: 'saved', fileName: path.basename(file) };
  });
  return () => ipcMain.removeHandler(SHELL_PRINT_PDF_CHANNEL);
}
