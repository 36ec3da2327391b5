import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allParagraphs, FIXTURES, parseBytes, parseFixture, valuesOf } from './helpers.ts';

describe('2019 trial template report (青溪县自然资源局 2020, fictional, tab tables)', () => {
  it('detects the trial format and its metadata', async () => {
    const r = await parseFixture('qingxi-2020.txt');
    expect(r.format).toBe('2019-trial');
    expect(r.body.printed).toBe('青溪县自然资源局');
    expect(r.year).toBe(2020);
    expect(r.publishedAt).toBe('2021-01-29');
    expect(r.chapters.map((c) => c.id)).toEqual(['overview', 'proactive', 'applications', 'reviewLitigation', 'problems', 'other']);
  });

  it('drops the running header and page numbers and re-joins the sentence they split', async () => {
    const r = await parseFixture('qingxi-2020.txt');
    const text = allParagraphs(r);
    expect(text.filter((p) => p.includes('青溪县自然资源局 2020年政府信息公开工作年度报告'))).toEqual([]);
    expect(text).not.toContain('1');
    expect(r.chapters[0].paragraphs[0]).toBe('2020年，我局以不动产登记和耕地保护信息为重点，主动公开各类信息287条，较上年增加41条。');
  });

  it('reads the trial columns of table 二, the signed change text and the 元 amount', async () => {
    const r = await parseFixture('qingxi-2020.txt');
    expect(valuesOf(r, 'proactive')).toEqual({
      regulations: [0, 0, 0],
      normativeDocuments: [6, 6, 41],
      licensing: [52, -4, 1206],
      otherServices: [9, 2, 37],
      penalty: [31, 0, 88],
      enforcement: [5, 1, 3],
      fees: [4, null],
      procurement: [7, 38.65],
    });
    const cells = r.tables.proactive!.cells;
    expect(Object.keys(cells.normativeDocuments)).toEqual(['made', 'published', 'publicTotal']);
    expect(Object.keys(cells.licensing)).toEqual(['lastYearItems', 'change', 'decisions']);
    expect(cells.licensing.change).toEqual({ value: -4, state: 'number', raw: '减4' });
    expect(cells.otherServices.change).toMatchObject({ value: 2, raw: '+2' });
    expect(cells.fees.change).toEqual({ value: null, state: 'dash', raw: '—' });
    expect(cells.procurement.amountWan).toMatchObject({ value: 38.65, state: 'number', raw: '386500元' });
    expect(cells.procurement.amountWan.unitNote).toContain('万元');
  });

  it('reads table 三 with the single （六）其他处理 row, and all of 四', async () => {
    const r = await parseFixture('qingxi-2020.txt');
    const a = valuesOf(r, 'applications');
    expect(Object.keys(a)).toHaveLength(23);
    expect(a['otherHandling.other']).toEqual([1, 0, 0, 1, 0, 0, 2]);
    expect(a.received).toEqual([40, 5, 0, 1, 2, 0, 48]);
    expect(a.carriedOver).toEqual([3, 0, 0, 0, 0, 0, 3]);
    expect(a.granted).toEqual([20, 2, 0, 0, 1, 0, 23]);
    expect(a.partial).toEqual([4, 1, 0, 0, 0, 0, 5]);
    expect(a['denied.lawForbidden']).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(a['denied.thirdParty']).toEqual([2, 0, 0, 0, 0, 0, 2]);
    expect(a['denied.internalAffairs']).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(a['denied.processInfo']).toEqual([1, 1, 0, 0, 0, 0, 2]);
    expect(a['unavailable.notHeld']).toEqual([6, 1, 0, 0, 1, 0, 8]);
    expect(a['unavailable.needsCreation']).toEqual([2, 0, 0, 0, 0, 0, 2]);
    expect(a['unavailable.unclear']).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(a['notProcessed.complaint']).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(a['notProcessed.duplicate']).toEqual([1, 0, 0, 0, 0, 0, 1]);
    for (const row of ['denied.stateSecret', 'denied.securityStability', 'denied.enforcementFiles', 'denied.queryMatters', 'notProcessed.publication', 'notProcessed.massRepeated', 'notProcessed.confirmation']) {
      expect(a[row]).toEqual([0, 0, 0, 0, 0, 0, 0]);
    }
    expect(a.resultTotal).toEqual([41, 5, 0, 1, 2, 0, 49]);
    expect(a.carriedForward).toEqual([2, 0, 0, 0, 0, 0, 2]);
    expect(valuesOf(r, 'reviewLitigation')).toEqual({
      review: [1, 0, 1, 0, 2],
      litigationDirect: [0, 1, 0, 0, 1],
      litigationAfterReview: [0, 0, 0, 1, 1],
    });
    expect(r.parseFindings).toEqual([]);
  });
});

describe('pre-2019 report (白沙镇人民政府 2016, fictional)', () => {
  it('keeps its own chapters and its 统计表 as a generic table, with no statistical tables', async () => {
    const r = await parseFixture('baisha-2016.txt');
    expect(r.format).toBe('pre-2019');
    expect(r.year).toBe(2016);
    expect(r.body.printed).toBe('白沙镇人民政府');
    expect(r.chapters.map((c) => [c.id, c.key, c.heading])).toEqual([
      ['extra', 'extra-1', '一、概述'],
      ['extra', 'extra-2', '二、主动公开政府信息的情况'],
      ['extra', 'extra-3', '三、依申请公开政府信息的情况'],
      ['extra', 'extra-4', '四、政府信息公开的收费及减免情况'],
      ['extra', 'extra-5', '五、因政府信息公开申请行政复议、提起行政诉讼的情况'],
      ['extra', 'extra-6', '六、存在的主要问题和改进措施'],
      ['extra', 'extra-7', '附表：白沙镇2016年政府信息公开情况统计表'],
    ]);
    expect(r.chapters[1].paragraphs).toEqual(['全年主动公开政府信息 96 条，其中机构职能类 12 条，财政预决算类 8 条，民生保障类 41 条，其他 35 条。']);
    expect(r.tables).toEqual({});
    expect(r.parseFindings).toEqual([]);
    expect(r.genericTables).toHaveLength(1);
    expect(r.genericTables[0].chapterKey).toBe('extra-7');
    expect(r.genericTables[0].rows[0]).toEqual(['统计指标', '单位', '统计数']);
    expect(r.genericTables[0].rows).toHaveLength(8);
  });
});

describe('2021 template report (云岭市生态环境局 2023, fictional): tab version and Markdown version', () => {
  it('reads every cell of the tab version', async () => {
    const r = await parseFixture('yunling-2023.txt');
    expect(r.format).toBe('2021');
    expect(r.publishedAt).toBe('2024-01-18');
    expect(valuesOf(r, 'proactive')).toEqual({
      regulations: [0, 0, 0],
      normativeDocuments: [3, 1, 27],
      licensing: [415],
      penalty: [62],
      enforcement: [4],
      fees: [0],
    });
    expect(r.tables.proactive!.cells.normativeDocuments.inForce).toEqual({ value: 27, state: 'number', raw: '27（含修订2件）', annotation: '含修订2件' });
    const a = valuesOf(r, 'applications');
    expect(a.received).toEqual([30, 4, 0, 0, 1, 0, 35]);
    expect(a['denied.securityStability']).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(a['unavailable.notHeld']).toEqual([5, 1, 0, 0, 1, 0, 7]);
    expect(a['otherHandling.noCorrection']).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(a['otherHandling.other']).toEqual([0, 1, 0, 0, 0, 0, 1]);
    expect(a.resultTotal).toEqual([31, 4, 0, 0, 1, 0, 36]);
    expect(a.carriedForward).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(valuesOf(r, 'reviewLitigation')).toEqual({ review: [1, 0, 0, 1, 2], litigationDirect: [0, 0, 1, 0, 1], litigationAfterReview: [0, 0, 0, 0, 0] });
    expect(r.parseFindings).toEqual([]);
    expect(r.chapters[0].paragraphs).toContain('局机关按月更新重点排污单位名录，公开建设项目环境影响评价受理、拟审批和审批结果信息，并在门户网站专栏集中展示。全年共制发行政规范性文件 3 件。');
    expect(r.chapters.find((c) => c.id === 'problems')!.paragraphs).toEqual([
      '一是部分栏目更新不够及时；二是政策解读形式较为单一。下一步，我局将建立栏目更新台账，并增加图解、问答等解读形式。',
    ]);
  });

  it('gives the same cells, chapters and metadata from the Markdown pipe-table version', async () => {
    const tab = await parseFixture('yunling-2023.txt');
    const md = await parseBytes(readFileSync(new URL('yunling-2023.md', FIXTURES)), 'yunling-2023.md');
    expect(md.format).toBe('2021');
    expect(md.body).toEqual(tab.body);
    expect(md.title).toBe(tab.title);
    expect(md.chapters).toEqual(tab.chapters);
    for (const id of ['proactive', 'applications', 'reviewLitigation'] as const) expect(valuesOf(md, id)).toEqual(valuesOf(tab, id));
    expect(md.parseFindings).toEqual([]);
    expect(allParagraphs(md).join('\n')).not.toMatch(/\*\*|\|/);
  });

  it('gives the same cells from a space-separated layout extraction (no tabs, 四 printed over three lines)', async () => {
    const tab = await parseFixture('yunling-2023.txt');
    const layout = await parseFixture('yunling-2023-layout.txt');
    for (const id of ['proactive', 'applications', 'reviewLitigation'] as const) expect(valuesOf(layout, id)).toEqual(valuesOf(tab, id));
    expect(layout.parseFindings).toEqual([]);
    expect(layout.chapters).toEqual(tab.chapters);
  });
});
