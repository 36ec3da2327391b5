/** Finds the blocks of the three statistical tables and maps them; anything that does not map stays a generic table. */
import { cellRef, type GenericTable, type RuleEvaluation, type StatTable } from '../model.ts';
import type { TableBlock } from '../common/document.ts';
import { tableSpec, type ReportFormat, type TableId, type TableSpec } from '../spec.ts';
import { mapApplications, looksLikeApplications } from './tables/applications.ts';
import { emptyCells, incomplete } from './tables/findings.ts';
import { mapProactive, looksLikeProactive } from './tables/proactive.ts';
import { looksLikeReview, mapReview, narrativeReviewTotal } from './tables/review.ts';

export interface LocatedTable {
  block: TableBlock;
  /** Chapter key the table sat in. */
  chapterKey: string;
  caption: string;
}

export interface StatTablesResult {
  tables: Partial<Record<TableId, StatTable>>;
  genericTables: GenericTable[];
  findings: RuleEvaluation[];
  /** For the reader: rows matched although their label differed, templates mixed. */
  notes: string[];
}

function kindOf(block: TableBlock, chapterKey: string): TableId | null {
  const one = [block];
  if (looksLikeReview(one)) return 'reviewLitigation';
  if (looksLikeApplications(one)) return 'applications';
  if (looksLikeProactive(one)) return 'proactive';
  // A continuation table (a page break split the table) in the chapter of a statistical table.
  if (chapterKey === 'proactive' || chapterKey === 'applications' || chapterKey === 'reviewLitigation') {
    return block.rows.some((r) => r.some((c) => /\d/.test(c))) ? (chapterKey as TableId) : null;
  }
  return null;
}

/** True when a table block is recognisably one of the three statistical tables by its own wording. */
export function isStatTableBlock(block: TableBlock): boolean {
  return kindOf(block, '') !== null;
}

const generic = (t: LocatedTable): GenericTable => ({ caption: t.caption, chapterKey: t.chapterKey, rows: t.block.rows });

function absentTable(spec: TableSpec): { table: StatTable; finding: RuleEvaluation } {
  const cells = emptyCells(spec);
  const refs = spec.rows.flatMap((r) => r.columns.map((c) => cellRef(spec.id, r.id, c.id)));
  return {
    table: { id: spec.id, cells, rawRows: [] },
    finding: incomplete(spec.id, 'table', `未找到统计表“${spec.title}”。`, refs, '报告中没有可识别的该表格', `Statistical table “${spec.title}” was not found in the report.`),
  };
}

export function mapStatTables(located: LocatedTable[], format: ReportFormat, paragraphs: string[]): StatTablesResult {
  const specs = (['proactive', 'applications', 'reviewLitigation'] as TableId[]).map((id) => tableSpec(format, id));
  if (specs.some((s) => !s)) return { tables: {}, genericTables: located.map(generic), findings: [], notes: [] };
  const byKind = new Map<TableId, LocatedTable[]>();
  const genericTables: GenericTable[] = [];
  for (const t of located) {
    const kind = kindOf(t.block, t.chapterKey);
    if (kind) byKind.set(kind, [...(byKind.get(kind) ?? []), t]);
    else genericTables.push(generic(t));
  }
  const tables: Partial<Record<TableId, StatTable>> = {};
  const findings: RuleEvaluation[] = [];
  const notes: string[] = [];
  for (const spec of specs as TableSpec[]) {
    const found = byKind.get(spec.id) ?? [];
    const blocks = found.map((t) => t.block);
    let result: { table: StatTable; findings: RuleEvaluation[]; matched: number; notes?: string[] } | null = null;
    if (blocks.length > 0) {
      if (spec.id === 'proactive') {
        const r = mapProactive(blocks, spec);
        result = { ...r, matched: r.matchedRows };
      } else if (spec.id === 'applications') {
        const r = mapApplications(blocks, spec);
        result = { ...r, matched: r.matchedRows };
      } else {
        const r = mapReview(blocks, narrativeReviewTotal(paragraphs));
        result = { ...r, matched: r.matchedGroups };
      }
    }
    // Table 四 found but no group placeable: its own findings say why (and keep the raw numbers).
    if (result && (result.matched > 0 || spec.id === 'reviewLitigation')) {
      tables[spec.id] = result.table;
      findings.push(...result.findings);
      notes.push(...(result.notes ?? []));
      for (const [rowId, printed] of Object.entries(result.table.printedLabels ?? {})) {
        const template = spec.rows.find((r) => r.id === rowId)?.label ?? rowId;
        notes.push(`${spec.title}：行标签“${printed}”与模板“${template}”不同，已按相近的模板行读取 (row label differs from the template: matched to the nearest row)`);
      }
    } else {
      genericTables.push(...found.map(generic));
      const absent = absentTable(spec);
      if (result) {
        absent.table.rawRows = result.table.rawRows;
        absent.finding.detail = result.table.rawRows.map((r) => r.join('\t')).join('\n');
        absent.finding.message = `统计表“${spec.title}”无法读取`;
      }
      tables[spec.id] = absent.table;
      findings.push(absent.finding);
    }
  }
  return { tables, genericTables, findings, notes };
}
