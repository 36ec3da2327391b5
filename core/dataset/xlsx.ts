/**
 * A real XLSX workbook of a dataset with exceljs's streaming writer (rows are written and
 * released one by one: 10,000 reports stay well under the memory bound): sheet 报告 with the
 * Chinese header, the id header, frozen headers and first columns (no cell styles, see below), numbers as numbers, unknown
 * cells empty; sheet 问题 with the findings. Node only.
 */
import { PassThrough, type Writable } from 'node:stream';
import { FINDING_IDS, FINDING_LABELS, HEADER_IDS, HEADER_LABELS, findingValues, rowValues, type DatasetFinding, type DatasetRow } from './columns.ts';

/** Rows added between two looks at the compression queue. */
const ROWS_PER_TURN = 20;
/** Sheet XML allowed to wait for compression. */
const MAX_QUEUED_BYTES = 4 * 1048576;

/**
 * exceljs's streaming writer hands the sheet's XML to the zip's compressor without waiting for
 * it (its StreamBuf ignores backpressure), and rows coming from memory never let the event loop
 * turn: the whole sheet (60 MB of XML for 10,000 reports) piled up in memory. Wait here
 * while the compressor's input queue is long. Reads exceljs 4.4's internals (sheet.stream.pipes),
 * so without them it only gives the loop a turn.
 */
async function compressionCaughtUp(sheet: object): Promise<void> {
  type Queue = { writableLength?: number; _writableState?: { length?: number }; once?(event: 'drain', listener: () => void): unknown; off?(event: 'drain', listener: () => void): unknown };
  const queue = (sheet as { stream?: { pipes?: Queue[] } }).stream?.pipes?.[0];
  const queued = () => queue?.writableLength ?? queue?._writableState?.length ?? 0; // archiver's readable-stream 2 has no writableLength
  await new Promise((resolve) => setImmediate(resolve));
  while (queued() > MAX_QUEUED_BYTES) {
    // Asleep until the compressor has taken the queue ('drain'), not spinning: on two cores a
    // busy wait took the CPU the compressor needed. Woken every 50 ms in any case.
    await new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        queue?.off?.('drain', wake);
        resolve();
      };
      const timer = setTimeout(wake, 50);
      queue?.once?.('drain', wake);
    });
  }
}

export interface XlsxTarget {
  /** Write to this file … */
  file?: string;
  /** … or to this stream. */
  stream?: Writable;
}

export async function writeXlsx(target: XlsxTarget, rows: AsyncIterable<DatasetRow> | Iterable<DatasetRow>, findings: () => Iterable<DatasetFinding>): Promise<void> {
  // Loaded on use: exceljs takes ~0.5 s to import, and most CLI commands never write a workbook.
  const { default: ExcelJS } = await import('exceljs');
  // No styles: they double exceljs's time per cell (10,000 rows × 230 cells), and a plain header row reads as well.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: target.file, stream: target.stream, useStyles: false, useSharedStrings: false });
  workbook.creator = '年报库 Nianbao';
  const sheet = workbook.addWorksheet('报告', { views: [{ state: 'frozen', xSplit: 3, ySplit: 2 }] });
  sheet.addRow(HEADER_LABELS).commit();
  sheet.addRow(HEADER_IDS).commit();
  let written = 0;
  for await (const row of rows) {
    sheet.addRow(rowValues(row).map((v) => (v === null ? undefined : v))).commit();
    if (++written % ROWS_PER_TURN === 0) await compressionCaughtUp(sheet);
  }
  sheet.commit();
  const sheet2 = workbook.addWorksheet('问题', { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet2.addRow(FINDING_LABELS).commit();
  sheet2.addRow(FINDING_IDS).commit();
  for (const f of findings()) sheet2.addRow(findingValues(f).map((v) => (v === null ? undefined : v))).commit();
  sheet2.commit();
  await workbook.commit();
}

/** The workbook as bytes (for the app's save dialog). */
export async function xlsxBytes(rows: Iterable<DatasetRow>, findings: () => Iterable<DatasetFinding>): Promise<Uint8Array> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  await writeXlsx({ stream }, rows, findings);
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
