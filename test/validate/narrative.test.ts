import { describe, expect, it } from 'vitest';
import { validateReport } from '../../core/validate/index.ts';
import { extractFigures, parseFigure } from '../../core/validate/narrativeFigures.ts';
import type { Chapter, ParsedReport, RuleEvaluation } from '../../core/model.ts';
import { chapter, makeReport, reviewGroup, sixChapters, withCells } from './build.ts';

/** The seed's overview paragraphs with the figures, including the page break inside a sentence. */
const SEED_OVERVIEW = [
  '三是稳步提升依申请公开办理水平。依法规范依申请公开工作，切实保障人民群众的知情权。2022年，全市共办理',
  '政府信息公开申请 138 件，因政府信息公开被申请行政复议 5 件、行政诉讼 1 件。',
  '一是推进行政规范性文件公开。在全面梳理现行有效行政规范性文件、摸清文件底数的基础上，建立了全市统一的现行有效行政规范性文件库。2022 年，全市共制发行政规范性文件 147 件，已全部通过政府网站政府信息公开专栏集中公开并动态更新。',
];

function withOverview(paragraphs: string[], over: Partial<ParsedReport> = {}): ParsedReport {
  const chapters: Chapter[] = sixChapters().map((c) => (c.id === 'overview' ? chapter('overview', paragraphs) : c));
  return makeReport({ chapters, ...over });
}

const mismatches = (report: ParsedReport) => validateReport(report).filter((e) => e.rule === 'narrative.mismatch');
const one = (evs: RuleEvaluation[], key: string) => {
  const found = evs.filter((e) => e.key === key);
  expect(found, key).toHaveLength(1);
  return found[0];
};

describe('figures stated in the narrative', () => {
  it('reads the seed sentences, healing the page break', () => {
    const figures = extractFigures([chapter('overview', SEED_OVERVIEW)]);
    expect(figures.map((f) => [f.target, f.value, f.quote])).toEqual([
      ['applications', 138, '办理政府信息公开申请 138 件'],
      ['review', 5, '行政复议 5 件'],
      ['litigation', 1, '行政诉讼 1 件'],
      ['normativeDocuments', 147, '制发行政规范性文件 147 件'],
    ]);
    expect(figures[0].sentence).toBe('2022年，全市共办理政府信息公开申请 138 件，因政府信息公开被申请行政复议 5 件、行政诉讼 1 件。');
  });

  it('accepts wording variants, full-width digits, thousands separators and Chinese numerals', () => {
    const read = (text: string) => extractFigures([chapter('overview', [text])]).map((f) => [f.target, f.value, f.verb]);
    expect(read('全年共收到政府信息公开申请共计１３８件。')).toEqual([['applications', 138, '收到']]);
    expect(read('本年度受理依申请公开事项 1,208 件。')).toEqual([['applications', 1208, '受理']]);
    expect(read('本年新收138件政府信息公开申请。')).toEqual([['applications', 138, '新收']]);
    expect(read('发生政府信息公开行政复议案件五件，行政诉讼十二起。')).toEqual([
      ['review', 5, undefined],
      ['litigation', 12, undefined],
    ]);
    expect(read('全年制定规范性文件 12 件。')).toEqual([['normativeDocuments', 12, undefined]]);
  });

  it('ignores review and litigation counts of sentences not about information disclosure', () => {
    const read = (text: string) => extractFigures([chapter('overview', [text])]).map((f) => f.target);
    expect(read('全市办理行政复议案件 300 件，应诉行政诉讼 80 件。')).toEqual([]);
    expect(read('未发生因政府信息公开引起的行政复议和行政诉讼。')).toEqual([]);
    expect(read('现行有效行政规范性文件 379 件。')).toEqual([]);
    // An outcome count is not the total.
    expect(read('因政府信息公开被申请行政复议被纠正 1 件，行政诉讼败诉 0 件。')).toEqual([]);
    // In chapter 四 every sentence is about disclosure.
    expect(extractFigures([chapter('reviewLitigation', ['本年度发生行政复议 2 件。'])]).map((f) => f.value)).toEqual([2]);
  });

  it('parses small Chinese numerals', () => {
    expect([parseFigure('五'), parseFigure('十'), parseFigure('十二'), parseFigure('二十'), parseFigure('一百零五'), parseFigure('138')]).toEqual([5, 10, 12, 20, 105, 138]);
  });
});

describe('narrative.mismatch', () => {
  it('passes for the seed figures that the table shows', () => {
    const evs = mismatches(withOverview(SEED_OVERVIEW));
    expect(one(evs, 'narrative.mismatch:applications.received.total')).toMatchObject({
      status: 'pass',
      left: 138,
      right: 138,
      message: '正文称“办理政府信息公开申请 138 件”，与表三本年新收申请总计 138 一致。',
    });
    expect(one(evs, 'narrative.mismatch:reviewLitigation.review.total')).toMatchObject({
      status: 'pass',
      left: 5,
      right: 5,
      cells: [{ table: 'reviewLitigation', row: 'review', column: 'total' }],
    });
    expect(one(evs, 'narrative.mismatch:proactive.normativeDocuments.issued')).toMatchObject({ status: 'pass', left: 147, right: 147 });
  });

  it('fails as a warning for "行政诉讼 1 件" when no litigation cell can be read (the seed)', () => {
    const report = withCells(withOverview(SEED_OVERVIEW), 'reviewLitigation', {
      litigationDirect: reviewGroup([null, null, null, null, null]),
      litigationAfterReview: reviewGroup([null, null, null, null, null]),
    });
    const evs = mismatches(report);
    expect(evs.filter((e) => e.status === 'fail')).toHaveLength(1);
    const ev = one(evs, 'narrative.mismatch:reviewLitigation.litigation.total');
    expect(ev).toMatchObject({ status: 'fail', severity: 'warning', left: 1, right: null });
    expect(ev.cells).toEqual([
      { table: 'reviewLitigation', row: 'litigationDirect', column: 'total' },
      { table: 'reviewLitigation', row: 'litigationAfterReview', column: 'total' },
    ]);
    expect(ev.message).toBe('正文称“行政诉讼 1 件”，但表四中未经复议直接起诉总计（无法读取）、复议后起诉总计（无法读取）没有数值，表中没有显示这 1 件。');
    expect(ev.detail).toContain('行政诉讼 1 件');
  });

  it('fails as an error when every cell is known and the figure differs', () => {
    const evs = mismatches(withOverview(SEED_OVERVIEW));
    const ev = one(evs, 'narrative.mismatch:reviewLitigation.litigation.total');
    expect(ev).toMatchObject({ status: 'fail', severity: 'error', left: 1, right: 0 });
    expect(ev.message).toBe('正文称“行政诉讼 1 件”，但表四行政诉讼两组总计之和为 0。');
  });

  it('fails as an error when the known cells already exceed the stated figure', () => {
    const report = withCells(withOverview(['因政府信息公开被提起行政诉讼 1 件。']), 'reviewLitigation', {
      litigationDirect: reviewGroup([2, 0, 0, 0, 2]),
      litigationAfterReview: reviewGroup(['', '', '', '', '']),
    });
    const ev = one(mismatches(report), 'narrative.mismatch:reviewLitigation.litigation.total');
    expect(ev).toMatchObject({ status: 'fail', severity: 'error', left: 1, right: null });
  });

  it('is not assessable when the known cells match but others are missing, or a stated 0 meets missing cells', () => {
    const partial = withCells(withOverview(['因政府信息公开被提起行政诉讼 2 件。']), 'reviewLitigation', {
      litigationDirect: reviewGroup([2, 0, 0, 0, 2]),
      litigationAfterReview: reviewGroup(['/', '/', '/', '/', '/']),
    });
    expect(one(mismatches(partial), 'narrative.mismatch:reviewLitigation.litigation.total').status).toBe('notAssessable');
    const zero = withCells(withOverview(['政府信息公开行政复议 0 件。']), 'reviewLitigation', { review: reviewGroup(['', '', '', '', '']) });
    expect(one(mismatches(zero), 'narrative.mismatch:reviewLitigation.review.total')).toMatchObject({ status: 'notAssessable', left: 0, right: null });
  });

  it('is not assessable when the table is absent', () => {
    const report = withOverview(SEED_OVERVIEW);
    delete report.tables.reviewLitigation;
    const ev = one(mismatches(report), 'narrative.mismatch:reviewLitigation.review.total');
    expect(ev).toMatchObject({ status: 'notAssessable', message: '正文称“行政复议 5 件”，但未读取到表四，无法核对。' });
  });

  it('accepts received + carriedOver for 收到/受理/办理, but only received for 新收', () => {
    const carried = (text: string) =>
      withCells(withOverview([text]), 'applications', {
        received: { natural: 130, total: 130 },
        carriedOver: { natural: 8, total: 8 },
      });
    const received = one(mismatches(carried('共受理政府信息公开申请 138 件。')), 'narrative.mismatch:applications.received.total');
    expect(received).toMatchObject({ status: 'pass', left: 138, right: 138 });
    expect(received.message).toBe('正文称“受理政府信息公开申请 138 件”，与表三新收加上年结转 138 一致。');
    expect(one(mismatches(carried('共收到政府信息公开申请 130 件。')), 'narrative.mismatch:applications.received.total')).toMatchObject({ status: 'pass', right: 130 });
    const fresh = one(mismatches(carried('本年新收政府信息公开申请 138 件。')), 'narrative.mismatch:applications.received.total');
    expect(fresh).toMatchObject({ status: 'fail', severity: 'error', left: 138, right: 130 });
    const neither = one(mismatches(carried('共办理政府信息公开申请 140 件。')), 'narrative.mismatch:applications.received.total');
    expect(neither).toMatchObject({ status: 'fail', severity: 'error', left: 140 });
    expect(neither.message).toBe('正文称“办理政府信息公开申请 140 件”，但表三本年新收申请总计为 130，新收加上年结转为 138。');
  });

  it('compares 规范性文件 with issued (2021) or made (2019 trial)', () => {
    const trial = withOverview(['全年制发规范性文件 9 件。'], { format: '2019-trial' });
    trial.tables = { ...trial.tables, proactive: { id: 'proactive', rawRows: [], cells: { normativeDocuments: { made: { value: 9, state: 'number', raw: '9' } } } } };
    expect(one(mismatches(trial), 'narrative.mismatch:proactive.normativeDocuments.made')).toMatchObject({ status: 'pass', left: 9, right: 9 });
    const wrong = withCells(withOverview(SEED_OVERVIEW), 'proactive', { normativeDocuments: { issued: 140 } });
    expect(one(mismatches(wrong), 'narrative.mismatch:proactive.normativeDocuments.issued')).toMatchObject({ status: 'fail', severity: 'error', left: 147, right: 140 });
  });

  it('evaluates a figure stated twice once, and a different figure for the same cell under its own key', () => {
    const evs = mismatches(withOverview([...SEED_OVERVIEW, '本年度因政府信息公开被申请行政复议 5 件。', '其中因政府信息公开被申请行政复议 6 件。']));
    expect(evs.filter((e) => e.key.startsWith('narrative.mismatch:reviewLitigation.review.total')).map((e) => [e.key, e.status])).toEqual([
      ['narrative.mismatch:reviewLitigation.review.total', 'pass'],
      ['narrative.mismatch:reviewLitigation.review.total@6', 'fail'],
    ]);
  });

  it('says nothing when the narrative states no figure', () => {
    expect(mismatches(makeReport())).toEqual([]);
  });
});

describe('result counts stated in the narrative', () => {
  const SHANGHAI_LIKE = [
    '市政府办公厅代表市政府共受理政府信息公开申请138件；答复政府信息公开申请138件，均在法定期限内予以答复。予以公开及部分公开95件，占68.8%；不予公开16件；因本机关不掌握等原因无法提供26件；不予处理0件；其他处理1件。信息公开类行政复议5件，诉讼0件。',
  ];

  it('reads the result groups of a paragraph about applications, and 诉讼 after 行政复议', () => {
    const figures = extractFigures([chapter('overview', SHANGHAI_LIKE)]);
    expect(figures.map((f) => [f.target, f.value])).toEqual([
      ['applications', 138],
      ['answered', 138],
      ['grantedAndPartial', 95],
      ['denied', 16],
      ['unavailable', 26],
      ['notProcessed', 0],
      ['otherHandling', 1],
      ['review', 5],
      ['litigation', 0],
    ]);
    const read = (text: string) => extractFigures([chapter('overview', [text])]).map((f) => [f.target, f.value]);
    expect(read('本年度共收到依申请信息公开26件，予以公开 20 件，部分公开 6 件。')).toEqual([
      ['applications', 26],
      ['granted', 20],
      ['partial', 6],
    ]);
    // Without applications in the paragraph, 不予公开 … 件 is not taken as a result count.
    expect(read('涉密文件不予公开 3 件。')).toEqual([]);
  });

  it('passes the seed-like paragraph against the seed table', () => {
    const evs = mismatches(withOverview(SHANGHAI_LIKE));
    expect(evs.map((e) => [e.key, e.status])).toEqual([
      ['narrative.mismatch:applications.received.total', 'pass'],
      ['narrative.mismatch:applications.answered.total', 'pass'],
      ['narrative.mismatch:applications.grantedAndPartial.total', 'pass'],
      ['narrative.mismatch:applications.denied.total', 'pass'],
      ['narrative.mismatch:applications.unavailable.total', 'pass'],
      ['narrative.mismatch:applications.notProcessed.total', 'pass'],
      ['narrative.mismatch:applications.otherHandling.total', 'pass'],
      ['narrative.mismatch:reviewLitigation.review.total', 'pass'],
      ['narrative.mismatch:reviewLitigation.litigation.total', 'pass'],
    ]);
  });

  it('reads a row from its applicant cells where its 总计 was left blank: a lower bound that can contradict', () => {
    const report = withCells(withOverview(['共受理政府信息公开申请138件，予以公开及部分公开90件，无法提供30件。']), 'applications', {
      granted: { total: '', research: '' },
      partial: { total: '' },
      'unavailable.notHeld': { total: '' },
      'unavailable.needsCreation': { total: '' },
    });
    const evs = mismatches(report);
    // granted 65+2 (+ research blank) + partial 28 = at least 95 > 90: a contradiction whatever the blank holds.
    expect(one(evs, 'narrative.mismatch:applications.grantedAndPartial.total')).toMatchObject({ status: 'fail', severity: 'error', left: 90, right: null });
    expect(one(evs, 'narrative.mismatch:applications.grantedAndPartial.total').message).toBe(
      '正文称“予以公开及部分公开90件”，但表三予以公开与部分公开至少为 95（另有予以公开·科研机构（未填报）没有数值）。',
    );
    // unavailable: every applicant cell known → 26, a plain mismatch.
    expect(one(evs, 'narrative.mismatch:applications.unavailable.total')).toMatchObject({ status: 'fail', severity: 'error', left: 30, right: 26 });
  });
});
