import { describe, expect, it } from 'vitest';
import { validateReport } from '../../core/validate/index.ts';
import type { RuleEvaluation } from '../../core/model.ts';
import { applicantRow, makeReport, table, withCells } from './build.ts';

const byKey = (evs: RuleEvaluation[], key: string) => {
  const found = evs.filter((e) => e.key === key);
  expect(found, key).toHaveLength(1);
  return found[0];
};

describe('applications.balance', () => {
  it('passes for every column of the seed table, with both sides and the four cells', () => {
    const evs = validateReport(makeReport()).filter((e) => e.rule === 'applications.balance');
    expect(evs.map((e) => e.key)).toEqual(['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other', 'total'].map((c) => `applications.balance:${c}`));
    expect(evs.every((e) => e.status === 'pass')).toBe(true);
    const natural = byKey(evs, 'applications.balance:natural');
    expect(natural).toMatchObject({ severity: 'error', left: 134, right: 134 });
    expect(natural.message).toBe('自然人列：新收 134 + 上年结转 0 = 134，等于办理结果总计 134 + 结转下年 0 = 134。');
    expect(natural.cells).toEqual([
      { table: 'applications', row: 'received', column: 'natural' },
      { table: 'applications', row: 'carriedOver', column: 'natural' },
      { table: 'applications', row: 'resultTotal', column: 'natural' },
      { table: 'applications', row: 'carriedForward', column: 'natural' },
    ]);
  });

  it('fails as an error when received + carriedOver differs from resultTotal + carriedForward', () => {
    const report = withCells(makeReport(), 'applications', { carriedOver: { natural: 2, total: 2 } });
    const ev = byKey(validateReport(report), 'applications.balance:natural');
    expect(ev).toMatchObject({ status: 'fail', severity: 'error', left: 136, right: 134 });
    expect(ev.message).toBe('自然人列：新收 134 + 上年结转 2 = 136，不等于办理结果总计 134 + 结转下年 0 = 134（相差 2）。');
    expect(byKey(validateReport(report), 'applications.balance:commercial').status).toBe('pass');
  });

  it('is not assessable, never pass or fail, when an operand is a slash, a blank or missing', () => {
    for (const empty of ['/', '', '—', null]) {
      const report = withCells(makeReport(), 'applications', { carriedOver: { natural: empty } });
      const ev = byKey(validateReport(report), 'applications.balance:natural');
      expect(ev.status).toBe('notAssessable');
      expect(ev.left).toBeNull();
      expect(ev.right).toBe(134);
    }
    const report = withCells(makeReport(), 'applications', { carriedOver: { natural: '/' } });
    expect(byKey(validateReport(report), 'applications.balance:natural').message).toBe(
      '自然人列：上年结转（未填报）没有数值，无法核对：新收 + 上年结转 = 办理结果总计 + 结转下年。',
    );
  });

  it('gives one not-assessable evaluation per rule when table 三 is absent', () => {
    const report = makeReport();
    delete report.tables.applications;
    const evs = validateReport(report).filter((e) => e.rule.startsWith('applications.'));
    expect(evs.map((e) => [e.key, e.status])).toEqual([
      ['applications.balance', 'notAssessable'],
      ['applications.resultTotal', 'notAssessable'],
      ['applications.rowTotal', 'notAssessable'],
    ]);
  });
});

describe('applications.resultTotal', () => {
  it('passes for the seed, summing granted, partial and every result row, shown by group', () => {
    const evs = validateReport(makeReport()).filter((e) => e.rule === 'applications.resultTotal');
    expect(evs).toHaveLength(7);
    expect(evs.every((e) => e.status === 'pass')).toBe(true);
    const total = byKey(evs, 'applications.resultTotal:total');
    expect(total).toMatchObject({ left: 138, right: 138 });
    expect(total.message).toBe('总计列：办理结果总计 138，等于予以公开 67 + 部分公开 28 + 不予公开 16 + 无法提供 26 + 不予处理 0 + 其他处理 1 = 138。');
    // resultTotal + granted + partial + 8 denied + 3 unavailable + 5 notProcessed + 3 otherHandling
    expect(total.cells).toHaveLength(1 + 2 + 8 + 3 + 5 + 3);
  });

  it('fails when a result row is off', () => {
    const report = withCells(makeReport(), 'applications', { 'denied.thirdParty': { total: 9 } });
    const ev = byKey(validateReport(report), 'applications.resultTotal:total');
    expect(ev).toMatchObject({ status: 'fail', severity: 'error', left: 138, right: 140 });
    expect(ev.message).toBe('总计列：办理结果总计 138，不等于予以公开 67 + 部分公开 28 + 不予公开 18 + 无法提供 26 + 不予处理 0 + 其他处理 1 = 140（相差 2）。');
  });

  it('is not assessable when a result row cannot be read', () => {
    const report = withCells(makeReport(), 'applications', { 'notProcessed.duplicate': { total: '约2' } });
    const ev = byKey(validateReport(report), 'applications.resultTotal:total');
    expect(ev.status).toBe('notAssessable');
    expect(ev.right).toBeNull();
    expect(ev.message).toContain('不予处理·重复申请（无法读取的数字，原文“约2”）');
  });

  it('uses the single （六）其他处理 row of the 2019 trial template', () => {
    const rows = Object.fromEntries(
      Object.entries(makeReport().tables.applications!.cells).filter(([row]) => !row.startsWith('otherHandling.')),
    );
    // Move the seed's one 逾期不补正 case into the trial template's only 其他处理 row.
    const report = makeReport({ format: '2019-trial' });
    report.tables.applications = table('applications', { ...rows, 'otherHandling.other': applicantRow([1, 0, 0, 0, 0, 0, 1]) });
    const evs = validateReport(report);
    expect(byKey(evs, 'applications.resultTotal:total')).toMatchObject({ status: 'pass', left: 138, right: 138 });
    expect(byKey(evs, 'applications.resultTotal:total').cells).toHaveLength(1 + 2 + 8 + 3 + 5 + 1);
    expect(evs.filter((e) => e.rule === 'applications.rowTotal')).toHaveLength(23);
    expect(evs.find((e) => e.key === 'applications.rowTotal:otherHandling.noCorrection')).toBeUndefined();
  });
});

describe('applications.rowTotal', () => {
  it('passes for every row of the seed', () => {
    const evs = validateReport(makeReport()).filter((e) => e.rule === 'applications.rowTotal');
    expect(evs).toHaveLength(25);
    expect(evs.every((e) => e.status === 'pass')).toBe(true);
    expect(byKey(evs, 'applications.rowTotal:received').message).toBe(
      '“新收”行：总计 138，等于自然人 134 + 商业企业 3 + 科研机构 0 + 社会公益组织 1 + 法律服务机构 0 + 其他 0 = 138。',
    );
  });

  it('fails when the total column differs from the sum of the applicant columns', () => {
    const report = withCells(makeReport(), 'applications', { 'unavailable.notHeld': { commercial: 2 } });
    const ev = byKey(validateReport(report), 'applications.rowTotal:unavailable.notHeld');
    expect(ev).toMatchObject({ status: 'fail', severity: 'error', left: 25, right: 26 });
    expect(ev.message).toBe(
      '“无法提供·本机关不掌握相关政府信息”行：总计 25，不等于自然人 24 + 商业企业 2 + 科研机构 0 + 社会公益组织 0 + 法律服务机构 0 + 其他 0 = 26（相差 1）。',
    );
  });

  it('is not assessable when an applicant cell is blank', () => {
    const report = withCells(makeReport(), 'applications', { granted: { legal: '' } });
    const ev = byKey(validateReport(report), 'applications.rowTotal:granted');
    expect(ev).toMatchObject({ status: 'notAssessable', left: 67, right: null });
    expect(ev.message).toContain('法律服务机构（未填报）没有数值');
  });
});
