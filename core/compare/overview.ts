/**
 * All bodies of one year in one table: key figures and rates per report, each parent's own
 * figures beside the sum of its subordinates, and outliers marked (a figure more than 5× or under
 * 1/5 of its previous year; 实质公开率 far from the group's median). Pure.
 *
 * The result is columnar and carries numbers and codes only (10,000 rows are sent to the page):
 * one array per figure and per rate, outliers as marks; the sentences a user reads are made from
 * them where they are shown (outlierWhy, and rateOf for why a rate cannot be computed).
 */
import { FIGURE_LABEL, KEY_FIGURES, RATES, RATE_LABEL, figureColumns, rateOf, type CellRow, type RateSpec, type RateValue } from './figures.ts';

export interface OverviewInput {
  id: string;
  bodyId: string;
  body: string;
  parent: string | null;
  /** Every canonical cell value in CELL_IDS order (cellValues' values, or a row of the cells files). */
  values: CellRow;
  /** The body's cell values the year before, when that report is in the archive. */
  previousValues?: CellRow | null;
}

/** A marked cell of the overview: `rise`/`fall` against the previous year, `median` far from the group's median. */
export interface Outlier {
  /** Row index in the columns. */
  row: number;
  /** Figure or rate key. */
  key: string;
  kind: 'rise' | 'fall' | 'median';
  /** The previous year's figure (rise / fall); null for `median`. */
  previous: number | null;
}

/** One report per index of every array, in the order given (the service: bodies by Chinese collation). */
export interface OverviewColumns {
  id: string[];
  bodyId: string[];
  body: string[];
  parent: (string | null)[];
  /** Per KEY_FIGURES key: the figure of each row, null when unknown (never 0). */
  figures: Record<string, (number | null)[]>;
  /** Per RATES key: the percentage of each row, null when it cannot be computed (rateOf on the row's figures says why). */
  rates: Record<string, (number | null)[]>;
}

export interface ParentTotals {
  bodyId: string;
  /** The row of the parent's own report in this year (its figures are in the columns), when there is one. */
  ownRow: number | null;
  /** Per KEY_FIGURES key in that order: the sum over its subordinates in the table; null where one of them is unknown. */
  subordinates: (number | null)[];
  count: number;
}

export interface YearOverviewData {
  /** Number of rows (reports). */
  count: number;
  columns: OverviewColumns;
  outliers: Outlier[];
  /** Sum of every row per figure (null where a row is unknown). */
  totals: Record<string, number | null>;
  parents: ParentTotals[];
  medians: Record<string, number | null>;
}

/** One row as an object (tests, the CLI, a dataset): figures, rates with why, outlier sentences. */
export interface OverviewRow {
  id: string;
  bodyId: string;
  body: string;
  parent: string | null;
  figures: Record<string, number | null>;
  rates: Record<string, RateValue>;
  outliers: { key: string; why: string }[];
}

/** Thresholds of the outlier marks. */
export const OUTLIER = { factor: 5, rateDistance: 30 } as const;

/** Median of the known values (a typed array sorts numbers without a comparator: fast for 10,000). */
function median(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return null;
  const s = Float64Array.from(known).sort();
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Per figure, the sum over `rows` of that column; null where one of them is unknown. */
function sumColumns(figures: Record<string, (number | null)[]>, rows: readonly number[] | null): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const f of KEY_FIGURES) {
    const column = figures[f.key];
    const count = rows ? rows.length : column.length;
    let total = 0;
    for (let k = 0; k < count; k++) {
      const v = column[rows ? rows[k] : k];
      if (v === null) {
        total = NaN;
        break;
      }
      total += v;
    }
    // Rounded once (sums of decimals such as 万元 amounts: 0.1 + 0.2 → 0.3).
    out[f.key] = Number.isNaN(total) ? null : Number.isInteger(total) ? total : Math.round(total * 1e6) / 1e6;
  }
  return out;
}

/** A rate of every row (rateOf's rule: an unknown part or a zero denominator → null, rateOf says why), column by column. */
function rateColumn(spec: RateSpec, figures: Record<string, (number | null)[]>, n: number): (number | null)[] {
  const numerators = spec.numerator.map((k) => figures[k]);
  const denominator = figures[spec.denominator];
  const out: (number | null)[] = [];
  for (let i = 0; i < n; i++) {
    const bottom = denominator[i];
    let top: number | null = 0;
    for (let k = 0; k < numerators.length && top !== null; k++) {
      const v = numerators[k][i];
      top = v === null ? null : top + v;
    }
    if (top !== null && !Number.isInteger(top)) top = Math.round(top * 1e6) / 1e6; // as sumOf rounds a sum of decimals
    out.push(top === null || bottom === null || bottom === 0 ? null : Math.round((top / bottom) * 1000) / 10);
  }
  return out;
}

/** The figures of row `i` as an object. */
export function rowFigures(columns: OverviewColumns, i: number): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const f of KEY_FIGURES) out[f.key] = columns.figures[f.key][i];
  return out;
}

/** The sentence of an outlier mark, as the user reads it on the marked cell. */
export function outlierWhy(data: Pick<YearOverviewData, 'columns' | 'medians'>, o: Outlier): string {
  if (o.kind === 'median') {
    return `${RATE_LABEL[o.key]} ${data.columns.rates[o.key][o.row]}% 与中位数 ${data.medians[o.key]}% 相差超过 ${OUTLIER.rateDistance} 个百分点`;
  }
  const now = data.columns.figures[o.key][o.row];
  return o.kind === 'rise'
    ? `${FIGURE_LABEL[o.key]} ${now} 超过上年 ${o.previous} 的 ${OUTLIER.factor} 倍`
    : `${FIGURE_LABEL[o.key]} ${now} 不到上年 ${o.previous} 的 1/${OUTLIER.factor}`;
}

/** Every row as an object, with the sentences (for tests and callers that want rows, not columns). */
export function overviewRows(data: YearOverviewData): OverviewRow[] {
  const { columns } = data;
  const marks = new Map<number, Outlier[]>();
  for (const o of data.outliers) marks.set(o.row, [...(marks.get(o.row) ?? []), o]);
  return columns.id.map((id, i) => {
    const figures = rowFigures(columns, i);
    return {
      id,
      bodyId: columns.bodyId[i],
      body: columns.body[i],
      parent: columns.parent[i],
      figures,
      rates: Object.fromEntries(RATES.map((r) => [r.key, rateOf(r, figures)])),
      outliers: (marks.get(i) ?? []).map((o) => ({ key: o.key, why: outlierWhy(data, o) })),
    };
  });
}

export function buildYearOverview(inputs: OverviewInput[]): YearOverviewData {
  const n = inputs.length;
  // Column by column, no object per row: 10,000 rows stay a few milliseconds.
  const figures = figureColumns(inputs.map((input) => input.values));
  const columns: OverviewColumns = {
    id: inputs.map((input) => input.id),
    bodyId: inputs.map((input) => input.bodyId),
    body: inputs.map((input) => input.body),
    parent: inputs.map((input) => input.parent),
    figures,
    rates: {},
  };
  for (const r of RATES) columns.rates[r.key] = rateColumn(r, figures, n);
  const outliers: Outlier[] = [];
  const previousRows: CellRow[] = [];
  const previousAt: number[] = [];
  inputs.forEach((input, i) => input.previousValues && (previousRows.push(input.previousValues), previousAt.push(i)));
  // The previous year's figures column by column too (2,000 objects of 18 keys were a third of the build).
  const previousFigures = figureColumns(previousRows);
  previousAt.forEach((i, p) => {
    for (const f of KEY_FIGURES) {
      const now = figures[f.key][i];
      const then = previousFigures[f.key][p];
      if (now == null || then == null || now === 0 || then === 0) continue;
      if (now > then * OUTLIER.factor) outliers.push({ row: i, key: f.key, kind: 'rise', previous: then });
      else if (now * OUTLIER.factor < then) outliers.push({ row: i, key: f.key, kind: 'fall', previous: then });
    }
  });
  const medians: Record<string, number | null> = {};
  for (const r of RATES) medians[r.key] = median(columns.rates[r.key]);
  const m = medians.substantiveDisclosure;
  if (m !== null && n >= 3) {
    columns.rates.substantiveDisclosure.forEach((v, i) => {
      if (v !== null && Math.abs(v - m) > OUTLIER.rateDistance) outliers.push({ row: i, key: 'substantiveDisclosure', kind: 'median', previous: null });
    });
  }
  outliers.sort((a, b) => a.row - b.row);
  const totals = n ? sumColumns(figures, null) : Object.fromEntries(KEY_FIGURES.map((f) => [f.key, null]));
  const rowOfBody = new Map(columns.bodyId.map((b, i) => [b, i]));
  const subordinates = new Map<string, number[]>();
  columns.parent.forEach((parent, i) => parent && (subordinates.get(parent) ?? subordinates.set(parent, []).get(parent)!).push(i));
  const parents: ParentTotals[] = [...subordinates].map(([bodyId, rows]) => {
    const own = rowOfBody.get(bodyId);
    const sums = sumColumns(figures, rows);
    return { bodyId, ownRow: own ?? null, subordinates: KEY_FIGURES.map((f) => sums[f.key]), count: rows.length };
  });
  return { count: n, columns, outliers, totals, parents, medians };
}
