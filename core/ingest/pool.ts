/**
 * Every file an import parses is parsed in a worker thread (parse-worker.ts, bundled to
 * parse-worker.mjs) with a memory limit and a time limit: a decompression bomb or a file that
 * sends the parser into a loop kills only its worker, the file fails with a one-line reason, and
 * the process, the archive and the next files are unharmed. One file or ten thousand, CLI,
 * browser host or Electron: the same pool. The caller keeps the order: each file gets its own
 * promise.
 *
 * - Workers are long-lived (one start, ~0.2–0.4 s and ~160 ms of CPU, for a whole import; idle
 *   ones are unref'd and ended after IDLE_MS) and started as the queue needs them, up to `size`.
 * - A worker that hits its memory limit (ERR_WORKER_OUT_OF_MEMORY) or runs a file past the time
 *   limit is ended; that file fails, the files queued behind it go to a fresh worker.
 * - PDFs are the exception: their untrusted part (pdfjs) already runs in its own limited,
 *   timed worker (pdf/extract.ts); the layout of the extracted text runs here.
 * - The worker entry is found beside the running bundle (dist-node/, dist-electron/) or, run
 *   from the sources (tests, benchmarks), in the package's dist-node/ (scripts/build-node.js).
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ImportError } from '../common/document.ts';
import type { ImportedDocument } from './index.ts';
import type { ParseAnswer } from './parse-worker.ts';
import { sniffKind } from '../import/sniff.ts';
import { packageRoot } from '../common/package-root.ts';

/** Heap a worker may use for one file. Real reports need a few MB to ~50 MB; a bomb needs gigabytes. */
export const PARSE_MEMORY_LIMIT_MB = 256;
/** Time one file may take (real reports: milliseconds to ~2 s). NIANBAO_PARSE_TIME_LIMIT_MS overrides it. */
export const PARSE_TIME_LIMIT_MS = 60_000;
const IDLE_MS = 15_000;
const MAX_WORKERS = 4;
/**
 * Files sent to a worker before it has answered the first: the next one waits in its port, so
 * the worker does not sit idle until the busy calling thread has taken its answer and sent more.
 */
const IN_FLIGHT_PER_WORKER = 2;

interface Job {
  bytes: Uint8Array;
  fileName: string;
  resolve: (doc: ImportedDocument) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Sent to the worker, oldest first (it answers in order: the first is the one being parsed). */
  jobs: Job[];
  /** Time limit of jobs[0]. */
  timer: NodeJS.Timeout | null;
  /** Why the worker is being ended, for the file it was parsing. */
  failure: string | null;
}

export interface ImportPoolOptions {
  /** Worker threads at most. */
  size?: number;
  timeLimitMs?: number;
  memoryLimitMb?: number;
  /** The worker entry (tests inject their own); null = none found. */
  workerUrl?: URL | null;
}

const memoryReason = (limitMb: number) => `文件解析超出内存上限（${limitMb} MB），可能是解压炸弹 (the file needs more memory than allowed: possibly a decompression bomb)`;
const timeReason = (limitMs: number) => `文件解析超时（超过 ${limitMs / 1000} 秒）(parsing took longer than ${limitMs / 1000} s)`;
const NOT_BUILT = '解析组件缺失，请先运行 npm run build:node (the parse worker dist-node/parse-worker.mjs is not built)';

function configuredSize(): number {
  const env = process.env.NIANBAO_IMPORT_WORKERS;
  if (env !== undefined && env.trim() !== '' && Number.isInteger(Number(env))) return Math.max(1, Math.min(16, Number(env)));
  // The calling thread stores what the workers parse: one worker fewer than cores.
  return Math.max(1, Math.min(MAX_WORKERS, (os.availableParallelism?.() ?? os.cpus().length) - 1));
}

function configuredTimeLimit(): number {
  const env = Number(process.env.NIANBAO_PARSE_TIME_LIMIT_MS);
  return Number.isFinite(env) && env > 0 ? env : PARSE_TIME_LIMIT_MS;
}

/** The worker entry beside the running bundle, else the package's dist-node build; null if neither exists. */
export function findParseWorker(): URL | null {
  const beside = new URL('./parse-worker.mjs', import.meta.url);
  const candidates = [beside, pathToFileURL(path.join(packageRoot(), 'dist-node', 'parse-worker.mjs'))];
  for (const url of candidates) {
    try {
      if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return url;
    } catch {
      // not a path on this machine
    }
  }
  return null;
}

export class ImportPool {
  readonly size: number;
  readonly timeLimitMs: number;
  readonly memoryLimitMb: number;
  private readonly workerUrl: URL | null;
  private slots: Slot[] = [];
  private queue: Job[] = [];
  /** Set when a worker could not start: every file fails with this reason instead of retrying forever. */
  private broken: string | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private readyWaiters: (() => void)[] = [];
  /** Files parsed so far by the workers, and in this thread (PDF layout after extraction). */
  readonly parsed = { inWorkers: 0, inThread: 0 };
  /** Workers ended for a file over a limit (memory or time). */
  readonly stopped = { memory: 0, time: 0 };

  constructor(options: ImportPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? configuredSize());
    this.timeLimitMs = options.timeLimitMs ?? configuredTimeLimit();
    this.memoryLimitMb = options.memoryLimitMb ?? PARSE_MEMORY_LIMIT_MB;
    this.workerUrl = options.workerUrl === undefined ? findParseWorker() : options.workerUrl;
    if (!this.workerUrl) this.broken = NOT_BUILT;
  }

  /** Starts a worker; resolves once one is ready (or none can start). */
  warm(): Promise<void> {
    if (this.broken || this.slots.some((s) => s.ready)) return Promise.resolve();
    const warmed = new Promise<void>((resolve) => this.readyWaiters.push(resolve));
    if (this.slots.length === 0) this.spawn();
    this.pump();
    return warmed;
  }

  /** Parses one file (same result and errors as importDocument, plus the limits' ImportErrors). */
  parse(bytes: Uint8Array, fileName: string): Promise<ImportedDocument> {
    if (sniffKind(bytes, fileName) === 'pdf') {
      this.parsed.inThread++;
      // Loaded on the first PDF: the pipeline's converters (mammoth, jszip, pdfjs …) stay out
      // of a process that only lists or searches.
      return import('./index.ts').then(({ importDocument }) => importDocument(bytes, fileName));
    }
    if (this.broken) return Promise.reject(new ImportError(fileName, this.broken));
    return new Promise<ImportedDocument>((resolve, reject) => {
      this.queue.push({ bytes, fileName, resolve, reject });
      this.pump();
    });
  }

  /** Ends the workers; files still queued or in flight fail. */
  async close(): Promise<void> {
    const slots = this.slots;
    this.slots = [];
    for (const s of slots) {
      if (s.timer) clearTimeout(s.timer);
      this.queue.unshift(...s.jobs);
    }
    for (const job of this.queue.splice(0)) job.reject(new ImportError(job.fileName, '导入已取消 (the import was closed)'));
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private spawn(): void {
    // No execArgv: the entry is plain bundled JavaScript (the parent's loader flags are not needed).
    const worker = new Worker(this.workerUrl!, { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: this.memoryLimitMb } });
    const slot: Slot = { worker, ready: false, jobs: [], timer: null, failure: null };
    worker.on('message', (msg: ParseAnswer) => {
      if ('ready' in msg) {
        slot.ready = true;
        for (const resolve of this.readyWaiters.splice(0)) resolve();
      } else {
        this.parsed.inWorkers++;
        const job = slot.jobs.shift();
        this.startClock(slot);
        if (job) {
          if ('json' in msg) job.resolve(JSON.parse(msg.json) as ImportedDocument);
          else if (msg.importError) job.reject(new ImportError(msg.importError.fileName, msg.importError.reason));
          else job.reject(new ImportError(job.fileName, `无法解析：${msg.message} (could not be parsed)`));
        }
      }
      this.pump();
    });
    worker.on('error', (err: Error & { code?: string }) => {
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        this.stopped.memory++;
        slot.failure ??= memoryReason(this.memoryLimitMb);
      } else slot.failure ??= `解析过程意外中止：${err.message} (the parser stopped unexpectedly)`;
    });
    worker.on('exit', () => this.lost(slot));
    this.slots.push(slot);
  }

  /** The worker is gone: its current file fails with the reason; the ones waiting behind it go to another. */
  private lost(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    const i = this.slots.indexOf(slot);
    if (i < 0) return; // closed on purpose
    this.slots.splice(i, 1);
    const [failed, ...waiting] = slot.jobs;
    slot.jobs = [];
    if (!slot.ready) {
      // A worker that never started will not start next time either (a broken build).
      this.broken = `解析组件无法启动：${slot.failure ?? 'exited'} (the parse worker could not start)`;
      for (const job of [...(failed ? [failed] : []), ...waiting, ...this.queue.splice(0)]) job.reject(new ImportError(job.fileName, this.broken));
      for (const resolve of this.readyWaiters.splice(0)) resolve();
      return;
    }
    failed?.reject(new ImportError(failed.fileName, slot.failure ?? '解析过程意外中止 (the parser stopped unexpectedly)'));
    this.queue.unshift(...waiting);
    this.pump();
  }

  /** Starts the time limit of the file the worker is parsing now (the first one sent and not answered). */
  private startClock(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    if (slot.jobs.length === 0) return;
    slot.timer = setTimeout(() => {
      this.stopped.time++;
      slot.failure = timeReason(this.timeLimitMs);
      void slot.worker.terminate(); // 'exit' follows: lost() fails the file
    }, this.timeLimitMs);
  }

  private pump(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const waiting = this.queue.length + this.slots.reduce((n, s) => n + s.jobs.length, 0);
    // Workers as the queue needs them: a one-file import starts one.
    const wanted = Math.min(this.size, Math.ceil(waiting / IN_FLIGHT_PER_WORKER));
    while (!this.broken && this.slots.length < wanted) this.spawn();
    for (const slot of this.slots) {
      while (slot.ready && slot.jobs.length < IN_FLIGHT_PER_WORKER && this.queue.length > 0) {
        const job = this.queue.shift()!;
        slot.jobs.push(job);
        if (slot.jobs.length === 1) this.startClock(slot);
        const copy = new Uint8Array(job.bytes); // transferred; the caller keeps its bytes for the store
        slot.worker.postMessage({ bytes: copy, fileName: job.fileName }, [copy.buffer]);
      }
    }
    const busy = waiting > 0 || (this.readyWaiters.length > 0 && this.slots.length > 0);
    for (const s of this.slots) {
      if (busy) s.worker.ref();
      else s.worker.unref(); // an idle worker never keeps the process alive
    }
    if (!busy && this.slots.length > 0) {
      this.idleTimer = setTimeout(() => {
        this.idleTimer = null;
        if (this.queue.length === 0 && !this.slots.some((s) => s.jobs.length > 0)) void this.close();
      }, IDLE_MS);
      this.idleTimer.unref();
    }
  }
}

let shared: ImportPool | undefined;

/** The process's import pool (NIANBAO_IMPORT_WORKERS sets its size, NIANBAO_PARSE_TIME_LIMIT_MS its time limit). */
export function importPool(): ImportPool {
  shared ??= new ImportPool();
  return shared;
}
