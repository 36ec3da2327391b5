/**
 * The rules over the real reports of test/fixtures/real (see its README): the Shanghai 2019 report
 * states 258 予以公开及部分公开 and 265 无法提供 while its table shows at least 275 and 337
 * (its 总计 column is blank, the applicant columns are not); the Shuyang 2023 report agrees
 * with its table.
 */
import { describe, expect, it } from 'vitest';
import { readFixture } from '../support/fixtures.ts';
import { importDocument } from '../../core/ingest/index.ts';
import type { RuleEvaluation } from '../../core/model.ts';

const evaluate = async (file: string) => (await importDocument(readFixture('real', file), file)).evaluations;
const statusOf = (evs: RuleEvaluation[], key: string) => evs.find((e) => e.key === key)?.status;

describe('validating the real reports', () => {
  it('shanghai-office-2019: the narrative result counts contradict the applicant columns', async () => {
    const evs = await evaluate('shanghai-office-2019.html');
    const failing = evs.filter((e) => e.status === 'fail');
    expect(failing.filter((e) => e.rule === 'narrative.mismatch').map((e) => [e.key, e.severity, e.left])).toEqual([
      ['narrative.mismatch:applications.grantedAndPartial.total', 'error', 258],
      ['narrative.mismatch:applications.unavailable.total', 'error', 265],
    ]);
    expect(failing.find((e) => e.key === 'narrative.mismatch:applications.grantedAndPartial.total')!.message).toContain('至少为 275');
    expect(failing.find((e) => e.key === 'narrative.mismatch:applications.unavailable.total')!.message).toContain('至少为 337');
    expect(statusOf(evs, 'narrative.mismatch:applications.received.total')).toBe('pass'); // 受理 859
    expect(statusOf(evs, 'narrative.mismatch:applications.answered.total')).toBe('pass'); // 答复 805
    expect(statusOf(evs, 'narrative.mismatch:reviewLitigation.review.total')).toBe('pass'); // 行政复议 7
    // "诉讼 9 件": 9 under 未经复议直接起诉, the 复议后起诉 group blank → cannot be confirmed.
    expect(statusOf(evs, 'narrative.mismatch:reviewLitigation.litigation.total')).toBe('notAssessable');
    // Blank 总计 cells are not zeros: the sums over them are not assessable, not failures.
    expect(statusOf(evs, 'applications.resultTotal:total')).toBe('notAssessable');
    expect(failing.every((e) => e.rule === 'narrative.mismatch' || e.rule === 'table.incomplete')).toBe(true);
  });

  it('shuyang-fgj-2023: "收到依申请信息公开 26 件" agrees with the table, nothing fails', async () => {
    const evs = await evaluate('shuyang-fgj-2023.html');
    expect(statusOf(evs, 'narrative.mismatch:applications.received.total')).toBe('pass');
    expect(statusOf(evs, 'applications.balance:total')).toBe('pass');
    expect(evs.filter((e) => e.status === 'fail')).toEqual([]);
  });
});
