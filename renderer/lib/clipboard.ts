/**
 * What "Copy as …" puts on the clipboard, built from the report the reader already holds with
 * core/export's pure functions: no round trip to the archive. Writing goes through the shell
 * bridge (Electron's clipboard in the app, navigator.clipboard in the browser host).
 */
import type { ClipboardPayload } from '../../core/channels.ts';
import { EXPORT_FORMATS, exportReport, type ExportFormatId } from '../../core/export/index.ts';
import type { Report } from '../../core/model.ts';
import type { TableId } from '../../core/spec.ts';

/** Every export format but JSON (data for programs, not for pasting). */
export type CopyFormat = Exclude<ExportFormatId, 'json'>;
export const COPY_FORMATS: CopyFormat[] = EXPORT_FORMATS.filter((format): format is CopyFormat => format !== 'json');

/** The whole report, one chapter (by key) or one statistical table. */
export interface CopyScope {
  chapter?: string;
  table?: TableId;
}

/**
 * text/plain in the chosen format and the HTML rendering as text/html, so that Word/WPS get a
 * real table whatever was chosen. "HTML" puts readable plain text beside the markup: a plain
 * text editor pastes the content, not the tags. Throws for a chapter or table the report lacks.
 */
export function copyPayload(report: Report, scope: CopyScope, format: CopyFormat): ClipboardPayload {
  const render = (f: ExportFormatId) => exportReport(report, { format: f, chapter: scope.chapter, table: scope.table });
  const html = render('html');
  return { text: render(format === 'html' ? 'text' : format), html };
}
