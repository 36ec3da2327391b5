/**
 * Every version of a report stays reachable (issue #10): the reader lists the versions of its
 * body+year, opens any of them and shows what changed between two (cells and text); the library
 * expands a row with older versions, by mouse and by keyboard.
 */
import './setup.ts';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { compareReports } from '../../core/compare/side-by-side.ts';
import type { Report } from '../../core/model.ts';
import { Library } from '../../renderer/views/Library.tsx';
import { Reader } from '../../renderer/views/Reader.tsx';
import { entry, fakeApi, sampleReport, stubElementSize } from './fixtures.ts';
import { renderWith } from './render.tsx';

afterEach(cleanup);

beforeAll(() => stubElementSize(1000, 700));

/** Version 1 as first published; version 2 corrects 新收 (自然人) and rewrites a sentence of chapter 五. */
function twoVersions(): [Report, Report] {
  const v1 = sampleReport({ id: 'v1', version: 1, importedAt: '2026-11-01T00:00:00.000Z', source: { ...sampleReport().source, fileName: '伊春市2022年报.html' } });
  const base = sampleReport();
  const applications = structuredClone(base.tables.applications!);
  applications.cells.received.natural = { value: 140, state: 'number', raw: '140' };
  const chapters = base.chapters.map((c) => (c.id === 'problems' ? { ...c, paragraphs: ['政务公开队伍专业化能力还需进一步提高。'] } : c));
  const v2 = sampleReport({ id: 'v2', version: 2, tables: { ...base.tables, applications }, chapters, importedAt: '2026-11-20T00:00:00.000Z' });
  return [v1, v2];
}

function apiOver(reports: Report[]) {
  const api = fakeApi(reports);
  const byId = new Map(reports.map((r) => [r.id, r]));
  api.compareReports = vi.fn(async (a: string, b: string) => compareReports(byId.get(a)!, byId.get(b)!));
  return api;
}

describe('versions in the reader', () => {
  it('lists every version of the body+year, opens another, and shows what changed (cells and text)', async () => {
    const [v1, v2] = twoVersions();
    const api = apiOver([v1, v2]);
    const onOpen = vi.fn();
    renderWith(api, <Reader id="v2" onOpen={onOpen} />);

    fireEvent.click(await screen.findByRole('button', { name: '版本（2）' }));
    const panel = screen.getByTestId('versions-panel');
    const items = within(panel).getAllByRole('listitem');
    expect(items.map((li) => li.dataset.version)).toEqual(['2', '1']);
    expect(items[0].getAttribute('aria-current')).toBe('true');
    expect(items[1].textContent).toContain('伊春市2022年报.html');

    fireEvent.click(within(items[1]).getByRole('button', { name: '打开 第 1 版' }));
    expect(onOpen).toHaveBeenCalledWith('v1');

    fireEvent.click(within(items[1]).getByRole('button', { name: '与第 1 版比较' }));
    const diff = await screen.findByTestId('version-diff');
    expect(api.compareReports).toHaveBeenCalledWith('v1', 'v2');
    expect(diff.textContent).toContain('第 1 版 → 第 2 版 的变化');
    // Only the corrected cell differs, both values shown.
    const rows = diff.querySelectorAll('tbody tr');
    expect([...rows].map((r) => r.getAttribute('data-cell'))).toEqual(['applications.received.natural']);
    expect([...rows[0].querySelectorAll('td')].map((td) => td.textContent)).toEqual(['134', '140']);
    // Chapter 五: the old sentence removed, the new one added; unchanged chapters say so.
    const problems = diff.querySelector('details[data-chapter="problems"]')!;
    expect(problems.querySelector('del')!.textContent).toBe('政务公开工作虽然取得一定成效，但仍存在一些不足。');
    expect(problems.querySelector('ins')!.textContent).toBe('政务公开队伍专业化能力还需进一步提高。');
    expect(diff.querySelector('details[data-chapter="overview"] summary')!.textContent).toContain('（相同）');
  });

  it('shows no versions menu for a report with one version', async () => {
    const api = apiOver([sampleReport()]);
    renderWith(api, <Reader id="r-yichun-2022" onOpen={() => {}} />);
    await screen.findByRole('heading', { level: 1 });
    await waitFor(() => expect(api.listVersions).toHaveBeenCalledWith('r-yichun-2022'));
    expect(screen.queryByRole('button', { name: /^版本/ })).toBeNull();
  });
});

describe('versions in the library', () => {
  const LATEST = entry({ id: 'v2', body: '伊春市', year: 2022, version: 2 });
  const OLDER = entry({ id: 'v1', body: '伊春市', year: 2022, version: 1, latest: false });
  const OTHER = entry({ id: 'x', body: '沭阳县', year: 2022 });

  function library() {
    const api = fakeApi([]);
    api.listReports = vi.fn(async () => [LATEST, OTHER]);
    api.listVersions = vi.fn(async () => [LATEST, OLDER]);
    const onOpen = vi.fn();
    renderWith(api, <Library revision={0} onOpen={onOpen} onChanged={() => {}} />);
    return { api, onOpen };
  }
  const shownIds = () => screen.getAllByRole('option').map((o) => o.dataset.id);

  it('expands a row with → to list its older versions, opens one with Enter, and collapses with ←', async () => {
    const { api, onOpen } = library();
    const rows = await screen.findAllByRole('option');
    expect(shownIds()).toEqual(['x', 'v2']);
    // Only the row with several versions can expand.
    expect(within(rows[0]).queryByRole('button', { name: /展开全部版本/ })).toBeNull();

    fireEvent.keyDown(rows[1], { key: 'ArrowRight' });
    await waitFor(() => expect(shownIds()).toEqual(['x', 'v2', 'v1']));
    expect(api.listVersions).toHaveBeenCalledWith('v2');
    const older = screen.getAllByRole('option')[2];
    expect(older.textContent).toContain('第 1 版');
    expect(older.className).toContain('version-row');

    fireEvent.keyDown(older, { key: 'Enter' });
    expect(onOpen).toHaveBeenCalledWith('v1');

    // ← on a version goes back to its report; ← there collapses it.
    fireEvent.keyDown(older, { key: 'ArrowLeft' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-id')).toBe('v2'));
    fireEvent.keyDown(screen.getAllByRole('option')[1], { key: 'ArrowLeft' });
    await waitFor(() => expect(shownIds()).toEqual(['x', 'v2']));
  });

  it('expands and collapses by the row’s toggle without opening the report', async () => {
    const { onOpen } = library();
    await screen.findAllByRole('option');
    fireEvent.click(screen.getByRole('button', { name: '展开全部版本（当前第 2 版）' }));
    await waitFor(() => expect(shownIds()).toEqual(['x', 'v2', 'v1']));
    const toggle = screen.getByRole('button', { name: '收起版本' });
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(toggle);
    await waitFor(() => expect(shownIds()).toEqual(['x', 'v2']));
    expect(onOpen).not.toHaveBeenCalled();
  });
});
