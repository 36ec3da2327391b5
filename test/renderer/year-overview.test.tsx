/**
 * 年度总览 over many rows: only the rows in view are drawn, while sorting, filtering, totals and
 * copy work over every row; unknown figures stay 未知, rates that cannot be computed say
 * 无法计算 and why, outliers carry their sentence.
 */
import './setup.ts';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CELL_IDS } from '../../core/compare/cells.ts';
import { buildYearOverview, type OverviewInput } from '../../core/compare/overview.ts';
import { YearOverviewPanel } from '../../renderer/views/YearOverviewPanel.tsx';
import { fakeApi, fakeShell, stubElementSize } from './fixtures.ts';
import { renderWith } from './render.tsx';

afterEach(cleanup);

beforeAll(() => stubElementSize(1200, 600));

const ROWS = 1000;
const R = (row: string) => `applications.${row}.total`;
/** Cell values in CELL_IDS order, unknown where not given. */
const valuesOf = (cells: Record<string, number | null>) => CELL_IDS.map((id) => cells[id] ?? null);

/** Body i received i+1 applications and granted all of them; body 7 printed no 新收; body 3 received 50× its previous year; bodies 1 and 2 are under body 0. */
function inputs(): OverviewInput[] {
  return Array.from({ length: ROWS }, (_, i) => ({
    id: `2023-${String(i).padStart(5, '0')}`,
    bodyId: `机关${String(i).padStart(5, '0')}`,
    body: `机关${String(i).padStart(5, '0')}`,
    parent: i === 1 || i === 2 ? '机关00000' : null,
    values: valuesOf({ [R('received')]: i === 7 ? null : i + 1, [R('granted')]: i + 1, [R('partial')]: 0, [R('resultTotal')]: i + 1 }),
    previousValues: i === 3 ? valuesOf({ [R('received')]: 0.08 }) : null,
  }));
}

function render() {
  const api = fakeApi([]);
  api.yearOverview = vi.fn(async () => ({ year: 2023, ...buildYearOverview(inputs()) }));
  const shell = fakeShell();
  renderWith(api, <YearOverviewPanel bodies={[{ id: 'x', name: 'x', names: ['x'], parent: null, reports: ROWS, versions: ROWS, years: [2023] }]} onOpen={() => {}} />, { shell });
  return { shell };
}

/** A button by its text (getByRole walks the accessibility tree of every drawn cell: slow in jsdom). */
const button = (text: string) => [...document.querySelectorAll('button')].find((b) => b.textContent === text)!;
const totalsLabel = () => document.querySelector('.overview-table tfoot .totals-row th')?.textContent;
const drawn = () => [...document.querySelectorAll<HTMLTableRowElement>('.overview-table tbody tr[data-id]')];

describe('year overview of 1,000 reports', () => {
  it('draws only the rows in view, with unknown figures, rates that cannot be computed and outliers explained', async () => {
    render();
    await waitFor(() => expect(drawn().length).toBeGreaterThan(0));
    expect(drawn().length).toBeLessThan(60);
    expect(totalsLabel()).toBe(`合计（${ROWS}）`);

    const unknown = document.querySelector('tr[data-id="2023-00007"] td[data-figure="received"]')!;
    expect(unknown.textContent).toBe('未知');
    const rate = document.querySelector('tr[data-id="2023-00000"] td[data-rate="reviewCorrection"] .unknown')!;
    expect(rate.textContent).toBe('无法计算');
    expect(rate.getAttribute('title')).toBe('无法计算：复议纠正、行政复议未知');
    expect(document.querySelector('tr[data-id="2023-00001"] td[data-rate="substantiveDisclosure"]')!.textContent).toBe('100%');
    const outlier = document.querySelector('tr[data-id="2023-00003"] td[data-figure="received"]')!;
    expect(outlier.className).toContain('outlier');
    expect(outlier.getAttribute('title')).toBe('新收 4 超过上年 0.08 的 5 倍');
  });

  it('shows a parent’s own figures beside the sum of its subordinates', async () => {
    render();
    await waitFor(() => expect(drawn().length).toBeGreaterThan(0));
    fireEvent.click(button('显示上级机关的本级 / 下级合计（1）'));
    const row = await waitFor(() => document.querySelector<HTMLTableRowElement>('.overview-table tfoot .parent-row')!);
    expect(row.querySelector('th')!.textContent).toBe('机关00000：本级 / 下级合计（2）');
    const cells = [...row.querySelectorAll('td.num')].map((td) => td.textContent);
    expect(cells[0]).toBe('1 / 5'); // 新收: its own 1, its subordinates 2 + 3
    expect(cells[1]).toBe('未知 / 未知'); // 上年结转 printed by none of them
  });

  it('sorts and filters over every row, and copies every row that passes the filter', async () => {
    const { shell } = render();
    await waitFor(() => expect(drawn().length).toBeGreaterThan(0));
    fireEvent.click(button('新收'));
    // Largest first over all 1,000 rows (the last body), the unknown one last.
    await waitFor(() => expect(drawn()[0].dataset.id).toBe('2023-00999'));

    fireEvent.change(screen.getByLabelText('筛选机关'), { target: { value: '机关001' } });
    await waitFor(() => expect(totalsLabel()).toBe(`合计（${ROWS}，筛选前）`));
    expect(drawn().map((r) => r.dataset.id)).toEqual(Array.from({ length: 100 }, (_, i) => `2023-${String(199 - i).padStart(5, '0')}`).slice(0, drawn().length));

    fireEvent.click(button('复制（TSV/HTML）'));
    await waitFor(() => expect(shell.clipboard).toHaveLength(1));
    const lines = shell.clipboard[0].text.split('\n');
    expect(lines).toHaveLength(101); // header + the 100 bodies 机关00100–机关00199, drawn or not
    expect(lines[1].split('\t').slice(0, 2)).toEqual(['机关00199', '200']);
    expect(lines[100].split('\t').slice(0, 2)).toEqual(['机关00100', '101']);
  });
});
