import { beforeAll, describe, expect, it } from 'vitest';
import { readFixture } from '../support/fixtures.ts';
import type { ParsedReport } from '../../core/model.ts';
import { APPLICANT_COLUMNS } from '../../core/spec.ts';
import { allParagraphs, parseBytes, valuesOf } from './helpers.ts';

let report: ParsedReport;
beforeAll(async () => {
  report = await parseBytes(readFixture('seed', 'yichun-2022.txt'), 'yichun-2022.txt');
});

describe('seed report 伊春市 2022 (text extracted from a PDF)', () => {
  it('reads body, year, title and format', () => {
    expect(report.body).toEqual({ printed: '伊春市', normalized: '伊春市' });
    expect(report.year).toBe(2022);
    expect(report.title).toBe('伊春市 2022 年政府信息公开工作年度报告');
    expect(report.format).toBe('2021');
    expect(report.metadataConfidence).toEqual({ body: 'certain', year: 'certain' });
  });

  it('finds the six chapters in order and keeps the preamble', () => {
    expect(report.chapters.map((c) => c.id)).toEqual(['overview', 'proactive', 'applications', 'reviewLitigation', 'problems', 'other']);
    expect(report.chapters.map((c) => c.heading)).toEqual([
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ]);
    expect(report.preamble).toHaveLength(1);
    expect(report.preamble[0]).toMatch(/^按照《中华人民共和国政府信息公开条例》.*国办公开办函〔2021〕30号.*年度报告。$/);
  });

  it('re-joins words and sentences split by page breaks', () => {
    const overview = report.chapters.find((c) => c.id === 'overview')!.paragraphs.join('\n');
    expect(overview).toContain('指导规范项目单位、企业办理网上审批、备案，保障其积极稳妥开展前期工作。');
    expect(overview).toContain('2022年，全市共办理政府信息公开申请 138 件，因政府信息公开被申请行政复议 5 件、行政诉讼 1 件。');
    expect(overview).toContain('公众意见建议征集和采纳情况、决策结果等信息');
    const problems = report.chapters.find((c) => c.id === 'problems')!.paragraphs;
    expect(problems.join('\n')).toContain('三是以指导培训为抓手，提升业务能力。加强对各单位政务公开工作的指导');
    expect(problems).toHaveLength(3);
    expect(report.chapters.find((c) => c.id === 'other')!.paragraphs).toEqual(['2022 年度全市未因政府信息公开申请收取信息处理费。']);
  });

  it('leaves no Markdown bold markers and no page numbers', () => {
    const text = allParagraphs(report).join('\n');
    expect(text).not.toContain('**');
    expect(text).toContain('2023年，将针对以上问题进行改进：一是完善各项工作制度');
    for (const p of allParagraphs(report)) expect(p).not.toMatch(/^\s*[-—]?\s*\d+\s*[-—]?\s*$/);
  });

  it('reads every cell of table 二 (proactive)', () => {
    expect(valuesOf(report, 'proactive')).toEqual({
      regulations: [0, 0, 0],
      normativeDocuments: [147, 55, 379],
      licensing: [211704],
      penalty: [72105],
      enforcement: [1662],
      fees: [15781.34226],
    });
    expect(Object.keys(report.tables.proactive!.cells.normativeDocuments)).toEqual(['issued', 'repealed', 'inForce']);
    expect(report.tables.proactive!.cells.fees.amountWan).toEqual({ value: 15781.34226, state: 'number', raw: '15781.34226' });
  });

  it('reads every cell of table 三 (applications), 25 rows × 7 columns', () => {
    // Written by hand from the document, columns: 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计
    const expected: Record<string, number[]> = {
      received: [134, 3, 0, 1, 0, 0, 138],
      carriedOver: [0, 0, 0, 0, 0, 0, 0],
      granted: [65, 2, 0, 0, 0, 0, 67],
      partial: [28, 0, 0, 0, 0, 0, 28],
      'denied.stateSecret': [1, 0, 0, 0, 0, 0, 1],
      'denied.lawForbidden': [5, 0, 0, 0, 0, 0, 5],
      'denied.securityStability': [1, 0, 0, 0, 0, 0, 1],
      'denied.thirdParty': [7, 0, 0, 0, 0, 0, 7],
      'denied.internalAffairs': [2, 0, 0, 0, 0, 0, 2],
      'denied.processInfo': [0, 0, 0, 0, 0, 0, 0],
      'denied.enforcementFiles': [0, 0, 0, 0, 0, 0, 0],
      'denied.queryMatters': [0, 0, 0, 0, 0, 0, 0],
      'unavailable.notHeld': [24, 1, 0, 0, 0, 0, 25],
      'unavailable.needsCreation': [0, 0, 0, 1, 0, 0, 1],
      'unavailable.unclear': [0, 0, 0, 0, 0, 0, 0],
      'notProcessed.complaint': [0, 0, 0, 0, 0, 0, 0],
      'notProcessed.duplicate': [0, 0, 0, 0, 0, 0, 0],
      'notProcessed.publication': [0, 0, 0, 0, 0, 0, 0],
      'notProcessed.massRepeated': [0, 0, 0, 0, 0, 0, 0],
      'notProcessed.confirmation': [0, 0, 0, 0, 0, 0, 0],
      'otherHandling.noCorrection': [1, 0, 0, 0, 0, 0, 1],
      'otherHandling.noFee': [0, 0, 0, 0, 0, 0, 0],
      'otherHandling.other': [0, 0, 0, 0, 0, 0, 0],
      resultTotal: [134, 3, 0, 1, 0, 0, 138],
      carriedForward: [0, 0, 0, 0, 0, 0, 0],
    };
    expect(valuesOf(report, 'applications')).toEqual(expected);
    const cells = report.tables.applications!.cells;
    for (const row of Object.keys(expected)) {
      expect(Object.keys(cells[row])).toEqual(APPLICANT_COLUMNS.map((c) => c.id));
      for (const cell of Object.values(cells[row])) expect(cell.state).toBe('number');
    }
    expect(report.tables.applications!.rawRows.length).toBeGreaterThanOrEqual(28);
  });

  it('places the review group of table 四 and leaves both litigation groups missing with findings', () => {
    const values = valuesOf(report, 'reviewLitigation');
    expect(values.review).toEqual([2, 1, 0, 2, 5]);
    expect(values.litigationDirect).toEqual([null, null, null, null, null]);
    expect(values.litigationAfterReview).toEqual([null, null, null, null, null]);
    for (const cell of Object.values(report.tables.reviewLitigation!.cells.litigationDirect)) expect(cell.state).toBe('missing');
    const findings = report.parseFindings.filter((f) => f.rule === 'table.incomplete' && f.cells[0]?.table === 'reviewLitigation');
    expect(findings.map((f) => f.cells[0].row).sort()).toEqual(['litigationAfterReview', 'litigationDirect']);
    for (const f of findings) {
      expect(f).toMatchObject({ status: 'fail', severity: 'warning' });
      expect(f.cells).toHaveLength(5);
      expect(f.detail).toContain('2\t1\t0\t2\t5\t0\t0\t0\t0\t0');
    }
  });

  it('has no other parse findings and no generic tables', () => {
    expect(report.parseFindings.map((f) => f.key).sort()).toEqual([
      'table.incomplete:reviewLitigation:litigationAfterReview',
      'table.incomplete:reviewLitigation:litigationDirect',
    ]);
    expect(report.genericTables).toEqual([]);
  });
});
