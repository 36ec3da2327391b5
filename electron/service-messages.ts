/**
 * What the main process and the archive service's worker thread say to each other: a request
 * names a method of the service and carries its (already validated) arguments; every reply
 * carries the request's id. Shared by both ends; no Electron here (the worker cannot load it).
 */
import type { ArchiveApi, ImportOutcome } from '../core/api.ts';
import type { ReportsZipRequest } from '../core/channels.ts';

/** The archive service as the main process uses it: ArchiveApi plus imports by path, the zip of many reports to a file, and close. */
export interface ArchiveBackend extends ArchiveApi {
  close(): Promise<void>;
  importPaths(paths: string[], onProgress?: (done: number, total: number, outcome: ImportOutcome) => void): Promise<ImportOutcome[]>;
  /** Writes the reports as one zip to `file` (a path main chose in its save dialog); resolves with the count. */
  writeReportsZipFile(request: ReportsZipRequest, file: string, options?: { onProgress?: (done: number, total: number) => void; signal?: AbortSignal }): Promise<number>;
}

/** Options the worker opens the archive with (worker_threads workerData). */
export interface ServiceWorkerData {
  archiveDir: string;
  loadSample: boolean;
}

export type ServiceRequest =
  /** method: an ArchiveApi method of the channel table, or importPaths. */
  | { id: number; method: string; args: unknown[] }
  /** Closes the service (search index, write lock); answered once closed. */
  | { id: number; close: true }
  /** Stops the running request `cancel` (a writeReportsZipFile); answered at once. */
  | { id: number; cancel: number };

export interface SerializedError {
  name: string;
  message: string;
}

export type ServiceReply =
  | { id: number; result: unknown }
  | { id: number; error: SerializedError }
  /** importPaths' progress, before its result. */
  | { id: number; progress: [done: number, total: number, outcome: ImportOutcome] }
  /** writeReportsZipFile's progress (reports written), before its result. */
  | { id: number; zipProgress: [done: number, total: number] }
  /** Sent once the archive is open: from then on a crash is worth an immediate restart. */
  | { ready: true };

/** The name survives (ImportError, ArchiveError …) and the message reaches the page unchanged. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

export function deserializeError(error: SerializedError): Error {
  return Object.assign(new Error(error.message), { name: error.name });
}

/**
 * The ArrayBuffers under the Uint8Arrays of a message (import bytes), to transfer rather than
 * copy them. Only arrays that span their whole buffer: transferring a buffer detaches every
 * view of it, and a view into a larger buffer may share it with data that is not ours to move.
 */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  const visit = (v: unknown, depth: number) => {
    if (v instanceof Uint8Array) {
      if (v.buffer instanceof ArrayBuffer && v.byteOffset === 0 && v.byteLength === v.buffer.byteLength && v.byteLength > 0) found.add(v.buffer);
      return;
    }
    if (!v || typeof v !== 'object' || depth > 4) return;
    if (Array.isArray(v)) for (const item of v) visit(item, depth + 1);
    else if (Object.getPrototypeOf(v) === Object.prototype) for (const item of Object.values(v)) visit(item, depth + 1);
  };
  visit(value, 0);
  return [...found];
}
