/**
 * Crawler text (issue #11): a site archive exported as plain text — a header (URL, 发布时间),
 * then the whole report on one line, chapter headings inline and the tables flattened so that
 * neighbouring cells may run together. Imported, never refused; cells that cannot be told
 * apart are null with table.incomplete, never split by guessing from the digits.
 * Fixtures written by hand: test/fixtures/text/crawler/.
 */
import { describe, expect, it } from 'vitest';
import { importDocument } from '../../core/ingest/index.ts';
import { flattenedTableRows, inlineHeadings } from '../../core/import/text/inline.ts';
import { tableValues } from '../../core/model.ts';
import { readFixture } from '../support/fixtures.ts';

const Z = [0, 0, 0, 0, 0, 0, 0];
const N7 = [null, null, null, null, null, null, null];
const row7 = (values: (number | null)[]) =>
  Object.fromEntries(['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other', 'total'].map((c, i) => [c, values[i]]));

describe('crawler text with no line breaks (2021 template)', async () => {
  const name = 'qinghe-2023-crawler.txt';
  const { parsed: r, evaluations } = await importDocument(readFixture('text', 'crawler', name), name);

  it('is imported with title, body, year, and the crawler header as metadata', () => {
    expect(r.title).toBe('青禾县2023年政府信息公开工作年度报告');
    expect([r.body.printed, r.year, r.format]).toEqual(['青禾县', 2023, '2021']);
    expect(r.publisher).toBe('青禾县人民政府办公室');
    expect(r.publishedAt).toBe('2024-01-22');
    expect(r.sourceMetadata).toEqual({
      网址: 'https://www.qinghe.gov.cn/art/2024/1/22/art_3315_88.html',
      发布时间: '2024-01-22 16:05',
      来源: '青禾县人民政府办公室',
    });
    expect(r.preamble).toEqual(['本报告依据《中华人民共和国政府信息公开条例》编制，统计期限自2023年1月1日至2023年12月31日。']);
  });

  it('finds the six chapters inline and keeps their text', () => {
    expect(r.chapters.map((c) => [c.key, c.heading])).toEqual([
      ['overview', '一、总体情况'],
      ['proactive', '二、主动公开政府信息情况'],
      ['applications', '三、收到和处理政府信息公开申请情况'],
      ['reviewLitigation', '四、政府信息公开行政复议、行政诉讼情况'],
      ['problems', '五、存在的主要问题及改进情况'],
      ['other', '六、其他需要报告的事项'],
    ]);
    expect(r.chapters[0].paragraphs).toEqual([
      '2023年，青禾县深入推进政务公开，全年共受理政府信息公开申请15件。',
      '（一）主动公开 全年主动公开政府信息1200条。',
      '（二）依申请公开 全部申请均在法定期限内答复。',
    ]);
    expect(r.chapters[4].paragraphs).toEqual(['一是政策解读形式较单一。二是基层公开人员力量不足。下一步将加强培训。']);
    expect(r.chapters[5].paragraphs).toEqual(['本年度未收取信息处理费。', '青禾县人民政府办公室 2024年1月22日']);
    // Table words stay with their tables, not in the chapters.
    expect(r.chapters.slice(1, 4).map((c) => c.paragraphs)).toEqual([[], [], []]);
  });

  it('says in an import note that the tables could not be read as printed', () => {
    expect(r.importNotes).toHaveLength(1);
    expect(r.importNotes![0]).toMatch(/^正文为未分行的纯文本.*\(crawler text without line breaks/);
  });

  it('reads every cell it can tell apart and leaves run-together cells null (all 200 cells)', () => {
    const v = tableValues(r.tables);
    expect(v.proactive).toEqual({
      regulations: { issued: 0, repealed: 0, inForce: 0 },
      // "行政规范性文件 5231": three cells ran together — not split.
      normativeDocuments: { issued: null, repealed: null, inForce: null },
      licensing: { decisions: 1234 },
      penalty: { decisions: 56 },
      enforcement: { decisions: 7 },
      fees: { amountWan: 12.5 },
    });
    expect(v.applications).toEqual({
      received: row7(N7), // "150 000015"
      carriedOver: row7(Z),
      granted: row7([8, 0, 0, 0, 0, 0, 8]),
      partial: row7([2, 0, 0, 0, 0, 0, 2]),
      'denied.stateSecret': row7(Z),
      'denied.lawForbidden': row7(Z),
      'denied.securityStability': row7(Z),
      'denied.thirdParty': row7([1, 0, 0, 0, 0, 0, 1]),
      'denied.internalAffairs': row7(Z),
      'denied.processInfo': row7(Z),
      'denied.enforcementFiles': row7(Z),
      'denied.queryMatters': row7(Z),
      'unavailable.notHeld': row7([3, 0, 0, 0, 0, 0, 3]),
      'unavailable.needsCreation': row7(Z),
      'unavailable.unclear': row7(Z),
      'notProcessed.complaint': row7(Z),
      'notProcessed.duplicate': row7(Z),
      'notProcessed.publication': row7(Z),
      'notProcessed.massRepeated': row7(Z),
      'notProcessed.confirmation': row7(Z),
      'otherHandling.noCorrection': row7(Z),
      'otherHandling.noFee': row7(Z),
      'otherHandling.other': row7(Z),
      resultTotal: row7(N7), // "140 0 0 0 014"
      carriedForward: row7([1, 0, 0, 0, 0, 0, 1]),
    });
    expect(v.reviewLitigation).toEqual({
      review: { upheld: 1, corrected: 0, other: 0, pending: 0, total: 1 },
      litigationDirect: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
      litigationAfterReview: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
    });
  });

  it('gives each unreadable row a table.incomplete finding that keeps the printed text', () => {
    const incomplete = evaluations.filter((e) => e.rule === 'table.incomplete');
    expect(incomplete.map((e) => [e.key, e.detail])).toEqual([
      ['table.incomplete:proactive:normativeDocuments', '行政规范性文件\t5231'],
      ['table.incomplete:applications:received', '一、本年新收政府信息公开申请数量\t150\t000015'],
      ['table.incomplete:applications:resultTotal', '（七）总计\t140\t0\t0\t0\t014'],
    ]);
    expect(r.tables.applications!.cells.received.natural).toEqual({ value: null, state: 'missing', raw: '' });
  });
});

describe('crawler text of a pre-2019 report', async () => {
  const name = 'baishi-2017-crawler.txt';
  const { parsed: r } = await importDocument(readFixture('text', 'crawler', name), name);

  it('is imported as narrative with its own seven chapters, header as metadata', () => {
    expect([r.title, r.body.printed, r.year, r.format, r.publishedAt, r.publisher]).toEqual([
      '白石镇2017年政府信息公开工作年度报告',
      '白石镇',
      2017,
      'pre-2019',
      '2018-03-25',
      '白石镇人民政府',
    ]);
    expect(r.chapters.map((c) => [c.heading, c.paragraphs])).toEqual([
      ['一、概述', ['2017年，我镇认真贯彻落实政府信息公开条例。']],
      ['二、主动公开政府信息情况', ['全年主动公开政府信息86条。']],
      ['三、依申请公开政府信息情况', ['全年受理政府信息公开申请2件，均已按时答复。']],
      ['四、政府信息公开的收费及减免情况', ['未收取任何费用。']],
      ['五、因政府信息公开申请提起行政复议、行政诉讼的情况', ['无。']],
      ['六、政府信息公开工作存在的主要问题及改进措施', ['公开内容还不够全面，下一步将进一步规范。']],
      ['七、其他需要报告的事项', ['无。']],
    ]);
    expect(r.preamble).toEqual(['根据《中华人民共和国政府信息公开条例》规定，现公布白石镇2017年政府信息公开工作年度报告。']);
    expect(r.importNotes).toEqual([]);
  });
});

describe('inline headings and flattened rows', () => {
  it('needs three template headings in order: prose that names one or two is not split', () => {
    expect(inlineHeadings('按照一、总体情况和二、主动公开政府信息情况的顺序撰写。')).toEqual([]);
    // 三、本年度办理结果 (a row label of table 三) is no chapter, and 四 cannot come before 三.
    expect(inlineHeadings('一、总体情况 甲。二、主动公开政府信息情况 乙。三、本年度办理结果 四、收到和处理政府信息公开申请情况')).toEqual([]);
  });

  it('keeps figures whole and numbering with its label', () => {
    expect(flattenedTableRows('信息内容 本年制发件数 本年废止件数 现行有效件数 规章 0 0 11 行政规范性文件 5231')).toEqual([
      ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
      ['规章', '0', '0', '11'],
      ['行政规范性文件', '5231'],
    ]);
    expect(flattenedTableRows('（三）不予公开 1. 属于国家秘密 0 0 0 0 0 0 0')).toEqual([['（三）不予公开', '1.属于国家秘密', '0', '0', '0', '0', '0', '0', '0']]);
  });
});
