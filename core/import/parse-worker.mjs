// Worker entry of the import pool (pool.ts): parses files with importDocument off the main thread.
// Plain JavaScript so that Node can start it without a loader; it registers tsx itself and then
// loads the TypeScript pipeline from the sources beside it (pool.ts uses it only when they exist).
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { importDocument } = await import('./index.ts');

parentPort.on('message', async ({ id, bytes, fileName }) => {
  try {
    const doc = await importDocument(bytes, fileName);
    // As JSON text: the document is plain JSON data (it is stored as JSON), and one string is
    // copied and parsed ~2.5× faster than postMessage's structured clone of the object graph.
    parentPort.postMessage({ id, json: JSON.stringify(doc) });
  } catch (err) {
    // importDocument throws only ImportError; anything else is reported by its message.
    const importError = err && err.name === 'ImportError' ? { fileName: err.fileName, reason: err.reason } : undefined;
    parentPort.postMessage({ id, importError, message: err instanceof Error ? err.message : String(err) });
  }
});
parentPort.postMessage({ ready: true });
