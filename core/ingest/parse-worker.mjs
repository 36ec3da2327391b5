// Worker entry of the import pool (pool.ts): parses files with importDocument off the main thread.
// Plain JavaScript so that Node can start it without a loader. It loads the TypeScript pipeline
// beside it (pool.ts uses it only when the sources exist) bundled by esbuild into one module:
// ~0.4 s to start instead of ~1.1 s under tsx, whose loader answers every module import from
// its hooks thread. Without esbuild (or if bundling fails) it registers tsx as before.
import { parentPort } from 'node:worker_threads';
import { loadBundledPipeline } from './parse-worker-bundle.mjs';

async function loadPipeline() {
  const bundled = await loadBundledPipeline(new URL('./index.ts', import.meta.url)).catch(() => null);
  if (bundled) return bundled;
  const { register } = await import('tsx/esm/api');
  register();
  return import('./index.ts');
}

const { importDocument } = await loadPipeline();

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
