/**
 * A government-site-style page of the 伊春 2022 report figures (test/fixtures/seed/yichun-2022.txt),
 * saved once as UTF-8 and once as GBK (test/fixtures/html/make-gbk.mjs): both must convert to the
 * same blocks, and every cell of tables 二, 三 and 四 is compared with values written by hand.
 * The seed lost one litigation group of table 四; the page prints zeros there.
 */
import { describe, expect, it } from 'vitest';
import { convertHtml } from '../../core/import/html.ts';
import { importDocument } from '../../core/ingest/index.ts';
import { tableValues } from '../../core/model.ts';
import { allText, paragraphs, readFixture, tableAfter } from './helpers.ts';

const UTF8 = 'yichun-2022.utf8.html';
const GBK = 'yichun-2022.gbk.html';

const NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
const RESULT = '三、本年度办理结果';

/** Table 三 as the expanded grid: label slots of the merged cells repeated, then the seven figures. */
const APPLICATIONS_GRID: string[][] = [
  [NOTE, NOTE, NOTE, '申请人情况', '申请人情况', '申请人情况', '申请人情况', '申请人情况', '申请人情况', '申请人情况'],
  [NOTE, NOTE, NOTE, '自然人', '法人或其他组织', '法人或其他组织', '法人或其他组织', '法人或其他组织', '法人或其他组织', '总计'],
  [NOTE, NOTE, NOTE, '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'],
  ['一、本年新收政府信息公开申请数量', '一、本年新收政府信息公开申请数量', '一、本年新收政府信息公开申请数量', '134', '3', '0', '1', '0', '0', '138'],
  ['二、上年结转政府信息公开申请数量', '二、上年结转政府信息公开申请数量', '二、上年结转政府信息公开申请数量', '0', '0', '0', '0', '0', '0', '0'],
  [RESULT, '（一）予以公开', '（一）予以公开', '65', '2', '0', '0', '0', '0', '67'],
  [RESULT, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '28', '0', '0', '0', '0', '0', '28'],
  [RESULT, '（三）不予公开', '1.属于国家秘密', '1', '0', '0', '0', '0', '0', '1'],
  [RESULT, '（三）不予公开', '2.其他法律行政法规禁止公开', '5', '0', '0', '0', '0', '0', '5'],
  [RESULT, '（三）不予公开', '3.危及“三安全一稳定”', '1', '0', '0', '0', '0', '0', '1'],
  [RESULT, '（三）不予公开', '4.保护第三方合法权益', '7', '0', '0', '0', '0', '0', '7'],
  [RESULT, '（三）不予公开', '5.属于三类内部事务信息', '2', '0', '0', '0', '0', '0', '2'],
  [RESULT, '（三）不予公开', '6.属于四类过程性信息', '0', '0', '0', '0', '0', '0', '0'],
  [RESULT, '（三）不予公开', '7.属于行政执法案卷', '0', '0', '0', '0', '0', '0', '0'],
  [RESULT, '（三）不予公开', '8.属于行政查询事项', '0', '0', '0', '0', '0', '0', '0'],
  [RESULT, '（四）无法提供', '1.本机关不掌握相关政府信息', '24', '1', '0', '0', '0', '0', '25'],
  [RESULT, '（四）无法提供', '2.没有现成信息需要另行制作', '0', '0', '0', '1', '0', '0', '1'],
  [RESULT, '（四）无法提供', '3.补正后申请内容仍不明确', '0', '0', '0', '0', '0', '0', '0'],
  [RESULT, '（五）不予处理', '1.信访举报投诉类申请', '0', '0', '0', '0', '0', '0', '0'],
  [RESULT, '（五）不予处理', '2.重复申请', '0', '0', '0', '0', '0', '0', '0'],
  [RESULT, '（五）不予处理', '3.要求提供公开出版物', '0', '0', '0', '0', '0', '0', '0'],
  [RESULT, '（五）不予处理', '4.无正当理由大量反复申请', '0', '0', '0', '0', '0', '0', '0'],
  [RESULT, '（五）不予处理', '5.要求行政机关确认或重新出具已获取信息', '0', '0', '0', '0', '0', '0', '0'],
  [RESULT, '（六）其他处理', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', '1', '0', '0', '0', '0', '0', '1'],
  [RESULT, '（六）其他处理', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', '0', '0', '0', '0', '0', '0', '0'],
  [RESULT, '（六）其他处理', '3.其他', '0', '0', '0', '0', '0', '0', '0'],
  [RESULT, '（七）总计', '（七）总计', '134', '3', '0', '1', '0', '0', '138'],
  ['四、结转下年度继续办理', '四、结转下年度继续办理', '四、结转下年度继续办理', '0', '0', '0', '0', '0', '0', '0'],
];

const PROACTIVE_GRID: string[][] = [
  ['第二十条第（一）项', '第二十条第（一）项', '第二十条第（一）项', '第二十条第（一）项'],
  ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
  ['规章', '0', '0', '0'],
  ['行政规范性文件', '147', '55', '379'],
  ['第二十条第（五）项', '第二十条第（五）项', '第二十条第（五）项', '第二十条第（五）项'],
  ['信息内容', '本年处理决定数量', '本年处理决定数量', '本年处理决定数量'],
  ['行政许可', '211704', '211704', '211704'],
  ['第二十条第（六）项', '第二十条第（六）项', '第二十条第（六）项', '第二十条第（六）项'],
  ['信息内容', '本年处理决定数量', '本年处理决定数量', '本年处理决定数量'],
  ['行政处罚', '72105', '72105', '72105'],
  ['行政强制', '1662', '1662', '1662'],
  ['第二十条第（八）项', '第二十条第（八）项', '第二十条第（八）项', '第二十条第（八）项'],
  ['信息内容', '本年收费金额（单位：万元）', '本年收费金额（单位：万元）', '本年收费金额（单位：万元）'],
  ['行政事业性收费', '15781.34226', '15781.34226', '15781.34226'],
];

const R = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
const REVIEW_GRID: string[][] = [
  ['行政复议', '行政复议', '行政复议', '行政复议', '行政复议', ...Array(10).fill('行政诉讼')],
  [...R, ...Array(5).fill('未经复议直接起诉'), ...Array(5).fill('复议后起诉')],
  [...R, ...R, ...R],
  ['2', '1', '0', '2', '5', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0'],
];

describe('伊春 2022 as a saved government web page (UTF-8 and GBK)', () => {
  it('converts the UTF-8 and the GBK page to identical blocks and hints', async () => {
    const a = await convertHtml(readFixture(UTF8), UTF8);
    const b = await convertHtml(readFixture(GBK), GBK);
    expect(b.blocks).toEqual(a.blocks);
    expect(b.hints).toEqual(a.hints);
  });

  for (const name of [UTF8, GBK]) {
    describe(name, () => {
      it('expands table 三 (rowspan/colspan header and row groups) to the hand-written grid', async () => {
        const doc = await convertHtml(readFixture(name), name);
        const t = tableAfter(doc, '三、收到和处理政府信息公开申请情况');
        expect(t.rows).toEqual(APPLICATIONS_GRID);
        // origins and copies of the merged cells
        expect(t.copies![0]).toEqual([false, true, true, false, true, true, true, true, true, true]);
        expect(t.copies![1]).toEqual([true, true, true, false, false, true, true, true, true, false]);
        expect(t.copies![2]).toEqual([true, true, true, true, false, false, false, false, false, true]);
        expect(t.copies![5].slice(0, 3)).toEqual([false, false, true]);
        expect(t.copies![6].slice(0, 3)).toEqual([true, false, true]);
        expect(t.copies![7].slice(0, 3)).toEqual([true, false, false]);
        expect(t.copies![8].slice(0, 3)).toEqual([true, true, false]);
        // figures are never merged: every slot right of the labels below the header is an origin
        expect(t.copies!.slice(3).every((row) => row.slice(3).every((copy) => copy === false))).toBe(true);
      });

      it('reads tables 二 and 四 cell by cell', async () => {
        const doc = await convertHtml(readFixture(name), name);
        expect(tableAfter(doc, '二、主动公开政府信息情况').rows).toEqual(PROACTIVE_GRID);
        expect(tableAfter(doc, '四、政府信息公开行政复议、行政诉讼情况').rows).toEqual(REVIEW_GRID);
      });

      it('fills hints from the metadata table and <title>, and does not emit the metadata table', async () => {
        const doc = await convertHtml(readFixture(name), name);
        expect(doc.mediaType).toBe('text/html');
        expect(doc.hints).toEqual({
          title: '伊春市2022年政府信息公开工作年度报告',
          body: '伊春市人民政府办公室',
          publishedAt: '2023-01-30',
          year: 2022,
          fields: {
            索引号: '11230700MB0Y00000X/2023-00012',
            主题分类: '政务公开',
            发布机构: '伊春市人民政府办公室',
            发布日期: '2023年01月30日',
            名称: '伊春市2022年政府信息公开工作年度报告',
            关键词: '年度报告',
          },
        });
        expect(doc.blocks.filter((b) => b.kind === 'table')).toHaveLength(3);
        expect(allText(doc).some((t) => t.includes('索引号') || t.includes('11230700MB0Y00000X'))).toBe(false);
      });

      it('keeps the report text in order and drops site chrome, scripts and styles', async () => {
        const doc = await convertHtml(readFixture(name), name);
        const text = paragraphs(doc);
        expect(text[0]).toBe('伊春市2022年政府信息公开工作年度报告');
        expect(text).toContain('三是稳步提升依申请公开办理水平。依法规范依申请公开工作，切实保障人民群众的知情权。2022年，全市共办理政府信息公开申请 138 件，因政府信息公开被申请行政复议 5 件、行政诉讼 1 件。');
        expect(text).toContain('一是推进行政规范性文件公开。在全面梳理现行有效行政规范性文件、摸清文件底数的基础上，建立了全市统一的现行有效行政规范性文件库。2022年，全市共制发行政规范性文件147件，已全部通过政府网站政府信息公开专栏集中公开并动态更新。');
        expect(text.slice(-3)).toEqual(['2022年度全市未因政府信息公开申请收取信息处理费。', '伊春市人民政府办公室', '2023年1月30日']);
        const joined = allText(doc).join('\n');
        for (const chrome of ['首页', '办事服务', '当前位置', '搜索', '打印', '关闭窗口', '分享到', '相关链接', '2021年政府信息公开工作年度报告', '主办单位', 'ICP', '脚本', '样式', '页脚', 'onerror', '设为首页', '星期一']) {
          expect(joined, chrome).not.toContain(chrome);
        }
      });
    });
  }

  it('imports end to end through importDocument: both encodings give the seed figures', async () => {
    const utf = await importDocument(readFixture(UTF8), UTF8);
    const gbk = await importDocument(readFixture(GBK), GBK);
    expect(tableValues(gbk.parsed.tables)).toEqual(tableValues(utf.parsed.tables));
    const v = tableValues(utf.parsed.tables);
    expect(utf.parsed.format).toBe('2021');
    // The body is the one the title names; the page's 发布机构 is kept as the publisher.
    expect(utf.parsed.body.printed).toBe('伊春市');
    expect(utf.parsed.publisher).toBe('伊春市人民政府办公室');
    expect(utf.parsed.year).toBe(2022);
    expect(utf.parsed.publishedAt).toBe('2023-01-30');
    expect(v.proactive).toEqual({
      regulations: { issued: 0, repealed: 0, inForce: 0 },
      normativeDocuments: { issued: 147, repealed: 55, inForce: 379 },
      licensing: { decisions: 211704 },
      penalty: { decisions: 72105 },
      enforcement: { decisions: 1662 },
      fees: { amountWan: 15781.34226 },
    });
    expect(v.applications!.received).toEqual({ natural: 134, commercial: 3, research: 0, nonprofit: 1, legal: 0, other: 0, total: 138 });
    expect(v.applications!.granted).toEqual({ natural: 65, commercial: 2, research: 0, nonprofit: 0, legal: 0, other: 0, total: 67 });
    expect(v.applications!['unavailable.needsCreation']).toEqual({ natural: 0, commercial: 0, research: 0, nonprofit: 1, legal: 0, other: 0, total: 1 });
    expect(v.applications!['otherHandling.noCorrection'].total).toBe(1);
    expect(v.applications!.resultTotal).toEqual(v.applications!.received);
    expect(v.reviewLitigation).toEqual({
      review: { upheld: 2, corrected: 1, other: 0, pending: 2, total: 5 },
      litigationDirect: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
      litigationAfterReview: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
    });
    expect(utf.parsed.chapters.map((c) => c.id)).toEqual(['overview', 'proactive', 'applications', 'reviewLitigation', 'problems', 'other']);
    // the narrative's “行政诉讼 1 件” contradicts the zero litigation groups, as in the seed
    expect(utf.evaluations.filter((e) => e.status === 'fail').map((e) => e.rule)).toEqual(['narrative.mismatch']);
  });
});
