import './setup.ts';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/App.tsx';
import { fakeApi, sampleReport, stubElementSize } from './fixtures.ts';

beforeAll(() => stubElementSize(1000, 700));
afterEach(() => {
  cleanup();
  localStorage.clear();
});

describe('App shell', () => {
  it('says the sample archive was loaded on first run', async () => {
    const api = fakeApi();
    api.getStatus = vi.fn(async () => ({ archivePath: '/a', reports: 11, sampleLoaded: true, appVersion: '0.1.0', host: 'browser' as const }));
    render(<App api={api} />);
    expect((await screen.findByTestId('sample-banner')).textContent).toContain('示例年报库');
  });

  it('is Chinese by default and switches to English, remembering the choice', async () => {
    render(<App api={fakeApi()} />);
    expect(await screen.findByRole('button', { name: '报告库' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '切换语言' }));
    expect(await screen.findByRole('button', { name: 'Library' })).toBeTruthy();
    expect(localStorage.getItem('nianbao.lang')).toBe('en');
    cleanup();
    render(<App api={fakeApi()} />);
    expect(await screen.findByRole('button', { name: 'Findings' })).toBeTruthy();
  });

  it('focuses the search box with Ctrl+K and Ctrl+F, opens a report and goes back with Alt+←', async () => {
    render(<App api={fakeApi([sampleReport()])} />);
    const row = await screen.findByRole('option');
    const search = screen.getByRole('searchbox', { name: '搜索' });
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    expect(document.activeElement).toBe(search);
    act(() => row.focus());
    fireEvent.keyDown(window, { key: 'f', ctrlKey: true });
    expect(document.activeElement).toBe(search);
    fireEvent.keyDown(screen.getByRole('option'), { key: 'Enter' });
    expect(await screen.findByRole('heading', { level: 1, name: /伊春市 2022/ })).toBeTruthy();
    fireEvent.keyDown(window, { key: 'ArrowLeft', altKey: true });
    await waitFor(() => expect(screen.getByRole('option')).toBeTruthy());
  });

  it('shows the source as text, never as HTML, and closes panels with Escape', async () => {
    render(<App api={fakeApi([sampleReport()])} />);
    fireEvent.keyDown(await screen.findByRole('option'), { key: 'Enter' });
    fireEvent.click(await screen.findByRole('button', { name: '查看原文' }));
    const pre = await screen.findByText('<script>alert(1)</script><b>原文</b>');
    expect(pre.tagName).toBe('PRE');
    expect(document.querySelector('.source-text b')).toBeNull();
    fireEvent.keyDown(pre, { key: 'Escape' });
    await waitFor(() => expect(document.querySelector('.source-text')).toBeNull());
    expect(document.getElementById('findings-panel')).not.toBeNull();
    fireEvent.keyDown(screen.getByRole('heading', { level: 1 }), { key: 'Escape' });
    await waitFor(() => expect(document.getElementById('findings-panel')).toBeNull());
  });

  it('dismisses a finding with a reason from the side panel', async () => {
    const api = fakeApi([sampleReport()]);
    render(<App api={api} />);
    fireEvent.keyDown(await screen.findByRole('option'), { key: 'Enter' });
    const panel = await waitFor(() => {
      const element = document.getElementById('findings-panel');
      if (!element) throw new Error('findings panel not shown yet');
      return element;
    });
    const item = panel.querySelector<HTMLElement>('[data-rule="applications.balance"]')!;
    fireEvent.click(item.querySelector('button.small')!);
    fireEvent.change(await screen.findByLabelText('忽略理由'), { target: { value: '原表印刷错误，已与机关核实' } });
    fireEvent.click(screen.getByRole('button', { name: '确认忽略' }));
    await waitFor(() => expect(api.dismissFinding).toHaveBeenCalledWith('r-yichun-2022', 'applications.balance:natural', '原表印刷错误，已与机关核实'));
    expect(await screen.findByText(/已忽略：原表印刷错误/)).toBeTruthy();
    // A dismissed finding no longer flags its cells.
    expect(document.querySelector('td[data-cell="applications:received:natural"]')!.classList.contains('flag')).toBe(false);
  });

  it('edits body and year of a report', async () => {
    const api = fakeApi([sampleReport()]);
    render(<App api={api} />);
    fireEvent.keyDown(await screen.findByRole('option'), { key: 'Enter' });
    fireEvent.click(await screen.findByRole('button', { name: '修改机关/年度' }));
    fireEvent.change(screen.getByLabelText('年度'), { target: { value: '2021' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(api.editMetadata).toHaveBeenCalledWith('r-yichun-2022', { body: '伊春市', year: 2021 }));
    expect(await screen.findByText('年度：2021')).toBeTruthy();
  });
});

describe('Import results', () => {
  it('explains each outcome and asks to fix body/year where the importer was unsure', async () => {
    const { ImportView } = await import('../../renderer/views/Import.tsx');
    const { renderWith } = await import('./render.tsx');
    const api = fakeApi([sampleReport({ id: 'r1' })]);
    renderWith(
      api,
      <ImportView
        state={{
          total: 4,
          done: 4,
          running: false,
          outcomes: [
            { file: 'a.txt', status: 'imported', id: 'r1', body: '伊春市', year: null, version: 1, findings: 2, uncertain: ['year'] },
            { file: 'b.txt', status: 'imported', id: 'r2', body: '岚川县', year: 2022, version: 2, findings: 0, uncertain: [] },
            { file: 'c.txt', status: 'duplicate', id: 'r3', body: '澄溪市', year: 2021 },
            { file: 'd.doc', status: 'failed', reason: '旧版 Word (.doc) 文件无法读取' },
          ],
        }}
        onFiles={() => {}}
        onOpen={() => {}}
        onChanged={() => {}}
        inputRef={{ current: null }}
      />,
    );
    expect(screen.getByText('完成：导入 1，重复 1，新版本 1，失败 1')).toBeTruthy();
    expect(screen.getByText(/新版本（第 2 版/)).toBeTruthy();
    expect(screen.getByText('重复（已存在相同文件）')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('旧版 Word (.doc) 文件无法读取');
    expect(screen.getByText(/不确定：年度/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '修改机关/年度' }));
    fireEvent.change(screen.getByLabelText('年度'), { target: { value: '2022' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(api.editMetadata).toHaveBeenCalledWith('r1', { body: '伊春市', year: 2022 }));
    expect(await screen.findByRole('button', { name: '伊春市 · 2022' })).toBeTruthy();
  });
});
