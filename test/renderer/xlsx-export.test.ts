// @vitest-environment node
/** The search results and the 问题清单 as XLSX: the workbooks open in exceljs with the right cells. */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { FindingRow, SearchResult } from '../../core/api.ts';
import { checklistXlsx, onePerPair } from '../../renderer/lib/findings-list.ts';
import { resultsXlsx } from '../../renderer/lib/results-csv.ts';
import { columnLetters } from '../../renderer/lib/xlsx-table.ts';

async function open(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}

const values = (sheet: ExcelJS.Worksheet) => sheet.getSheetValues().slice(1).map((row) => (row as unknown[]).slice(1));

describe('search results as XLSX', () => {
  it('one row per hit under the header; the year is a number; markup and formula-like text stay text', async () => {
    const results = [
      { id: 'a', body: '伊春市人民政府', year: 2022, title: '伊春市2022年报告', score: 1, hitCount: 2, hits: [
        { where: 'meta', snippet: '伊春市人民政府', ranges: [] },
        { where: 'meta', snippet: '=SUM(A1) <b>&', ranges: [] },
      ] },
      { id: 'b', body: '沭阳县', year: null, title: '沭阳县报告', score: 1, hitCount: 0, hits: [] },
    ] as unknown as SearchResult[];
    const header = ['报告', '机关', '年度', '位置', '片段'];
    const workbook = await open(resultsXlsx(results, header, () => '标题', '搜索'));
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('搜索');
    expect(values(sheet)).toEqual([
      header,
      ['伊春市2022年报告', '伊春市人民政府', 2022, '标题', '伊春市人民政府'],
      ['伊春市2022年报告', '伊春市人民政府', 2022, '标题', '=SUM(A1) <b>&'],
      ['沭阳县报告', '沭阳县'],
    ]);
    expect(sheet.getCell('C2').type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getCell('E3').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('column letters go past Z', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});

describe('问题清单 as XLSX', () => {
  it('body, year, rule, severity, message and both sides (numbers) per finding, cross-year pair noted', async () => {
    const rows = [
      { reportId: 'r1', body: '伊春市', year: 2022, rule: 'applications.balance', key: 'applications.balance:natural', status: 'fail', severity: 'error', message: '自然人列：不相等。', cells: [], left: 134, right: 130 },
      { reportId: 'r2', body: '沭阳县', year: null, rule: 'chapters.missing', key: 'chapters.missing', status: 'fail', severity: 'warning', message: '缺少第五部分。', cells: [] },
    ] as unknown as FindingRow[];
    const header = ['机关', '年度', '规则', '严重程度', '说明', '左边', '右边'];
    const bytes = checklistXlsx(onePerPair(rows), {
      title: '问题清单',
      header,
      ruleName: (r) => ({ 'applications.balance': '收支平衡', 'chapters.missing': '缺少章节' })[r] ?? r,
      severity: (s) => (s === 'error' ? '错误' : '提示'),
      year: (y) => (y === null ? '—' : String(y)),
      pair: (y) => `（对照 ${y} 年报告）`,
    });
    const sheet = (await open(bytes)).worksheets[0];
    expect(sheet.name).toBe('问题清单');
    expect(values(sheet)).toEqual([
      header,
      ['伊春市', 2022, '收支平衡', '错误', '自然人列：不相等。', 134, 130],
      ['沭阳县', undefined, '缺少章节', '提示', '缺少第五部分。'],
    ]);
  });
});
