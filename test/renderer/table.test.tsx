import './setup.ts';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { findingsOf } from '../../core/model.ts';
import { APPLICATIONS_2021, REVIEW_LITIGATION } from '../../core/spec.ts';
import { I18nProvider } from '../../renderer/i18n.tsx';
import { cellKey, layoutTable } from '../../renderer/table/layout.ts';
import { TableView } from '../../renderer/table/TableView.tsx';
import { APPLICATION_FIGURES, BALANCE_ERROR, BLANK_CELL, MISMATCH, SLASH_CELL, sampleReport } from './fixtures.ts';

afterEach(cleanup);

function renderTable(tableId: 'applications' | 'reviewLitigation' | 'proactive') {
  const report = sampleReport();
  const findings = findingsOf(report);
  const byCell = new Map<string, typeof findings>();
  for (const f of findings) for (const c of f.cells) byCell.set(cellKey(c), [...(byCell.get(cellKey(c)) ?? []), f]);
  const layout = layoutTable(report, tableId)!;
  const utils = render(
    <I18nProvider lang="zh">
      <TableView layout={layout} findingsByCell={byCell} />
    </I18nProvider>,
  );
  const cell = (row: string, column: string) => utils.container.querySelector<HTMLTableCellElement>(`td[data-cell="${tableId}:${row}:${column}"]`)!;
  return { ...utils, cell, layout };
}

describe('Table view of 三 (applications) in the official layout', () => {
  it('has the merged headers of the template', () => {
    const { container } = renderTable('applications');
    const th = (text: string) => [...container.querySelectorAll('th')].find((e) => e.textContent === text)!;
    expect(th('申请人情况').colSpan).toBe(7);
    expect(th('法人或其他组织').colSpan).toBe(5);
    expect(th('自然人').rowSpan).toBe(2);
    expect(th('总计').rowSpan).toBe(2);
    const note = th('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect([note.rowSpan, note.colSpan]).toEqual([3, 3]);
    // The grouped rows: 三、本年度办理结果 spans granted … resultTotal (22 rows in 2021), （三）不予公开 its 8 numbered rows.
    expect(th('三、本年度办理结果').rowSpan).toBe(22);
    expect(th('（三）不予公开').rowSpan).toBe(8);
    expect(th('（四）无法提供').rowSpan).toBe(3);
    expect(th('（五）不予处理').rowSpan).toBe(5);
    expect(th('（六）其他处理').rowSpan).toBe(3);
    expect(th('1.属于国家秘密')).toBeTruthy();
    expect(th('一、本年新收政府信息公开申请数量').colSpan).toBe(3);
    expect(th('（一）予以公开').colSpan).toBe(2);
  });

  it('shows every value cell with its number, right-aligned as a number', () => {
    const { cell } = renderTable('applications');
    for (const row of APPLICATIONS_2021.rows) {
      row.columns.forEach((column, i) => {
        const td = cell(row.id, column.id);
        const isSpecial = (row.id === BLANK_CELL.row && column.id === BLANK_CELL.column) || (row.id === SLASH_CELL.row && column.id === SLASH_CELL.column);
        if (isSpecial) return;
        expect(td.querySelector('.cell-text')!.textContent, `${row.id}.${column.id}`).toBe(String(APPLICATION_FIGURES[row.id][i]));
        expect(td.classList.contains('num')).toBe(true);
      });
    }
    const text = (row: string, column: string) => cell(row, column).querySelector('.cell-text')!.textContent;
    expect(text('received', 'natural')).toBe('134');
    expect(text('received', 'total')).toBe('138');
    expect(text('unavailable.notHeld', 'total')).toBe('25');
  });

  it('shows blank and "/" cells as printed, not as 0', () => {
    const { cell } = renderTable('applications');
    const blank = cell(BLANK_CELL.row, BLANK_CELL.column);
    expect(blank.querySelector('.cell-text')!.textContent).toBe('');
    expect(blank.classList.contains('s-blank')).toBe(true);
    const slash = cell(SLASH_CELL.row, SLASH_CELL.column);
    expect(slash.querySelector('.cell-text')!.textContent).toBe('/');
    expect(slash.classList.contains('s-slash')).toBe(true);
    expect(slash.classList.contains('num')).toBe(false);
  });

  it('highlights cells involved in a finding and explains the rule on hover and keyboard focus', () => {
    const { cell } = renderTable('applications');
    const flagged = cell('received', 'natural');
    expect(flagged.classList.contains('flag-error')).toBe(true);
    expect(flagged.title).toContain(BALANCE_ERROR.message);
    const tipId = flagged.getAttribute('aria-describedby')!;
    const tip = document.getElementById(tipId)!;
    expect(tip.getAttribute('role')).toBe('tooltip');
    expect(tip.textContent).toContain('收支平衡');
    expect(tip.textContent).toContain(BALANCE_ERROR.message);
    // Focusable so that keyboard users reach the explanation.
    expect(flagged.tabIndex === 0 || flagged.tabIndex === -1).toBe(true);
    const clean = cell('received', 'commercial');
    expect(clean.classList.contains('flag')).toBe(false);
    expect(clean.hasAttribute('aria-describedby')).toBe(false);
  });
});

describe('Table view of 四 (reviewLitigation)', () => {
  it('has the three groups of merged headers and one value per column', () => {
    const { container, cell } = renderTable('reviewLitigation');
    const th = (text: string) => [...container.querySelectorAll('th')].filter((e) => e.textContent === text);
    expect(th('行政复议')[0].colSpan).toBe(5);
    expect(th('行政诉讼')[0].colSpan).toBe(10);
    expect(th('未经复议直接起诉')[0].colSpan).toBe(5);
    expect(th('复议后起诉')[0].colSpan).toBe(5);
    expect(th('结果维持')).toHaveLength(3);
    expect(th('结果维持')[0].rowSpan).toBe(2);
    expect(container.querySelectorAll('td[data-cell]')).toHaveLength(REVIEW_LITIGATION.rows.length * 5);
    expect(cell('review', 'total').querySelector('.cell-text')!.textContent).toBe('5');
    // Unreadable cells are empty and flagged by the narrative finding, never shown as 0.
    const missing = cell('litigationAfterReview', 'total');
    expect(missing.querySelector('.cell-text')!.textContent).toBe('');
    expect(missing.classList.contains('flag-warning')).toBe(true);
    expect(within(missing).getByRole('tooltip').textContent).toContain(MISMATCH.message);
  });
});

describe('Table view of 二 (proactive)', () => {
  it('shows section rows and the decimal fee amount', () => {
    const { container, cell } = renderTable('proactive');
    expect([...container.querySelectorAll('th')].find((e) => e.textContent === '第二十条第（一）项')!.colSpan).toBe(4);
    expect(cell('normativeDocuments', 'issued').textContent).toBe('147');
    expect(cell('fees', 'amountWan').textContent).toBe('15781.34226');
    expect(screen.getAllByText('信息内容').length).toBeGreaterThanOrEqual(4);
  });
});
