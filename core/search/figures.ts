/**
 * Figure filters (`applications.unavailable.notHeld.total>100`, `本机关不掌握>100`, `行政复议>=5`):
 * canonical cell paths and the Chinese label aliases, built from spec.ts.
 */
import { tableSpecsFor, TABLE_IDS, type ReportFormat, type TableId } from '../spec.ts';
import { normalize } from './normalize.ts';

export type CompareOp = '>' | '>=' | '<' | '<=' | '=' | '!=';

export interface FigurePath {
  table: TableId;
  row: string;
  column: string;
}

export function figureKey(p: FigurePath): string {
  return `${p.table}.${p.row}.${p.column}`;
}

/** The cell layout of a format: figure key → slot in a report's figure vector. */
export interface FigureLayout {
  keys: string[];
  slot: Map<string, number>;
}

const layouts = new Map<ReportFormat, FigureLayout>();

export function figureLayout(format: ReportFormat): FigureLayout {
  let layout = layouts.get(format);
  if (!layout) {
    const keys: string[] = [];
    for (const spec of tableSpecsFor(format)) for (const row of spec.rows) for (const c of row.columns) keys.push(`${spec.id}.${row.id}.${c.id}`);
    layout = { keys, slot: new Map(keys.map((k, i) => [k, i])) };
    layouts.set(format, layout);
  }
  return layout;
}

const FORMATS_WITH_TABLES: ReportFormat[] = ['2021', '2019-trial'];

/** Every cell path of every format, each once (the figure columns of a snapshot, in this order). */
export const FIGURE_KEYS: readonly string[] = [...new Set(FORMATS_WITH_TABLES.flatMap((f) => figureLayout(f).keys))];

interface RowAlias {
  table: TableId;
  row: string;
  label: string;
  columns: { id: string; label: string }[];
}

let rowAliases: RowAlias[] | null = null;

/** Strips numbering (一、 （一） 1. 第二十条第（一）项) so that `本机关不掌握` finds 1.本机关不掌握相关政府信息. */
function stripNumbering(label: string): string {
  return normalize(label)
    .replace(/^[一二三四五六七八九十]+、/, '')
    .replace(/^\([一二三四五六七八九十]+\)/, '')
    .replace(/^\d+\./, '');
}

function aliases(): RowAlias[] {
  if (rowAliases) return rowAliases;
  const seen = new Set<string>();
  rowAliases = [];
  for (const format of FORMATS_WITH_TABLES) {
    for (const spec of tableSpecsFor(format)) {
      for (const row of spec.rows) {
        const key = `${spec.id}.${row.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const columns = new Map<string, string>();
        for (const f of FORMATS_WITH_TABLES) {
          const r = tableSpecsFor(f).find((t) => t.id === spec.id)?.rows.find((x) => x.id === row.id);
          for (const c of r?.columns ?? []) if (!columns.has(c.id)) columns.set(c.id, normalize(c.label));
        }
        rowAliases.push({ table: spec.id, row: row.id, label: stripNumbering(row.label), columns: [...columns].map(([id, label]) => ({ id, label })) });
      }
    }
  }
  return rowAliases;
}

function defaultColumn(alias: RowAlias): string | null {
  if (alias.columns.some((c) => c.id === 'total')) return 'total';
  if (alias.columns.length === 1) return alias.columns[0].id;
  return null;
}

export interface ResolvedFigure {
  path?: FigurePath;
  warning?: string;
}

/** Resolves the left side of a figure filter: a canonical path or a Chinese label alias. */
export function resolveFigure(lhs: string): ResolvedFigure {
  const parts = lhs.split('.');
  if ((TABLE_IDS as readonly string[]).includes(parts[0]) && parts.length >= 2) {
    const table = parts[0] as TableId;
    const rows = aliases().filter((a) => a.table === table);
    const rest = parts.slice(1).join('.');
    const whole = rows.find((a) => a.row === rest);
    if (whole) {
      const column = defaultColumn(whole);
      return column ? { path: { table, row: whole.row, column } } : { warning: `“${lhs}”缺少列名（missing column: ${whole.columns.map((c) => c.id).join('/')}）` };
    }
    const column = parts[parts.length - 1];
    const rowId = parts.slice(1, -1).join('.');
    const row = rows.find((a) => a.row === rowId);
    if (row && row.columns.some((c) => c.id === column)) return { path: { table, row: row.row, column } };
    return { warning: `未知的表格单元格“${lhs}”（unknown cell path）` };
  }
  // Chinese label alias, optionally with a column label: 本机关不掌握/自然人, 行政复议.结果纠正
  const norm = normalize(lhs);
  const candidates: { rowText: string; colText: string | null }[] = [{ rowText: norm, colText: null }];
  const sep = Math.max(norm.lastIndexOf('/'), norm.lastIndexOf('·'), norm.lastIndexOf('／'), norm.lastIndexOf('.'));
  if (sep > 0) candidates.unshift({ rowText: norm.slice(0, sep), colText: norm.slice(sep + 1) });
  for (const { rowText, colText } of candidates) {
    const rowText2 = stripNumbering(rowText);
    if (!rowText2) continue;
    const all = aliases();
    const exact = all.filter((a) => a.label === rowText2);
    const found = exact.length ? exact : all.filter((a) => a.label.includes(rowText2));
    if (found.length === 0) continue;
    const alias = found[0];
    if (colText) {
      const col = alias.columns.find((c) => c.label === colText) ?? alias.columns.find((c) => c.label.includes(colText));
      if (!col) continue;
      return { path: { table: alias.table, row: alias.row, column: col.id } };
    }
    const column = defaultColumn(alias);
    if (!column) return { warning: `“${lhs}”需要指定列（e.g. ${lhs}/${alias.columns[0].label}）` };
    const warning = found.length > 1 ? `“${lhs}”有多个匹配行，按“${alias.label}”筛选（ambiguous label, used ${alias.table}.${alias.row}）` : undefined;
    return { path: { table: alias.table, row: alias.row, column }, warning };
  }
  return { warning: `未知的数字条件“${lhs}”（unknown figure）` };
}

const partKeys = new Map<string, string[]>();

/**
 * The other cells of a 总计 cell's row (every format's columns, once): a blank total is read as
 * their sum. Empty for a cell that is not a row's total.
 */
export function partKeysOf(path: FigurePath): string[] {
  if (path.column !== 'total') return [];
  const rowKey = `${path.table}.${path.row}`;
  let keys = partKeys.get(rowKey);
  if (!keys) {
    const columns = new Set<string>();
    for (const format of FORMATS_WITH_TABLES) {
      const row = tableSpecsFor(format).find((t) => t.id === path.table)?.rows.find((r) => r.id === path.row);
      for (const c of row?.columns ?? []) if (c.id !== 'total') columns.add(c.id);
    }
    keys = [...columns].map((c) => `${rowKey}.${c}`);
    partKeys.set(rowKey, keys);
  }
  return keys;
}

export function compare(value: number, op: CompareOp, target: number): boolean {
  switch (op) {
    case '>':
      return value > target;
    case '>=':
      return value >= target;
    case '<':
      return value < target;
    case '<=':
      return value <= target;
    case '=':
      return value === target;
    case '!=':
      return value !== target;
  }
}

/** The row and column labels of a cell, for table-hit snippets. */
export function cellLabels(format: ReportFormat, table: string, row: string, column: string): { readonly row: string; readonly column: string } {
  // Every result of a figure query names its cell: looked up in the spec once per cell.
  const key = `${format}\u0001${table}\u0001${row}\u0001${column}`;
  let labels = labelsByCell.get(key);
  if (labels === undefined) {
    const spec = tableSpecsFor(format).find((t) => t.id === table);
    const r = spec?.rows.find((x) => x.id === row);
    const c = r?.columns.find((x) => x.id === column);
    labels = Object.freeze({ row: r ? [r.group, r.label].filter(Boolean).join(' ') : row, column: c?.label ?? column });
    labelsByCell.set(key, labels);
  }
  return labels;
}
const labelsByCell = new Map<string, { readonly row: string; readonly column: string }>();
