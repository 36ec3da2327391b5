/**
 * Metadata from outside the report's text (issue #11): a PDF's document properties (title and
 * creation date, as WPS and Word write them) and a web page saved as Word (breadcrumb, navigation
 * bar and 发布时间/来源 before the report). Fixtures: test/fixtures/office/make-page-shapes.mjs.
 */
import { describe, expect, it } from 'vitest';
import { importDocument } from '../../core/ingest/index.ts';
import { tableValues } from '../../core/model.ts';
import { propertyDate, specificTitle } from '../../core/import/pdf/properties.ts';
import { extractMetadata } from '../../core/parse/metadata.ts';
import { FILE_CREATED_FIELD } from '../../core/common/document.ts';
import { readFixture } from '../support/fixtures.ts';

const load = (folder: string, name: string) => importDocument(readFixture(folder, name), name);
const PREAMBLE = '本报告依据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息与政务公开办公室印发的年度报告格式（国办公开办函〔2021〕30号）编制，所列数据统计期限自2022年1月1日起至2022年12月31日止。';
const withoutSpaces = (texts: string[]) => texts.map((t) => t.replace(/\s+/g, ''));

describe('PDF document properties', () => {
  it('keeps the creation date as publishedAt and never takes the template\'s generic title property', async () => {
    const { parsed: r } = await load('office', 'songling-2022-properties.pdf');
    expect(r.title.replace(/\s+/g, '')).toBe('松岭市2022年政府信息公开工作年度报告');
    expect(r.publishedAt).toBe('2023-01-20');
    expect(r.sourceMetadata).toEqual({ 文档创建日期: '2023-01-20' });
    expect(withoutSpaces(r.preamble)).toEqual([PREAMBLE]);
  });

  it('takes the title from the properties when the report prints none', async () => {
    const { parsed: r } = await load('office', 'songling-2022-untitled.pdf');
    expect([r.title, r.body.printed, r.year, r.publishedAt]).toEqual(['松岭市2022年政府信息公开工作年度报告', '松岭市', 2022, '2023-01-21']);
    expect(withoutSpaces(r.preamble)).toEqual([PREAMBLE]);
  });

  it('a real WPS PDF: generic title property ignored, creation date kept', async () => {
    const { parsed: r } = await load('real', 'huaian-2024.pdf');
    expect(r.title).toBe('淮安市人民政府2024 年政府信息公开工作年度报告');
    expect(r.publishedAt).toBe('2025-02-25');
  });

  it('a date the report prints wins over the file\'s date', () => {
    const paragraph = (text: string) => ({ kind: 'paragraph' as const, text });
    const blocks = [paragraph('松岭市2022年政府信息公开工作年度报告'), paragraph('一、总体情况'), paragraph('松岭市人民政府办公室'), paragraph('2023年1月16日')];
    const fileDate = { fields: { [FILE_CREATED_FIELD]: '2023-01-20' } };
    expect(extractMetadata(blocks, fileDate).publishedAt).toBe('2023-01-16');
    expect(extractMetadata(blocks.slice(0, 3), fileDate).publishedAt).toBe('2023-01-20');
  });

  it.each([
    ['政府信息公开工作年度报告', null],
    ['政府信息公开年度报告', null],
    ['文档1', null],
    ['Microsoft Word - 松岭市2022年政府信息公开工作年度报告.docx', '松岭市2022年政府信息公开工作年度报告'],
    ['2022年政府信息公开工作年度报告', '2022年政府信息公开工作年度报告'],
  ])('title property %s → %s', (property, title) => {
    expect(specificTitle(property)).toBe(title);
  });

  it.each([
    ["D:20240120093000+08'00'", '2024-01-20'],
    ['D:20230120093000Z', '2023-01-20'],
    ['2024-01-20T09:30:00+08:00', '2024-01-20'],
    ['D:19990101', null],
    ['yesterday', null],
  ])('date property %s → %s', (property, date) => {
    expect(propertyDate(property)).toBe(date);
  });
});

describe('a web page saved as Word (DOCX)', () => {
  it('reads the page data as metadata and keeps breadcrumb and navigation out of title and preamble', async () => {
    const { parsed: r } = await load('office', 'songling-2022-webpage.docx');
    expect([r.title, r.body.printed, r.year]).toEqual(['松岭市2022年政府信息公开工作年度报告', '松岭市', 2022]);
    expect(r.publishedAt).toBe('2023-01-18');
    expect(r.publisher).toBe('松岭市人民政府办公室');
    expect(r.sourceMetadata).toEqual({ 发布时间: '2023-01-18', 来源: '松岭市人民政府办公室' });
    expect(r.preamble).toEqual([PREAMBLE]);
    expect(r.chapters.map((c) => c.id)).toEqual(['overview', 'proactive', 'applications', 'reviewLitigation', 'problems', 'other']);
  });

  it('reads the tables as the original', async () => {
    const [page, original] = await Promise.all([load('office', 'songling-2022-webpage.docx'), load('office', 'songling-2022.docx')]);
    expect(tableValues(page.parsed.tables)).toEqual(tableValues(original.parsed.tables));
  });
});
