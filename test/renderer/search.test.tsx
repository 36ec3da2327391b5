import './setup.ts';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SearchRequest, SearchResponse } from '../../core/api.ts';
import { highlightSnippet } from '../../renderer/lib/highlight.tsx';
import { parseWhere } from '../../renderer/lib/where.ts';
import { composeQuery, NO_FILTERS, SearchView } from '../../renderer/views/Search.tsx';
import { fakeApi } from './fixtures.ts';
import { renderWith } from './render.tsx';

afterEach(cleanup);

const response = (query: string, hits: SearchResponse['results'][number]['hits']): SearchResponse => ({
  total: 1,
  page: 0,
  pageSize: 50,
  results: [{ id: 'r-yichun-2022', body: '伊春市', year: 2022, title: `伊春市 2022 年报告（${query}）`, score: 1, hitCount: hits.length, hits }],
  warnings: [],
  index: 'ready',
  tookMs: 3,
});

describe('Snippet highlighting from ranges', () => {
  it('wraps exactly the given ranges in <mark>, merging overlaps, as text (never HTML)', () => {
    const { container } = render(<p>{highlightSnippet('<b>被申请行政复议 5 件、行政诉讼 1 件', [[15, 19], [6, 9], [8, 10]])}</p>);
    const marks = [...container.querySelectorAll('mark')].map((m) => m.textContent);
    expect(marks).toEqual(['行政复议', '行政诉讼']);
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toBe('<b>被申请行政复议 5 件、行政诉讼 1 件');
  });

  it('clamps out-of-range offsets and ignores empty ranges', () => {
    const { container } = render(<p>{highlightSnippet('行政复议', [[2, 99], [1, 1], [-3, 1]])}</p>);
    expect([...container.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['行', '复议']);
  });
});

describe('Search view', () => {
  it('shows results grouped by report with marked snippets and where each hit is', async () => {
    const search = vi.fn(async (req: SearchRequest) =>
      response(req.query, [
        { where: 'chapter:overview:0', snippet: '因政府信息公开被申请行政复议 5 件', ranges: [[10, 14]] },
        { where: 'table:reviewLitigation:review:total', snippet: '行政复议 总计 5', ranges: [[0, 4]] },
        { where: 'table:applications:received:natural', snippet: '自然人 134', ranges: [[0, 3]] },
        { where: 'chapter:preamble:1', snippet: '…政府信息公开行政复议和行政诉讼情况…', ranges: [[8, 12]] },
      ]),
    );
    const onOpenHit = vi.fn();
    renderWith(fakeApi(undefined, { search }), <SearchView text="行政复议" onOpenHit={onOpenHit} />);
    const hits = await screen.findAllByRole('button', { name: /行政复议|自然人/ });
    expect(search).toHaveBeenCalledWith({ query: '行政复议', pageSize: 50 });
    expect(screen.getByRole('region', { name: '伊春市 2022' })).toBeTruthy();
    const buttons = document.querySelectorAll<HTMLButtonElement>('.hit-button');
    expect(buttons).toHaveLength(4);
    expect(buttons[0].querySelector('.where')!.textContent).toBe('一、总体情况');
    expect(buttons[0].querySelector('mark')!.textContent).toBe('行政复议');
    expect(buttons[1].querySelector('.where')!.textContent).toBe('四、政府信息公开行政复议、行政诉讼情况 › 行政复议 › 总计');
    expect(buttons[2].querySelector('.where')!.textContent).toBe('三、收到和处理政府信息公开申请情况 › 一、本年新收政府信息公开申请数量 › 自然人');
    expect(buttons[3].querySelector('.where')!.textContent).toBe('前言');
    fireEvent.click(buttons[1]);
    expect(onOpenHit.mock.calls[0][1].where).toBe('table:reviewLitigation:review:total');
    expect(hits.length).toBeGreaterThan(0);
  });

  it('paints the first screen of results at once and then every result of the response', async () => {
    const many: SearchResponse = {
      ...response('公开', []),
      total: 30,
      results: Array.from({ length: 30 }, (_, i) => ({ id: `r-${i}`, body: `机关${i}`, year: 2022, title: `报告${i}`, score: 1, hitCount: 1, hits: [{ where: 'meta', snippet: `机关${i}公开`, ranges: [[0, 2]] as [number, number][] }] })),
    };
    renderWith(fakeApi(undefined, { search: vi.fn(async () => many) }), <SearchView text="公开" onOpenHit={() => {}} />);
    await waitFor(() => expect(document.querySelectorAll('.search-results .result').length).toBeGreaterThan(0));
    await waitFor(() => expect(document.querySelectorAll('.search-results .result')).toHaveLength(30));
    expect(screen.getByRole('region', { name: '机关29 2022' })).toBeTruthy();
  });

  it('adds filters to the query in the query language', async () => {
    expect(composeQuery('行政复议', { year: '2022', body: '伊春 市', chapter: 'reviewLitigation', format: '2021' })).toBe(
      '行政复议 year:2022 body:"伊春 市" chapter:reviewLitigation format:2021',
    );
    expect(composeQuery(' 复议 ', NO_FILTERS)).toBe('复议');
    const search = vi.fn(async (req: SearchRequest) => response(req.query, []));
    renderWith(fakeApi(undefined, { search }), <SearchView text="复议" onOpenHit={() => {}} />);
    await waitFor(() => expect(search).toHaveBeenCalled());
    fireEvent.change(screen.getByLabelText('年度'), { target: { value: '2022' } });
    await waitFor(() => expect(search).toHaveBeenLastCalledWith({ query: '复议 year:2022', pageSize: 50 }));
  });

  it('shows only the latest query’s results when responses arrive out of order', async () => {
    const resolvers = new Map<string, (r: SearchResponse) => void>();
    const search = vi.fn((req: SearchRequest) => new Promise<SearchResponse>((resolve) => resolvers.set(req.query, resolve)));
    const api = fakeApi(undefined, { search });
    const view = renderWith(api, <SearchView text="行" onOpenHit={() => {}} />);
    await waitFor(() => expect(search).toHaveBeenCalledTimes(1));
    // Two more keystrokes while the first request is in flight: they coalesce into one request for the newest query.
    view.rerenderWith(<SearchView text="行政" onOpenHit={() => {}} />);
    view.rerenderWith(<SearchView text="行政复议" onOpenHit={() => {}} />);
    expect(search).toHaveBeenCalledTimes(1);
    await act(async () => resolvers.get('行')!(response('行', [{ where: 'meta', snippet: '旧结果', ranges: [] }])));
    await waitFor(() => expect(search).toHaveBeenCalledTimes(2));
    expect(search.mock.calls[1][0].query).toBe('行政复议');
    expect(screen.queryByText('旧结果')).toBeNull();
    await act(async () => resolvers.get('行政复议')!(response('行政复议', [{ where: 'meta', snippet: '新结果', ranges: [[0, 1]] }])));
    expect(await screen.findByText('结果')).toBeTruthy();
  });
});

describe('Hit locations', () => {
  it('parses every kind of where', () => {
    expect(parseWhere('chapter:extra-1:3')).toEqual({ kind: 'chapter', chapter: 'extra-1', paragraph: 3 });
    expect(parseWhere('table:applications:denied.thirdParty:natural')).toEqual({ kind: 'table', table: 'applications', row: 'denied.thirdParty', column: 'natural' });
    expect(parseWhere('narrative:applications:2')).toEqual({ kind: 'narrative', table: 'applications', sentence: 2 });
    expect(parseWhere('finding:applications.balance:natural')).toEqual({ kind: 'finding', key: 'applications.balance:natural' });
    expect(parseWhere('chapter:reviewLitigation:heading')).toEqual({ kind: 'chapter', chapter: 'reviewLitigation', paragraph: 'heading' });
    expect(parseWhere('meta')).toEqual({ kind: 'meta' });
  });
});
