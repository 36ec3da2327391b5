/**
 * The main process's side of the archive service: the service runs in a worker thread and every
 * ArchiveApi method of the channel table (plus importPaths and close) is relayed to it by name,
 * so a method added to the table flows through without a change here. The main thread keeps
 * only windows, menus, dialogs and the clipboard.
 *
 * - Import bytes are transferred to the worker, not copied.
 * - If the worker dies, the requests it held fail with a clear message and a new worker is
 *   started (at once if the archive had opened, else on the next request: a worker that cannot
 *   even open the archive is not restarted in a loop).
 */
import { Worker } from 'node:worker_threads';
import type { ArchiveApi, ImportOutcome } from '../core/api.ts';
import { METHOD_NAMES, type ReportsZipRequest } from '../core/channels.ts';
import { deserializeError, transferablesOf, type ArchiveBackend, type ServiceReply, type ServiceRequest } from './service-messages.ts';

/** What the page shows for requests lost with a worker that stopped. */
export const SERVICE_STOPPED_MESSAGE = '档案服务意外停止，请重试（the archive service stopped unexpectedly; please try again）';
export const SERVICE_CLOSED_MESSAGE = '档案已关闭（the archive is closed）';
/** A worker that does not confirm closing within this is stopped anyway: quitting must not hang. */
const CLOSE_GRACE_MS = 10_000;

export interface ServiceWorkerOptions {
  /** The worker's entry module (dist-electron/service-worker.mjs in the app). */
  entry: URL;
  workerData: unknown;
  /** Told when a worker stopped unexpectedly (for the log). */
  onUnexpectedExit?(detail: { code: number; error: Error | null }): void;
}

export interface RelayedService extends ArchiveBackend {
  /** Workers started after the first (each after one stopped unexpectedly). */
  readonly restarts: number;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress?: (done: number, total: number, outcome: ImportOutcome) => void;
  onZipProgress?: (done: number, total: number) => void;
}

interface Running {
  worker: Worker;
  pending: Map<number, Pending>;
  opened: boolean;
  stopping: boolean;
  error: Error | null;
}

export function startServiceWorker(options: ServiceWorkerOptions): RelayedService {
  let current: Running | null = null;
  let closed = false;
  let started = 0;
  let nextId = 1;

  const spawn = (): Running => {
    started++;
    // No execArgv: the entry is plain JavaScript (a bundle, or a loader the entry registers itself).
    const worker = new Worker(options.entry, { workerData: options.workerData, execArgv: [], name: 'archive-service' });
    const run: Running = { worker, pending: new Map(), opened: false, stopping: false, error: null };
    worker.on('message', (reply: ServiceReply) => {
      if ('ready' in reply) {
        run.opened = true;
        return;
      }
      const waiting = run.pending.get(reply.id);
      if (!waiting) return;
      if ('progress' in reply) {
        waiting.onProgress?.(...reply.progress);
        return;
      }
      if ('zipProgress' in reply) {
        waiting.onZipProgress?.(...reply.zipProgress);
        return;
      }
      run.pending.delete(reply.id);
      if ('error' in reply) waiting.reject(deserializeError(reply.error));
      else waiting.resolve(reply.result);
    });
    worker.on('error', (error) => {
      run.error = error;
    });
    worker.on('exit', (code) => {
      if (current === run) current = null;
      const lost = [...run.pending.values()];
      run.pending.clear();
      const message = run.stopping ? SERVICE_CLOSED_MESSAGE : SERVICE_STOPPED_MESSAGE;
      for (const waiting of lost) waiting.reject(new Error(message));
      if (run.stopping) return;
      options.onUnexpectedExit?.({ code, error: run.error });
      if (!closed && run.opened && !current) current = spawn();
    });
    return run;
  };

  const running = (): Running => (current ??= spawn());

  function send(request: ServiceRequest, onProgress?: Pending['onProgress'], onZipProgress?: Pending['onZipProgress']): Promise<unknown> {
    if (closed) return Promise.reject(new Error(SERVICE_CLOSED_MESSAGE));
    const run = running();
    return new Promise((resolve, reject) => {
      run.pending.set(request.id, { resolve, reject, onProgress, onZipProgress });
      try {
        run.worker.postMessage(request, 'args' in request ? transferablesOf(request.args) : []);
      } catch (error) {
        run.pending.delete(request.id);
        reject(error as Error);
      }
    });
  }

  const call = (method: string, args: unknown[], onProgress?: Pending['onProgress']) => send({ id: nextId++, method, args }, onProgress);

  // Started now: the archive opens (and its search index loads) while the window is created.
  current = spawn();

  const relayed = Object.fromEntries(METHOD_NAMES.map((name) => [name, (...args: unknown[]) => call(name, args)])) as unknown as ArchiveApi;

  // (A getter would be copied as its current value by Object.assign: defined on the object instead.)
  Object.defineProperty(relayed, 'restarts', { get: () => Math.max(0, started - 1), enumerable: true });
  return Object.assign(relayed as ArchiveApi & { readonly restarts: number }, {
    importPaths: (paths: string[], onProgress?: Pending['onProgress']) => call('importPaths', [paths], onProgress) as Promise<ImportOutcome[]>,
    writeReportsZipFile(request: ReportsZipRequest, file: string, options: { onProgress?: Pending['onZipProgress']; signal?: AbortSignal } = {}): Promise<number> {
      const id = nextId++;
      // The worker stops between two reports and removes its partial file; the request then fails with its cancel error.
      const cancel = () => void send({ id: nextId++, cancel: id }).catch(() => {});
      options.signal?.addEventListener('abort', cancel, { once: true });
      const sent = send({ id, method: 'writeReportsZipFile', args: [request, file] }, undefined, options.onProgress) as Promise<number>;
      if (options.signal?.aborted) cancel();
      return sent.finally(() => options.signal?.removeEventListener('abort', cancel));
    },
    async close(): Promise<void> {
      if (closed) return;
      const run = current;
      if (!run) {
        closed = true;
        return;
      }
      const closing = send({ id: nextId++, close: true });
      closed = true;
      run.stopping = true;
      let grace: ReturnType<typeof setTimeout> | undefined;
      try {
        await Promise.race([closing, new Promise((resolve) => (grace = setTimeout(resolve, CLOSE_GRACE_MS).unref()))]);
      } finally {
        clearTimeout(grace);
        await run.worker.terminate();
      }
    },
  });
}
