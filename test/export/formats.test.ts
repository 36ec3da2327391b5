import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { readFixture } from '../support/fixtures.ts';
import {
  displayWidth,
  exportReport,
  layoutTable,
  selectionToHtml,
  selectionToTsv,
  tableToHtml,
  tableToMarkdown,
  tableToText,
  tableToTsv,
} from '../../core/export/index.ts';
import { importDocument } from '../../core/ingest/index.ts';
import type { Report } from '../../core/model.ts';
import { SEED_APPLICATIONS, seedLikeReport } from './fixture.ts';

const NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

/** Label slots of 三's body rows (three columns), written out by hand from the template. */
const APPLICATION_LABELS: [string, string, string, string][] = [
  ['received', '一、本年新收政府信息公开申请数量', '', ''],
  ['carriedOver', '二、上年结转政府信息公开申请数量', '', ''],
  ['granted', '三、本年度办理结果', '（一）予以公开', ''],
  ['partial', '', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', ''],
  ['denied.stateSecret', '', '（三）不予公开', '1.属于国家秘密'],
  ['denied.lawForbidden', '', '', '2.其他法律行政法规禁止公开'],
  ['denied.securityStability', '', '', '3.危及“三安全一稳定”'],
  ['denied.thirdParty', '', '', '4.保护第三方合法权益'],
  ['denied.internalAffairs', '', '', '5.属于三类内部事务信息'],
  ['denied.processInfo', '', '', '6.属于四类过程性信息'],
  ['denied.enforcementFiles', '', '', '7.属于行政执法案卷'],
  ['denied.queryMatters', '', '', '8.属于行政查询事项'],
  ['unavailable.notHeld', '', '（四）无法提供', '1.本机关不掌握相关政府信息'],
  ['unavailable.needsCreation', '', '', '2.没有现成信息需要另行制作'],
  ['unavailable.unclear', '', '', '3.补正后申请内容仍不明确'],
  ['notProcessed.complaint', '', '（五）不予处理', '1.信访举报投诉类申请'],
  ['notProcessed.duplicate', '', '', '2.重复申请'],
  ['notProcessed.publication', '', '', '3.要求提供公开出版物'],
  ['notProcessed.massRepeated', '', '', '4.无正当理由大量反复申请'],
  ['notProcessed.confirmation', '', '', '5.要求行政机关确认或重新出具已获取信息'],
  ['otherHandling.noCorrection', '', '（六）其他处理', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
  ['otherHandling.noFee', '', '', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'],
  ['otherHandling.other', '', '', '3.其他'],
  ['resultTotal', '', '（七）总计', ''],
  ['carriedForward', '四、结转下年度继续办理', '', ''],
];

function expectedApplicationsGrid(values: Record<string, number[]>): string[][] {
  return [
    [NOTE, '', '', '申请人情况', '', '', '', '', '', ''],
    ['', '', '', '自然人', '法人或其他组织', '', '', '', '', '总计'],
    ['', '', '', '', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', ''],
    ...APPLICATION_LABELS.map(([rowId, a, b, c]) => [a, b, c, ...values[rowId].map(String)]),
  ];
}

/** A <table>'s cells as written: tag, text and spans, row by row. */
function parseTable(html: string): { tag: string; text: string; rowspan: number; colspan: number }[][] {
  const rows: { tag: string; text: string; rowspan: number; colspan: number }[][] = [];
  let current: { tag: string; text: string; rowspan: number; colspan: number } | null = null;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'tr') rows.push([]);
        if (name === 'td' || name === 'th') {
          current = { tag: name, text: '', rowspan: Number(attrs.rowspan ?? 1), colspan: Number(attrs.colspan ?? 1) };
          rows[rows.length - 1].push(current);
        }
      },
      ontext(text) {
        if (current) current.text += text;
      },
      onclosetag(name) {
        if (name === 'td' || name === 'th') current = null;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return rows;
}

/** Expands rowspan/colspan the way a browser or Word does: text in the top-left slot, '' elsewhere. */
function expand(rows: ReturnType<typeof parseTable>): string[][] {
  const grid: (string | undefined)[][] = rows.map(() => []);
  rows.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (grid[r][c] !== undefined) c++;
      for (let dr = 0; dr < cell.rowspan; dr++) for (let dc = 0; dc < cell.colspan; dc++) grid[r + dr][c + dc] = dr === 0 && dc === 0 ? cell.text : '';
      c += cell.colspan;
    }
  });
  return grid.map((row) => row.map((s) => s ?? ''));
}

const tsvGrid = (tsv: string) => tsv.split('\n').map((line) => line.split('\t'));

describe('TSV export', () => {
  const report = seedLikeReport();

  it('三 is exactly the official grid: header rows, labels in the first columns, every number', () => {
    const tsv = exportReport(report, { format: 'tsv', table: 'applications' });
    expect(tsvGrid(tsv)).toEqual(expectedApplicationsGrid(SEED_APPLICATIONS));
    expect(tableToTsv(layoutTable(report, 'applications')!)).toBe(tsv);
  });

  it('四 is three header rows and one row of 15 numbers', () => {
    const grid = tsvGrid(exportReport(report, { format: 'tsv', table: 'reviewLitigation' }));
    const heads = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
    expect(grid).toEqual([
      ['行政复议', '', '', '', '', '行政诉讼', '', '', '', '', '', '', '', '', ''],
      [...heads, '未经复议直接起诉', '', '', '', '', '复议后起诉', '', '', '', ''],
      ['', '', '', '', '', ...heads, ...heads],
      ['2', '1', '0', '2', '5', '0', '0', '0', '1', '1', '0', '0', '0', '0', '0'],
    ]);
  });

  it('二 keeps printed blanks and "/", gives plain numbers, keeps annotations', () => {
    const grid = tsvGrid(exportReport(report, { format: 'tsv', table: 'proactive' }));
    expect(grid).toEqual([
      ['第二十条第（一）项', '', '', ''],
      ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
      ['规章', '/', '/', ''],
      ['行政规范性文件', '147', '55（含自然失效29件）', '379'],
      ['第二十条第（五）项', '', '', ''],
      ['信息内容', '本年处理决定数量', '', ''],
      ['行政许可', '211704', '', ''],
      ['第二十条第（六）项', '', '', ''],
      ['信息内容', '本年处理决定数量', '', ''],
      ['行政处罚', '72105', '', ''],
      ['行政强制', '1662', '', ''],
      ['第二十条第（八）项', '', '', ''],
      ['信息内容', '本年收费金额（单位：万元）', '', ''],
      ['行政事业性收费', '15781.34226', '', ''],
    ]);
  });

  it('quotes cells holding tabs, newlines or quotes the way Excel does', () => {
    const hostile = seedLikeReport();
    hostile.tables.proactive!.cells.regulations.inForce = { value: null, state: 'text', raw: '见"附表"\t一\n二' };
    const lines = exportReport(hostile, { format: 'tsv', table: 'proactive' }).split('\n');
    expect(lines[2]).toBe('规章\t/\t/\t"见""附表""\t一');
    expect(lines[3]).toBe('二"');
  });
});

describe('HTML export', () => {
  const report = seedLikeReport();

  it('三 is a real <table> with rowspan/colspan where the official layout merges', () => {
    const html = tableToHtml(layoutTable(report, 'applications')!);
    expect(html.startsWith('<table')).toBe(true);
    expect(html).toContain('border-collapse:collapse');
    const rows = parseTable(html);
    const find = (text: string) => rows.flat().find((c) => c.text === text)!;
    expect(find(NOTE)).toMatchObject({ tag: 'th', rowspan: 3, colspan: 3 });
    expect(find('申请人情况')).toMatchObject({ tag: 'th', rowspan: 1, colspan: 7 });
    expect(find('自然人')).toMatchObject({ rowspan: 2, colspan: 1 });
    expect(find('法人或其他组织')).toMatchObject({ rowspan: 1, colspan: 5 });
    expect(find('总计')).toMatchObject({ rowspan: 2, colspan: 1 });
    expect(find('三、本年度办理结果')).toMatchObject({ tag: 'td', rowspan: 22 });
    expect(find('（三）不予公开')).toMatchObject({ rowspan: 8 });
    expect(find('（六）其他处理')).toMatchObject({ rowspan: 3 });
    expect(find('一、本年新收政府信息公开申请数量')).toMatchObject({ colspan: 3 });
    expect(find('（七）总计')).toMatchObject({ colspan: 2 });
    // expanded like Word would, it is the same grid as the TSV
    expect(expand(rows)).toEqual(expectedApplicationsGrid(SEED_APPLICATIONS));
    // numbers right-aligned
    expect(html).toMatch(/<td style="[^"]*text-align:right">134<\/td>/);
  });

  it('四 merges 行政复议 over 5 columns and 行政诉讼 over 10', () => {
    const rows = parseTable(exportReport(report, { format: 'html', table: 'reviewLitigation' }));
    expect(rows[0].map((c) => [c.text, c.colspan])).toEqual([['行政复议', 5], ['行政诉讼', 10]]);
    expect(rows[1].map((c) => [c.text, c.rowspan, c.colspan])).toEqual([
      ['结果维持', 2, 1], ['结果纠正', 2, 1], ['其他结果', 2, 1], ['尚未审结', 2, 1], ['总计', 2, 1],
      ['未经复议直接起诉', 1, 5], ['复议后起诉', 1, 5],
    ]);
    expect(rows[3]).toHaveLength(15);
    expect(expand(rows)).toEqual(tsvGrid(exportReport(report, { format: 'tsv', table: 'reviewLitigation' })));
  });

  it('escapes hostile text: a <script> in a chapter stays text', () => {
    const html = exportReport(report, { format: 'html' });
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; “引号” | 竖线');
    const hostile = seedLikeReport();
    hostile.tables.applications!.cells.received.natural = { value: null, state: 'text', raw: '<img src=x onerror=alert(1)>' };
    const table = tableToHtml(layoutTable(hostile, 'applications')!);
    expect(table).not.toContain('<img');
    expect(table).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(exportReport(report, { format: 'html', chapter: 'overview' })).toContain('<p>&lt;script&gt;');
  });

  it('a statistical chapter carries its heading, its table and the sentences generated from it', () => {
    const html = exportReport(report, { format: 'html', chapter: 'applications' });
    expect(html.indexOf('<h2>三、收到和处理政府信息公开申请情况</h2>')).toBe(0);
    expect(html).toContain('<table');
    expect(html.indexOf('<table')).toBeLessThan(html.indexOf('（以下文字根据统计表生成）'));
  });
});

describe('text and Markdown export', () => {
  const report = seedLikeReport();

  it('text: the table in aligned columns with right-aligned numbers', () => {
    const text = tableToText(layoutTable(report, 'applications')!);
    const lines = text.split('\n');
    expect(lines).toHaveLength(28);
    expect(lines[0].startsWith(NOTE)).toBe(true);
    expect(lines[3]).toMatch(/^一、本年新收政府信息公开申请数量\s+134\s+3\s+0\s+1\s+0\s+0\s+138$/);
    expect(lines[7]).toMatch(/^\s+（三）不予公开\s+1\.属于国家秘密\s+1\s+0\s+0\s+0\s+0\s+0\s+1$/);
    // every body line ends in the same display column (numbers right-aligned)
    const widths = new Set(lines.slice(3).map(displayWidth));
    expect(widths.size).toBe(1);
    // 四: numbers under their headings
    const review = tableToText(layoutTable(report, 'reviewLitigation')!).split('\n');
    expect(review[3].trim().split(/\s+/)).toEqual(['2', '1', '0', '2', '5', '0', '0', '0', '1', '1', '0', '0', '0', '0', '0']);
  });

  it('text: the whole report has its title, preamble, chapters in order, extra chapters and generic tables', () => {
    const text = exportReport(report, { format: 'text' });
    const order = ['伊春市 2022 年政府信息公开工作年度报告', '本报告依据条例编制。', '一、总体情况', '二、主动公开政府信息情况', '第二十条第（一）项', '三、收到和处理政府信息公开申请情况', '（七）总计', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项', '七、附件', '附表'];
    const positions = order.map((s) => text.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text.split('伊春市 2022 年政府信息公开工作年度报告')).toHaveLength(2); // the title once, not repeated from the preamble
    expect(exportReport(report, { format: 'text', chapter: 'problems' })).toBe('五、存在的主要问题及改进情况\n\n统筹作用还需加强。\n');
  });

  it('markdown: GFM tables with stacked headings joined per column, 二 split by section', () => {
    const md = tableToMarkdown(layoutTable(report, 'applications')!);
    const lines = md.split('\n');
    expect(lines[0]).toBe(
      `| ${NOTE} |  |  | 申请人情况 / 自然人 | 申请人情况 / 法人或其他组织 / 商业企业 | 申请人情况 / 法人或其他组织 / 科研机构 | 申请人情况 / 法人或其他组织 / 社会公益组织 | 申请人情况 / 法人或其他组织 / 法律服务机构 | 申请人情况 / 法人或其他组织 / 其他 | 申请人情况 / 总计 |`,
    );
    expect(lines[1]).toBe('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    expect(lines).toHaveLength(27);
    expect(lines[2]).toBe('| 一、本年新收政府信息公开申请数量 |  |  | 134 | 3 | 0 | 1 | 0 | 0 | 138 |');
    expect(lines[6]).toBe('|  | （三）不予公开 | 1.属于国家秘密 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |');
    const proactive = exportReport(report, { format: 'markdown', table: 'proactive' });
    expect(proactive).toContain('**第二十条第（五）项**\n\n| 信息内容 | 本年处理决定数量 |  |  |\n| --- | --- | --- | --- |\n| 行政许可 | 211704 |  |  |');
    const chapter = exportReport(report, { format: 'markdown', chapter: 'overview' });
    expect(chapter.startsWith('## 一、总体情况\n\n全年共办理政府信息公开申请 138 件。')).toBe(true);
    expect(chapter).toContain('\\<script>alert("x")\\</script> & “引号” \\| 竖线');
    expect(exportReport(report, { format: 'markdown' }).startsWith('# 伊春市 2022 年政府信息公开工作年度报告\n')).toBe(true);
  });
});

describe('selection copy', () => {
  const report = seedLikeReport();
  const layout = layoutTable(report, 'applications')!;
  const ref = (row: string, column: string) => ({ table: 'applications' as const, row, column });

  it('a rectangle of cells as TSV and as an HTML table', () => {
    const refs = [ref('received', 'natural'), ref('received', 'commercial'), ref('carriedOver', 'natural'), ref('carriedOver', 'commercial'), ref('granted', 'natural'), ref('granted', 'commercial')];
    expect(selectionToTsv(layout, refs)).toBe('134\t3\n0\t0\n65\t2');
    const rows = parseTable(selectionToHtml(layout, refs));
    expect(rows.map((r) => r.map((c) => c.text))).toEqual([['134', '3'], ['0', '0'], ['65', '2']]);
  });

  it('unselected cells inside the bounding rectangle stay empty; nothing selected gives nothing', () => {
    expect(selectionToTsv(layout, [ref('received', 'total'), ref('granted', 'natural')])).toBe('\t\t\t\t\t\t138\n\t\t\t\t\t\t\n65\t\t\t\t\t\t');
    expect(selectionToTsv(layout, [])).toBe('');
    expect(selectionToHtml(layout, [{ table: 'proactive', row: 'x', column: 'y' }])).toBe('');
  });

  it('a merged value cell (二) copies as one cell', () => {
    const proactive = layoutTable(report, 'proactive')!;
    const refs = [{ table: 'proactive' as const, row: 'licensing', column: 'decisions' }];
    expect(selectionToTsv(proactive, refs)).toBe('211704');
    expect(parseTable(selectionToHtml(proactive, refs))).toEqual([[{ tag: 'td', text: '211704', rowspan: 1, colspan: 1 }]]);
  });
});

describe('JSON export', () => {
  const report = seedLikeReport();

  it('is the canonical JSON: tables.<table>.<row>.<column>, cells with raw text, chapters, findings, metadata', () => {
    const json = JSON.parse(exportReport(report, { format: 'json' }));
    expect(json.tables.applications.received.total).toBe(138);
    expect(json.tables.applications['denied.thirdParty'].natural).toBe(7);
    expect(json.tables.reviewLitigation.review.total).toBe(5);
    expect(json.tables.proactive.regulations.issued).toBeNull();
    expect(json.tables.proactive.regulations.inForce).toBeNull();
    expect(json.cells.proactive.normativeDocuments.repealed).toEqual({ value: 55, state: 'number', raw: '55（含自然失效29件）', annotation: '含自然失效29件' });
    expect(json.cells.proactive.regulations.issued).toEqual({ value: null, state: 'slash', raw: '/' });
    expect(json.chapters.map((c: { key: string }) => c.key)).toEqual(['overview', 'proactive', 'applications', 'reviewLitigation', 'problems', 'other', 'extra-1']);
    expect(json.findings.map((f: { key: string }) => f.key)).toEqual(['narrative.mismatch:x']);
    expect(Object.keys(json.narrative)).toEqual(['proactive', 'applications', 'reviewLitigation']);
    expect(json.narrative.applications.join('')).toContain('138');
    expect(json.metadata).toMatchObject({ body: '伊春市人民政府', year: 2022, format: '2021' });
  });

  it('a single table or chapter', () => {
    const table = JSON.parse(exportReport(report, { format: 'json', table: 'reviewLitigation' }));
    expect(Object.keys(table.tables)).toEqual(['reviewLitigation']);
    expect(table.findings).toHaveLength(1);
    const chapter = JSON.parse(exportReport(report, { format: 'json', chapter: 'applications' }));
    expect(chapter.chapter.heading).toBe('三、收到和处理政府信息公开申请情况');
    expect(chapter.tables.applications.resultTotal.total).toBe(138);
  });

  it('refuses a chapter or table the report does not have', () => {
    expect(() => exportReport(report, { format: 'text', chapter: 'nope' })).toThrow(/没有这一章/);
    const noTables: Report = { ...report, tables: {} };
    expect(() => exportReport(noTables, { format: 'tsv', table: 'applications' })).toThrow(/没有这张统计表/);
  });
});

describe('the parsed seed', () => {
  it('exports table 三 as the grid of the document', async () => {
    const { parsed } = await importDocument(readFixture('seed', 'yichun-2022.txt'), 'yichun-2022.txt');
    const report = { ...seedLikeReport(), ...parsed };
    expect(tsvGrid(exportReport(report, { format: 'tsv', table: 'applications' }))).toEqual(expectedApplicationsGrid(SEED_APPLICATIONS));
    const html = exportReport(report, { format: 'html', table: 'applications' });
    expect(expand(parseTable(html))).toEqual(expectedApplicationsGrid(SEED_APPLICATIONS));
  });
});
