import { describe, expect, it } from 'vitest';
import type { Block, ConvertedDocument } from '../../core/common/document.ts';
import { detectFormat } from '../../core/parse/format.ts';
import { extractMetadata, parseDate, parseTitle } from '../../core/parse/metadata.ts';
import { normalizeBodyName } from '../../core/common/text.ts';
import { buildReport } from '../../core/parse/index.ts';
import { parseText } from './helpers.ts';

const p = (text: string): Block => ({ kind: 'paragraph', text });

describe('report metadata', () => {
  it.each([
    ['伊春市 2022 年政府信息公开工作年度报告', '伊春市', 2022],
    ['上海市人民政府办公厅2019年政府信息公开工作年度报告', '上海市人民政府办公厅', 2019],
    ['2019年上海市人民政府办公厅政府信息公开工作年度报告', '上海市人民政府办公厅', 2019],
    ['沭阳县发展和改革局2023年政府信息公开年度报告', '沭阳县发展和改革局', 2023],
    ['某某区商务局关于２０２１年度政府信息公开工作年度报告', '某某区商务局', 2021],
    ['政府信息公开工作年度报告', null, null],
  ])('reads body and year from the title %j', (title, body, year) => {
    expect(parseTitle(title)).toEqual({ body, year });
  });

  it('normalizes body names for grouping', () => {
    expect(normalizeBodyName(' 伊春市 人民政府　办公室 ')).toBe('伊春市人民政府办公室');
    expect(normalizeBodyName('ＡＢ区（新区）管委会')).toBe('AB区(新区)管委会');
  });

  it.each([
    ['2023年1月20日', '2023-01-20'],
    ['２０２３年１月２０日', '2023-01-20'],
    ['2020-1-31', '2020-01-31'],
    ['2024/01/17 10:00', '2024-01-17'],
    ['2023年13月1日', null],
  ])('parses the date %j', (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });

  it("takes the body from the title and keeps the page's 发布机构 as the publisher, the body's fallback only", () => {
    const blocks = [p('某某市2022年政府信息公开工作年度报告'), p('一、总体情况')];
    const hinted = extractMetadata(blocks, { fields: { 发布机构: '某某市人民政府办公室', 公开日期: '2023-01-31' } });
    expect(hinted.body).toEqual({ printed: '某某市', normalized: '某某市' });
    expect(hinted.publisher).toBe('某某市人民政府办公室');
    expect(hinted.publishedAt).toBe('2023-01-31');
    expect(hinted.confidence).toEqual({ body: 'certain', year: 'certain' });
    const untitledBody = extractMetadata([p('2022年政府信息公开工作年度报告'), p('一、总体情况')], { fields: { 来源: '某某市人民政府办公室' } });
    expect(untitledBody.body.printed).toBe('某某市人民政府办公室');
    expect(untitledBody.publisher).toBe('某某市人民政府办公室');
    expect(untitledBody.confidence).toEqual({ body: 'guessed', year: 'certain' });
    const untitled = extractMetadata([p('一、总体情况'), p('2022年度政府信息公开工作情况如下。')], { fields: {} });
    expect(untitled.body.printed).toBe('');
    expect(untitled.confidence).toEqual({ body: 'missing', year: 'guessed' });
    expect(untitled.year).toBe(2022);
  });

  it('finds 发布日期 in the text and a signature date at the end', async () => {
    const r = await parseText('某某县2021年政府信息公开工作年度报告\t发布日期：2022-01-25\n一、总体情况\n无。\n');
    expect(r.publishedAt).toBe('2022-01-25');
    expect(r.title).toBe('某某县2021年政府信息公开工作年度报告');
    // The page's date is metadata, not preamble.
    expect(r.preamble).toEqual([]);
    expect(r.sourceMetadata).toEqual({ 发布日期: '2022-01-25' });
    const s = await parseText('某某县2021年政府信息公开工作年度报告\n一、总体情况\n无。\n某某县人民政府办公室\n2022年1月20日\n');
    expect(s.publishedAt).toBe('2022-01-20');
    expect(s.chapters[0].paragraphs).toEqual(['无。', '某某县人民政府办公室', '2022年1月20日']);
  });

  it('joins a title printed on two lines', async () => {
    const r = await parseText('某某县人民政府2021年政府信息公开\n工作年度报告\n一、总体情况\n无。\n');
    expect(r.title).toBe('某某县人民政府2021年政府信息公开工作年度报告');
    expect(r.body.printed).toBe('某某县人民政府');
  });
});

describe('format detection uses evidence before the year', () => {
  it.each([
    [['国办公开办函〔2021〕30号'], [], 2022, '2021'],
    [['信息内容\t本年制发件数'], [], 2020, '2021'],
    [['信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量'], [], 2021, '2019-trial'],
    [['第二十条第（九）项'], [], null, '2019-trial'],
    [[], [], 2020, '2019-trial'],
    [[], [], 2017, 'pre-2019'],
    [[], ['一、概述', '二、主动公开政府信息的情况', '三、依申请公开政府信息的情况'], null, 'pre-2019'],
    [[], [], null, 'unknown'],
  ])('%j %j year %s → %s', (texts, headings, year, format) => {
    expect(detectFormat(texts as string[], headings as string[], year as number | null)).toBe(format);
  });

  it('keeps every table of a report of unknown format as a generic table', () => {
    const doc: ConvertedDocument = {
      mediaType: 'text/plain',
      blocks: [p('一、总体情况'), p('无。'), { kind: 'table', rows: [['项目', '数量'], ['甲', '1']] }],
      hints: { fields: {} },
    };
    const r = buildReport(doc, 'x.txt');
    expect(r.format).toBe('unknown');
    expect(r.tables).toEqual({});
    expect(r.genericTables).toEqual([{ caption: '无。', chapterKey: 'overview', rows: [['项目', '数量'], ['甲', '1']] }]);
  });
});
