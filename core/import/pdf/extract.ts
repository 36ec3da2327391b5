/**
 * PDF → positioned text runs, with pdfjs-dist's Node build, in a worker thread
 * (extract-worker.mjs). CMaps and standard fonts come from the installed package so CJK PDFs
 * extract offline; nothing is fetched at run time. The worker keeps PDF parsing off the
 * caller's thread, and a PDF that takes too long is stopped for real (the worker is
 * terminated), not just abandoned.
 */
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ImportError } from '../../common/document.ts';

export interface TextRun {
  str: string;
  /** Left edge, from the page's left, in points (after page rotation). */
  x: number;
  /** Baseline, from the page's TOP, in points. */
  y: number;
  width: number;
  fontSize: number;
}

export interface PdfPage {
  number: number;
  width: number;
  height: number;
  runs: TextRun[];
}

/** The document properties (info dictionary, else XMP), as stored in the file. */
export interface PdfProperties {
  title?: string;
  /** "D:20240120093000+08'00'" (info dictionary) or ISO 8601 (XMP). */
  created?: string;
  modified?: string;
}

export interface PdfDocument {
  pages: PdfPage[];
  properties: PdfProperties;
}

const PDFJS_DIR = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const WORKER_URL = new URL('./extract-worker.mjs', import.meta.url);

/** The worker was stopped because the PDF ran over its time limit. */
class PdfTimeout extends Error {}

interface Job {
  worker: Worker;
  resolve: (doc: PdfDocument) => void;
  reject: (err: Error) => void;
}

/** Up to one worker per core: bulk imports extract several PDFs at once. */
const MAX_WORKERS = Math.max(1, Math.min(2, availableParallelism()));
const workers: Worker[] = [];
let nextId = 1;
const jobs = new Map<number, Job>();

/** Fails the jobs of one worker (a terminated worker's exit must not fail its successor's jobs). */
function failJobsOf(w: Worker, err: Error): void {
  for (const [id, job] of jobs) {
    if (job.worker !== w) continue;
    jobs.delete(id);
    job.reject(err);
  }
}

const inFlight = (w: Worker) => [...jobs.values()].filter((j) => j.worker === w).length;

function retire(w: Worker): void {
  const i = workers.indexOf(w);
  if (i >= 0) workers.splice(i, 1);
}

/** The least busy worker, starting another while all are busy and there is room. */
function getWorker(): Worker {
  const idle = workers.find((w) => inFlight(w) === 0);
  if (idle) return idle;
  if (workers.length >= MAX_WORKERS) return workers.reduce((a, b) => (inFlight(b) < inFlight(a) ? b : a));
  // No execArgv: the worker runs plain JavaScript without the parent's TypeScript loader.
  const w = new Worker(WORKER_URL, { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: 1024 } });
  w.on('message', (msg: { id: number; pages?: PdfPage[]; properties?: PdfProperties; error?: { name: string; message: string } }) => {
    const job = jobs.get(msg.id);
    if (!job) return;
    jobs.delete(msg.id);
    if (msg.error) job.reject(Object.assign(new Error(msg.error.message), { name: msg.error.name }));
    else job.resolve({ pages: msg.pages!, properties: msg.properties ?? {} });
    if (inFlight(w) === 0) w.unref();
  });
  w.on('error', (err) => {
    retire(w);
    failJobsOf(w, err);
  });
  w.on('exit', () => {
    retire(w);
    failJobsOf(w, new Error('the PDF reader stopped unexpectedly'));
  });
  workers.push(w);
  return w;
}

function runInWorker(bytes: Uint8Array, timeoutMs: number): Promise<PdfDocument> {
  const w = getWorker();
  w.ref();
  const id = nextId++;
  return new Promise<PdfDocument>((resolve, reject) => {
    const timer = setTimeout(() => {
      jobs.delete(id);
      reject(new PdfTimeout());
      // Whatever pdfjs is doing, stop it; the next import starts a fresh worker.
      retire(w);
      void w.terminate();
    }, timeoutMs);
    const done = <T>(fn: (v: T) => void) => (v: T) => {
      clearTimeout(timer);
      fn(v);
    };
    jobs.set(id, { worker: w, resolve: done(resolve), reject: done(reject) });
    const copy = new Uint8Array(bytes); // transferred to the worker; the caller keeps its bytes
    w.postMessage({ id, bytes: copy, pdfjsDir: PDFJS_DIR }, [copy.buffer]);
  });
}

/** Reads every page's text runs. Throws ImportError for encrypted, corrupt or unreadable PDFs. */
export async function extractPdf(bytes: Uint8Array, fileName: string, timeoutMs = 30_000): Promise<PdfPage[]> {
  return (await extractPdfDocument(bytes, fileName, timeoutMs)).pages;
}

/** Every page's text runs and the document properties. Throws as extractPdf. */
export async function extractPdfDocument(bytes: Uint8Array, fileName: string, timeoutMs = 30_000): Promise<PdfDocument> {
  let doc: PdfDocument;
  try {
    doc = await runInWorker(bytes, timeoutMs);
  } catch (err) {
    const { name, message } = err as Error;
    if (err instanceof PdfTimeout) throw new ImportError(fileName, `PDF 解析超时（超过 ${timeoutMs / 1000} 秒）(PDF took too long to read)`);
    if (name === 'PasswordException') throw new ImportError(fileName, 'PDF 已加密，无法读取，请先解除密码保护 (the PDF is encrypted)');
    throw new ImportError(fileName, `PDF 文件已损坏或无法读取：${message} (corrupt or unreadable PDF)`);
  }
  if (doc.pages.length === 0) throw new ImportError(fileName, 'PDF 没有页面 (the PDF has no pages)');
  return doc;
}
