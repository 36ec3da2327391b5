/**
 * Worker entry of the import pool (pool.ts): parses one file at a time with importDocument, off
 * the calling thread and under the worker's memory limit. Bundled to dist-node/parse-worker.mjs
 * and dist-electron/parse-worker.mjs (scripts/build-node.js, scripts/build-electron.js): the
 * untrusted bytes never reach the process's main heap.
 */
import { parentPort } from 'node:worker_threads';
import { importDocument } from './index.ts';

export interface ParseRequest {
  bytes: Uint8Array;
  fileName: string;
}

export type ParseAnswer = { ready: true } | { json: string } | { importError?: { fileName: string; reason: string }; message: string };

async function answerFor({ bytes, fileName }: ParseRequest): Promise<ParseAnswer> {
  try {
    // As JSON text: the document is plain JSON data (it is stored as JSON), and one string is
    // copied and parsed ~2.5× faster than postMessage's structured clone of the object graph.
    return { json: JSON.stringify(await importDocument(bytes, fileName)) };
  } catch (err) {
    // importDocument throws only ImportError; anything else is reported by its message.
    const e = err as { name?: string; fileName?: string; reason?: string; message?: string };
    const importError = e && e.name === 'ImportError' ? { fileName: e.fileName!, reason: e.reason! } : undefined;
    return { importError, message: err instanceof Error ? err.message : String(err) };
  }
}

const port = parentPort;
if (port) {
  // One file at a time, answered in the order sent: the pool matches answers to files by order,
  // and its time limit runs for the file being parsed. (A DOCX parse awaits; without the queue a
  // second file sent meanwhile would start, finish first and take the first one's answer.)
  let previous: Promise<unknown> = Promise.resolve();
  port.on('message', (request: ParseRequest) => {
    previous = previous.then(async () => port.postMessage(await answerFor(request)));
  });
  port.postMessage({ ready: true } satisfies ParseAnswer);
}
