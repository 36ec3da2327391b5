/**
 * Titles printed over two lines and what a web page leaves around a report (issue #11): the
 * body comes from the title, the page's data becomes metadata, its chrome is dropped. Blocks
 * as the PDF and DOCX converters give them, and plain text as a crawler or a browser saves it.
 */
import { describe, expect, it } from 'vitest';
import type { Block } from '../../core/common/document.ts';
import { buildReport } from '../../core/parse/index.ts';
import { isNavigation, takeFields } from '../../core/parse/leftovers.ts';
import { parseText } from './helpers.ts';

const p = (text: string): Block => ({ kind: 'paragraph', text });
const report = (...texts: string[]) => buildReport({ mediaType: 'application/pdf', blocks: texts.map(p), hints: { fields: {} } }, 'r.pdf');
const CHAPTERS = ['一、总体情况', '全年工作如下。', '五、存在的主要问题及改进情况', '无。'];

describe('a title printed over two lines', () => {
  it('reads body, year and title from both centred lines (淮安市人民政府 / 2024 年…年度报告)', () => {
    const r = report('淮安市人民政府', '2024 年政府信息公开工作年度报告', '本报告由淮安市人民政府办公室编制。', ...CHAPTERS);
    expect(r.title).toBe('淮安市人民政府2024 年政府信息公开工作年度报告');
    expect(r.body).toEqual({ printed: '淮安市人民政府', normalized: '淮安市人民政府' });
    expect(r.year).toBe(2024);
    expect(r.metadataConfidence).toEqual({ body: 'certain', year: 'certain' });
    expect(r.preamble).toEqual(['本报告由淮安市人民政府办公室编制。']);
  });

  it('reads body and year split across lines (某某县人民政府2023年 / 政府信息公开工作年度报告)', () => {
    const r = report('某某县人民政府2023年', '政府信息公开工作年度报告', ...CHAPTERS);
    expect([r.title, r.body.printed, r.year]).toEqual(['某某县人民政府2023年政府信息公开工作年度报告', '某某县人民政府', 2023]);
    expect(r.preamble).toEqual([]);
  });

  it('reads a title whose last words are on the next line (…政府信息公开 / 工作年度报告)', () => {
    const r = report('某某区商务局2022年政府信息公开', '工作年度报告', ...CHAPTERS);
    expect([r.title, r.body.printed, r.year]).toEqual(['某某区商务局2022年政府信息公开工作年度报告', '某某区商务局', 2022]);
  });

  it('does not join a sentence before a complete title', () => {
    const r = report('根据条例规定，现予公布', '某某县2023年政府信息公开工作年度报告', ...CHAPTERS);
    expect([r.title, r.body.printed]).toEqual(['某某县2023年政府信息公开工作年度报告', '某某县']);
    expect(r.preamble).toEqual(['根据条例规定，现予公布']);
  });
});

describe('a report printed or saved from a web page', () => {
  it('keeps 发布时间 / 来源 / 浏览次数 as metadata, drops navigation, breadcrumbs and 打印/关闭, never in title or preamble', () => {
    const r = report(
      '首页 | 政务公开 | 互动交流 | 无障碍浏览',
      '当前位置：首页>政务公开>政府信息公开年报',
      '某某县发展和改革局2023年政府信息公开工作年度报告',
      '发布时间：2024-01-18 09:30:12 来源：某某县人民政府办公室 浏览次数：321',
      '【打印】 【关闭】',
      '根据《条例》规定，编制本报告。',
      ...CHAPTERS,
      '某某县发展和改革局',
      '2024年1月18日',
      '版权所有：某某县人民政府 网站标识码：3213220001',
    );
    expect(r.title).toBe('某某县发展和改革局2023年政府信息公开工作年度报告');
    expect(r.body.printed).toBe('某某县发展和改革局');
    expect(r.publisher).toBe('某某县人民政府办公室');
    expect(r.publishedAt).toBe('2024-01-18');
    expect(r.preamble).toEqual(['根据《条例》规定，编制本报告。']);
    expect(r.sourceMetadata).toEqual({ 发布时间: '2024-01-18 09:30:12', 来源: '某某县人民政府办公室', 浏览次数: '321', 网站标识码: '3213220001' });
    expect(r.chapters.at(-1)!.paragraphs).toEqual(['无。', '某某县发展和改革局', '2024年1月18日']);
  });

  it('cuts the page data off a title line and a crawler header (URL, 发布时间) off the text', async () => {
    const r = await parseText(
      'https://www.example.gov.cn/art/2024/1/20/art_1_2.html\n某某县2023年政府信息公开工作年度报告 发布时间：2024年1月20日 来源：某某县人民政府\n一、总体情况\n无。\n',
    );
    expect(r.title).toBe('某某县2023年政府信息公开工作年度报告');
    expect(r.body.printed).toBe('某某县');
    expect(r.publisher).toBe('某某县人民政府');
    expect(r.publishedAt).toBe('2024-01-20');
    expect(r.preamble).toEqual([]);
    expect(r.sourceMetadata).toEqual({ 网址: 'https://www.example.gov.cn/art/2024/1/20/art_1_2.html', 发布时间: '2024年1月20日', 来源: '某某县人民政府' });
  });

  it('uses the publisher as the body only when the title names none', () => {
    const r = report('政府信息公开工作年度报告', '发布机构：某某市统计局', '2023年度报告如下。', ...CHAPTERS);
    expect(r.body.printed).toBe('某某市统计局');
    expect(r.metadataConfidence.body).toBe('guessed');
  });

  it('leaves the report\'s own sentences alone', () => {
    const fields: Record<string, string> = {};
    expect(takeFields('如对本报告有疑问，请与办公室联系（地址：某路1号，电话：0517-1234）。', fields)).toBeNull();
    expect(takeFields('中小企业服务情况', fields)).toBeNull();
    expect(fields).toEqual({});
    expect(isNavigation('一是加强 二是完善 三是落实')).toBe(false);
    expect(isNavigation('首页 > 政务公开 > 信息公开年报')).toBe(true);
  });
});
