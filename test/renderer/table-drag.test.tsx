/** Issue 13: dragging across table cells selects their range, and Ctrl+C copies that range. */
import './setup.ts';
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../renderer/i18n.tsx';
import { layoutTable } from '../../renderer/table/layout.ts';
import { TableView } from '../../renderer/table/TableView.tsx';
import { sampleReport } from './fixtures.ts';

afterEach(cleanup);

function renderApplications() {
  const onCopyCells = vi.fn();
  const utils = render(
    <I18nProvider lang="zh">
      <TableView layout={layoutTable(sampleReport(), 'applications')!} onCopyCells={onCopyCells} />
    </I18nProvider>,
  );
  const cell = (row: string, column: string) => utils.container.querySelector<HTMLElement>(`td[data-cell="applications:${row}:${column}"]`)!;
  return { ...utils, cell, onCopyCells };
}

describe('Table view: drag selection', () => {
  it('selects the rectangle from the pressed cell to the one the mouse is over, and Ctrl+C copies exactly it', () => {
    const { cell, onCopyCells, container } = renderApplications();
    fireEvent.mouseDown(cell('received', 'natural'), { button: 0, buttons: 1 });
    fireEvent.mouseOver(cell('received', 'research'), { buttons: 1 });
    fireEvent.mouseOver(cell('carriedOver', 'nonprofit'), { buttons: 1 });
    fireEvent.mouseUp(window);
    expect(container.querySelectorAll('td.sel')).toHaveLength(8);
    expect(cell('carriedOver', 'nonprofit').getAttribute('aria-selected')).toBe('true');
    expect(cell('carriedOver', 'legal').getAttribute('aria-selected')).toBeNull();
    fireEvent.keyDown(cell('received', 'natural'), { key: 'c', ctrlKey: true });
    expect(onCopyCells).toHaveBeenCalledTimes(1);
    const [payload, count] = onCopyCells.mock.calls[0];
    expect(count).toBe(8);
    // Hand-checked against the sample report: 自然人 … 社会公益组织 of 新收 and 上年结转 (研究机构 of 结转 blank).
    expect(payload.text).toBe('134\t3\t0\t1\n0\t0\t\t0');
  });

  it('moving the mouse without the button pressed, after the drag ended, changes nothing', () => {
    const { cell, container } = renderApplications();
    fireEvent.mouseDown(cell('received', 'natural'), { button: 0, buttons: 1 });
    fireEvent.mouseUp(window);
    fireEvent.mouseOver(cell('carriedOver', 'nonprofit'), { buttons: 0 });
    expect(container.querySelectorAll('td.sel')).toHaveLength(1);
  });
});
