/**
 * All bodies of one year in one table: key figures and rates per report, each parent's own
 * figures beside the sum of its subordinates, and outliers marked (a figure more than 5× or under
 * 1/5 of its previous year; 实质公开率 far from the group's median). Pure.
 */
import { FIGURE_LABEL, KEY_FIGURES, RATE_LABEL, figuresOf, ratesOf, type RateValue } from './figures.ts';

export interface OverviewInput {
  id: string;
  bodyId: string;
  body: string;
  parent: string | null;
  cells: Record<string, number | null>;
  /** The body's figures the year before, when that report is in the archive. */
  previousCells?: Record<string, number | null> | null;
}

export interface Outlier {
  /** Figure or rate key. */
  key: string;
  /** One Chinese sentence. */
  why: string;
}

export interface OverviewRow {
  id: string;
  bodyId: string;
  body: string;
  parent: string | null;
  figures: Record<string, number | null>;
  rates: Record<string, RateValue>;
  outliers: Outlier[];
}

export interface ParentTotals {
  bodyId: string;
  /** The parent's own report in this year, when there is one. */
  own: Record<string, number | null> | null;
  /** Sum over its subordinates in the table; null for a figure where one of them is unknown. */
  subordinates: Record<string, number | null>;
  count: number;
}

export interface YearOverviewData {
  rows: OverviewRow[];
  /** Sum of every row per figure (null where a row is unknown). */
  totals: Record<string, number | null>;
  parents: ParentTotals[];
  medians: Record<string, number | null>;
}

/** Thresholds of the outlier marks. */
export const OUTLIER = { factor: 5, rateDistance: 30 } as const;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function addInto(total: Record<string, number | null>, figures: Record<string, number | null>): void {
  for (const f of KEY_FIGURES) {
    const t = total[f.key];
    const v = figures[f.key];
    total[f.key] = t === null || v == null ? null : Math.round((t + v) * 1e6) / 1e6;
  }
}

const zeroFigures = () => Object.fromEntries(KEY_FIGURES.map((f) => [f.key, 0 as number | null]));

export function buildYearOverview(inputs: OverviewInput[]): YearOverviewData {
  const rows: OverviewRow[] = inputs.map((input) => {
    const figures = figuresOf(input.cells);
    const outliers: Outlier[] = [];
    if (input.previousCells) {
      const before = figuresOf(input.previousCells);
      for (const f of KEY_FIGURES) {
        const now = figures[f.key];
        const then = before[f.key];
        if (now == null || then == null || now === 0 || then === 0) continue;
        if (now > then * OUTLIER.factor) outliers.push({ key: f.key, why: `${FIGURE_LABEL[f.key]} ${now} 超过上年 ${then} 的 ${OUTLIER.factor} 倍` });
        else if (now * OUTLIER.factor < then) outliers.push({ key: f.key, why: `${FIGURE_LABEL[f.key]} ${now} 不到上年 ${then} 的 1/${OUTLIER.factor}` });
      }
    }
    return { id: input.id, bodyId: input.bodyId, body: input.body, parent: input.parent, figures, rates: ratesOf(figures), outliers };
  });
  const medians: Record<string, number | null> = {};
  for (const key of Object.keys(RATE_LABEL)) {
    medians[key] = median(rows.map((r) => r.rates[key].value).filter((v): v is number => v !== null));
  }
  const m = medians.substantiveDisclosure;
  if (m !== null && rows.length >= 3) {
    for (const row of rows) {
      const v = row.rates.substantiveDisclosure.value;
      if (v !== null && Math.abs(v - m) > OUTLIER.rateDistance) {
        row.outliers.push({ key: 'substantiveDisclosure', why: `实质公开率 ${v}% 与中位数 ${m}% 相差超过 ${OUTLIER.rateDistance} 个百分点` });
      }
    }
  }
  const totals = zeroFigures();
  for (const r of rows) addInto(totals, r.figures);
  const byBody = new Map(rows.map((r) => [r.bodyId, r]));
  const groups = new Map<string, ParentTotals>();
  for (const r of rows) {
    if (!r.parent) continue;
    let g = groups.get(r.parent);
    if (!g) groups.set(r.parent, (g = { bodyId: r.parent, own: byBody.get(r.parent)?.figures ?? null, subordinates: zeroFigures(), count: 0 }));
    addInto(g.subordinates, r.figures);
    g.count++;
  }
  return { rows, totals: rows.length ? totals : Object.fromEntries(KEY_FIGURES.map((f) => [f.key, null])), parents: [...groups.values()], medians };
}
