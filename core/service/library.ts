/**
 * The library: archive status, the report list in library order, one report and its source text,
 * metadata edits, removal and undo.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ArchiveStatus, ListQuery, MetadataEdit, RemoveResult, SourceText } from '../api.ts';
import type { CatalogueEntry, Report } from '../model.ts';
import { decodeText } from '../import/decode.ts';
import { decodeHtmlBytes } from '../import/html/charset.ts';
import { ArchiveError, normalizeBody } from '../archive/index.ts';
import type { ServiceContext } from './context.ts';
import { packageRoot } from '../common/package-root.ts';
import { canonicalBodyId } from '../common/body.ts';
import { bodyIdOfName } from '../common/body-registry.ts';
import { readBodyRegistry } from '../archive/bodies-file.ts';

/** One collator for the library order (String#localeCompare builds one per call: slow for 10,000 rows). */
const BODY_ORDER = new Intl.Collator('zh');

export async function appVersion(): Promise<string> {
  try {
    return JSON.parse(await readFile(path.join(packageRoot(), 'package.json'), 'utf8')).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** Text of a report for formats whose original is binary (PDF, DOCX). */
function reportText(r: Report): string {
  const lines = [r.title, ...r.preamble];
  for (const ch of r.chapters) lines.push('', ch.heading, ...ch.paragraphs);
  for (const t of Object.values(r.tables)) if (t) lines.push('', ...t.rawRows.map((row) => row.join('\t')));
  for (const g of r.genericTables) lines.push('', g.caption, ...g.rows.map((row) => row.join('\t')));
  return lines.join('\n');
}

export class LibraryFeature {
  /** The catalogue in library order, with the row list it was sorted from (see sortedCatalogue). */
  private listing: { source: CatalogueEntry[]; sorted: readonly CatalogueEntry[] } | null = null;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly about: { version: string; sampleLoaded: () => boolean },
  ) {}

  async getStatus(): Promise<ArchiveStatus> {
    await this.ctx.refresh();
    return {
      archivePath: this.ctx.archive.dir,
      reports: this.ctx.archive.size,
      sampleLoaded: this.about.sampleLoaded(),
      appVersion: this.about.version,
      host: this.ctx.opts.host,
    };
  }

  async listReports(query: ListQuery = {}): Promise<CatalogueEntry[]> {
    await this.ctx.refresh();
    const needle = query.body ? normalizeBody(query.body).toLowerCase() : '';
    const canonical = query.body ? canonicalBodyId(query.body) : '';
    const sorted = this.sortedCatalogue();
    // Filtering keeps the library order; a fresh array each call, so callers may sort or splice it.
    return sorted.filter(
      (e) =>
        (query.allVersions || e.latest) &&
        (query.year == null || e.year === query.year) &&
        (!needle || e.bodyNormalized.toLowerCase().includes(needle) || normalizeBody(e.body).toLowerCase().includes(needle) || e.bodyId === canonical),
    );
  }

  /**
   * Every catalogue row in library order (year descending, body by Chinese collation, newest
   * version, id), sorted once and reused while the catalogue holds the same rows: the archive
   * replaces a row object whenever the row changes, so same objects in the same order = same list.
   */
  sortedCatalogue(): readonly CatalogueEntry[] {
    const rows = this.ctx.archive.list();
    const memo = this.listing;
    if (memo && memo.source.length === rows.length && rows.every((e, i) => e === memo.source[i])) return memo.sorted;
    // Collate each distinct body name once (not once per comparison: 10,000 rows).
    const names = [...new Set(rows.map((e) => e.bodyNormalized))].sort(BODY_ORDER.compare);
    const rank = new Map<string, number>();
    names.forEach((n, i) => rank.set(n, i > 0 && BODY_ORDER.compare(names[i - 1], n) === 0 ? rank.get(names[i - 1])! : i));
    const sorted = [...rows].sort(
      (a, b) =>
        (b.year ?? -1) - (a.year ?? -1) ||
        rank.get(a.bodyNormalized)! - rank.get(b.bodyNormalized)! ||
        b.version - a.version ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    this.listing = { source: rows, sorted };
    return sorted;
  }

  async getReport(id: string): Promise<Report> {
    await this.ctx.refresh();
    if (!this.ctx.archive.entry(id)) throw new ArchiveError(`没有编号为 ${id} 的报告 (no report with id ${id})`);
    return this.ctx.archive.readReport(id);
  }

  async listVersions(id: string): Promise<CatalogueEntry[]> {
    await this.ctx.refresh();
    const entry = this.ctx.archive.entry(id);
    if (!entry) throw new ArchiveError(`没有编号为 ${id} 的报告 (no report with id ${id})`);
    // The archive's version group: the same canonical body and year (a report lacking either stands alone).
    if (!entry.bodyId || entry.year == null) return [entry];
    return this.ctx.archive
      .list()
      .filter((e) => e.bodyId === entry.bodyId && e.year === entry.year)
      .sort((a, b) => b.version - a.version || b.importedAt.localeCompare(a.importedAt));
  }

  async getSource(id: string): Promise<SourceText> {
    const report = await this.getReport(id);
    const { fileName, mediaType } = report.source;
    if (/pdf|word|officedocument|msword/i.test(mediaType)) return { fileName, mediaType, text: reportText(report) };
    const bytes = await this.ctx.archive.readSource(report);
    // Decoded as the importer decoded it: a page by its declared charset checked against the bytes.
    const text = /html/i.test(mediaType) ? decodeHtmlBytes(bytes).text : decodeText(bytes).text;
    return { fileName, mediaType, text };
  }

  async removeReports(ids: string[]): Promise<RemoveResult> {
    const { removed, token, effect } = await this.ctx.archive.removeReports(ids);
    await this.ctx.indexEffect(effect);
    return { removed, undoToken: token };
  }

  async undoRemove(undoToken: string): Promise<string[]> {
    const { restored, effect } = await this.ctx.archive.undoRemove(undoToken);
    await this.ctx.indexEffect(effect);
    return restored;
  }

  async editMetadata(id: string, edit: MetadataEdit): Promise<Report> {
    const body = edit.body?.trim();
    if (edit.body !== undefined && !body) throw new ArchiveError(`发布机关不能为空 (body must not be empty) — report ${id}`);
    if (edit.year !== undefined && !(Number.isInteger(edit.year) && edit.year >= 1990 && edit.year <= 2100)) {
      throw new ArchiveError(`年份 ${edit.year} 无效，应为 1990–2100 之间的整数 (invalid year) — report ${id}`);
    }
    const registry = body ? await readBodyRegistry(this.ctx.archive.dir) : null;
    const { report, effect } = await this.ctx.archive.updateReport(id, (r) => ({
      ...r,
      body: body && registry ? { printed: body, normalized: normalizeBody(body), id: bodyIdOfName(registry, body) } : r.body,
      year: edit.year ?? r.year,
      metadataConfidence: { body: body ? 'user' : r.metadataConfidence.body, year: edit.year !== undefined ? 'user' : r.metadataConfidence.year },
    }));
    await this.ctx.indexEffect(effect);
    return report;
  }

}
