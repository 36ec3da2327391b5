/** Issue 13: every result and hit reachable from the search view, export, honest status line. */
import './setup.ts';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SearchRequest, SearchResponse, SearchResult } from '../../core/api.ts';
import type { ShellBridge } from '../../core/channels.ts';
import { SearchView } from '../../renderer/views/Search.tsx';
import { fakeApi } from './fixtures.ts';
import { renderWith } from './render.tsx';

afterEach(cleanup);

const TOTAL = 120;
const result = (i: number, hitCount = 1): SearchResult => ({
  id: `r-${i}`,
  body: `机关${i}`,
  year: 2022,
  title: `机关${i}2022年报告`,
  score: 1,
  hitCount,
  hits: [{ where: 'chapter:overview:0', snippet: `机关${i}依申请公开`, ranges: [[String(i).length + 2, String(i).length + 7]] }],
});

/** An engine stand-in: TOTAL results in pages; all hits of one report on request. */
function pagedSearch() {
  return vi.fn(async (req: SearchRequest): Promise<SearchResponse> => {
    const size = req.pageSize ?? 20;
    const page = req.page ?? 0;
    if (req.reportId) {
      const hits = Array.from({ length: 8 }, (_, k) => ({ where: `chapter:overview:${k}`, snippet: `第${k}段依申请公开`, ranges: [[3, 8]] as [number, number][] }));
      return { total: 1, page: 0, pageSize: size, results: [{ ...result(0, 8), hits }], warnings: [], index: 'ready', tookMs: 0.4 };
    }
    const ids = Array.from({ length: TOTAL }, (_, i) => i).slice(page * size, (page + 1) * size);
    return { total: TOTAL, page, pageSize: size, results: ids.map((i) => result(i, i === 0 ? 8 : 1)), warnings: [], index: 'ready', tookMs: 0.4 };
  });
}

describe('Search view: every result reachable', () => {
  it('"show more" appends the next pages until all reports of the total are listed', async () => {
    const search = pagedSearch();
    renderWith(fakeApi(undefined, { search }), <SearchView text="依申请公开" onOpenHit={() => {}} />);
    const more = await screen.findByText('显示更多结果（已显示 50 / 共 120 份）');
    fireEvent.click(more);
    fireEvent.click(await screen.findByText('显示更多结果（已显示 100 / 共 120 份）'));
    await screen.findByText('已显示全部 120 份报告');
    await waitFor(() => expect(document.querySelectorAll('.result')).toHaveLength(120));
    expect(document.querySelector('section[aria-label="机关119 2022"]')).not.toBeNull();
    expect(search).toHaveBeenCalledWith({ query: '依申请公开', page: 2, pageSize: 50 });
  }, 20_000);

  it('expands one report to every one of its hits', async () => {
    const search = pagedSearch();
    renderWith(fakeApi(undefined, { search }), <SearchView text="依申请公开" onOpenHit={() => {}} />);
    fireEvent.click(await screen.findByText('显示全部 8 处'));
    const list = document.querySelector('ul[aria-label="机关0 2022 的命中"]')!;
    await waitFor(() => expect(list.querySelectorAll('.hit-button')).toHaveLength(8));
    expect(search).toHaveBeenCalledWith({ query: '依申请公开', reportId: 'r-0', hitsPerResult: 10_000 });
    fireEvent.click(screen.getByText('收起'));
    await waitFor(() => expect(list.querySelectorAll('.hit-button')).toHaveLength(1));
  });

  it('never says "0 毫秒" and shows no "0 处" badge for a filter-only query', async () => {
    const filterOnly = vi.fn(async (): Promise<SearchResponse> => ({ total: 1, page: 0, pageSize: 50, results: [{ ...result(1, 0), hits: [] }], warnings: [], index: 'ready', tookMs: 0.2 }));
    renderWith(fakeApi(undefined, { search: filterOnly }), <SearchView text="year:2022" onOpenHit={() => {}} />);
    await screen.findByText(/1 份报告 · 不到 1 毫秒/);
    expect(document.querySelector('.result .badge')).toBeNull();
  });

  it('exports every result of the query (all pages) as CSV through the save dialog', async () => {
    const search = pagedSearch();
    const saveTextFile = vi.fn(async () => true);
    const shell: ShellBridge = { onShellEvent: () => () => {}, saveTextFile, writeClipboard: vi.fn(async () => true) };
    renderWith(fakeApi(undefined, { search }), <SearchView text="依申请公开" onOpenHit={() => {}} />, { shell });
    fireEvent.click(await screen.findByText('导出结果（CSV）'));
    await waitFor(() => expect(saveTextFile).toHaveBeenCalled());
    const { suggestedName, text } = (saveTextFile.mock.calls[0] as unknown as [{ suggestedName: string; text: string }])[0];
    expect(suggestedName).toMatch(/\.csv$/);
    const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('报告,机关,年度,位置,摘录');
    expect(lines).toHaveLength(TOTAL + 1);
    expect(lines[TOTAL]).toBe('机关1192022年报告,机关119,2022,一、总体情况,机关119依申请公开');
  });
});
