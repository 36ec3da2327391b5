/**
 * What is searched in a report, as a flat list of fields in weight order
 * (meta, chapter headings, paragraphs, findings, narrative view, tabular view).
 * Table row/column labels come from spec.ts and are the same for every report of a format,
 * so they are shared "label fields" (see labelFields) rather than copied into every report.
 */
import type { Report } from '../model.ts';
import { findingsOf } from '../model.ts';
import { narrateTable } from '../narrative.ts';
import { TABLE_IDS, tableSpecsFor, type ReportFormat, type TableId } from '../spec.ts';
import { tripleCache } from '../common/triple-cache.ts';

/** Weight class of a field; the index keeps fields ordered by class. */
export const FieldClass = { Meta: 0, Heading: 1, Text: 2, Finding: 3, Narrative: 4, Table: 5 } as const;
export type FieldClass = (typeof FieldClass)[keyof typeof FieldClass];
export const CLASS_WEIGHT = [10, 5, 2, 1.5, 1.2, 1];

export interface Field {
  where: string;
  text: string;
  cls: FieldClass;
}

export function metaText(report: Pick<Report, 'body' | 'year' | 'title'>): string {
  return [report.body.printed, report.year != null ? `${report.year}年` : '', report.title].filter(Boolean).join(' ');
}

/** The chapter a `where` belongs to (for `chapter:` filters): chapter key, or the table's chapter. */
export function chapterOfWhere(where: string): string | null {
  const parts = where.split(':');
  if (parts[0] === 'chapter') return parts[1];
  if (parts[0] === 'table' || parts[0] === 'narrative') return parts[1];
  return null;
}

/** `table:<t>:<row>:<col>` strings, cached so that the same string instance (and its hash) is reused. */
export const cellWhere = tripleCache((table, row, column) => `table:${table}:${row}:${column}`);

const chapterWhereCache = new Map<string, string[]>();
function chapterWhere(key: string, index: number): string {
  let list = chapterWhereCache.get(key);
  if (!list) chapterWhereCache.set(key, (list = []));
  return (list[index] ??= `chapter:${key}:${index}`);
}

export function tableIdsOf(report: Pick<Report, 'tables'>): TableId[] {
  return TABLE_IDS.filter((t) => report.tables[t] != null);
}

/** Fields in class order (the index relies on it: DocRecord.classEnd). */
export function reportFields(report: Report): Field[] {
  const fields: Field[] = [{ where: 'meta', text: metaText(report), cls: FieldClass.Meta }];
  for (const ch of report.chapters) if (ch.heading) fields.push({ where: `chapter:${ch.key}:heading`, text: ch.heading, cls: FieldClass.Heading });
  report.preamble.forEach((p, i) => fields.push({ where: chapterWhere('preamble', i), text: p, cls: FieldClass.Text }));
  for (const ch of report.chapters) ch.paragraphs.forEach((p, i) => fields.push({ where: chapterWhere(ch.key, i), text: p, cls: FieldClass.Text }));
  for (const f of findingsOf(report)) {
    const text = [f.message, f.detail].filter(Boolean).join(' ');
    fields.push({ where: `finding:${f.key}`, text, cls: FieldClass.Finding });
  }
  for (const t of tableIdsOf(report)) {
    narrateTable(report, t).forEach((s, i) => fields.push({ where: `narrative:${t}:${i}`, text: s, cls: FieldClass.Narrative }));
  }
  for (const t of tableIdsOf(report)) {
    const table = report.tables[t]!;
    for (const rowId in table.cells) {
      const cols = table.cells[rowId];
      for (const colId in cols) {
        const cell = cols[colId];
        const where = cellWhere(t, rowId, colId);
        const raw = cell.raw ?? '';
        if (raw) fields.push({ where, text: raw, cls: FieldClass.Table });
        if (cell.value != null) {
          const value = String(cell.value);
          if (raw !== value && !raw.replace(/\s+/g, '').includes(value)) fields.push({ where, text: value, cls: FieldClass.Table });
        }
      }
    }
  }
  report.genericTables.forEach((g, gi) => {
    if (g.caption) fields.push({ where: `table:generic-${gi}:caption:`, text: g.caption, cls: FieldClass.Table });
    g.rows.forEach((row, ri) => row.forEach((c, ci) => c && fields.push({ where: `table:generic-${gi}:${ri}:${ci}`, text: c, cls: FieldClass.Table })));
  });
  return fields;
}

/** Label fields of one table of one format: title, row labels (with group/section), column labels. */
export function labelFields(format: ReportFormat, table: TableId): Field[] {
  const spec = tableSpecsFor(format).find((t) => t.id === table);
  if (!spec) return [];
  const out: Field[] = [{ where: `table:${table}:*:*`, text: spec.title, cls: FieldClass.Table }];
  const columns = new Map<string, string>();
  for (const row of spec.rows) {
    out.push({ where: `table:${table}:${row.id}:*`, text: [row.section, row.group, row.label].filter(Boolean).join(' '), cls: FieldClass.Table });
    for (const c of row.columns) columns.set(c.id, c.label);
  }
  for (const [id, label] of columns) out.push({ where: `table:${table}:*:${id}`, text: label, cls: FieldClass.Table });
  if (table === 'applications') out.push({ where: `table:${table}:*:legalPerson`, text: '法人或其他组织', cls: FieldClass.Table });
  return out;
}

/** Every field of a report including its shared label fields: the brute-force reference view. */
export function allFieldsWithLabels(report: Report): Field[] {
  const out = reportFields(report);
  for (const t of tableIdsOf(report)) out.push(...labelFields(report.format, t));
  return out;
}
