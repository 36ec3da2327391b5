/** Finding sentences in English, built by the same rule from the same operands as the Chinese ones. */
import { describe, expect, it } from 'vitest';
import { validateReport } from '../../core/validate/index.ts';
import { missingRowFindings } from '../../core/parse/tables/findings.ts';
import { APPLICATIONS_2021 } from '../../core/spec.ts';
import type { RuleEvaluation } from '../../core/model.ts';
import { makeReport, withCells } from './build.ts';

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
    expect(ev.message).toContain('上年结转（无法读取（原文“150 000015”））');
    expect(ev.messageEn).toBe('Column “自然人”: “上年结转” (unreadable (printed “150 000015”)) has no value, so “新收” + “上年结转” = “办理结果总计” + “结转下年” cannot be checked.');
  });

  it('a row total and a review group speak English too', () => {
    const evs = validateReport(makeReport());
    expect(byKey(evs, 'applications.rowTotal:received').messageEn).toMatch(/^Row “[^”]+”: “总计” \d+ equals “自然人” \d+ \+/);
    expect(evs.filter((e) => e.rule === 'reviewLitigation.groupTotal').every((e) => e.messageEn?.includes(' equals '))).toBe(true);
  });

  it('table.incomplete names the row by its template label in both languages', () => {
    const cells = Object.fromEntries(APPLICATIONS_2021.rows.map((r) => [r.id, Object.fromEntries(r.columns.map((c) => [c.id, { value: 1, state: 'number', raw: '1' }]))]));
    cells.received.natural = { value: null, state: 'text', raw: '150 000015' } as never;
    const [finding] = missingRowFindings(APPLICATIONS_2021, cells as never, () => '');
    expect(finding.message).toMatch(/“一、本年新收政府信息公开申请数量”有无法识别的内容（1 个单元格）$/);
    expect(finding.messageEn).toMatch(/: row “一、本年新收政府信息公开申请数量” holds text that is not a number \(1 cell\)\.$/);
  });
});
