/**
 * The year overview's compact result (core/compare/overview.ts): columns of numbers, outliers as
 * marks whose sentences are made where they are shown, totals and parent totals that stay unknown
 * when one row is unknown (never 0).
 */
import { describe, expect, it } from 'vitest';
import { CELL_IDS } from '../../core/compare/cells.ts';
import { buildYearOverview, outlierWhy, overviewRows, rowFigures, type OverviewInput } from '../../core/compare/overview.ts';
import { KEY_FIGURES } from '../../core/compare/figures.ts';

const R = (row: string) => `applications.${row}.total`;
const values = (cells: Record<string, number | null>) => CELL_IDS.map((id) => cells[id] ?? null);
const body = (id: string, parent: string | null, cells: Record<string, number | null>, previous?: Record<string, number | null>): OverviewInput => ({
  id: `2023-${id}`,
  bodyId: id,
  body: `${id}人民政府`,
  parent,
  values: values(cells),
  previousValues: previous ? values(previous) : null,
});
const results = (received: number | null, granted: number, total: number) => ({ [R('received')]: received, [R('granted')]: granted, [R('partial')]: 0, [R('resultTotal')]: total });

describe('buildYearOverview', () => {
  const data = buildYearOverview([
    body('甲市', null, results(100, 80, 100)),
    body('甲市乙区', '甲市', results(10, 8, 10), { [R('received')]: 60 }),
    body('甲市丙区', '甲市', results(null, 1, 10)),
    body('丁县', null, results(50, 40, 50)),
  ]);

  it('holds one value per row in each figure and rate column, unknown as null', () => {
    expect(data.count).toBe(4);
    expect(data.columns.id).toEqual(['2023-甲市', '2023-甲市乙区', '2023-甲市丙区', '2023-丁县']);
    expect(data.columns.figures.received).toEqual([100, 10, null, 50]);
    expect(data.columns.rates.substantiveDisclosure).toEqual([80, 80, 10, 80]);
    expect(data.columns.rates.reviewCorrection).toEqual([null, null, null, null]);
    expect(overviewRows(data)[0].rates.reviewCorrection).toEqual({ value: null, why: '无法计算：复议纠正、行政复议未知' });
  });

  it('marks a fall under 1/5 of the previous year and a rate far from the median, with their sentences', () => {
    expect(data.outliers).toEqual([
      { row: 1, key: 'received', kind: 'fall', previous: 60 },
      { row: 2, key: 'substantiveDisclosure', kind: 'median', previous: null },
    ]);
    expect(data.outliers.map((o) => outlierWhy(data, o))).toEqual(['新收 10 不到上年 60 的 1/5', '实质公开率 10% 与中位数 80% 相差超过 30 个百分点']);
    expect(overviewRows(data)[2].outliers).toEqual([{ key: 'substantiveDisclosure', why: '实质公开率 10% 与中位数 80% 相差超过 30 个百分点' }]);
  });

  it('sums the totals and each parent’s subordinates, unknown where one row is unknown', () => {
    expect(data.totals.received).toBeNull();
    expect(data.totals.granted).toBe(129);
    expect(data.parents).toEqual([expect.objectContaining({ bodyId: '甲市', count: 2, ownRow: 0 })]);
    expect(rowFigures(data.columns, data.parents[0].ownRow!)).toMatchObject({ received: 100, granted: 80 });
    const subordinates = Object.fromEntries(KEY_FIGURES.map((f, i) => [f.key, data.parents[0].subordinates[i]]));
    expect(subordinates).toMatchObject({ received: null, granted: 9, resultTotal: 20 });
  });

  it('rows from the cells files (Float64Array, NaN for unknown) give the same overview as arrays with null', () => {
    const asArrays = [body('甲市', null, results(100, 80, 100)), body('甲市丙区', '甲市', results(null, 1, 10), { [R('received')]: 3 })];
    const asFileRows = asArrays.map((input) => ({
      ...input,
      values: Float64Array.from(input.values as (number | null)[], (v) => v ?? NaN),
      previousValues: input.previousValues ? Float64Array.from(input.previousValues as (number | null)[], (v) => v ?? NaN) : null,
    }));
    const fromFile = buildYearOverview(asFileRows);
    expect(fromFile).toEqual(buildYearOverview(asArrays));
    expect(fromFile.columns.figures.received).toEqual([100, null]); // unknown stays null, never NaN or 0
    expect(fromFile.columns.figures.otherHandling).toEqual([null, null]);
  });

  it('an empty year has no rows and unknown totals', () => {
    const empty = buildYearOverview([]);
    expect(empty.count).toBe(0);
    expect(empty.totals.received).toBeNull();
    expect(empty.parents).toEqual([]);
  });
});
