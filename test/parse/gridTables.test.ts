/**
 * Tables as the HTML/DOCX converters deliver them: expanded grids where a merged cell's text
 * is repeated in every slot it covers and `copies` marks the repeats. The layouts copy the
 * real pages in test/fixtures/real (上海市人民政府办公厅 2019, 沭阳县发展和改革局 2023).
 */
import { describe, expect, it } from 'vitest';
import type { Block, ConvertedDocument, TableBlock } from '../../core/common/document.ts';
import { buildReport } from '../../core/parse/index.ts';
import { valuesOf } from './helpers.ts';

type Spec = string | { t: string; c?: number; r?: number };

/** Expands rows of cells with colspan/rowspan into a grid with copies, as an HTML converter does. */
function grid(rows: Spec[][]): TableBlock {
  const out: string[][] = [];
  const copies: boolean[][] = [];
  rows.forEach((row, r) => {
    out[r] ??= [];
    copies[r] ??= [];
    let c = 0;
    for (const spec of row) {
      const cell = typeof spec === 'string' ? { t: spec } : spec;
      while (out[r][c] !== undefined) c++;
      for (let dr = 0; dr < (cell.r ?? 1); dr++) {
        for (let dc = 0; dc < (cell.c ?? 1); dc++) {
          out[r + dr] ??= [];
          copies[r + dr] ??= [];
          out[r + dr][c + dc] = cell.t;
          copies[r + dr][c + dc] = dr > 0 || dc > 0;
        }
      }
      c += cell.c ?? 1;
    }
  });
  return { kind: 'table', rows: out, copies };
}

const p = (text: string): Block => ({ kind: 'paragraph', text });
const nb = '\u00a0';

const APPLICATION_HEADER: Spec[][] = [
  [{ t: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', c: 3, r: 3 }, { t: '申请人情况', c: 7 }],
  [{ t: '自然人', r: 2 }, { t: '法人或其他组织', c: 5 }, { t: '总计', r: 2 }],
  ['商业 企业', '科研 机构', '社会公益组织', '法律服务机构', '其他'],
];
const REVIEW_HEADER: Spec[][] = [
  [{ t: '行政复议', c: 5 }, { t: '行政诉讼', c: 10 }],
  [{ t: '结果维持', r: 2 }, { t: '结果纠正', r: 2 }, { t: '其他结果', r: 2 }, { t: '尚未审结', r: 2 }, { t: '总计', r: 2 }, { t: '未经复议直接起诉', c: 5 }, { t: '复议后起诉', c: 5 }],
  ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计'],
];

function doc(blocks: Block[], hints: ConvertedDocument['hints'] = { fields: {} }): ConvertedDocument {
  return { mediaType: 'text/html', blocks, hints };
}

describe('expanded HTML grids (2019 trial, like the 上海市人民政府办公厅 page)', () => {
  const proactive = grid([
    [{ t: '第二十条第（一）项', c: 5 }],
    ['信息内容', '本年新制作数量', { t: '本年新公开数量', c: 2 }, '对外公开总数量'],
    ['规章', '2', { t: '2', c: 2 }, '31'],
    ['规范性文件', '9', { t: '8', c: 2 }, '77'],
    [{ t: '第二十条第（五）项', c: 5 }],
    ['信息内容', '上一年项目数量', { t: '本年增/减', c: 2 }, '处理决定数量'],
    // The value cells span differently from their header: the grid copies must be dropped.
    ['行政许可', { t: '14', c: 2 }, '减2', '350'],
    ['其他对外管理服务事项', { t: nb, c: 2 }, nb, nb],
    [{ t: '第二十条第（六）项', c: 5 }],
    ['信息内容', '上一年项目数量', { t: '本年增/减', c: 2 }, '处理决定数量'],
    ['行政处罚', { t: '6', c: 2 }, '+1', '12'],
    ['行政强制', { t: '0', c: 2 }, '0', '0'],
    [{ t: '第二十条第（八）项', c: 5 }],
    ['信息内容', { t: '上一年项目数量', c: 2 }, { t: '本年增/减', c: 2 }],
    ['行政事业性收费', { t: '0', c: 2 }, { t: '0', c: 2 }],
    [{ t: '第二十条第（九）项', c: 5 }],
    ['信息内容', { t: '采购项目数量', c: 2 }, { t: '采购总金额', c: 2 }],
    ['政府集中采购', { t: '3', c: 2 }, { t: '125000元', c: 2 }],
  ]);
  const blank = [nb, nb, nb, nb, nb, nb, nb];
  const rows = (label: Spec[], values: string[]): Spec[] => [...label, ...values];
  const applications = grid([
    ...APPLICATION_HEADER,
    rows([{ t: '一、本年新收政府信息公开申请数量', c: 3 }], ['40', '6', nb, nb, '1', nb, '47']),
    rows([{ t: '二、上年结转政府信息公开申请数量', c: 3 }], ['2', nb, nb, nb, nb, nb, '2']),
    rows([{ t: '三、本年度办理结果', r: 20 }, { t: '（一）予以公开', c: 2 }], ['20', '3', nb, nb, '1', nb, '24']),
    rows([{ t: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', c: 2 }], ['2', nb, nb, nb, nb, nb, '2']),
    rows([{ t: '（三）不予公开', r: 8 }, '1.属于国家秘密'], blank),
    rows(['2.其他法律行政法规禁止公开'], blank),
    rows(['3.危及“三安全一稳定”'], blank),
    rows(['4.保护第三方合法权益'], ['1', nb, nb, nb, nb, nb, '1']),
    rows(['5.属于三类内部事务信息'], blank),
    rows(['6.属于四类过程性信息'], ['2', '1', nb, nb, nb, nb, '3']),
    rows(['7.属于行政执法案卷'], blank),
    rows(['8.属于行政查询事项'], blank),
    rows([{ t: '（四）无法提供', r: 3 }, '1.本机关不掌握相关政府信息'], ['10', '2', nb, nb, nb, nb, '12']),
    rows(['2.没有现成信息需要另行制作'], ['1', nb, nb, nb, nb, nb, '1']),
    rows(['3.补正后申请内容仍不明确'], blank),
    rows([{ t: '（五）不予处理', r: 5 }, '1.信访举报投诉类申请'], ['3', nb, nb, nb, nb, nb, '3']),
    rows(['2.重复申请'], blank),
    rows(['3.要求提供公开出版物'], blank),
    rows(['4.无正当理由大量反复申请'], blank),
    rows(['5.要求行政机关确认或重新出具已获取信息'], blank),
    rows([{ t: '（六）其他处理', c: 2 }], ['1', nb, nb, nb, nb, nb, '1']),
    rows([{ t: '（七）总计', c: 2 }], ['39', '6', nb, nb, '1', nb, '46']),
    rows([{ t: '四、结转下年度继续办理', c: 3 }], ['3', nb, nb, nb, nb, nb, '3']),
  ]);
  const review = grid([...REVIEW_HEADER, ['1', nb, nb, '1', '2', '1', nb, nb, nb, '1', nb, nb, nb, nb, nb]]);
  const report = buildReport(
    doc([
      p('2019年某某市人民政府办公厅政府信息公开工作年度报告'),
      p('一、总体情况'),
      p('全年共受理申请 47 件。'),
      p('二、主动公开政府信息情况'),
      proactive,
      p('三、收到和处理政府信息公开申请情况'),
      applications,
      p('四、政府信息公开行政复议、行政诉讼情况'),
      review,
      p('五、存在的主要问题及改进情况'),
      p('时效性有待提高。'),
      p('六、其他需要报告的事项'),
      p('无。'),
    ], { fields: { 发布日期: '2020-01-31' }, publishedAt: '2020-01-31' }),
    'grid.html',
  );

  it('detects the trial format and reads body and year from a year-first title', () => {
    expect(report.format).toBe('2019-trial');
    expect(report.body.printed).toBe('某某市人民政府办公厅');
    expect(report.year).toBe(2019);
    expect(report.publishedAt).toBe('2020-01-31');
  });

  it('reads table 二 from merged cells whose spans differ from the header', () => {
    expect(valuesOf(report, 'proactive')).toEqual({
      regulations: [2, 2, 31],
      normativeDocuments: [9, 8, 77],
      licensing: [14, -2, 350],
      otherServices: [null, null, null],
      penalty: [6, 1, 12],
      enforcement: [0, 0, 0],
      fees: [0, 0],
      procurement: [3, 12.5],
    });
    expect(report.tables.proactive!.cells.otherServices.decisions.state).toBe('blank');
    expect(report.tables.proactive!.cells.procurement.amountWan).toMatchObject({ value: 12.5, raw: '125000元' });
  });

  it('reads table 三 with &nbsp; blanks as blank cells, not zeros', () => {
    const a = valuesOf(report, 'applications');
    expect(a.received).toEqual([40, 6, null, null, 1, null, 47]);
    expect(a.granted).toEqual([20, 3, null, null, 1, null, 24]);
    expect(a['denied.thirdParty']).toEqual([1, null, null, null, null, null, 1]);
    expect(a['denied.processInfo']).toEqual([2, 1, null, null, null, null, 3]);
    expect(a['unavailable.notHeld']).toEqual([10, 2, null, null, null, null, 12]);
    expect(a['notProcessed.complaint']).toEqual([3, null, null, null, null, null, 3]);
    expect(a['otherHandling.other']).toEqual([1, null, null, null, null, null, 1]);
    expect(a.resultTotal).toEqual([39, 6, null, null, 1, null, 46]);
    expect(a.carriedForward).toEqual([3, null, null, null, null, null, 3]);
    expect(report.tables.applications!.cells.received.research).toEqual({ value: null, state: 'blank', raw: '' });
    expect(report.parseFindings).toEqual([]);
  });

  it('places table 四 by position in a true 15-slot grid, blanks included', () => {
    expect(valuesOf(report, 'reviewLitigation')).toEqual({
      review: [1, null, null, 1, 2],
      litigationDirect: [1, null, null, null, 1],
      litigationAfterReview: [null, null, null, null, null],
    });
    expect(report.tables.reviewLitigation!.cells.litigationAfterReview.total.state).toBe('blank');
  });
});

describe('expanded HTML grids (2021, like the 沭阳县发展和改革局 page)', () => {
  const Z = (total: string): string[] => ['0', ' ', ' ', ' ', ' ', ' ', total];
  const labels: Spec[][] = [
    [{ t: '一、本年新收政府信息公开申请数量', c: 3 }],
    [{ t: '二、上年结转政府信息公开申请数量', c: 3 }],
    [{ t: '三、本年度办理结果', r: 22 }, { t: '（一）予以公开', c: 2 }],
    [{ t: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', c: 2 }],
    [{ t: '（三）不予公开', r: 8 }, '1.属于国家秘密'],
    ['2.其他法律行政法规禁止公开'],
    ['3.危及“三安全一稳定”'],
    ['4.保护第三方合法权益'],
    ['5.属于三类内部事务信息'],
    ['6.属于四类过程性信息'],
    ['7.属于行政执法案卷'],
    ['8.属于行政查询事项'],
    [{ t: '（四）无法提供', r: 3 }, '1.本机关不掌握相关政府信息'],
    ['2.没有现成信息需要另行制作'],
    ['3.补正后申请内容仍不明确'],
    [{ t: '（五）不予处理', r: 5 }, '1.信访举报投诉类申请'],
    ['2.重复申请'],
    ['3.要求提供公开出版物'],
    ['4.无正当理由大量反复申请'],
    ['5.要求行政机关确认或重新出具已获取信息'],
    [{ t: '（六）其他处理', r: 3 }, '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
    ['2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'],
    ['3.其他'],
    [{ t: '（七）总计', c: 2 }],
    [{ t: '四、结转下年度继续办理', c: 3 }],
  ];
  const naturals = ['12', '0', '11', '1', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '12', '0'];
  const applications = grid([...APPLICATION_HEADER, ...labels.map((l, i) => [...l, ...Z(naturals[i]).map((v, j) => (j === 0 ? naturals[i] : v))])]);
  const proactive = grid([
    [{ t: '第二十条第（一）项', c: 4 }],
    ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
    ['规章', '0', '0', '0'],
    ['规范性文件', '5', '1', '16'],
    [{ t: '第二十条第（五）项', c: 4 }],
    ['信息内容', { t: '本年处理决定数量', c: 3 }],
    ['行政许可', { t: '7', c: 3 }],
    [{ t: '第二十条第（六）项', c: 4 }],
    ['信息内容', { t: '本年处理决定数量', c: 3 }],
    ['行政处罚', { t: '0', c: 3 }],
    ['行政强制', { t: '0', c: 3 }],
    [{ t: '第二十条第（八）项', c: 4 }],
    ['信息内容', { t: '本年收费金额（单位：万元）', c: 3 }],
    ['行政事业性收费', { t: '0', c: 3 }],
  ]);
  const report = buildReport(
    doc(
      [
        p('某某县发展和改革局2023年政府信息公开年度报告'),
        p('一、总体情况'),
        p('全年收到申请 12 件。'),
        p('二、主动公开政府信息情况'),
        proactive,
        p('三、收到和处理政府信息公开申请情况'),
        applications,
        p('四、政府信息公开行政复议、行政诉讼情况'),
        grid([...REVIEW_HEADER, ['0', '0', '0', '1', '1', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0']]),
        p('五、存在的主要问题及整改措施'),
        p('信息更新不够及时。'),
        p('六、其他需要报告的事项'),
        p('无。'),
      ],
      { fields: { 发布机构: '某某县发展和改革局', 公开日期: '2024-01-17' }, body: '某某县发展和改革局' },
    ),
    'grid2.html',
  );

  it('maps 规范性文件 without 行政 and the 整改措施 heading', () => {
    expect(report.format).toBe('2021');
    expect(report.body).toEqual({ printed: '某某县发展和改革局', normalized: '某某县发展和改革局' });
    expect(report.publishedAt).toBe('2024-01-17');
    expect(report.chapters.map((c) => c.id)).toEqual(['overview', 'proactive', 'applications', 'reviewLitigation', 'problems', 'other']);
    expect(valuesOf(report, 'proactive')).toEqual({ regulations: [0, 0, 0], normativeDocuments: [5, 1, 16], licensing: [7], penalty: [0], enforcement: [0], fees: [0] });
  });

  it('keeps the five blank 法人或其他组织 columns blank in every row of 三', () => {
    const a = valuesOf(report, 'applications');
    expect(Object.keys(a)).toHaveLength(25);
    labels.forEach((_, i) => {
      const row = Object.keys(a)[i];
      expect(a[row]).toEqual([Number(naturals[i]), null, null, null, null, null, Number(naturals[i])]);
    });
    expect(report.tables.applications!.cells.granted.commercial.state).toBe('blank');
    expect(valuesOf(report, 'reviewLitigation').review).toEqual([0, 0, 0, 1, 1]);
    expect(report.parseFindings).toEqual([]);
  });
});
