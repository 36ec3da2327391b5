/**
 * The real pages in test/fixtures/real through the HTML converter and this mapper. Values written
 * by hand from the pages; blank cells (&nbsp;) are null with state 'blank', never 0.
 */
import { describe, expect, it } from 'vitest';
import { readFixture } from '../support/fixtures.ts';
import { convertHtml } from '../../core/import/html.ts';
import { buildReport } from '../../core/parse/index.ts';
import { valuesOf } from './helpers.ts';

async function parsePage(name: string) {
  const bytes = readFixture('real', name);
  return buildReport(await convertHtml(bytes, name), name);
}

const _ = null;

describe('real page: 上海市人民政府办公厅 2019 (2019 trial template)', async () => {
  const r = await parsePage('shanghai-office-2019.html');

  it('reads metadata and format', () => {
    expect(r.format).toBe('2019-trial');
    expect(r.body.printed).toBe('上海市人民政府办公厅');
    expect(r.year).toBe(2019);
    expect(r.publishedAt).toBe('2020-01-31');
    expect(r.chapters.map((c) => c.id)).toEqual(['overview', 'proactive', 'applications', 'reviewLitigation', 'problems', 'other']);
  });

  it('reads every cell of 二, converting 251000元 to 万元', () => {
    expect(valuesOf(r, 'proactive')).toEqual({
      regulations: [13, 13, 524],
      normativeDocuments: [60, 60, 368],
      licensing: [0, 0, 0],
      otherServices: [0, 0, 0],
      penalty: [0, 0, 0],
      enforcement: [0, 0, 0],
      fees: [0, 0],
      procurement: [6, 25.1],
    });
    expect(r.tables.proactive!.cells.procurement.amountWan.raw).toBe('251000元');
  });

  it('reads every cell of 三 with its &nbsp; blanks', () => {
    expect(valuesOf(r, 'applications')).toEqual({
      received: [821, 35, _, _, 2, 1, 859],
      carriedOver: [18, _, _, _, _, _, 18],
      granted: [258, 12, _, _, 1, 1, _],
      partial: [3, _, _, _, _, _, _],
      'denied.stateSecret': [14, _, _, _, _, _, _],
      'denied.lawForbidden': [_, _, _, _, _, _, _],
      'denied.securityStability': [_, _, _, _, _, _, _],
      'denied.thirdParty': [_, _, _, _, _, _, _],
      'denied.internalAffairs': [5, _, _, _, _, _, _],
      'denied.processInfo': [3, 1, _, _, _, _, _],
      'denied.enforcementFiles': [_, _, _, _, _, _, _],
      'denied.queryMatters': [10, 2, _, _, _, _, _],
      'unavailable.notHeld': [252, 12, _, _, 1, _, _],
      'unavailable.needsCreation': [44, 3, _, _, _, _, _],
      'unavailable.unclear': [25, _, _, _, _, _, _],
      'notProcessed.complaint': [148, 1, _, _, _, _, _],
      'notProcessed.duplicate': [5, 4, _, _, _, _, _],
      'notProcessed.publication': [_, _, _, _, _, _, _],
      'notProcessed.massRepeated': [_, _, _, _, _, _, _],
      'notProcessed.confirmation': [_, _, _, _, _, _, _],
      'otherHandling.other': [_, _, _, _, _, _, _],
      resultTotal: [767, 35, _, _, 2, 1, 805],
      carriedForward: [72, _, _, _, _, _, 72],
    });
    expect(r.tables.applications!.cells.granted.total.state).toBe('blank');
  });

  it('reads table 四 by position', () => {
    expect(valuesOf(r, 'reviewLitigation')).toEqual({ review: [5, _, _, 2, 7], litigationDirect: [8, _, _, 1, 9], litigationAfterReview: [_, _, _, _, _] });
    expect(r.parseFindings).toEqual([]);
  });
});

describe('real page: 沭阳县发展和改革局 2023 (2021 template)', async () => {
  const r = await parsePage('shuyang-fgj-2023.html');

  it('reads metadata, the 整改措施 chapter and 二 with 规范性文件 without 行政', () => {
    expect(r.format).toBe('2021');
    expect(r.body.printed).toBe('沭阳县发展和改革局');
    expect(r.year).toBe(2023);
    expect(r.publishedAt).toBe('2024-01-17');
    expect(r.chapters.find((c) => c.id === 'problems')!.heading).toBe('五、存在的主要问题及整改措施');
    expect(valuesOf(r, 'proactive')).toEqual({ regulations: [0, 0, 0], normativeDocuments: [8, 0, 18], licensing: [0], penalty: [0], enforcement: [0], fees: [0] });
  });

  it('reads 三 with the five 法人或其他组织 columns blank, and 四', () => {
    const a = valuesOf(r, 'applications');
    const naturals: Record<string, number> = { received: 26, granted: 26, resultTotal: 26 };
    expect(Object.keys(a)).toHaveLength(25);
    for (const [row, values] of Object.entries(a)) {
      const n = naturals[row] ?? 0;
      expect(values, row).toEqual([n, _, _, _, _, _, n]);
    }
    expect(valuesOf(r, 'reviewLitigation')).toEqual({ review: [0, 0, 0, 1, 1], litigationDirect: [0, 0, 0, 0, 0], litigationAfterReview: [0, 0, 0, 0, 0] });
    expect(r.parseFindings).toEqual([]);
  });
});
