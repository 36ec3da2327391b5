/** Issue 13: after Alt+← focus returns to the search hit (or library row) the user opened. */
import './setup.ts';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SearchResponse } from '../../core/api.ts';
import { App } from '../../renderer/App.tsx';
import { fakeApi, sampleReport, stubElementSize } from './fixtures.ts';

beforeAll(() => stubElementSize(1000, 700));
afterEach(() => {
  cleanup();
  localStorage.clear();
});

describe('focus after going back', () => {
  it('returns to the search hit that was opened', async () => {
    const report = sampleReport();
    const search = vi.fn(
      async (): Promise<SearchResponse> => ({
        total: 1,
        page: 0,
        pageSize: 50,
        results: [
          {
            id: report.id,
            body: '伊春市',
            year: 2022,
            title: report.title,
            score: 1,
            hitCount: 2,
            hits: [
              { where: 'chapter:overview:0', snippet: '政务公开', ranges: [[0, 2]] },
              { where: 'chapter:overview:1', snippet: '政务公开', ranges: [[0, 2]] },
            ],
          },
        ],
        warnings: [],
        index: 'ready',
        tookMs: 2,
      }),
    );
    render(<App api={fakeApi([report], { search })} />);
    await screen.findByRole('option');
    fireEvent.change(screen.getByRole('searchbox', { name: '搜索' }), { target: { value: '政务' } });
    const second = await waitFor(() => {
      const el = document.querySelector<HTMLButtonElement>('.hit-button[data-where="chapter:overview:1"]');
      if (!el) throw new Error('no results yet');
      return el;
    });
    second.focus();
    fireEvent.click(second);
    await screen.findByRole('heading', { level: 1 });
    fireEvent.keyDown(window, { key: 'ArrowLeft', altKey: true });
    await waitFor(() => expect((document.activeElement as HTMLElement | null)?.dataset.where).toBe('chapter:overview:1'));
  });
});
