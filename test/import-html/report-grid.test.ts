import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isReportGrid } from '../../core/import/html/tables.ts';

/** The definition: two of the words anywhere in the cells joined without separators. */
const WORDS = ['申请', '公开', '复议', '诉讼', '规章', '规范性文件', '许可', '处罚', '自然人', '信息内容', '收费'];
const reference = (rows: string[][]) => WORDS.filter((w) => rows.flat().join('').includes(w)).length >= 2;

describe('isReportGrid (is an HTML table one of the report tables?)', () => {
  it('finds words split over cells and over rows, and one word twice is not two', () => {
    expect(isReportGrid([['规范', '性文件'], ['许', '可']])).toBe(true);
    expect(isReportGrid([['规范性'], ['文件', '0'], ['行政', '处罚']])).toBe(true);
    expect(isReportGrid([['申请', '申请'], ['申请']])).toBe(false);
    expect(isReportGrid([['索引号', '发布机构'], ['公开日期', '2023-01-01']])).toBe(false);
  });

  it('agrees with the definition on random tables made of word fragments', () => {
    const fragment = fc.constantFrom('申', '请', '公开', '复', '议', '规范', '性文', '件', '自然', '人', '信息内', '容', '收费', '其他', '', '12');
    const grid = fc.array(fc.array(fc.array(fragment, { maxLength: 3 }).map((parts) => parts.join('')), { minLength: 1, maxLength: 5 }), { maxLength: 6 });
    fc.assert(fc.property(grid, (rows) => isReportGrid(rows) === reference(rows)), { numRuns: 3000 });
  });
});
