/** Finding sentences in English, built by the same rule from the same operands as the Chinese ones. */
import { describe, expect, it } from 'vitest';
import { validateCrossYear, validateReport } from '../../core/validate/index.ts';
import { missingRowFindings } from '../../core/parse/tables/findings.ts';
import { APPLICATIONS_2021 } from '../../core/spec.ts';
import type { ParsedReport, RuleEvaluation } from '../../core/model.ts';
import { applicantRow, chapter, makeReport, sixChapters, withCells } from './build.ts';

const byKey = (evs: RuleEvaluation[], key: string) => evs.find((e) => e.key === key)!;

describe('English finding messages', () => {
  it('a failing balance says the same numbers in English, with the template labels quoted', () => {
    const report = withCells(makeReport(), 'applications', { carriedOver: { natural: 2, total: 2 } });
    const ev = byKey(validateReport(report), 'applications.balance:natural');
    expect(ev.message).toBe('自然人列：新收 134 + 上年结转 2 = 136，不等于办理结果总计 134 + 结转下年 0 = 134（相差 2）。');
    expect(ev.messageEn).toBe('Column “自然人”: “新收” 134 + “上年结转” 2 = 136 does not equal “办理结果总计” 134 + “结转下年” 0 = 134 (difference 2).');
  });

  it('an unreadable operand is explained with what was printed, in both languages', () => {
    const report = withCells(makeReport(), 'applications', { carriedOver: { natural: '150 000015' } });
    const ev = byKey(validateReport(report), 'applications.balance:natural');
    expect(ev.status).toBe('notAssessable');
    expect(ev.message).toContain('上年结转（无法读取的数字，原文“150 000015”）没有数值');
    expect(ev.messageEn).toBe('Column “自然人”: “上年结转” (unreadable figures, printed “150 000015”) has no value, so “新收” + “上年结转” = “办理结果总计” + “结转下年” cannot be checked.');
  });

  it('a row total and a review group speak English too', () => {
    const evs = validateReport(makeReport());
    expect(byKey(evs, 'applications.rowTotal:received').messageEn).toMatch(/^Row “[^”]+”: “总计” \d+ equals “自然人” \d+ \+/);
    expect(evs.filter((e) => e.rule === 'reviewLitigation.groupTotal').every((e) => e.messageEn?.includes(' equals '))).toBe(true);
  });

  it('table.incomplete names the row as a reader calls it and quotes an unreadable digit run', () => {
    const cells = Object.fromEntries(APPLICATIONS_2021.rows.map((r) => [r.id, Object.fromEntries(r.columns.map((c) => [c.id, { value: 1, state: 'number', raw: '1' }]))]));
    cells.received.natural = { value: null, state: 'text', raw: '150 000015' } as never;
    for (const c of Object.keys(cells.resultTotal)) cells.resultTotal[c] = { value: null, state: 'missing', raw: '' } as never;
    const raw: Record<string, string> = { resultTotal: '（七）总计\t140\t0\t0\t0\t014' };
    const [text, fused] = missingRowFindings(APPLICATIONS_2021, cells as never, (row) => raw[row] ?? '一、本年新收政府信息公开申请数量\t150 000015');
    expect(text.message).toBe('三、收到和处理政府信息公开申请情况：“新收”行有无法识别为数字的内容（原文“150 000015”），1 个单元格没有数值。');
    expect(text.messageEn).toBe('三、收到和处理政府信息公开申请情况: row “新收” holds text that is not a number (printed “150 000015”); 1 cell has no value.');
    expect(fused.message).toBe('三、收到和处理政府信息公开申请情况：“办理结果总计”行印有无法读取的数字（原文“140 0 0 0 014”），无法分到各列，7 个单元格没有数值。');
    expect(fused.messageEn).toBe(
      '三、收到和处理政府信息公开申请情况: row “办理结果总计” prints figures that cannot be read (printed “140 0 0 0 014”) and cannot be placed in the columns; 7 cells have no value.',
    );
  });

  it('a table that was not read says so in English for every rule on it', () => {
    const report = makeReport();
    const evs = validateReport({ ...report, tables: { proactive: report.tables.proactive } });
    expect(byKey(evs, 'applications.balance').messageEn).toBe(
      'Table 三 (“收到和处理政府信息公开申请情况”) was not read, so “新收” + “上年结转” = “办理结果总计” + “结转下年” cannot be checked.',
    );
    expect(byKey(evs, 'reviewLitigation.groupTotal').messageEn).toMatch(/^Table 四 .* was not read/);
  });

  it('proactive.nonNegative names the cell and its figure', () => {
    const report = withCells(makeReport(), 'proactive', { regulations: { issued: -2, repealed: '' } });
    const evs = validateReport(report);
    expect(byKey(evs, 'proactive.nonNegative:regulations.issued').messageEn).toBe('“规章·本年制发件数” is -2; it should be a non-negative integer.');
    expect(byKey(evs, 'proactive.nonNegative:regulations.repealed').messageEn).toBe(
      '“规章·本年废止件数” is not filled in, so whether it is a non-negative integer cannot be checked.',
    );
    expect(byKey(evs, 'proactive.nonNegative:normativeDocuments.issued').messageEn).toBe('“行政规范性文件·本年制发件数” is 147, a non-negative integer.');
  });

  it('chapters.missing names the chapter and what chapter 五 says', () => {
    const chapters = sixChapters()
      .filter((c) => c.id !== 'other')
      .map((c) => (c.id === 'problems' ? chapter('problems', ['无。']) : c));
    const evs = validateReport(makeReport({ chapters }));
    expect(byKey(evs, 'chapters.missing:other').messageEn).toBe('Chapter 六 “其他需要报告的事项” is missing.');
    expect(byKey(evs, 'chapters.missing:problems').messageEn).toBe('Chapter 五 “存在的主要问题及改进情况” only says “无。” and describes no problems or improvements.');
  });

  it('narrative.mismatch says what the text states against the table, in English', () => {
    const saying = (text: string, report: ParsedReport = makeReport()) =>
      validateReport({ ...report, chapters: [chapter('overview', [text]), ...report.chapters.filter((c) => c.id !== 'overview')] }).filter((e) => e.rule === 'narrative.mismatch');
    const [differs] = saying('全年共办理政府信息公开申请 140 件。');
    expect(differs.message).toBe('正文称“办理政府信息公开申请 140 件”，但表三本年新收申请总计为 138，新收加上年结转为 138。');
    expect(differs.messageEn).toBe('The text says “办理政府信息公开申请 140 件”, but in table 三 the “新收” total is 138; “新收” plus “上年结转” is 138.');
    const [agrees] = saying('因政府信息公开被申请行政复议 5 件。');
    expect(agrees.messageEn).toBe('The text says “行政复议 5 件”, which agrees with the “行政复议” total of table 四, 5.');
    const unreadable = withCells(makeReport(), 'reviewLitigation', { litigationDirect: { total: null }, litigationAfterReview: { total: null } });
    const [unshown] = saying('因政府信息公开被提起行政诉讼 1 件。', unreadable);
    expect(unshown.messageEn).toBe(
      'The text says “行政诉讼 1 件”, but in table 四 “未经复议直接起诉总计” (unreadable), “复议后起诉总计” (unreadable) have no value: the table shows none of these 1.',
    );
  });

  it('narrative.inForce compares the stated figure with table 二, in English', () => {
    const report = makeReport();
    const [ev] = validateReport({ ...report, chapters: [chapter('proactive', ['现行有效规范性文件共 381 件。']), ...report.chapters.filter((c) => c.id !== 'proactive')] }).filter(
      (e) => e.rule === 'narrative.inForce',
    );
    expect(ev.messageEn).toBe('The text says “现行有效规范性文件共 381 件”, but table 二 “行政规范性文件·现行有效件数” is 379.');
  });

  it('crossYear rules name both years and their figures', () => {
    const r2021 = withCells(makeReport({ year: 2021 }), 'applications', { carriedForward: applicantRow([3, 1, 0, 0, 0, 0, 4]) });
    const earlier = { id: 'r2021', year: 2021, format: r2021.format, tables: r2021.tables };
    const r2022 = withCells(makeReport(), 'proactive', { normativeDocuments: { issued: 147, repealed: 55, inForce: 400 } });
    const later = { id: 'r2022', year: 2022, format: r2022.format, tables: r2022.tables };
    const out = validateCrossYear(earlier, later);
    expect(byKey(out.later, 'crossYear.carryOver:2021-2022:natural').messageEn).toBe('Column “自然人”: “上年结转” of 2022 (0) does not equal “结转下年度” of 2021 (3).');
    // 2021 in force 379 + 147 issued − 55 repealed = 471, against 400 printed for 2022.
    expect(byKey(out.later, 'crossYear.inForce:2021-2022:normativeDocuments').messageEn).toBe(
      '“行政规范性文件”: “现行有效” of 2022 400 does not equal “现行有效” of 2021 379 + “本年制发” 147 − “本年废止” 55 = 471 (perhaps because documents of earlier years that were repealed are counted differently).',
    );
  });
});
