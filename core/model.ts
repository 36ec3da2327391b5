/**
 * The stored report and everything hanging off it. Pure data: JSON-serialisable,
 * shared by every layer (renderer imports these types too).
 */
import type { ChapterId, ReportFormat, RuleId, TableId } from './spec.ts';
import { tripleCache } from './common/triple-cache.ts';

export const SCHEMA_VERSION = 2;
/** Bumped whenever parsing changes what a stored report would contain (search index keys on it). */
export const PARSER_VERSION = '1.0.0';

/** How a cell was printed. Only `number` cells carry a value. */
export type CellState = 'number' | 'blank' | 'slash' | 'dash' | 'text' | 'missing';

export interface Cell {
  /** Parsed number, or null where blank/slash/dash/unreadable/missing. Never a guessed 0. */
  value: number | null;
  state: CellState;
  /** Text exactly as read from the source (after whitespace trimming). */
  raw: string;
  /** Annotation printed with a number: "379（其中修订16件）" → "其中修订16件". */
  annotation?: string;
  /** Unit conversion note, e.g. raw was in 元 and value is in 万元. */
  unitNote?: string;
}

/** rowId → columnId → cell, with the canonical ids of spec.ts. */
export type TableCells = Record<string, Record<string, Cell>>;

export interface StatTable {
  id: TableId;
  cells: TableCells;
  /** The grid as it was read from the source (text of each cell), kept for the source view and findings. */
  rawRows: string[][];
  /** rowId → the label as printed, for rows matched although their label differed from the template's. */
  printedLabels?: Record<string, string>;
}

/** A table that matched no template table (pre-2019 统计表, extra tables): rows × columns of text. */
export interface GenericTable {
  caption: string;
  /** Chapter the table sat in ('preamble' or a chapter key). */
  chapterKey: string;
  rows: string[][];
}

export interface Chapter {
  /** Spec chapter id, or 'extra' for chapters beyond the six (attachments, a 七、…). */
  id: ChapterId | 'extra';
  /** Unique key within the report: the spec id, or `extra-1`, `extra-2`… */
  key: string;
  /** Heading as printed, e.g. "五、存在的主要问题及整改措施". */
  heading: string;
  /** Paragraphs of narrative text (sub-headings are paragraphs too). */
  paragraphs: string[];
}

export interface CellRef {
  table: TableId;
  row: string;
  column: string;
}

/**
 * The reference to one cell: one frozen object per cell, shared by every evaluation that names
 * it (a report's rules name ~350 cells; as separate objects they were a third of what an
 * imported report held on the heap until stored).
 */
export const cellRef: (table: TableId, row: string, column: string) => CellRef = tripleCache((table, row, column) =>
  Object.freeze({ table: table as TableId, row, column }),
);

export type RuleStatus = 'pass' | 'fail' | 'notAssessable';
export type Severity = 'error' | 'warning';

/** One evaluation of one rule over one scope (a column, a row, a group, a pair of years…). */
export interface RuleEvaluation {
  rule: RuleId;
  /** Stable within a report: rule + scope, e.g. "applications.balance:natural". Dismissals key on it. */
  key: string;
  status: RuleStatus;
  severity: Severity;
  /** Human-readable, Chinese, one sentence. */
  message: string;
  /**
   * The same sentence in English, built by the same rule from the same operands (cell labels
   * stay the template's Chinese, quoted). Absent on reports stored before it existed and on
   * rules without one: the English UI then shows `message`.
   */
  messageEn?: string;
  cells: CellRef[];
  /** Both sides of the equation where there is one (null where not assessable). */
  left?: number | null;
  right?: number | null;
  /** Extra context: the narrative sentence, the neighbouring report id, the raw text of an unreadable row. */
  detail?: string;
  /** For cross-year rules: the other report. */
  relatedReportId?: string;
}

export interface Dismissal {
  key: string;
  reason: string;
  at: string;
}

/** A failing evaluation as shown to users. */
export interface Finding extends RuleEvaluation {
  status: 'fail';
  dismissed?: Dismissal;
}

export interface SourceInfo {
  fileName: string;
  mediaType: string;
  sha256: string;
  size: number;
  /** Path of the stored original bytes, relative to the archive folder. */
  storedPath: string;
}

export interface BodyName {
  /** As printed: 伊春市人民政府 / 伊春市. */
  printed: string;
  /** Normalized for grouping: whitespace removed, full-width folded. */
  normalized: string;
  /**
   * The canonical body (core/common/body.ts) after the user's merges and renames: 伊春市 for
   * 伊春市人民政府 and 伊春市政府. Versions, cross-year rules, facets and comparison group by it.
   * Set by the archive when the report is stored; absent on a freshly parsed report.
   */
  id?: string;
}

/** What the importer was unsure about, so the UI can ask the user. */
export interface MetadataConfidence {
  body: 'certain' | 'guessed' | 'missing' | 'user';
  year: 'certain' | 'guessed' | 'missing' | 'user';
}

/** What an importer produces, before the archive gives it an id and a home. */
export interface ParsedReport {
  body: BodyName;
  year: number | null;
  title: string;
  publishedAt: string | null;
  format: ReportFormat;
  preamble: string[];
  chapters: Chapter[];
  tables: Partial<Record<TableId, StatTable>>;
  genericTables: GenericTable[];
  /** Findings made while parsing (table.incomplete), before validation. */
  parseFindings: RuleEvaluation[];
  metadataConfidence: MetadataConfidence;
  /** Metadata the page printed (索引号, 发布机构, 公开日期 …). */
  sourceMetadata: Record<string, string>;
  /**
   * Who published the page or file (发布机构, 来源, the site's 主办单位): kept apart from `body`, which is
   * the body the report's title names; the publisher is only the body's fallback.
   */
  publisher?: string | null;
  /** What the importer could not do as printed, for the reader (tables unreadable, labels that differed, mixed templates). */
  importNotes?: string[];
}

export interface Report extends ParsedReport {
  schemaVersion: number;
  id: string;
  source: SourceInfo;
  importedAt: string;
  parserVersion: string;
  /** All rule evaluations (pass, fail, not assessable), incl. parse findings and cross-year rules. */
  evaluations: RuleEvaluation[];
  dismissals: Dismissal[];
  /** Version number among reports of the same body+year (1 = first imported). */
  version: number;
}

/** Failing evaluations with their dismissal, in display order. */
export function findingsOf(report: Pick<Report, 'evaluations' | 'dismissals'>): Finding[] {
  const dismissed = new Map(report.dismissals.map((d) => [d.key, d]));
  return report.evaluations
    .filter((e): e is RuleEvaluation & { status: 'fail' } => e.status === 'fail')
    .map((e) => ({ ...e, dismissed: dismissed.get(e.key) }));
}

/** The catalogue row of a report: what the library lists without opening report files. */
export interface CatalogueEntry {
  id: string;
  body: string;
  bodyNormalized: string;
  /** The canonical body (BodyName.id); '' when the report names no body. */
  bodyId: string;
  year: number | null;
  title: string;
  format: ReportFormat;
  importedAt: string;
  sha256: string;
  version: number;
  /** False for older versions of the same body+year. */
  latest: boolean;
  /** Undismissed failing findings. */
  findings: number;
  errors: number;
  /** Dismissed failing findings (absent when none): a report with only these is not "clean". */
  dismissed?: number;
  fileName: string;
}

/** The plain values view of the spec: tables.<tableId>.<rowId>.<columnId> = number | null. */
export type TableValues = Partial<Record<TableId, Record<string, Record<string, number | null>>>>;

export function tableValues(tables: Partial<Record<TableId, StatTable>>): TableValues {
  const out: TableValues = {};
  for (const [tableId, table] of Object.entries(tables) as [TableId, StatTable][]) {
    const rows: Record<string, Record<string, number | null>> = {};
    for (const [rowId, cols] of Object.entries(table.cells)) {
      rows[rowId] = Object.fromEntries(Object.entries(cols).map(([c, cell]) => [c, cell.value]));
    }
    out[tableId] = rows;
  }
  return out;
}
