/**
 * Hand-built reports for the rule and narrative tests. The numbers of `seedTables` are the
 * tables of test/fixtures/seed/yichun-2022.txt, written by hand from the document.
 */
import type { Cell, Chapter, ParsedReport, StatTable, TableCells } from '../../core/model.ts';
import { APPLICANT_COLUMNS, CHAPTER_HEADINGS, CHAPTER_IDS, REVIEW_COLUMNS, type ReportFormat, type TableId } from '../../core/spec.ts';
import { SEED_APPLICATIONS } from '../export/fixture.ts';

export type CellInput = number | string | null;

/** 5 → a number cell; '' blank; '/' slash; '—' or '-' dash; other text → text; null → missing. */
export function cell(input: CellInput): Cell {
  if (typeof input === 'number') return { value: input, state: 'number', raw: String(input) };
  if (input === null) return { value: null, state: 'missing', raw: '' };
  if (input === '') return { value: null, state: 'blank', raw: '' };
  if (input === '/') return { value: null, state: 'slash', raw: '/' };
  if (input === '—' || input === '-') return { value: null, state: 'dash', raw: input };
  return { value: null, state: 'text', raw: input };
}

export function table(id: TableId, rows: Record<string, Record<string, CellInput | Cell>>): StatTable {
  const cells: TableCells = {};
  for (const [row, cols] of Object.entries(rows)) {
    cells[row] = {};
    for (const [col, v] of Object.entries(cols)) cells[row][col] = typeof v === 'object' && v !== null ? v : cell(v);
  }
  return { id, cells, rawRows: [] };
}

const APPLICANT_IDS = APPLICANT_COLUMNS.map((c) => c.id);
/** [natural, commercial, research, nonprofit, legal, other, total] → a row of table 三. */
export function applicantRow(values: CellInput[]): Record<string, CellInput> {
  return Object.fromEntries(APPLICANT_IDS.map((id, i) => [id, values[i]]));
}
const REVIEW_IDS = REVIEW_COLUMNS.map((c) => c.id);
/** [upheld, corrected, other, pending, total] → a group of table 四. */
export function reviewGroup(values: CellInput[]): Record<string, CellInput> {
  return Object.fromEntries(REVIEW_IDS.map((id, i) => [id, values[i]]));
}

/** Table 三 of the seed (2021 template), row by row (the figures are kept once, in the export fixture). */
export function seedApplicationRows(): Record<string, Record<string, CellInput>> {
  return Object.fromEntries(Object.entries(SEED_APPLICATIONS).map(([k, v]) => [k, applicantRow(v)]));
}

export function seedTables(): ParsedReport['tables'] {
  return {
    proactive: table('proactive', {
      regulations: { issued: 0, repealed: 0, inForce: 0 },
      normativeDocuments: { issued: 147, repealed: 55, inForce: 379 },
      licensing: { decisions: 211704 },
      penalty: { decisions: 72105 },
      enforcement: { decisions: 1662 },
      fees: { amountWan: 15781.34226 },
    }),
    applications: table('applications', seedApplicationRows()),
    reviewLitigation: table('reviewLitigation', {
      review: reviewGroup([2, 1, 0, 2, 5]),
      litigationDirect: reviewGroup([0, 0, 0, 0, 0]),
      litigationAfterReview: reviewGroup([0, 0, 0, 0, 0]),
    }),
  };
}

export function chapter(id: Chapter['id'], paragraphs: string[], heading?: string): Chapter {
  return { id, key: id, heading: heading ?? (id === 'extra' ? '七、附件' : CHAPTER_HEADINGS[id]), paragraphs };
}

/** Six chapters with a line of text each (五 says something). */
export function sixChapters(): Chapter[] {
  return CHAPTER_IDS.map((id) => chapter(id, id === 'problems' ? ['统筹抓总作用还需进一步加强。'] : id === 'other' ? ['未收取信息处理费。'] : []));
}

export function makeReport(over: Partial<ParsedReport> = {}): ParsedReport {
  return {
    body: { printed: '伊春市', normalized: '伊春市' },
    year: 2022,
    title: '伊春市 2022 年政府信息公开工作年度报告',
    publishedAt: null,
    format: '2021' as ReportFormat,
    preamble: [],
    chapters: sixChapters(),
    tables: seedTables(),
    genericTables: [],
    parseFindings: [],
    metadataConfidence: { body: 'certain', year: 'certain' },
    sourceMetadata: {},
    ...over,
  };
}

/** Replaces some cells of a report's table (a deep copy of the table). */
export function withCells(report: ParsedReport, tableId: TableId, cells: Record<string, Record<string, CellInput | Cell>>): ParsedReport {
  const old = report.tables[tableId];
  const copy: TableCells = structuredClone(old?.cells ?? {});
  for (const [row, cols] of Object.entries(cells)) {
    copy[row] = copy[row] ?? {};
    for (const [col, v] of Object.entries(cols)) copy[row][col] = typeof v === 'object' && v !== null ? v : cell(v);
  }
  return { ...report, tables: { ...report.tables, [tableId]: { id: tableId, cells: copy, rawRows: [] } } };
}
