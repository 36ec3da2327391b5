/**
 * Many selected reports exported as ONE zip, streamed, whatever the host: the view calls
 * exportReportsZip and gets progress in reports and a cancel by AbortSignal.
 * - Electron: the shell bridge's exportReports (main shows the save dialog, the service worker
 *   writes the file, progress arrives as 'exportProgress' events; cancel → cancelExport).
 * - Browser host: one POST to the host's zip route with the token; the response is read as a
 *   stream and counted in zip entries; it is written to a file chosen with showSaveFilePicker
 *   where the browser has it (nothing held in memory; cancel discards the file), else collected
 *   into a Blob and saved by an <a download>.
 */
import {
  REPORTS_COUNT_HEADER,
  REPORTS_ZIP_ROUTE,
  reportsZipFileName,
  type ReportsExportOutcome,
  type ReportsZipRequest,
  type ShellBridge,
  type ShellEvent,
} from '../../core/channels.ts';
import { TOKEN_HEADER } from './http.ts';

export type { ReportsExportOutcome, ReportsZipRequest } from '../../core/channels.ts';

export interface ReportsExportProgress {
  done: number;
  total: number;
}

export interface ReportsExportOptions {
  onProgress?: (progress: ReportsExportProgress) => void;
  signal?: AbortSignal;
}

/** The File System Access API's save picker (Chromium), where the browser has it. */
type SavePicker = (options: { suggestedName: string; types: { description: string; accept: Record<string, string[]> }[] }) => Promise<{
  createWritable(): Promise<{ write(chunk: Uint8Array): Promise<void>; close(): Promise<void>; abort(): Promise<void> }>;
}>;

export interface BrowserZipEnv {
  token: string;
  fetch?: typeof fetch;
  /** Default: window.showSaveFilePicker when present. */
  savePicker?: SavePicker | null;
  /** Default: a Blob URL clicked as <a download>. */
  saveBlob?: (blob: Blob, fileName: string) => void;
}

const isAbort = (error: unknown) => (error as Error | null)?.name === 'AbortError';

/**
 * Counts zip entries in a byte stream by their local file header signature (PK\x03\x04): an
 * entry is complete once the next one (or the end) arrives. The signature could in principle
 * occur inside compressed data, so the count is capped by the total the host announced.
 */
export function zipEntryCounter(): (chunk: Uint8Array) => number {
  let headers = 0;
  let tail = new Uint8Array(0);
  return (chunk) => {
    const bytes = tail.length ? concat(tail, chunk) : chunk;
    for (let i = 0; i + 3 < bytes.length; i++) {
      if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x03 && bytes[i + 3] === 0x04) headers++;
    }
    tail = bytes.slice(Math.max(0, bytes.length - 3));
    return headers;
  };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function clickDownload(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.rel = 'noopener';
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

async function failureMessage(response: Response): Promise<string> {
  if (response.status === 401) return '访问令牌缺失或无效，请用启动时打印的完整地址打开（token missing or invalid）';
  try {
    const body = (await response.json()) as { error?: string };
    if (body.error) return body.error;
  } catch {
    // not JSON: the status says enough
  }
  return `导出失败，服务返回 HTTP ${response.status}（export failed）`;
}

/** The browser host's way: one streamed download of the zip. */
export async function downloadReportsZip(request: ReportsZipRequest, env: BrowserZipEnv, options: ReportsExportOptions = {}): Promise<ReportsExportOutcome> {
  const fileName = reportsZipFileName(new Set(request.ids).size, request.format);
  const picker = env.savePicker !== undefined ? env.savePicker : ((globalThis as { showSaveFilePicker?: SavePicker }).showSaveFilePicker ?? null);
  // The picker first: it needs the click's user activation, which the download's awaits would use up.
  let file: Awaited<ReturnType<Awaited<ReturnType<SavePicker>>['createWritable']>> | null = null;
  if (picker) {
    try {
      const handle = await picker({ suggestedName: fileName, types: [{ description: 'Zip', accept: { 'application/zip': ['.zip'] } }] });
      file = await handle.createWritable();
    } catch (error) {
      if (isAbort(error)) return { status: 'cancelled' };
      throw error;
    }
  }
  try {
    const doFetch = env.fetch ?? ((input, init) => fetch(input, init));
    let response: Response;
    try {
      response = await doFetch(REPORTS_ZIP_ROUTE, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: env.token },
        body: JSON.stringify({ ids: request.ids, format: request.format }),
        credentials: 'omit',
        cache: 'no-store',
        signal: options.signal,
      });
    } catch (error) {
      if (isAbort(error)) throw error;
      throw new Error(`无法连接本地服务（cannot reach the local host）: ${(error as Error).message}`, { cause: error });
    }
    if (!response.ok || !response.body) throw new Error(await failureMessage(response));
    const total = Number(response.headers.get(REPORTS_COUNT_HEADER)) || new Set(request.ids).size;
    const count = zipEntryCounter();
    const chunks: Uint8Array[] = [];
    const reader = response.body.getReader();
    options.onProgress?.({ done: 0, total });
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (file) await file.write(value);
      else chunks.push(value);
      // A header seen means the entry before it is complete.
      options.onProgress?.({ done: Math.min(total, Math.max(0, count(value) - 1)), total });
    }
    options.onProgress?.({ done: total, total });
    if (file) await file.close();
    else (env.saveBlob ?? clickDownload)(new Blob(chunks as BlobPart[], { type: 'application/zip' }), fileName);
    file = null;
    return { status: 'saved', fileName };
  } catch (error) {
    if (options.signal?.aborted || isAbort(error)) return { status: 'cancelled' };
    throw error;
  } finally {
    // Cancelled or failed: the picked file is discarded, not left half written.
    await file?.abort().catch(() => {});
  }
}

/** Electron's way: main saves, the worker writes, progress comes as shell events. */
export async function saveReportsZipInElectron(
  shell: Required<Pick<ShellBridge, 'exportReports' | 'cancelExport'>> & Pick<ShellBridge, 'onShellEvent'>,
  request: ReportsZipRequest,
  options: ReportsExportOptions = {},
): Promise<ReportsExportOutcome> {
  const off = shell.onShellEvent((event: ShellEvent) => {
    if (event.type === 'exportProgress') options.onProgress?.({ done: event.done, total: event.total });
  });
  const cancel = () => void shell.cancelExport();
  options.signal?.addEventListener('abort', cancel, { once: true });
  try {
    return await shell.exportReports(request);
  } finally {
    off();
    options.signal?.removeEventListener('abort', cancel);
  }
}

/** The one entry point for views: Electron's shell when it offers exportReports, else the browser download. */
export function exportReportsZip(
  request: ReportsZipRequest,
  host: { shell: ShellBridge; token: () => string | null },
  options: ReportsExportOptions = {},
): Promise<ReportsExportOutcome> {
  const { shell } = host;
  if (shell.exportReports && shell.cancelExport) {
    return saveReportsZipInElectron({ onShellEvent: shell.onShellEvent.bind(shell), exportReports: shell.exportReports.bind(shell), cancelExport: shell.cancelExport.bind(shell) }, request, options);
  }
  return downloadReportsZip(request, { token: host.token() ?? '' }, options);
}
