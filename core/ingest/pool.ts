/**
 * Parses files for bulk imports on every core: a small pool of worker threads running
 * importDocument (parse-worker.mjs). The caller keeps the order: each file gets its own promise.
 *
 * - Workers take ~0.5 s to start (an esbuild bundle of the parser, see parse-worker-bundle.mjs;
 *   ~1 s under tsx where esbuild is missing). The calling thread parses whatever no worker is
 *   free for, so a short import never waits for start-up. Used automatically only with 3+ cores
 *   and an idle machine (see poolForImport).
 * - Workers exist only where the TypeScript sources sit beside this module (the CLI under tsx,
 *   vitest, the app run from sources). In a bundle (dist-electron/main.mjs) the worker entry is
 *   not there and every file is parsed in-thread, as before. NIANBAO_IMPORT_WORKERS=0 turns
 *   the pool off; =N sets its size.
 * - Idle workers are unref'd (they never keep a process alive) and ended after IDLE_MS.
 * - A worker that fails to start turns the pool off for the process; a worker that dies with a
 *   file fails that file with an ImportError and is replaced.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { importDocument, ImportError, type ImportedDocument } from './index.ts';
import { sniffKind } from '../import/sniff.ts';

const WORKER_URL = new URL('./parse-worker.mjs', import.meta.url);
const PIPELINE_SOURCE = new URL('./index.ts', import.meta.url);
/** Fewer files than this are parsed in-thread: starting workers costs more CPU than they save. */
export const POOL_MIN_FILES = 16;
const IDLE_MS = 15_000;
const MAX_WORKERS = 4;
/**
 * Files sent to a worker before it has answered the first: the next one waits in its port, so
 * the worker does not sit idle until the busy calling thread has taken its answer and sent more.
 * With one in flight a worker parsed ~30% of a 2-core import and the pool was slower than none.
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
  /** Sent to the worker, oldest first (it answers in order). */
  jobs: Job[];
}

type WorkerMessage = { ready: true } | { json: string } | { importError?: { fileName: string; reason: string }; message: string };

function configuredSize(): number {
  const env = process.env.NIANBAO_IMPORT_WORKERS;
  if (env !== undefined && env.trim() !== '' && Number.isInteger(Number(env))) return Math.max(0, Math.min(16, Number(env)));
  // The calling thread parses too (between storing batches): one worker fewer than cores.
  return Math.max(1, Math.min(MAX_WORKERS, (os.availableParallelism?.() ?? os.cpus().length) - 1));
}

function workerEntryPresent(): boolean {
  if (WORKER_URL.protocol !== 'file:') return false;
  try {
    return existsSync(fileURLToPath(WORKER_URL)) && existsSync(fileURLToPath(PIPELINE_SOURCE));
  } catch {
    return false;
  }
}

export class ImportPool {
  private slots: Slot[] = [];
  private queue: Job[] = [];
  private inThreadBusy = false;
  private broken = false;
  private idleTimer: NodeJS.Timeout | null = null;
  private readyWaiters: (() => void)[] = [];
  /** Files parsed so far by the workers and by the calling thread. */
  readonly parsed = { inWorkers: 0, inThread: 0 };

  /** @param size worker threads */
  constructor(readonly size: number) {}

  /** Starts the workers; resolves once one is ready (or none can start). */
  warm(): Promise<void> {
    this.grow();
    if (this.broken || this.slots.some((s) => s.ready)) return Promise.resolve();
    const warmed = new Promise<void>((resolve) => this.readyWaiters.push(resolve));
    this.pump();
    return warmed;
  }

  /** Parses one file (same result and errors as importDocument). */
  parse(bytes: Uint8Array, fileName: string): Promise<ImportedDocument> {
    // PDFs are extracted in their own worker threads already (pdf/extract.ts, several at once):
    // parsed from here, they need no second hop and no second set of PDF workers.
    if (sniffKind(bytes, fileName) === 'pdf') return importDocument(bytes, fileName);
    return new Promise<ImportedDocument>((resolve, reject) => {
      this.queue.push({ bytes, fileName, resolve, reject });
      this.grow();
      this.pump();
    });
  }

  /** Ends the workers (pending files are parsed in-thread). */
  async close(): Promise<void> {
    const slots = this.slots;
    this.slots = [];
    for (const s of slots) this.queue.unshift(...s.jobs);
    await Promise.all(slots.map((s) => s.worker.terminate()));
    this.pump();
  }

  private grow(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    while (!this.broken && this.slots.length < this.size) this.spawn();
  }

  private spawn(): void {
    // No execArgv: the entry registers tsx itself (the parent's loader flags are not needed).
    // Parsing one report needs little heap: a small old generation keeps the worker's share of
    // a bulk import's peak memory down (it is collected often instead of growing).
    const worker = new Worker(WORKER_URL, { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: 128 } });
    const slot: Slot = { worker, ready: false, jobs: [] };
    worker.on('message', (msg: WorkerMessage) => {
      if ('ready' in msg) {
        slot.ready = true;
        for (const resolve of this.readyWaiters.splice(0)) resolve();
      } else {
        this.parsed.inWorkers++;
        const job = slot.jobs.shift();
        if (job) {
          if ('json' in msg) job.resolve(JSON.parse(msg.json) as ImportedDocument);
          else if (msg.importError) job.reject(new ImportError(msg.importError.fileName, msg.importError.reason));
          else job.reject(new ImportError(job.fileName, `无法解析：${msg.message} (could not be parsed)`));
        }
      }
      this.pump();
    });
    const lost = () => {
      const i = this.slots.indexOf(slot);
      if (i < 0) return; // terminated on purpose
      this.slots.splice(i, 1);
      // A worker that never started will not start next time either (no tsx, no sources): stay in-thread.
      if (!slot.ready) this.broken = true;
      if (this.broken || this.slots.length === 0) for (const resolve of this.readyWaiters.splice(0)) resolve();
      // The file being parsed failed it; the ones waiting behind it are parsed again elsewhere.
      const [failed, ...waiting] = slot.jobs;
      slot.jobs = [];
      failed?.reject(new ImportError(failed.fileName, '解析过程意外中止 (the parser stopped unexpectedly)'));
      this.queue.unshift(...waiting);
      if (this.queue.length) this.grow();
      this.pump();
    };
    worker.on('error', lost);
    worker.on('exit', lost);
    this.slots.push(slot);
  }

  private pump(): void {
    for (const slot of this.slots) {
      while (slot.ready && slot.jobs.length < IN_FLIGHT_PER_WORKER && this.queue.length > 0) {
        const job = this.queue.shift()!;
        slot.jobs.push(job);
        const copy = new Uint8Array(job.bytes); // transferred; the caller keeps its bytes for the store
        slot.worker.postMessage({ bytes: copy, fileName: job.fileName }, [copy.buffer]);
      }
    }
    // Files no worker is free for are parsed here too (the only parser while workers start up,
    // or where none can run); a file at a time, so that storing keeps its turn in between.
    if (this.queue.length > 0 && !this.inThreadBusy) {
      const job = this.queue.shift()!;
      this.inThreadBusy = true;
      this.parsed.inThread++;
      setImmediate(() => {
        importDocument(job.bytes, job.fileName)
          .then(job.resolve, job.reject)
          .finally(() => {
            this.inThreadBusy = false;
            this.pump();
          });
      });
    }
    const busy = this.queue.length > 0 || this.slots.some((s) => s.jobs.length > 0) || (this.readyWaiters.length > 0 && this.slots.length > 0);
    for (const s of this.slots) {
      if (busy) s.worker.ref();
      else s.worker.unref();
    }
    if (!busy && !this.inThreadBusy && this.slots.length > 0 && !this.idleTimer) {
      this.idleTimer = setTimeout(() => {
        this.idleTimer = null;
        if (!this.queue.length && !this.slots.some((s) => s.jobs.length > 0)) void this.close();
      }, IDLE_MS);
      this.idleTimer.unref();
    }
  }
}

/**
 * On 2 cores the pool does not pay: the calling thread (storing, and parsing whatever no worker
 * takes) is the bottleneck, and V8's garbage collection already runs on the second core (a
 * single-threaded parse uses ~1.25 cores). Measured on an idle 2 × EPYC host, 3,000 text
 * reports: 301 and 311 reports/s in-thread, 300 and 285 with one worker; 1,000 HTML reports
 * (two files in flight per worker): 231, 220, 219 in-thread, 211, 220, 177 with one worker.
 */
const MIN_CORES_FOR_POOL = 3;
/** How long the machine's idle time is sampled before a bulk import decides on workers. */
const IDLE_SAMPLE_MS = 120;

/** Idle CPU of the whole machine over the next `ms`, in cores (this process is waiting meanwhile). */
async function idleCores(ms: number): Promise<number> {
  const times = () => os.cpus().map((c) => c.times);
  const before = times();
  await new Promise((r) => setTimeout(r, ms));
  const after = times();
  let idle = 0;
  let total = 0;
  after.forEach((t, i) => {
    const b = before[i];
    if (!b) return;
    idle += t.idle - b.idle;
    total += t.user + t.nice + t.sys + t.irq + t.idle - (b.user + b.nice + b.sys + b.irq + b.idle);
  });
  return total > 0 ? (idle / total) * after.length : after.length;
}

/**
 * The pool for an import of `fileCount` files, or null to parse in-thread: small imports,
 * machines with fewer than MIN_CORES_FOR_POOL cores, and machines that are not idle now (less than cores − 0.5 idle over a short sample: the calling
 * thread needs one core and each worker another). On a busy machine workers cannot add CPU,
 * only their start-up and the copying of results: measured on a loaded 2-core host, an import
 * of 300 reports ran at ~60/s with the pool and ~105/s without. The sample replaces the
 * 1-minute load average, which still counted this process's own work of the last minute.
 * NIANBAO_IMPORT_WORKERS set → the pool is used whatever the load.
 */
export async function poolForImport(fileCount: number): Promise<ImportPool | null> {
  if (fileCount < POOL_MIN_FILES) return null;
  const explicit = (process.env.NIANBAO_IMPORT_WORKERS ?? '').trim() !== '';
  if (!explicit) {
    const cores = os.availableParallelism?.() ?? os.cpus().length;
    if (cores < MIN_CORES_FOR_POOL || (await idleCores(IDLE_SAMPLE_MS)) < cores - 0.5) return null;
  }
  return importPool();
}

let shared: ImportPool | null | undefined;

/** The process's import pool, or null where workers cannot run (bundled build, NIANBAO_IMPORT_WORKERS=0). */
export function importPool(): ImportPool | null {
  if (shared === undefined) {
    const size = configuredSize();
    shared = size > 0 && workerEntryPresent() ? new ImportPool(size) : null;
  }
  return shared;
}
