import './setup.ts';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportReport, layoutTable, selectionToHtml, selectionToTsv, tableToTsv } from '../../core/export/index.ts';
import { Reader } from '../../renderer/views/Reader.tsx';
import { apiCallCount, fakeApi, fakeShell, sampleReport } from './fixtures.ts';
import { renderWith } from './render.tsx';

/** jsdom's Blob has no text(): read it with FileReader. */
const blobText = (blob: Blob) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** The reader on the sample report; with `browser`, the page's own clipboard (browser host) instead of the Electron shell bridge. */
async function openReader(options: { browser?: boolean } = {}) {
  const api = fakeApi([sampleReport()]);
  const shell = fakeShell();
  const utils = renderWith(api, <Reader id="r-yichun-2022" />, { shell: options.browser ? undefined : shell });
  await screen.findByRole('heading', { level: 1 });
  // Let the effects of the report's arrival run (the versions menu reloads for its body and year),
  // so a copy test counts only the calls the copy itself would make.
  await act(async () => {});
  const button = (sectionId: string, format: string, where = '') =>
    utils.container.querySelector<HTMLButtonElement>(`#ch-${sectionId} ${where} button[data-copy="${format}"]`)!;
  return { api, shell, ...utils, button };
}

/** navigator.clipboard of the browser host, recording ClipboardItems (or plain text where ClipboardItem is missing). */
function stubBrowserClipboard(options: { clipboardItem: boolean }) {
  const items: Record<string, Blob>[] = [];
  const write = vi.fn(async (written: { parts: Record<string, Blob> }[]) => void items.push(...written.map((w) => w.parts)));
  const writeText = vi.fn(async (_text: string) => {});
  if (options.clipboardItem) {
    vi.stubGlobal(
      'ClipboardItem',
      class {
        constructor(public parts: Record<string, Blob>) {}
      },
    );
  } else vi.stubGlobal('ClipboardItem', undefined);
  Object.defineProperty(navigator, 'clipboard', { value: { write, writeText }, configurable: true });
  return { items, write, writeText };
}

describe('Copy to clipboard', () => {
  it('copies table 三 as TSV: text/plain is the TSV, text/html the HTML table with merged cells — without asking the archive', async () => {
    const { api, shell, button } = await openReader();
    const callsBefore = apiCallCount(api);
    fireEvent.click(button('applications', 'tsv', '.stat-toolbar'));
    await waitFor(() => expect(shell.clipboard).toHaveLength(1));
    const report = sampleReport();
    const expectedTsv = tableToTsv(layoutTable(report, 'applications')!);
    expect(shell.clipboard[0].text).toBe(expectedTsv);
    expect(shell.clipboard[0].text.split('\n').find((l) => l.startsWith('一、本年新收'))).toBe('一、本年新收政府信息公开申请数量\t\t\t134\t3\t0\t1\t0\t0\t138');
    expect(shell.clipboard[0].html).toBe(exportReport(report, { format: 'html', table: 'applications' }));
    expect(shell.clipboard[0].html).toMatch(/<table[\s\S]*rowspan="3"[\s\S]*colspan="7"/);
    expect(await screen.findByText(/已复制/)).toBeTruthy();
    // Built from the report already on screen: no export round trip, no clipboard round trip.
    expect(apiCallCount(api)).toBe(callsBefore);
  });

  it('copies a chapter as plain text and the whole report as Markdown, each with its HTML', async () => {
    const { api, shell, button, container } = await openReader();
    const callsBefore = apiCallCount(api);
    const report = sampleReport();
    fireEvent.click(button('overview', 'text', '.chapter-head'));
    await waitFor(() => expect(shell.clipboard).toHaveLength(1));
    expect(shell.clipboard[0]).toEqual({
      text: exportReport(report, { format: 'text', chapter: 'overview' }),
      html: exportReport(report, { format: 'html', chapter: 'overview' }),
    });
    expect(shell.clipboard[0].text).toContain('行政复议 5 件');

    fireEvent.click(container.querySelector<HTMLButtonElement>('.report-actions button[data-copy="markdown"]')!);
    await waitFor(() => expect(shell.clipboard).toHaveLength(2));
    expect(shell.clipboard[1].text).toBe(exportReport(report, { format: 'markdown' }));
    expect(shell.clipboard[1].html).toBe(exportReport(report, { format: 'html' }));

    fireEvent.click(button('reviewLitigation', 'html', '.stat-toolbar'));
    await waitFor(() => expect(shell.clipboard).toHaveLength(3));
    expect(apiCallCount(api)).toBe(callsBefore);
  });

  it('"HTML" puts the table as text/html and the same table as readable text/plain, not its markup', async () => {
    const { shell, button } = await openReader();
    const report = sampleReport();
    fireEvent.click(button('reviewLitigation', 'html', '.stat-toolbar'));
    await waitFor(() => expect(shell.clipboard).toHaveLength(1));
    expect(shell.clipboard[0].html).toBe(exportReport(report, { format: 'html', table: 'reviewLitigation' }));
    expect(shell.clipboard[0].html).toContain('<table');
    expect(shell.clipboard[0].text).toBe(exportReport(report, { format: 'text', table: 'reviewLitigation' }));
    expect(shell.clipboard[0].text).not.toMatch(/<\/?(table|tr|td|th)\b/);
    expect(shell.clipboard[0].text).toContain('行政复议');

    fireEvent.click(button('overview', 'html', '.chapter-head'));
    await waitFor(() => expect(shell.clipboard).toHaveLength(2));
    expect(shell.clipboard[1]).toEqual({
      text: exportReport(report, { format: 'text', chapter: 'overview' }),
      html: exportReport(report, { format: 'html', chapter: 'overview' }),
    });
    expect(shell.clipboard[1].text).not.toContain('<p');
  });

  it('in the browser host writes text/plain and text/html together with navigator.clipboard', async () => {
    const { items, write } = stubBrowserClipboard({ clipboardItem: true });
    const { api, button } = await openReader({ browser: true });
    const callsBefore = apiCallCount(api);
    fireEvent.click(button('applications', 'tsv', '.stat-toolbar'));
    await waitFor(() => expect(write).toHaveBeenCalledTimes(1));
    expect(Object.keys(items[0]).sort()).toEqual(['text/html', 'text/plain']);
    const report = sampleReport();
    expect(await blobText(items[0]['text/plain'])).toBe(tableToTsv(layoutTable(report, 'applications')!));
    expect(await blobText(items[0]['text/html'])).toContain('<table');
    expect(await screen.findByText(/已复制/)).toBeTruthy();
    expect(apiCallCount(api)).toBe(callsBefore);
  });

  it('in a browser without ClipboardItem still copies the text', async () => {
    const { write, writeText } = stubBrowserClipboard({ clipboardItem: false });
    const { button } = await openReader({ browser: true });
    fireEvent.click(button('applications', 'tsv', '.stat-toolbar'));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
    expect(write).not.toHaveBeenCalled();
    expect(writeText.mock.calls[0][0]).toBe(tableToTsv(layoutTable(sampleReport(), 'applications')!));
  });

  it('copies selected cells (click, shift+click, Ctrl+C) as TSV and an HTML table', async () => {
    const { shell, container } = await openReader();
    const cell = (row: string, column: string) => container.querySelector<HTMLElement>(`td[data-cell="applications:${row}:${column}"]`)!;
    fireEvent.mouseDown(cell('received', 'natural'));
    fireEvent.mouseDown(cell('carriedOver', 'nonprofit'), { shiftKey: true });
    fireEvent.keyDown(cell('carriedOver', 'nonprofit'), { key: 'c', ctrlKey: true });
    await waitFor(() => expect(shell.clipboard).toHaveLength(1));
    // Hand-checked: the 2 × 4 block under 自然人 … 社会公益组织 (研究机构 of 结转 printed blank).
    expect(shell.clipboard[0].text).toBe('134\t3\t0\t1\n0\t0\t\t0');
    const layout = layoutTable(sampleReport(), 'applications')!;
    const refs = ['natural', 'commercial', 'research', 'nonprofit'].flatMap((column) => ['received', 'carriedOver'].map((row) => ({ table: 'applications' as const, row, column })));
    expect(shell.clipboard[0].text).toBe(selectionToTsv(layout, refs));
    expect(shell.clipboard[0].html).toBe(selectionToHtml(layout, refs));
    expect(shell.clipboard[0].html).toContain('<table');
    expect(await screen.findByText('已复制 8 个单元格')).toBeTruthy();
  });

  it('extends the selection with Shift+arrow keys and copies it with Ctrl+C', async () => {
    const { shell, container } = await openReader();
    const start = container.querySelector<HTMLElement>('td[data-cell="applications:unavailable.notHeld:other"]')!;
    act(() => start.focus());
    fireEvent.mouseDown(start);
    fireEvent.keyDown(start, { key: 'ArrowRight', shiftKey: true });
    const next = document.activeElement as HTMLElement;
    expect(next.dataset.cell).toBe('applications:unavailable.notHeld:total');
    fireEvent.keyDown(next, { key: 'ArrowDown', shiftKey: true });
    fireEvent.keyDown(document.activeElement!, { key: 'c', ctrlKey: true });
    await waitFor(() => expect(shell.clipboard).toHaveLength(1));
    expect(shell.clipboard[0].text).toBe('0\t25\n0\t1');
  });
});
