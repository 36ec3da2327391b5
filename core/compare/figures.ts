/**
 * Key figures and rates of a report, computed from its canonical cells only. A figure whose
 * cells are unknown is null (shown as unknown, never 0); a rate with an unknown part or a zero
 * denominator is null and says why (无法计算). Pure.
 */
import { CELL_IDS } from './cells.ts';

export interface FigureSpec {
  key: string;
  label: string;
  /** Cells summed; all must be known. */
  cells: string[];
}

const A = (row: string) => `applications.${row}.total`;
const DENIED = ['stateSecret', 'lawForbidden', 'securityStability', 'thirdParty', 'internalAffairs', 'processInfo', 'enforcementFiles', 'queryMatters'];
const UNAVAILABLE = ['notHeld', 'needsCreation', 'unclear'];
const NOT_PROCESSED = ['complaint', 'duplicate', 'publication', 'massRepeated', 'confirmation'];
const OTHER_2021 = ['noCorrection', 'noFee', 'other'];

/**
 * The figures users follow over years and across bodies. 其他处理 sums the three 2021 rows where
 * they are printed, else the 2019 single row (see otherHandling below).
 */
export const KEY_FIGURES: FigureSpec[] = [
  { key: 'received', label: '新收', cells: [A('received')] },
  { key: 'carriedOver', label: '上年结转', cells: [A('carriedOver')] },
  { key: 'granted', label: '予以公开', cells: [A('granted')] },
  { key: 'partial', label: '部分公开', cells: [A('partial')] },
  { key: 'denied', label: '不予公开', cells: DENIED.map((r) => A(`denied.${r}`)) },
  { key: 'unavailable', label: '无法提供', cells: UNAVAILABLE.map((r) => A(`unavailable.${r}`)) },
  { key: 'notProcessed', label: '不予处理', cells: NOT_PROCESSED.map((r) => A(`notProcessed.${r}`)) },
  { key: 'otherHandling', label: '其他处理', cells: OTHER_2021.map((r) => A(`otherHandling.${r}`)) },
  { key: 'resultTotal', label: '办理结果总计', cells: [A('resultTotal')] },
  { key: 'carriedForward', label: '结转下年', cells: [A('carriedForward')] },
  { key: 'reviewTotal', label: '行政复议', cells: ['reviewLitigation.review.total'] },
  { key: 'reviewCorrected', label: '复议纠正', cells: ['reviewLitigation.review.corrected'] },
  { key: 'litigationTotal', label: '行政诉讼', cells: ['reviewLitigation.litigationDirect.total', 'reviewLitigation.litigationAfterReview.total'] },
  { key: 'litigationCorrected', label: '诉讼纠正', cells: ['reviewLitigation.litigationDirect.corrected', 'reviewLitigation.litigationAfterReview.corrected'] },
  { key: 'normativeIssued', label: '规范性文件制发', cells: ['proactive.normativeDocuments.issued'] },
  { key: 'normativeRepealed', label: '规范性文件废止', cells: ['proactive.normativeDocuments.repealed'] },
  { key: 'normativeInForce', label: '规范性文件现行有效', cells: ['proactive.normativeDocuments.inForce'] },
  { key: 'fees', label: '行政事业性收费（万元）', cells: ['proactive.fees.amountWan'] },
];

export interface RateSpec {
  key: string;
  label: string;
  /** Figure keys summed above the line. */
  numerator: string[];
  /** Figure key below the line. */
  denominator: string;
}

export const RATES: RateSpec[] = [
  { key: 'substantiveDisclosure', label: '实质公开率', numerator: ['granted', 'partial'], denominator: 'resultTotal' },
  { key: 'denial', label: '不予公开率', numerator: ['denied'], denominator: 'resultTotal' },
  { key: 'unavailable', label: '无法提供率', numerator: ['unavailable'], denominator: 'resultTotal' },
  { key: 'reviewCorrection', label: '复议纠正率', numerator: ['reviewCorrected'], denominator: 'reviewTotal' },
  { key: 'litigationCorrection', label: '诉讼纠正率', numerator: ['litigationCorrected'], denominator: 'litigationTotal' },
];

/** Every cell the key figures read (the 2019 template's single 其他处理 row included). */
export const FIGURE_CELL_IDS: readonly string[] = [...new Set([...KEY_FIGURES.flatMap((f) => f.cells), A('otherHandling.other')])];

export const FIGURE_LABEL: Record<string, string> = Object.fromEntries(KEY_FIGURES.map((f) => [f.key, f.label]));
export const RATE_LABEL: Record<string, string> = Object.fromEntries(RATES.map((r) => [r.key, r.label]));

/** The sum of `keys` of `values`, null when one is unknown (loops, no arrays: runs 200,000 times for a year overview). */
function sumOf(values: Record<string, number | null | undefined>, keys: readonly string[]): number | null {
  let total = 0;
  for (let i = 0; i < keys.length; i++) {
    const v = values[keys[i]];
    if (v == null) return null;
    total += v;
  }
  return Number.isInteger(total) ? total : Math.round(total * 1e6) / 1e6;
}

/**
 * A report's canonical cell values in CELL_IDS order: an array with null for unknown, or a
 * cells-file row (Float64Array) with NaN for unknown. Both mean "unknown", never 0.
 */
export type CellRow = ArrayLike<number | null>;

/** Where each key figure's cells are in a CELL_IDS-ordered values array. */
const FIGURE_POSITIONS = KEY_FIGURES.map((f) => ({ key: f.key, positions: f.cells.map((c) => CELL_IDS.indexOf(c)) }));
const OTHER_POSITIONS = ['noCorrection', 'noFee', 'other'].map((r) => CELL_IDS.indexOf(A(`otherHandling.${r}`)));

/** 其他处理 of the 2019 trial template: its single row, where the two 2021 rows are absent. */
function otherHandling2019(values: CellRow): number | null {
  const [noCorrection, noFee, other] = OTHER_POSITIONS;
  const known = (v: number | null) => v != null && !Number.isNaN(v);
  return !known(values[noCorrection]) && !known(values[noFee]) && known(values[other]) ? values[other] : null;
}

/**
 * The key figures of many reports as columns (per figure key, one value per report): no object
 * per report, for the 10,000 rows of a year overview. Summed in typed arrays (NaN = unknown) and
 * turned into plain arrays (null = unknown) once: mixing null into the arrays being summed made
 * every step generic.
 */
export function figureColumns(rows: ReadonlyArray<CellRow>): Record<string, (number | null)[]> {
  const n = rows.length;
  const sums = FIGURE_POSITIONS.map(() => new Float64Array(n));
  // Row by row: each report's 219 values are read while in cache (figure by figure, the 18
  // passes over 10,000 rows scattered in the shards cost ten times as much).
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    for (let f = 0; f < FIGURE_POSITIONS.length; f++) {
      const positions = FIGURE_POSITIONS[f].positions;
      let total = 0;
      for (let p = 0; p < positions.length; p++) {
        const v = row[positions[p]];
        total += v === null ? NaN : v; // NaN stays NaN: one unknown cell makes the figure unknown
      }
      sums[f][i] = total;
    }
  }
  const other = sums[FIGURE_POSITIONS.findIndex((f) => f.key === 'otherHandling')];
  for (let i = 0; i < n; i++) if (Number.isNaN(other[i])) other[i] = otherHandling2019(rows[i]) ?? NaN;
  const out: Record<string, (number | null)[]> = {};
  FIGURE_POSITIONS.forEach(({ key }, f) => (out[key] = plainColumn(sums[f])));
  return out;
}

/** A typed column as the plain array the overview sends (null for unknown, sums of decimals rounded like sumOf). */
function plainColumn(column: Float64Array): (number | null)[] {
  const out: (number | null)[] = [];
  for (let i = 0; i < column.length; i++) {
    const v = column[i];
    out.push(Number.isNaN(v) ? null : Number.isInteger(v) ? v : Math.round(v * 1e6) / 1e6);
  }
  return out;
}

/** Key figures from canonical cell values (cellValues). */
export function figuresOf(cells: Record<string, number | null>): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const f of KEY_FIGURES) out[f.key] = sumOf(cells, f.cells);
  // 2019 trial template: 其他处理 is one row (otherHandling.other) and the two 2021 rows are absent.
  if (out.otherHandling === null && cells[A('otherHandling.noCorrection')] == null && cells[A('otherHandling.noFee')] == null) {
    out.otherHandling = cells[A('otherHandling.other')] ?? null;
  }
  return out;
}

export type RateValue = { value: number; why?: undefined } | { value: null; why: string };

/** A rate in percent (one decimal), or null with the reason it cannot be computed. */
export function rateOf(spec: RateSpec, figures: Record<string, number | null>): RateValue {
  const top = sumOf(figures, spec.numerator);
  const bottom = figures[spec.denominator];
  if (top === null || bottom == null) return { value: null, why: `无法计算：${[...spec.numerator, spec.denominator].filter((k) => figures[k] == null).map((k) => FIGURE_LABEL[k]).join('、')}未知` };
  if (bottom === 0) return { value: null, why: `无法计算：${FIGURE_LABEL[spec.denominator]}为 0` };
  return { value: Math.round((top / bottom) * 1000) / 10 };
}

export function ratesOf(figures: Record<string, number | null>): Record<string, RateValue> {
  return Object.fromEntries(RATES.map((r) => [r.key, rateOf(r, figures)]));
}

/** Year-on-year change: the difference, or null when either year is unknown. */
export function changeOf(now: number | null | undefined, before: number | null | undefined): number | null {
  if (now == null || before == null) return null;
  const d = now - before;
  return Number.isInteger(d) ? d : Math.round(d * 1e6) / 1e6;
}
