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

function hitsResponse(report: ReturnType<typeof sampleReport>): SearchResponse {
  return {
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
  };
}

/** Searches 政务, opens the second hit of the result from the keyboard's point of view (focused, then clicked). */
async function openSecondHit(): Promise<void> {
  fireEvent.change(screen.getByRole('searchbox', { name: '搜索' }), { target: { value: '政务' } });
  const second = await waitFor(() => {
    const el = document.querySelector<HTMLButtonElement>('.hit-button[data-where="chapter:overview:1"]');
    if (!el) throw new Error('no results yet');
    return el;
  });
  second.focus();
  fireEvent.click(second);
  await screen.findByRole('heading', { level: 1 });
}

describe('focus after going back', () => {
  it('does not take focus from a user who pressed Ctrl+K before the hit was back on screen', async () => {
    const report = sampleReport();
    let answerLate: (() => void) | null = null;
    const search = vi.fn(async (): Promise<SearchResponse> => {
      // The search after going back answers late (a slow query on a large archive).
      if (search.mock.calls.length > 1) await new Promise<void>((resolve) => (answerLate = resolve));
      return hitsResponse(report);
    });
    render(<App api={fakeApi([report], { search })} />);
    await screen.findByRole('option');
    await openSecondHit();
    fireEvent.keyDown(window, { key: 'ArrowLeft', altKey: true });
    await waitFor(() => expect(answerLate).not.toBeNull());
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    const box = screen.getByRole('searchbox', { name: '搜索' });
    expect(document.activeElement).toBe(box);
    answerLate!();
    await waitFor(() => expect(document.querySelector('.hit-button[data-where="chapter:overview:1"]')).not.toBeNull());
    await new Promise((r) => setTimeout(r, 100)); // longer than the focus return's polling step
    expect(document.activeElement).toBe(box);
  });

  it('returns to the search hit that was opened', async () => {
    const report = sampleReport();
    render(<App api={fakeApi([report], { search: vi.fn(async () => hitsResponse(report)) })} />);
    await screen.findByRole('option');
    await openSecondHit();
    fireEvent.keyDown(window, { key: 'ArrowLeft', altKey: true });
    await waitFor(() => expect((document.activeElement as HTMLElement | null)?.dataset.where).toBe('chapter:overview:1'));
  });
});
