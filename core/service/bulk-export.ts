/**
 * Many reports as ONE zip file, streamed: one file per report in the chosen export format, each
 * report read from the archive only when the zip writer reaches it (jszip with streamFiles), so
 * 10,000 reports need the memory of one report plus the zip's directory, not of all of them.
 * Progress counts reports written; an AbortSignal stops the export between two reports.
 */
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import JSZip from 'jszip';
import type { ExportFormat } from '../api.ts';
import type { CatalogueEntry, Report } from '../model.ts';
import { exportReport } from '../export/index.ts';
import { ArchiveError } from '../archive/index.ts';

export interface ReportsZipRequest {
  ids: string[];
  format: ExportFormat;
}

export interface ReportsZipOptions {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

const EXTENSIONS: Record<ExportFormat, string> = { text: 'txt', html: 'html', tsv: 'tsv', markdown: 'md', json: 'json' };

/** `2022-伊春市人民政府-2022-e735f616.md` (from the catalogue row): sorts by year, says whose report, unique by id. */
export function zipEntryName(entry: Pick<CatalogueEntry, 'id' | 'year' | 'body'>, format: ExportFormat): string {
  const body = (entry.body || '未知机关').replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 60);
  return `${entry.year ?? '无年度'}-${body}-${entry.id}.${EXTENSIONS[format]}`;
}

export function zipFileName(count: number, format: ExportFormat): string {
  return `nianbao-${count}-${format}.zip`;
}

/** A stream that reads and exports its report only when the zip writer first asks for data. */
function lazyEntry(load: () => Promise<string>): Readable {
  let started = false;
  return new Readable({
    read() {
      if (started) return;
      started = true;
      load().then(
        (text) => {
          this.push(Buffer.from(text, 'utf8'));
          this.push(null);
        },
        (error: Error) => this.destroy(error),
      );
    },
  });
}

/** Writes the zip to `out`; resolves with the number of reports once `out` is finished. */
export async function writeReportsZip(
  request: ReportsZipRequest,
  archive: { entry(id: string): CatalogueEntry | undefined; readReport(id: string): Promise<Report> },
  out: Writable,
  options: ReportsZipOptions = {},
): Promise<number> {
  const ids = [...new Set(request.ids)];
  if (ids.length === 0) throw new ArchiveError('没有选择要导出的报告 (no reports selected for export)');
  const unknown = ids.filter((id) => !archive.entry(id));
  if (unknown.length) throw new ArchiveError(`没有编号为 ${unknown.slice(0, 20).join(', ')} 的报告 (no report with id ${unknown.slice(0, 20).join(', ')})`);
  const total = ids.length;
  let done = 0;
  const zip = new JSZip();
  for (const id of ids) {
    const entry = lazyEntry(async () => {
      if (options.signal?.aborted) throw new ArchiveError('导出已取消 (export cancelled)');
      const report = await archive.readReport(id);
      const text = exportReport(report, { format: request.format });
      done++; // not inside the optional call: without onProgress the count must still run
      options.onProgress?.(done, total);
      return text;
    });
    zip.file(zipEntryName(archive.entry(id)!, request.format), entry, { binary: true });
  }
  const stream = zip.generateNodeStream({ type: 'nodebuffer', streamFiles: true, compression: 'DEFLATE', compressionOptions: { level: 6 } });
  await pipeline(stream, out, { signal: options.signal });
  return done;
}
