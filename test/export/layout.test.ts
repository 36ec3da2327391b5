import { describe, expect, it } from 'vitest';
import { layoutGrid, layoutTable, valueCells, type LayoutCell, type TableLayout } from '../../core/export/layout.ts';
import { seedLikeReport } from './fixture.ts';

function spanOf(layout: TableLayout, text: string): { rowSpan: number; colSpan: number; kind: string } {
  const cell = layout.rows.flatMap((r) => r.cells).find((c): c is Exclude<LayoutCell, { kind: 'value' }> => c.kind !== 'value' && c.text === text);
  if (!cell) throw new Error(`no cell ${text}`);
  return { rowSpan: cell.rowSpan, colSpan: cell.colSpan, kind: cell.kind };
}

describe('official table layout', () => {
  const report = seedLikeReport();

  it('三 (2021): merged headers, 25 body rows, grouped labels with their numbering', () => {
    const layout = layoutTable(report, 'applications')!;
    expect(layout.columnCount).toBe(10);
    expect(layout.rows.filter((r) => r.kind === 'header')).toHaveLength(3);
    expect(layout.rows.filter((r) => r.kind === 'body')).toHaveLength(25);
    expect(spanOf(layout, '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）')).toEqual({ kind: 'header', rowSpan: 3, colSpan: 3 });
    expect(spanOf(layout, '申请人情况')).toEqual({ kind: 'header', rowSpan: 1, colSpan: 7 });
    expect(spanOf(layout, '自然人')).toEqual({ kind: 'header', rowSpan: 2, colSpan: 1 });
    expect(spanOf(layout, '法人或其他组织')).toEqual({ kind: 'header', rowSpan: 1, colSpan: 5 });
    expect(spanOf(layout, '总计')).toEqual({ kind: 'header', rowSpan: 2, colSpan: 1 });
    expect(spanOf(layout, '三、本年度办理结果')).toEqual({ kind: 'label', rowSpan: 22, colSpan: 1 });
    expect(spanOf(layout, '（三）不予公开')).toEqual({ kind: 'label', rowSpan: 8, colSpan: 1 });
    expect(spanOf(layout, '（四）无法提供')).toEqual({ kind: 'label', rowSpan: 3, colSpan: 1 });
    expect(spanOf(layout, '（五）不予处理')).toEqual({ kind: 'label', rowSpan: 5, colSpan: 1 });
    expect(spanOf(layout, '（六）其他处理')).toEqual({ kind: 'label', rowSpan: 3, colSpan: 1 });
    expect(spanOf(layout, '一、本年新收政府信息公开申请数量')).toEqual({ kind: 'label', rowSpan: 1, colSpan: 3 });
    expect(spanOf(layout, '（一）予以公开')).toEqual({ kind: 'label', rowSpan: 1, colSpan: 2 });
    expect(spanOf(layout, '（七）总计')).toEqual({ kind: 'label', rowSpan: 1, colSpan: 2 });
    expect(spanOf(layout, '1.属于国家秘密')).toEqual({ kind: 'label', rowSpan: 1, colSpan: 1 });
    // the grid is fully covered, each body row has 7 value cells carrying their CellRef
    const grid = layoutGrid(layout);
    expect(grid.every((row) => row.every((slot) => slot !== null))).toBe(true);
    const thirdParty = layout.rows.find((r) => r.rowId === 'denied.thirdParty')!;
    const values = thirdParty.cells.filter((c) => c.kind === 'value');
    expect(values.map((c) => c.kind === 'value' && c.ref)).toEqual(
      ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other', 'total'].map((column) => ({ table: 'applications', row: 'denied.thirdParty', column })),
    );
    expect(values.map((c) => c.kind === 'value' && c.text)).toEqual(['7', '0', '0', '0', '0', '0', '7']);
  });

  it('三 (2019 trial): （六）其他处理 is one row, so 三、本年度办理结果 spans 20 rows', () => {
    const layout = layoutTable({ ...report, format: '2019-trial' }, 'applications')!;
    expect(layout.rows.filter((r) => r.kind === 'body')).toHaveLength(23);
    expect(spanOf(layout, '三、本年度办理结果').rowSpan).toBe(20);
    expect(spanOf(layout, '（六）其他处理')).toEqual({ kind: 'label', rowSpan: 1, colSpan: 2 });
  });

  it('四: 行政复议 (5) / 行政诉讼 over two groups of 5, one body row of 15 cells', () => {
    const layout = layoutTable(report, 'reviewLitigation')!;
    expect(layout.columnCount).toBe(15);
    expect(spanOf(layout, '行政复议')).toEqual({ kind: 'header', rowSpan: 1, colSpan: 5 });
    expect(spanOf(layout, '行政诉讼')).toEqual({ kind: 'header', rowSpan: 1, colSpan: 10 });
    expect(spanOf(layout, '未经复议直接起诉')).toEqual({ kind: 'header', rowSpan: 1, colSpan: 5 });
    expect(spanOf(layout, '复议后起诉')).toEqual({ kind: 'header', rowSpan: 1, colSpan: 5 });
    expect(layout.rows[1].cells.slice(0, 5).map((c) => c.rowSpan)).toEqual([2, 2, 2, 2, 2]);
    const body = layout.rows.filter((r) => r.kind === 'body');
    expect(body).toHaveLength(1);
    expect(body[0].cells).toHaveLength(15);
    expect(body[0].cells.map((c) => (c.kind === 'value' ? `${c.ref.row}.${c.ref.column}=${c.text}` : ''))).toEqual([
      'review.upheld=2', 'review.corrected=1', 'review.other=0', 'review.pending=2', 'review.total=5',
      'litigationDirect.upheld=0', 'litigationDirect.corrected=0', 'litigationDirect.other=0', 'litigationDirect.pending=1', 'litigationDirect.total=1',
      'litigationAfterReview.upheld=0', 'litigationAfterReview.corrected=0', 'litigationAfterReview.other=0', 'litigationAfterReview.pending=0', 'litigationAfterReview.total=0',
    ]);
  });

  it('二: sections with their own column headers; cells shown as printed', () => {
    const layout = layoutTable(report, 'proactive')!;
    expect(layout.rows.filter((r) => r.kind === 'section').map((r) => (r.cells[0] as { text: string }).text)).toEqual([
      '第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项',
    ]);
    expect(layout.rows.filter((r) => r.kind === 'section').every((r) => r.cells[0].colSpan === 4)).toBe(true);
    const byKey = new Map(valueCells(layout).map((c) => [`${c.ref.row}.${c.ref.column}`, c]));
    expect(byKey.get('regulations.issued')).toMatchObject({ text: '/', numeric: false });
    expect(byKey.get('regulations.inForce')).toMatchObject({ text: '', numeric: false });
    expect(byKey.get('normativeDocuments.repealed')).toMatchObject({ text: '55（含自然失效29件）', plain: '55（含自然失效29件）', numeric: true });
    expect(byKey.get('penalty.decisions')).toMatchObject({ text: '72,105', plain: '72105', numeric: true, colSpan: 3 });
    expect(byKey.get('fees.amountWan')).toMatchObject({ text: '15781.34226', colSpan: 3 });
    const trial = layoutTable({ ...report, format: '2019-trial' }, 'proactive')!;
    const trialSections = trial.rows.filter((r) => r.kind === 'section').map((r) => (r.cells[0] as { text: string }).text);
    expect(trialSections).toContain('第二十条第（九）项');
    expect(trial.rows.some((r) => r.cells.some((c) => c.kind === 'header' && c.text === '本年增/减'))).toBe(true);
  });

  it('has no layout for formats without the template', () => {
    expect(layoutTable({ ...report, format: 'pre-2019' }, 'applications')).toBeNull();
  });
});
