/**
 * The real pages in test/fixtures/real/ (provenance in its README): a bare Shanghai fragment (2019 trial
 * template, &nbsp; blanks, amounts in 元, colspans that disagree with their header) and a full
 * saved Shuyang page (site chrome, metadata table, Word markup). Values below were read from
 * the pages by eye.
 */
import { describe, expect, it } from 'vitest';
import { convertHtml } from '../../core/import/html.ts';
import { importDocument } from '../../core/ingest/index.ts';
import { tableValues } from '../../core/model.ts';
import { allText, paragraphs, readRealPage, tableAfter } from './helpers.ts';

const SHANGHAI = 'shanghai-office-2019.html';
const SHUYANG = 'shuyang-fgj-2023.html';
const B = null; // a blank cell (&nbsp; or <o:p> </o:p>): no value, never 0

describe('shanghai-office-2019.html (bare fragment, 2019 trial template)', () => {
  it('converts the fragment: title first, 发布日期 line into hints, three tables where they sit', async () => {
    const doc = await convertHtml(readRealPage(SHANGHAI), 'shanghai-office-2019.html');
    const text = paragraphs(doc);
    expect(text[0]).toBe('2019年上海市人民政府办公厅政府信息公开工作年度报告');
    expect(text).not.toContain('发布日期：2020-01-31');
    expect(doc.hints.fields).toEqual({ 发布日期: '2020-01-31' });
    expect(doc.hints.publishedAt).toBe('2020-01-31');
    expect(doc.hints.title).toBe('2019年上海市人民政府办公厅政府信息公开工作年度报告');
    expect(text).toContain('（五）监督保障方面');
    expect(text.slice(-2)).toEqual(['六、其他需要报告的事项', '无。']);
    // the escaped <长江三角洲…> in the narrative is text, kept as text
    expect(text.some((t) => t.includes('《上海市贯彻<长江三角洲区域一体化发展规划纲要>实施方案》'))).toBe(true);
  });

  it('expands table 二 consistently although the 第（五）/（六）/（九）项 colspans disagree with their header', async () => {
    const doc = await convertHtml(readRealPage(SHANGHAI), 'shanghai-office-2019.html');
    const t = tableAfter(doc, '二、主动公开政府信息情况');
    expect(t.rows.every((row) => row.length === 5)).toBe(true);
    expect(t.rows[1]).toEqual(['信息内容', '本年新制作数量', '本年新公开数量', '本年新公开数量', '对外公开总数量']);
    expect(t.rows[2]).toEqual(['规章', '13', '13', '13', '524']);
    expect(t.rows[3]).toEqual(['规范性文件', '60', '60', '60', '368']);
    expect(t.rows[5]).toEqual(['信息内容', '上一年项目数量', '本年增/减', '本年增/减', '处理决定数量']);
    expect(t.rows[6]).toEqual(['行政许可', '0', '0', '0', '0']);
    expect(t.copies![5]).toEqual([false, false, false, true, false]);
    expect(t.copies![6]).toEqual([false, false, true, false, false]);
    expect(t.rows[16]).toEqual(['信息内容', '采购项目数量', '采购项目数量', '采购总金额', '采购总金额']);
    expect(t.rows[17]).toEqual(['政府集中采购', '6', '6', '251000元', '251000元']);
  });

  it('keeps &nbsp; cells of table 三 and 四 as empty strings', async () => {
    const doc = await convertHtml(readRealPage(SHANGHAI), 'shanghai-office-2019.html');
    const t = tableAfter(doc, '三、收到和处理政府信息公开申请情况');
    expect(t.rows).toHaveLength(3 + 2 + 20 + 1);
    expect(t.rows[3].slice(3)).toEqual(['821', '35', '', '', '2', '1', '859']);
    expect(t.rows[5]).toEqual(['三、本年度办理结果', '（一）予以公开', '（一）予以公开', '258', '12', '', '', '1', '1', '']);
    expect(t.rows[23]).toEqual(['三、本年度办理结果', '（六）其他处理', '（六）其他处理', '', '', '', '', '', '', '']);
    expect(t.rows[24].slice(1)).toEqual(['（七）总计', '（七）总计', '767', '35', '', '', '2', '1', '805']);
    const four = tableAfter(doc, '四、政府信息公开行政复议、行政诉讼情况');
    expect(four.rows[3]).toEqual(['5', '', '', '2', '7', '8', '', '', '1', '9', '', '', '', '', '']);
  });

  it('imports end to end: trial proactive columns, 251000元 → 25.1 万元, blanks as blank nulls', async () => {
    const { parsed } = await importDocument(readRealPage(SHANGHAI), 'shanghai-office-2019.html');
    expect(parsed.format).toBe('2019-trial');
    expect(parsed.year).toBe(2019);
    const v = tableValues(parsed.tables);
    expect(v.proactive).toEqual({
      regulations: { made: 13, published: 13, publicTotal: 524 },
      normativeDocuments: { made: 60, published: 60, publicTotal: 368 },
      licensing: { lastYearItems: 0, change: 0, decisions: 0 },
      otherServices: { lastYearItems: 0, change: 0, decisions: 0 },
      penalty: { lastYearItems: 0, change: 0, decisions: 0 },
      enforcement: { lastYearItems: 0, change: 0, decisions: 0 },
      fees: { lastYearItems: 0, change: 0 },
      procurement: { items: 6, amountWan: 25.1 },
    });
    const procurement = parsed.tables.proactive!.cells.procurement.amountWan;
    expect(procurement.raw).toBe('251000元');
    const a = v.applications!;
    expect(a.received).toEqual({ natural: 821, commercial: 35, research: B, nonprofit: B, legal: 2, other: 1, total: 859 });
    expect(a.carriedOver).toEqual({ natural: 18, commercial: B, research: B, nonprofit: B, legal: B, other: B, total: 18 });
    expect(a.granted).toEqual({ natural: 258, commercial: 12, research: B, nonprofit: B, legal: 1, other: 1, total: B });
    expect(a.partial).toEqual({ natural: 3, commercial: B, research: B, nonprofit: B, legal: B, other: B, total: B });
    expect(a['denied.stateSecret'].natural).toBe(14);
    expect(a['denied.processInfo']).toEqual({ natural: 3, commercial: 1, research: B, nonprofit: B, legal: B, other: B, total: B });
    expect(a['denied.queryMatters']).toEqual({ natural: 10, commercial: 2, research: B, nonprofit: B, legal: B, other: B, total: B });
    expect(a['unavailable.notHeld']).toEqual({ natural: 252, commercial: 12, research: B, nonprofit: B, legal: 1, other: B, total: B });
    expect(a['unavailable.needsCreation']).toEqual({ natural: 44, commercial: 3, research: B, nonprofit: B, legal: B, other: B, total: B });
    expect(a['notProcessed.complaint']).toEqual({ natural: 148, commercial: 1, research: B, nonprofit: B, legal: B, other: B, total: B });
    expect(a['notProcessed.duplicate']).toEqual({ natural: 5, commercial: 4, research: B, nonprofit: B, legal: B, other: B, total: B });
    expect(a['otherHandling.other']).toEqual({ natural: B, commercial: B, research: B, nonprofit: B, legal: B, other: B, total: B });
    expect(a.resultTotal).toEqual({ natural: 767, commercial: 35, research: B, nonprofit: B, legal: 2, other: 1, total: 805 });
    expect(a.carriedForward).toEqual({ natural: 72, commercial: B, research: B, nonprofit: B, legal: B, other: B, total: 72 });
    expect(parsed.tables.applications!.cells.granted.total.state).toBe('blank');
    expect(parsed.tables.applications!.cells.received.research.state).toBe('blank');
    expect(v.reviewLitigation).toEqual({
      review: { upheld: 5, corrected: B, other: B, pending: 2, total: 7 },
      litigationDirect: { upheld: 8, corrected: B, other: B, pending: 1, total: 9 },
      litigationAfterReview: { upheld: B, corrected: B, other: B, pending: B, total: B },
    });
  });
});

describe('shuyang-fgj-2023.html (full saved page with site chrome)', () => {
  it('reads the metadata table into hints and never emits it as a report table', async () => {
    const doc = await convertHtml(readRealPage(SHUYANG), 'shuyang-fgj-2023.html');
    expect(doc.hints).toEqual({
      title: '沭阳县发展和改革局2023年政府信息公开年度报告',
      body: '沭阳县发展和改革局',
      publishedAt: '2024-01-17',
      year: 2023,
      fields: {
        名称: '沭阳县发展和改革局2023年政府信息公开年度报告',
        索引号: '014314799/2024-00002',
        分类: '信息公开年报 其他 报告',
        发布机构: '沭阳县发展和改革局',
        公开日期: '2024-01-17',
      },
    });
    expect(doc.blocks.filter((b) => b.kind === 'table')).toHaveLength(3);
    expect(allText(doc).some((t) => t.includes('索引号') || t.includes('014314799'))).toBe(false);
  });

  it('re-joins Word-split text and trims the indented signature', async () => {
    const doc = await convertHtml(readRealPage(SHUYANG), 'shuyang-fgj-2023.html');
    const text = paragraphs(doc);
    expect(text[0]).toBe('沭阳县发展和改革局2023年政府信息公开年度报告');
    expect(text[1]).toBe(
      '根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，现向社会公布沭阳县发展和改革局2023年度政府信息公开年度报告。本年度报告所列数据的统计时限为2023年1月1日至2023年12月31日。年度报告通过沭阳县人民政府网站（http://www.shuyang.gov.cn/）公布。如对年度报告有疑问，请与沭阳县发展和改革局联系（地址：沭阳县沭城街道苏州东路42号，邮编：223600，电话：0527—83593059）。',
    );
    expect(text.slice(-2)).toEqual(['沭阳县发展和改革局', '2024年1月17日']);
    const three = tableAfter(doc, '三、收到和处理政府信息公开申请情况');
    expect(three.rows[1][3]).toBe('自然人');
    expect(three.rows[2].slice(3)).toEqual(['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
    expect(three.rows[3].slice(3)).toEqual(['26', '', '', '', '', '', '26']);
  });

  it('keeps no site chrome: navigation, search form, capture header, scripts, footer', async () => {
    const doc = await convertHtml(readRealPage(SHUYANG), 'shuyang-fgj-2023.html');
    const joined = allText(doc).join('\n');
    for (const chrome of ['首页', '走进沭阳', '办事服务', '数据开放', '繁體版', '无障碍', '适老化', '智能问答', '请输入关键词', '采集时间', '标题：', '星期', '页面生成时间', 'websiteId', 'footer', 'xggj']) {
      expect(joined, chrome).not.toContain(chrome);
    }
    expect(paragraphs(doc)).not.toContain('沭阳县发改局');
    expect(paragraphs(doc)).not.toContain('政府信息公开');
  });

  it('imports end to end: applications natural/total, blank legal-person columns, 规范性文件 row, chapter 五', async () => {
    const { parsed } = await importDocument(readRealPage(SHUYANG), 'shuyang-fgj-2023.html');
    expect(parsed.format).toBe('2021');
    expect(parsed.year).toBe(2023);
    expect(parsed.body.printed).toBe('沭阳县发展和改革局');
    expect(parsed.publishedAt).toBe('2024-01-17');
    expect(parsed.sourceMetadata.发布机构).toBe('沭阳县发展和改革局');
    expect(parsed.sourceMetadata.索引号).toBe('014314799/2024-00002');
    const v = tableValues(parsed.tables);
    expect(v.proactive!.normativeDocuments).toEqual({ issued: 8, repealed: 0, inForce: 18 });
    expect(v.proactive!.regulations).toEqual({ issued: 0, repealed: 0, inForce: 0 });
    expect(v.proactive!.fees).toEqual({ amountWan: 0 });
    const legalBlank = { commercial: B, research: B, nonprofit: B, legal: B, other: B };
    const a = v.applications!;
    expect(a.received).toEqual({ natural: 26, ...legalBlank, total: 26 });
    expect(a.granted).toEqual({ natural: 26, ...legalBlank, total: 26 });
    expect(a.resultTotal).toEqual({ natural: 26, ...legalBlank, total: 26 });
    for (const row of ['carriedOver', 'partial', 'denied.stateSecret', 'unavailable.notHeld', 'notProcessed.confirmation', 'otherHandling.noFee', 'otherHandling.other', 'carriedForward']) {
      expect(a[row], row).toEqual({ natural: 0, ...legalBlank, total: 0 });
    }
    for (const col of ['commercial', 'research', 'nonprofit', 'legal', 'other']) {
      expect(parsed.tables.applications!.cells.received[col].state).toBe('blank');
    }
    expect(v.reviewLitigation!.review).toEqual({ upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 });
    const problems = parsed.chapters.find((c) => c.id === 'problems')!;
    expect(problems.heading).toBe('五、存在的主要问题及整改措施');
    expect(problems.paragraphs[0]).toMatch(/^（一）存在的主要问题。各科室人员信息公开意识有所松懈/);
    const chapterText = [...parsed.preamble, ...parsed.chapters.flatMap((c) => [c.heading, ...c.paragraphs])].join('\n');
    for (const chrome of ['首页', '走进沭阳', '繁體版', '智能问答', '采集时间', '数据开放']) expect(chapterText, chrome).not.toContain(chrome);
  });
});
