import './setup.ts';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportReport, layoutTable, selectionToHtml, selectionToTsv, tableToTsv } from '../../core/export/index.ts';
import { Reader } from '../../renderer/views/Reader.tsx';
import { fakeApi, sampleReport } from './fixtures.ts';
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

async function openReader(options: { hostClipboard?: boolean } = { hostClipboard: true }) {
  const api = fakeApi([sampleReport()], options);
  const utils = renderWith(api, <Reader id="r-yichun-2022" />);
  await screen.findByRole('heading', { level: 1 });
  const button = (sectionId: string, format: string, where = '') =>
    utils.container.querySelector<HTMLButtonElement>(`#ch-${sectionId} ${where} button[data-copy="${format}"]`)!;
  return { api, ...utils, button };
}

describe('Copy to clipboard', () => {
  it('copies table 三 as TSV: text/plain is the TSV, text/html the HTML table with merged cells', async () => {
    const { api, button } = await openReader();
    fireEvent.click(button('applications', 'tsv', '.stat-toolbar'));
    await waitFor(() => expect(api.clipboard).toHaveLength(1));
    const report = sampleReport();
    const expectedTsv = tableToTsv(layoutTable(report, 'applications')!);
    expect(api.clipboard[0].text).toBe(expectedTsv);
    expect(api.clipboard[0].text.split('\n').find((l) => l.startsWith('一、本年新收'))).toBe('一、本年新收政府信息公开申请数量\t\t\t134\t3\t0\t1\t0\t0\t138');
    expect(api.clipboard[0].html).toBe(exportReport(report, { format: 'html', table: 'applications' }));
    expect(api.clipboard[0].html).toMatch(/<table[\s\S]*rowspan="3"[\s\S]*colspan="7"/);
    expect(await screen.findByText(/已复制/)).toBeTruthy();
  });

  it('copies a chapter as plain text and the whole report as Markdown, each with its HTML', async () => {
    const { api, button, container } = await openReader();
    const report = sampleReport();
    fireEvent.click(button('overview', 'text', '.chapter-head'));
    await waitFor(() => expect(api.clipboard).toHaveLength(1));
    expect(api.clipboard[0]).toEqual({
      text: exportReport(report, { format: 'text', chapter: 'overview' }),
      html: exportReport(report, { format: 'html', chapter: 'overview' }),
    });
    expect(api.clipboard[0].text).toContain('行政复议 5 件');

    fireEvent.click(container.querySelector<HTMLButtonElement>('.report-actions button[data-copy="markdown"]')!);
    await waitFor(() => expect(api.clipboard).toHaveLength(2));
    expect(api.clipboard[1].text).toBe(exportReport(report, { format: 'markdown' }));
    expect(api.clipboard[1].html).toBe(exportReport(report, { format: 'html' }));

    fireEvent.click(button('reviewLitigation', 'html', '.stat-toolbar'));
    await waitFor(() => expect(api.clipboard).toHaveLength(3));
    expect(api.clipboard[2].html).toContain('<table');
    expect(api.clipboard[2].text).toBe(api.clipboard[2].html);
  });

  it('falls back to navigator.clipboard with text/plain and text/html together when the host cannot write', async () => {
    const items: Record<string, Blob>[] = [];
    class FakeClipboardItem {
      constructor(public parts: Record<string, Blob>) {
        items.push(parts);
      }
    }
    const write = vi.fn(async () => {});
    vi.stubGlobal('ClipboardItem', FakeClipboardItem);
    Object.defineProperty(navigator, 'clipboard', { value: { write, writeText: vi.fn() }, configurable: true });
    const { api, button } = await openReader({ hostClipboard: false });
    fireEvent.click(button('applications', 'tsv', '.stat-toolbar'));
    await waitFor(() => expect(write).toHaveBeenCalledTimes(1));
    expect(api.writeClipboard).toHaveBeenCalledTimes(1);
    expect(Object.keys(items[0]).sort()).toEqual(['text/html', 'text/plain']);
    const report = sampleReport();
    expect(await blobText(items[0]['text/plain'])).toBe(tableToTsv(layoutTable(report, 'applications')!));
    expect(await blobText(items[0]['text/html'])).toContain('<table');
  });

  it('copies selected cells (click, shift+click, Ctrl+C) as TSV and an HTML table', async () => {
    const { api, container } = await openReader();
    const cell = (row: string, column: string) => container.querySelector<HTMLElement>(`td[data-cell="applications:${row}:${column}"]`)!;
    fireEvent.mouseDown(cell('received', 'natural'));
    fireEvent.mouseDown(cell('carriedOver', 'nonprofit'), { shiftKey: true });
    fireEvent.keyDown(cell('carriedOver', 'nonprofit'), { key: 'c', ctrlKey: true });
    await waitFor(() => expect(api.clipboard).toHaveLength(1));
    // Hand-checked: the 2 × 4 block under 自然人 … 社会公益组织 (研究机构 of 结转 printed blank).
    expect(api.clipboard[0].text).toBe('134\t3\t0\t1\n0\t0\t\t0');
    const layout = layoutTable(sampleReport(), 'applications')!;
    const refs = ['natural', 'commercial', 'research', 'nonprofit'].flatMap((column) => ['received', 'carriedOver'].map((row) => ({ table: 'applications' as const, row, column })));
    expect(api.clipboard[0].text).toBe(selectionToTsv(layout, refs));
    expect(api.clipboard[0].html).toBe(selectionToHtml(layout, refs));
    expect(api.clipboard[0].html).toContain('<table');
    expect(await screen.findByText('已复制 8 个单元格')).toBeTruthy();
  });

  it('extends the selection with Shift+arrow keys and copies it with Ctrl+C', async () => {
    const { api, container } = await openReader();
    const start = container.querySelector<HTMLElement>('td[data-cell="applications:unavailable.notHeld:other"]')!;
    act(() => start.focus());
    fireEvent.mouseDown(start);
    fireEvent.keyDown(start, { key: 'ArrowRight', shiftKey: true });
    const next = document.activeElement as HTMLElement;
    expect(next.dataset.cell).toBe('applications:unavailable.notHeld:total');
    fireEvent.keyDown(next, { key: 'ArrowDown', shiftKey: true });
    fireEvent.keyDown(document.activeElement!, { key: 'c', ctrlKey: true });
    await waitFor(() => expect(api.clipboard).toHaveLength(1));
    expect(api.clipboard[0].text).toBe('0\t25\n0\t1');
  });
});
