import { describe, expect, it } from 'vitest';
import { validateCrossYear, type YearReport } from '../../core/validate/index.ts';
import type { ParsedReport } from '../../core/model.ts';
import { applicantRow, makeReport, table, withCells } from './build.ts';

function yearReport(id: string, year: number, report: ParsedReport = makeReport()): YearReport {
  return { id, year, format: report.format, tables: report.tables };
}

/** 2021: carries 3 natural + 1 commercial forward; 2022 (the seed tables) shows 0 carried over. */
function pair() {
  const r2021 = withCells(makeReport({ year: 2021 }), 'applications', { carriedForward: applicantRow([3, 1, 0, 0, 0, 0, 4]) });
  return { earlier: yearReport('r2021', 2021, r2021), later: yearReport('r2022', 2022) };
}

describe('crossYear.carryOver', () => {
  it('fails per column on both reports, each pointing at the other', () => {
    const { earlier, later } = pair();
    const out = validateCrossYear(earlier, later);
    const failing = (evs: typeof out.later) => evs.filter((e) => e.rule === 'crossYear.carryOver' && e.status === 'fail').map((e) => e.key);
    const keys = ['natural', 'commercial', 'total'].map((c) => `crossYear.carryOver:2021-2022:${c}`);
    expect(failing(out.later)).toEqual(keys);
    expect(failing(out.earlier)).toEqual(keys);

    const onLater = out.later.find((e) => e.key === 'crossYear.carryOver:2021-2022:natural')!;
    expect(onLater).toMatchObject({
      status: 'fail',
      severity: 'error',
      left: 0,
      right: 3,
      relatedReportId: 'r2021',
      cells: [{ table: 'applications', row: 'carriedOver', column: 'natural' }],
      message: '自然人列：2022 年上年结转 0 件，不等于 2021 年结转下年度 3 件。',
    });
    const onEarlier = out.earlier.find((e) => e.key === 'crossYear.carryOver:2021-2022:natural')!;
    expect(onEarlier).toMatchObject({
      status: 'fail',
      left: 0,
      right: 3,
      relatedReportId: 'r2022',
      cells: [{ table: 'applications', row: 'carriedForward', column: 'natural' }],
    });
  });

  it('passes where the carried-over equals the carried-forward, not assessable where a cell is empty', () => {
    const { earlier } = pair();
    const laterCarried = withCells(makeReport(), 'applications', { carriedOver: applicantRow([3, 1, 0, 0, 0, '/', 4]) });
    const out = validateCrossYear(earlier, yearReport('r2022', 2022, laterCarried));
    const statuses = Object.fromEntries(out.later.filter((e) => e.rule === 'crossYear.carryOver').map((e) => [e.key.split(':')[2], e.status]));
    expect(statuses).toEqual({ natural: 'pass', commercial: 'pass', research: 'pass', nonprofit: 'pass', legal: 'pass', other: 'notAssessable', total: 'pass' });
  });

  it('applies across the 2020 → 2021 template change', () => {
    const r2020 = withCells(makeReport({ year: 2020, format: '2019-trial' }), 'applications', { carriedForward: applicantRow([3, 1, 0, 0, 0, 0, 4]) });
    const out = validateCrossYear(yearReport('r2020', 2020, r2020), yearReport('r2021', 2021, makeReport({ year: 2021 })));
    expect(out.later.filter((e) => e.rule === 'crossYear.carryOver')).toHaveLength(7);
    expect(out.later.find((e) => e.key === 'crossYear.carryOver:2020-2021:total')!.status).toBe('fail');
  });
});

describe('crossYear.inForce', () => {
  it('warns when inForce (N) ≠ inForce (N−1) + issued (N) − repealed (N), on both reports', () => {
    // Seed 2022: 147 issued, 55 repealed, 379 in force; 2021 had 290 in force → 290 + 147 − 55 = 382.
    const r2021 = withCells(makeReport({ year: 2021 }), 'proactive', { normativeDocuments: { issued: 100, repealed: 10, inForce: 290 } });
    const out = validateCrossYear(yearReport('r2021', 2021, r2021), yearReport('r2022', 2022));
    const onLater = out.later.find((e) => e.key === 'crossYear.inForce:2021-2022:normativeDocuments')!;
    expect(onLater).toMatchObject({
      status: 'fail',
      severity: 'warning',
      left: 379,
      right: 382,
      relatedReportId: 'r2021',
      cells: [
        { table: 'proactive', row: 'normativeDocuments', column: 'inForce' },
        { table: 'proactive', row: 'normativeDocuments', column: 'issued' },
        { table: 'proactive', row: 'normativeDocuments', column: 'repealed' },
      ],
      message: '行政规范性文件：2022 年现行有效 379 件，不等于 2021 年现行有效 290 + 本年制发 147 − 本年废止 55 = 382 件（可能因废止以前年度文件的统计口径不同）。',
    });
    const onEarlier = out.earlier.find((e) => e.key === 'crossYear.inForce:2021-2022:normativeDocuments')!;
    expect(onEarlier).toMatchObject({ status: 'fail', severity: 'warning', relatedReportId: 'r2022', cells: [{ table: 'proactive', row: 'normativeDocuments', column: 'inForce' }] });
    expect(out.later.find((e) => e.key === 'crossYear.inForce:2021-2022:regulations')!.status).toBe('pass');
  });

  it('passes when the stock adds up', () => {
    const r2021 = withCells(makeReport({ year: 2021 }), 'proactive', { normativeDocuments: { inForce: 287 } });
    const out = validateCrossYear(yearReport('r2021', 2021, r2021), yearReport('r2022', 2022));
    expect(out.later.find((e) => e.key === 'crossYear.inForce:2021-2022:normativeDocuments')).toMatchObject({ status: 'pass', left: 379, right: 379 });
  });

  it('is not applied from a 2019-trial report (2020) to a 2021 report', () => {
    const r2020 = makeReport({ year: 2020, format: '2019-trial' });
    r2020.tables.proactive = table('proactive', { normativeDocuments: { made: 5, published: 5, publicTotal: 300 } });
    const out = validateCrossYear(yearReport('r2020', 2020, r2020), yearReport('r2021', 2021, makeReport({ year: 2021 })));
    expect([...out.earlier, ...out.later].filter((e) => e.rule === 'crossYear.inForce')).toEqual([]);
  });

  it('is not assessable when last year\'s stock is blank', () => {
    const r2021 = withCells(makeReport({ year: 2021 }), 'proactive', { regulations: { inForce: '' } });
    const out = validateCrossYear(yearReport('r2021', 2021, r2021), yearReport('r2022', 2022));
    expect(out.later.find((e) => e.key === 'crossYear.inForce:2021-2022:regulations')).toMatchObject({ status: 'notAssessable', right: null });
  });

  it('applies no cross-year rule to pre-2019 reports', () => {
    const old = makeReport({ year: 2018, format: 'pre-2019', tables: {} });
    const out = validateCrossYear(yearReport('r2018', 2018, old), yearReport('r2019', 2019, makeReport({ year: 2019, format: '2019-trial' })));
    expect(out).toEqual({ earlier: [], later: [] });
  });
});
