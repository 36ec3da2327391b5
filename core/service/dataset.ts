/**
 * Dataset export: one row per report of a selection (everything, a year, a body, a search query,
 * picked ids; latest versions unless allVersions) as CSV, XLSX or JSON Lines, to bytes for the
 * app or straight to a file for the CLI (XLSX streamed row by row).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { DatasetFile, DatasetFormat, DatasetRequest, DatasetSelection } from '../api.ts';
import { findingsOf, type CatalogueEntry } from '../model.ts';
import { ArchiveError } from '../archive/index.ts';
import { rowValues, type DatasetFinding, type DatasetRow } from '../dataset/columns.ts';
import { csvLine, csvLines } from '../dataset/csv.ts';
import { jsonLine } from '../dataset/jsonl.ts';
import { writeXlsx, xlsxBytes } from '../dataset/xlsx.ts';
import type { ServiceContext } from './context.ts';
import type { BodiesFeature } from './bodies.ts';
import { cellsOfRow, type CellsCache } from './cells-cache.ts';
import type { LibraryFeature } from './library.ts';

const MEDIA: Record<DatasetFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jsonl: 'application/x-ndjson',
};
/** Rows read and written per step: bounds memory for 10,000 reports. */
const CHUNK = 500;
const SEARCH_PAGE = 500;

export class DatasetFeature {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly library: LibraryFeature,
    private readonly bodies: BodiesFeature,
    private readonly cells: CellsCache,
  ) {}

  /** The catalogue rows of a selection, in library order. */
  async select(sel: DatasetSelection): Promise<CatalogueEntry[]> {
    if (!sel.all && sel.year == null && !sel.body && !sel.query && !sel.ids) {
      throw new ArchiveError('请选择要导出的报告：--all、--year、--body 或 --query (choose what to export)');
    }
    let rows = (await this.library.listReports({ allVersions: sel.allVersions })).filter((e) => sel.year == null || e.year === sel.year);
    if (sel.body) {
      const body = await this.bodies.resolve(sel.body);
      rows = rows.filter((e) => e.bodyId === body.id);
    }
    if (sel.ids) {
      const ids = new Set(sel.ids);
      rows = rows.filter((e) => ids.has(e.id));
    }
    if (sel.query?.trim()) {
      const engine = await this.ctx.engine();
      const hits = new Set<string>();
      for (let page = 0; ; page++) {
        const res = await engine.search({ query: sel.query, page, pageSize: SEARCH_PAGE });
        for (const r of res.results) hits.add(r.id);
        if (res.results.length === 0 || (page + 1) * res.pageSize >= res.total) break;
      }
      // A search finds the latest versions; with allVersions the other versions of a found report come too.
      const found = new Set(rows.filter((e) => hits.has(e.id)).map((e) => `${e.bodyId}|${e.year}`));
      rows = rows.filter((e) => hits.has(e.id) || (sel.allVersions && found.has(`${e.bodyId}|${e.year}`)));
    }
    return rows;
  }

  private async *rows(entries: CatalogueEntry[]): AsyncGenerator<DatasetRow> {
    for (let i = 0; i < entries.length; i += CHUNK) {
      const chunk = entries.slice(i, i + CHUNK);
      // Views into the cells cache; each row's object of 219 cells is made as it is written, so it
      // dies young (500 of them alive at once were promoted and grew the heap by ~150 MB).
      const values = await this.cells.valuesOf(chunk);
      for (let j = 0; j < chunk.length; j++) yield { entry: chunk[j], cells: cellsOfRow(values[j]) };
    }
  }

  private async findings(entries: CatalogueEntry[]): Promise<DatasetFinding[]> {
    const out: DatasetFinding[] = [];
    for (const e of entries) {
      if (e.findings === 0 && e.errors === 0) continue; // the catalogue counts open findings; dismissed ones are rare
      const r = await this.ctx.archive.readReport(e.id);
      for (const f of findingsOf(r)) out.push({ ...f, reportId: r.id, body: r.body.printed, year: r.year });
    }
    return out;
  }

  async exportDataset(request: DatasetRequest): Promise<DatasetFile> {
    const entries = await this.select(request);
    const fileName = `nianbao-dataset.${request.format}`;
    let bytes: Uint8Array;
    if (request.format === 'xlsx') {
      const rows: DatasetRow[] = [];
      for await (const row of this.rows(entries)) rows.push(row);
      const findings = await this.findings(entries);
      bytes = await xlsxBytes(rows, () => findings);
    } else {
      const parts: string[] = [];
      for await (const line of this.textLines(request.format, entries)) parts.push(line);
      bytes = new TextEncoder().encode(parts.join(''));
    }
    return { fileName, mediaType: MEDIA[request.format], bytes, reports: entries.length };
  }

  private async *textLines(format: 'csv' | 'jsonl', entries: CatalogueEntry[]): AsyncGenerator<string> {
    if (format === 'jsonl') {
      for await (const row of this.rows(entries)) yield jsonLine(row);
      return;
    }
    const lines = csvLines([]);
    yield lines.next().value!; // the two header rows
    yield lines.next().value!;
    for await (const row of this.rows(entries)) yield `${csvLine(rowValues(row))}\r\n`;
  }

  /** Writes a dataset to a file (the CLI): XLSX streamed, text formats line by line. Returns the report count. */
  async exportDatasetToFile(request: DatasetRequest, file: string): Promise<number> {
    const entries = await this.select(request);
    if (request.format === 'xlsx') {
      const findings = await this.findings(entries);
      await writeXlsx({ file }, this.rows(entries), () => findings);
      return entries.length;
    }
    const out = createWriteStream(file);
    for await (const line of this.textLines(request.format, entries)) if (!out.write(line)) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
    return entries.length;
  }
}
