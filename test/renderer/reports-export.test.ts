/** The export of many reports as one zip, as the page drives it: progress in reports, cancel, errors, both hosts. */
import JSZip from 'jszip';
import { describe, expect, it, vi } from 'vitest';
import { downloadReportsZip, exportReportsZip, zipEntryCounter } from '../../renderer/api/reports-export.ts';
import type { ShellBridge, ShellEvent } from '../../core/channels.ts';

async function zipOf(count: number): Promise<Uint8Array> {
  const zip = new JSZip();
  for (let i = 0; i < count; i++) zip.file(`2022-第${i}县-${String(i).padStart(8, '0')}.md`, `# 第${i}县\n${'正文'.repeat(1000 + i)}`);
  // Stored, not deflated: each entry spans several chunks of the answer, as large reports do.
  return zip.generateAsync({ type: 'uint8array', streamFiles: true, compression: 'STORE' });
}

/** A host answer streamed in small chunks; with `stallAfter` it stops sending there until the request is aborted (then fails as fetch does). */
function zipResponse(bytes: Uint8Array, count: number, stallAfter = Infinity, signal?: AbortSignal | null): Response {
  let at = 0;
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      signal?.addEventListener('abort', () => controller.error(Object.assign(new Error('aborted'), { name: 'AbortError' })));
    },
    async pull(controller) {
      if (sent++ === stallAfter) await new Promise(() => {});
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + 700));
      at += 700;
    },
  });
  return new Response(body, { status: 200, headers: { 'Content-Type': 'application/zip', 'X-Nianbao-Reports': String(count) } });
}

const request = { ids: ['2022-00000001', '2022-00000002', '2022-00000003', '2022-00000004', '2022-00000005'], format: 'markdown' as const };

describe('export of selected reports as one zip: the browser host', () => {
  it('posts once with the token, counts finished reports from the stream, saves the whole zip as one Blob', async () => {
    const bytes = await zipOf(5);
    const fetch = vi.fn(async () => zipResponse(bytes, 5));
    const saved: { blob: Blob; name: string }[] = [];
    const progress: number[] = [];
    const outcome = await downloadReportsZip(request, { token: 'tok', fetch, savePicker: null, saveBlob: (blob, name) => saved.push({ blob, name }) }, { onProgress: (p) => progress.push(p.done) });
    expect(outcome).toEqual({ status: 'saved', fileName: 'nianbao-5-markdown.zip' });
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/download/reports');
    expect((init.headers as Record<string, string>)['X-Nianbao-Token']).toBe('tok');
    expect(JSON.parse(init.body as string)).toEqual(request);
    // Progress climbs through the reports (not only 0 then all) and ends at the total.
    expect(progress.at(-1)).toBe(5);
    expect(progress.every((n, i) => i === 0 || n >= progress[i - 1])).toBe(true);
    expect(new Set(progress.filter((n) => n > 0 && n < 5)).size).toBeGreaterThanOrEqual(3);
    const content = await new Promise<ArrayBuffer>((resolve) => {
      const reader = new FileReader(); // (jsdom's Blob has no arrayBuffer())
      reader.onload = () => resolve(reader.result as ArrayBuffer);
      reader.readAsArrayBuffer(saved[0].blob);
    });
    expect(new Uint8Array(content)).toEqual(bytes);
    expect(saved[0].blob.type).toBe('application/zip');
    expect(saved[0].name).toBe('nianbao-5-markdown.zip');
  });

  it('writes into the file picked with showSaveFilePicker; cancelling mid-way discards that file', async () => {
    const bytes = await zipOf(5);
    const written: Uint8Array[] = [];
    const file = { write: vi.fn(async (c: Uint8Array) => void written.push(c)), close: vi.fn(async () => {}), abort: vi.fn(async () => {}) };
    const savePicker = vi.fn(async () => ({ createWritable: async () => file }));
    const done = await downloadReportsZip(request, { token: 't', fetch: async () => zipResponse(bytes, 5), savePicker }, {});
    expect(done).toEqual({ status: 'saved', fileName: 'nianbao-5-markdown.zip' });
    expect(savePicker.mock.calls[0]).toEqual([expect.objectContaining({ suggestedName: 'nianbao-5-markdown.zip' })]);
    expect(Buffer.concat(written)).toEqual(Buffer.from(bytes));
    expect(file.close).toHaveBeenCalledTimes(1);
    expect(file.abort).not.toHaveBeenCalled();

    file.close.mockClear();
    const abort = new AbortController();
    let reached!: () => void;
    const midway = new Promise<void>((resolve) => (reached = resolve));
    const fetch = async (_: unknown, init?: RequestInit) => zipResponse(bytes, 5, 3, init?.signal);
    const cancelled = downloadReportsZip(request, { token: 't', fetch, savePicker }, { signal: abort.signal, onProgress: () => reached() });
    await midway;
    abort.abort();
    await expect(cancelled).resolves.toEqual({ status: 'cancelled' });
    expect(file.abort).toHaveBeenCalledTimes(1);
    expect(file.close).not.toHaveBeenCalled();
  });

  it('a picker closed without choosing cancels before any request; a refused request gives the host message', async () => {
    const fetch = vi.fn();
    const closed = Object.assign(new Error('The user aborted a request.'), { name: 'AbortError' });
    await expect(downloadReportsZip(request, { token: 't', fetch, savePicker: async () => Promise.reject(closed) })).resolves.toEqual({ status: 'cancelled' });
    expect(fetch).not.toHaveBeenCalled();
    const refused = async () => new Response(JSON.stringify({ error: '没有编号为 2099-ffffffff 的报告 (no report with id 2099-ffffffff)' }), { status: 422 });
    await expect(downloadReportsZip(request, { token: 't', fetch: refused, savePicker: null, saveBlob: () => {} })).rejects.toThrow('没有编号为 2099-ffffffff 的报告');
  });

  it('counts zip entries whose header signature is split across chunks', () => {
    const count = zipEntryCounter();
    expect(count(Uint8Array.of(1, 2, 0x50, 0x4b))).toBe(0);
    expect(count(Uint8Array.of(0x03, 0x04, 9))).toBe(1);
  });
});

describe('export of selected reports as one zip: Electron', () => {
  it('uses the shell (main saves, the worker writes), relays its progress events and cancels through it', async () => {
    const listeners = new Set<(e: ShellEvent) => void>();
    let finish!: (v: { status: 'cancelled' }) => void;
    const shell: ShellBridge = {
      onShellEvent: (l) => (listeners.add(l), () => listeners.delete(l)),
      saveTextFile: async () => true,
      writeClipboard: async () => true,
      exportReports: vi.fn(() => new Promise<{ status: 'cancelled' }>((resolve) => (finish = resolve))),
      cancelExport: vi.fn(async () => finish({ status: 'cancelled' })),
    };
    const progress: number[] = [];
    const abort = new AbortController();
    const token = vi.fn(() => 'unused');
    const running = exportReportsZip(request, { shell, token }, { signal: abort.signal, onProgress: (p) => progress.push(p.done) });
    for (const l of listeners) l({ type: 'exportProgress', done: 2, total: 5 });
    abort.abort();
    await expect(running).resolves.toEqual({ status: 'cancelled' });
    expect(shell.exportReports).toHaveBeenCalledWith(request);
    expect(shell.cancelExport).toHaveBeenCalledTimes(1);
    expect(progress).toEqual([2]);
    expect(listeners.size).toBe(0);
    expect(token).not.toHaveBeenCalled();
  });
});
