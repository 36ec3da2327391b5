import { describe, expect, it } from 'vitest';
import { validateReport } from '../../core/validate/index.ts';
import type { RuleEvaluation } from '../../core/model.ts';
import { makeReport, reviewGroup, table, withCells } from './build.ts';

const byKey = (evs: RuleEvaluation[], key: string) => {
  const found = evs.filter((e) => e.key === key);
  expect(found, key).toHaveLength(1);
  return found[0];
};

describe('reviewLitigation.groupTotal', () => {
  it('passes for each group of the seed, with the five cells and both sides', () => {
    const evs = validateReport(makeReport()).filter((e) => e.rule === 'reviewLitigation.groupTotal');
    expect(evs.map((e) => [e.key, e.status])).toEqual([
      ['reviewLitigation.groupTotal:review', 'pass'],
      ['reviewLitigation.groupTotal:litigationDirect', 'pass'],
      ['reviewLitigation.groupTotal:litigationAfterReview', 'pass'],
    ]);
    const review = byKey(evs, 'reviewLitigation.groupTotal:review');
    expect(review).toMatchObject({ left: 5, right: 5, severity: 'error' });
    expect(review.message).toBe('行政复议：结果维持 2 + 结果纠正 1 + 其他结果 0 + 尚未审结 2 = 5，等于总计 5。');
    expect(review.cells.map((c) => c.column)).toEqual(['upheld', 'corrected', 'other', 'pending', 'total']);
  });

  it('fails when the parts do not add up to the total', () => {
    const report = withCells(makeReport(), 'reviewLitigation', { litigationDirect: reviewGroup([1, 0, 0, 0, 2]) });
    const ev = byKey(validateReport(report), 'reviewLitigation.groupTotal:litigationDirect');
    expect(ev).toMatchObject({ status: 'fail', severity: 'error', left: 1, right: 2 });
    expect(ev.message).toBe('行政诉讼（未经复议直接起诉）：结果维持 1 + 结果纠正 0 + 其他结果 0 + 尚未审结 0 = 1，不等于总计 2（相差 1）。');
  });

  it('is not assessable for a group whose cells are missing (the seed\'s unplaceable litigation group)', () => {
    const report = withCells(makeReport(), 'reviewLitigation', { litigationAfterReview: reviewGroup([null, null, null, null, null]) });
    const ev = byKey(validateReport(report), 'reviewLitigation.groupTotal:litigationAfterReview');
    expect(ev).toMatchObject({ status: 'notAssessable', left: null, right: null });
    expect(ev.message).toBe('行政诉讼（复议后起诉）：各单元格均无法读取，无法核对：结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计。');
  });
});

describe('proactive.nonNegative', () => {
  it('passes for every count and the 万元 decimal of the seed', () => {
    const evs = validateReport(makeReport()).filter((e) => e.rule === 'proactive.nonNegative');
    expect(evs).toHaveLength(10);
    expect(evs.every((e) => e.status === 'pass')).toBe(true);
    expect(byKey(evs, 'proactive.nonNegative:fees.amountWan')).toMatchObject({ left: 15781.34226, message: '行政事业性收费·本年收费金额（单位：万元）为 15781.34226，是非负数。' });
  });

  it('fails for a negative count and for a fractional count, not for a fractional amount', () => {
    const report = withCells(makeReport(), 'proactive', { normativeDocuments: { repealed: -3 }, licensing: { decisions: 2.5 }, fees: { amountWan: 0.5 } });
    const evs = validateReport(report);
    expect(byKey(evs, 'proactive.nonNegative:normativeDocuments.repealed')).toMatchObject({
      status: 'fail',
      severity: 'error',
      left: -3,
      right: 0,
      message: '行政规范性文件·本年废止件数为 -3，应为非负整数。',
      cells: [{ table: 'proactive', row: 'normativeDocuments', column: 'repealed' }],
    });
    expect(byKey(evs, 'proactive.nonNegative:licensing.decisions').status).toBe('fail');
    expect(byKey(evs, 'proactive.nonNegative:fees.amountWan').status).toBe('pass');
  });

  it('is not assessable for a slash', () => {
    const report = withCells(makeReport(), 'proactive', { regulations: { issued: '/' } });
    expect(byKey(validateReport(report), 'proactive.nonNegative:regulations.issued')).toMatchObject({
      status: 'notAssessable',
      left: null,
      message: '规章·本年制发件数未填报，无法核对是否为非负整数。',
    });
  });

  it('checks the 2019 trial columns and leaves the signed 本年增/减 alone', () => {
    const report = makeReport({ format: '2019-trial' });
    report.tables.proactive = table('proactive', {
      regulations: { made: 0, published: 0, publicTotal: 12 },
      normativeDocuments: { made: 5, published: 5, publicTotal: 88 },
      licensing: { lastYearItems: 300, change: { value: -4, state: 'number', raw: '减4' }, decisions: 1200 },
      otherServices: { lastYearItems: 10, change: 0, decisions: 3 },
      penalty: { lastYearItems: 900, change: 1036, decisions: 50 },
      enforcement: { lastYearItems: 80, change: 0, decisions: -1 },
      fees: { lastYearItems: 7, change: -2 },
      procurement: { items: 12, amountWan: 350.5 },
    });
    const evs = validateReport(report).filter((e) => e.rule === 'proactive.nonNegative');
    expect(evs.some((e) => e.key.endsWith('.change'))).toBe(false);
    expect(evs.filter((e) => e.status === 'fail').map((e) => e.key)).toEqual(['proactive.nonNegative:enforcement.decisions']);
    expect(evs).toHaveLength(6 + 4 * 2 + 1 + 2);
  });
});

describe('table.incomplete and formats', () => {
  const finding: RuleEvaluation = {
    rule: 'table.incomplete',
    key: 'table.incomplete:reviewLitigation.litigation',
    status: 'fail',
    severity: 'warning',
    message: '表四有十个数字对应十五列，无法确定其中一组行政诉讼数据属于哪一组。',
    cells: [{ table: 'reviewLitigation', row: 'litigationDirect', column: 'total' }],
    detail: '2\t1\t0\t2\t5\t0\t0\t0\t0\t0',
  };

  it('passes the parse findings through unchanged, first', () => {
    const evs = validateReport(makeReport({ parseFindings: [finding] }));
    expect(evs[0]).toEqual(finding);
    expect(evs.filter((e) => e.rule === 'table.incomplete')).toEqual([finding]);
  });

  it('applies no template rule to pre-2019 and unknown reports: their parse findings only', () => {
    for (const format of ['pre-2019', 'unknown'] as const) {
      expect(validateReport(makeReport({ format, parseFindings: [finding] }))).toEqual([finding]);
      expect(validateReport(makeReport({ format, chapters: [] }))).toEqual([]);
    }
  });
});
