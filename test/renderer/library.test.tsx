import './setup.ts';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CatalogueEntry } from '../../core/model.ts';
import { DEFAULT_QUERY, facets, filterAndSort } from '../../renderer/lib/library.ts';
import { Library } from '../../renderer/views/Library.tsx';
import { entry, fakeApi, stubElementSize } from './fixtures.ts';
import { renderWith } from './render.tsx';

afterEach(cleanup);

// jsdom does no layout: give the library's scroll area a size so the virtualizer renders rows.
beforeAll(() => stubElementSize(1000, 700));

const ENTRIES: CatalogueEntry[] = [
  entry({ id: 'a', body: '伊春市', year: 2022, findings: 2, errors: 0, importedAt: '2026-11-03T00:00:00Z' }),
  entry({ id: 'b', body: '伊春市', year: 2021, findings: 0, importedAt: '2026-11-01T00:00:00Z' }),
  entry({ id: 'c', body: '上海市人民政府办公厅', year: 2019, findings: 5, errors: 2, format: '2019-trial', importedAt: '2026-11-02T00:00:00Z' }),
  entry({ id: 'd', body: '沭阳县发展和改革局', year: 2023, findings: 1, errors: 1, version: 2, importedAt: '2026-11-04T00:00:00Z' }),
];
const ids = (rows: CatalogueEntry[]) => rows.map((r) => r.id);

describe('Library filtering and sorting', () => {
  it('filters by text, year and body', () => {
    expect(ids(filterAndSort(ENTRIES, { ...DEFAULT_QUERY, text: '伊春' }))).toEqual(['b', 'a']);
    expect(ids(filterAndSort(ENTRIES, { ...DEFAULT_QUERY, text: '上海 2019' }))).toEqual(['c']);
    expect(ids(filterAndSort(ENTRIES, { ...DEFAULT_QUERY, year: 2022 }))).toEqual(['a']);
    expect(ids(filterAndSort(ENTRIES, { ...DEFAULT_QUERY, body: '伊春市', year: 2021 }))).toEqual(['b']);
    expect(ids(filterAndSort(ENTRIES, { ...DEFAULT_QUERY, text: '不存在' }))).toEqual([]);
  });

  it('sorts by body, year, import date and number of findings', () => {
    // By body (Chinese collation: 上 shàng, 沭 shù, 伊 yī), then year within a body.
    expect(ids(filterAndSort(ENTRIES, { ...DEFAULT_QUERY, sort: 'body' }))).toEqual(['c', 'd', 'b', 'a']);
    expect(ids(filterAndSort(ENTRIES, { ...DEFAULT_QUERY, sort: 'year', descending: true }))).toEqual(['d', 'a', 'b', 'c']);
    expect(ids(filterAndSort(ENTRIES, { ...DEFAULT_QUERY, sort: 'imported' }))).toEqual(['b', 'c', 'a', 'd']);
    expect(ids(filterAndSort(ENTRIES, { ...DEFAULT_QUERY, sort: 'findings', descending: true }))).toEqual(['c', 'a', 'd', 'b']);
  });

  it('counts facets under the other filters', () => {
    const f = facets(ENTRIES, { ...DEFAULT_QUERY, body: '伊春市' });
    expect(f.years.map((y) => [y.value, y.count])).toEqual([
      [2022, 1],
      [2021, 1],
    ]);
    expect(f.bodies.find((b) => b.value === '伊春市')!.count).toBe(2);
  });

  // How fast this is at 10,000 reports is measured by `npm run bench -- ui`, not asserted here.
  it('filters, sorts and counts facets over 10,000 reports', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => entry({ id: `r${i}`, body: `机关${i % 997}`, year: 2015 + (i % 9), findings: i % 7 }));
    const rows = filterAndSort(many, { ...DEFAULT_QUERY, text: '机关1', sort: 'findings', descending: true });
    expect(rows).toHaveLength(many.filter((e) => e.body.includes('机关1')).length);
    expect(rows.every((r) => r.body.includes('机关1'))).toBe(true);
    const findings = rows.map((r) => r.findings);
    expect(findings).toEqual([...findings].sort((a, b) => b - a));
    const all = facets(many, DEFAULT_QUERY);
    expect(all.years.reduce((n, y) => n + y.count, 0)).toBe(10_000);
    expect(all.bodies).toHaveLength(997);
  });
});

describe('Library view', () => {
  it('lists reports with badges, filters by facet and text, and sorts by findings', async () => {
    const api = fakeApi([]);
    api.listReports = vi.fn(async () => ENTRIES);
    const onOpen = vi.fn();
    renderWith(api, <Library revision={0} onOpen={onOpen} onChanged={() => {}} />);
    const options = await screen.findAllByRole('option');
    expect(options.map((o) => o.dataset.id)).toEqual(['c', 'd', 'b', 'a']);
    expect(options[1].textContent).toContain('第 2 版');
    expect(options[0].textContent).toContain('5 个问题');
    expect(options[2].textContent).toContain('无问题');

    fireEvent.click(screen.getByRole('button', { name: /^2022/ }));
    await waitFor(() => expect(screen.getAllByRole('option').map((o) => o.dataset.id)).toEqual(['a']));
    fireEvent.click(screen.getByRole('button', { name: '全部年度' }));
    fireEvent.change(screen.getByLabelText('筛选机关、标题…'), { target: { value: '伊春' } });
    await waitFor(() => expect(screen.getAllByRole('option').map((o) => o.dataset.id)).toEqual(['b', 'a']));
    fireEvent.change(screen.getByLabelText('筛选机关、标题…'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: /问题/ }));
    await waitFor(() => expect(screen.getAllByRole('option').map((o) => o.dataset.id)).toEqual(['c', 'a', 'd', 'b']));

    fireEvent.keyDown(screen.getAllByRole('option')[0], { key: 'Enter' });
    expect(onOpen).toHaveBeenCalledWith('c');
  });

  it('removes selected reports and offers undo', async () => {
    const api = fakeApi([]);
    api.listReports = vi.fn(async () => ENTRIES);
    const onChanged = vi.fn();
    renderWith(api, <Library revision={0} onOpen={() => {}} onChanged={onChanged} />);
    const options = await screen.findAllByRole('option');
    fireEvent.keyDown(options[0], { key: ' ' });
    fireEvent.keyDown(options[0], { key: 'ArrowDown', shiftKey: true });
    await waitFor(() => expect(screen.getByText(/已选 2 份/)).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: '删除所选' }));
    // Asks first, naming the count; nothing is removed before the answer.
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toContain('删除 2 份报告？可在回收站中恢复');
    expect(api.removeReports).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole('button', { name: '删除' }));
    await waitFor(() => expect(api.removeReports).toHaveBeenCalledWith(['c', 'd']));
    fireEvent.click(await screen.findByRole('button', { name: '撤销' }));
    await waitFor(() => expect(api.undoRemove).toHaveBeenCalledWith('u1'));
    expect(onChanged).toHaveBeenCalledTimes(2);
  });
});
