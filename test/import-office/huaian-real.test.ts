/**
 * The real WPS-made PDF test/fixtures/real/huaian-2024.pdf (淮安市人民政府, 2024; provenance in
 * the README there): title on two centred lines, four-digit figures, hundreds of reviews.
 * Every one of the 200 cells written by hand from the printed pages (pdftoppm, pages 3–5).
 */
import { describe, expect, it } from 'vitest';
import { importDocument } from '../../core/ingest/index.ts';
import { tableValues } from '../../core/model.ts';
import { readFixture } from '../support/fixtures.ts';

const COLS = ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other', 'total'];
const row7 = (...values: number[]) => Object.fromEntries(COLS.map((c, i) => [c, values[i]]));
const z = (n: number) => row7(n, 0, 0, 0, 0, 0, n);
const review = (upheld: number, corrected: number, other: number, pending: number, total: number) => ({ upheld, corrected, other, pending, total });

describe('huaian-2024.pdf, a real WPS PDF', async () => {
  const name = 'huaian-2024.pdf';
  const { parsed: r, evaluations } = await importDocument(readFixture('real', name), name);

  it('reads title, body and year from the two centred title lines', () => {
    expect(r.title).toBe('淮安市人民政府2024 年政府信息公开工作年度报告');
    expect(r.body).toEqual({ printed: '淮安市人民政府', normalized: '淮安市人民政府' });
    expect(r.year).toBe(2024);
    expect(r.format).toBe('2021');
    expect(r.metadataConfidence).toEqual({ body: 'certain', year: 'certain' });
    expect(r.preamble).toEqual([
      '本报告由淮安市人民政府办公室根据《中华人民共和国政府信息公开条例》（国令第711号）（以下简称《条例》）规定编制。报告所列统计期限自2024年1月1日至2024年12月31日。',
      '如对本报告有疑问，请与淮安市人民政府办公室联系（地址：淮安市翔宇南道1号，邮编：223001，电话：0517-83605210，电子邮箱：hazwgkc@163.com）。',
    ]);
  });

  it('keeps table headers with their tables: chapters 二 三 四 have no header fragments as paragraphs', () => {
    expect(r.chapters.map((c) => [c.key, c.paragraphs.length])).toEqual([
      ['overview', 6],
      ['proactive', 0],
      ['applications', 0],
      ['reviewLitigation', 0],
      ['problems', 2],
      ['other', 1],
    ]);
  });

  it('reads all 200 cells as printed', () => {
    const v = tableValues(r.tables);
    expect(v.proactive).toEqual({
      regulations: { issued: 1, repealed: 0, inForce: 11 },
      normativeDocuments: { issued: 8, repealed: 26, inForce: 66 },
      licensing: { decisions: 447228 },
      penalty: { decisions: 3985758 },
      enforcement: { decisions: 88283 },
      fees: { amountWan: 96171.6 },
    });
    expect(v.applications).toEqual({
      received: row7(3001, 53, 0, 0, 61, 4, 3119),
      carriedOver: z(34),
      granted: row7(1288, 21, 0, 0, 50, 3, 1362),
      partial: row7(447, 7, 0, 0, 0, 0, 454),
      'denied.stateSecret': z(2),
      'denied.lawForbidden': row7(30, 1, 0, 0, 0, 0, 31),
      'denied.securityStability': z(5),
      'denied.thirdParty': z(6),
      'denied.internalAffairs': row7(7, 1, 0, 0, 0, 0, 8),
      'denied.processInfo': z(12),
      'denied.enforcementFiles': z(9),
      'denied.queryMatters': z(105),
      'unavailable.notHeld': row7(746, 12, 0, 0, 10, 1, 769),
      'unavailable.needsCreation': z(11),
      'unavailable.unclear': z(1),
      'notProcessed.complaint': row7(56, 6, 0, 0, 0, 0, 62),
      'notProcessed.duplicate': z(25),
      'notProcessed.publication': z(0),
      'notProcessed.massRepeated': z(0),
      'notProcessed.confirmation': z(1),
      'otherHandling.noCorrection': row7(67, 3, 0, 0, 1, 0, 71),
      'otherHandling.noFee': z(6),
      'otherHandling.other': row7(108, 2, 0, 0, 0, 0, 110),
      resultTotal: row7(2932, 53, 0, 0, 61, 4, 3050),
      carriedForward: z(103),
    });
    expect(v.reviewLitigation).toEqual({
      review: review(72, 64, 178, 37, 351),
      litigationDirect: review(13, 4, 8, 1, 26),
      litigationAfterReview: review(12, 1, 1, 6, 20),
    });
    const cellCount = Object.values(v).reduce((n, t) => n + Object.values(t!).reduce((m, row) => m + Object.keys(row).length, 0), 0);
    expect(cellCount).toBe(200);
  });

  it('adds up: no failing rule, and the narrative figures (受理申请 3119, 行政复议 351, 行政诉讼 46) agree', () => {
    expect(evaluations.filter((e) => e.status !== 'pass')).toEqual([]);
    const narrative = evaluations.filter((e) => e.rule === 'narrative.mismatch').map((e) => [e.key, e.left, e.status]);
    expect(narrative).toEqual([
      ['narrative.mismatch:applications.received.total', 3119, 'pass'],
      ['narrative.mismatch:reviewLitigation.review.total', 351, 'pass'],
      ['narrative.mismatch:reviewLitigation.litigation.total', 46, 'pass'],
    ]);
  });
});
