// Runs pdfjs-dist on one PDF in a worker thread and posts back each page's positioned text
// runs. Plain JavaScript on purpose: the worker starts without the TypeScript loader, so
// pdfjs loads natively (fast, and without the loader's memory overhead), and the caller can
// terminate it when a damaged file makes pdfjs spin.
import { parentPort } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

let pdfjs;

async function load(pdfjsDir) {
  if (!pdfjs) {
    // The legacy build's core-js polyfills replace Array.prototype.push with a slow
    // JavaScript version (15 % of extraction time in profiles); V8's own is spec-compliant.
    const nativePush = Array.prototype.push;
    // The minified builds carry no sourceMappingURL, so no source maps are parsed.
    pdfjs = await import(pathToFileURL(join(pdfjsDir, 'legacy/build/pdf.min.mjs')).href);
    pdfjs.GlobalWorkerOptions.workerSrc = pathToFileURL(join(pdfjsDir, 'legacy/build/pdf.worker.min.mjs')).href;
    // The fake worker module is loaded on first use: load it now, then put push back.
    await import(pdfjs.GlobalWorkerOptions.workerSrc);
    Object.defineProperty(Array.prototype, 'push', { value: nativePush, writable: true, configurable: true, enumerable: false });
  }
  return pdfjs;
}

/**
 * Title and dates of the document properties: the info dictionary, else the XMP packet. Strings
 * as stored (dates as "D:20240120093000+08'00'" or ISO); a damaged dictionary gives none.
 */
async function documentProperties(doc) {
  try {
    const { info, metadata } = await doc.getMetadata();
    const xmp = (name) => {
      const value = metadata?.get(name);
      return typeof value === 'string' && value.trim() ? value.trim() : undefined;
    };
    const text = (value) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
    return {
      title: text(info?.Title) ?? xmp('dc:title'),
      created: text(info?.CreationDate) ?? xmp('xmp:createdate'),
      modified: text(info?.ModDate) ?? xmp('xmp:modifydate'),
    };
  } catch {
    return {};
  }
}

async function extract({ bytes, pdfjsDir }) {
  const { getDocument } = await load(pdfjsDir);
  const task = getDocument({
    data: bytes,
    cMapUrl: join(pdfjsDir, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: join(pdfjsDir, 'standard_fonts') + '/',
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  try {
    const doc = await task.promise;
    const pages = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent({ disableNormalization: true });
      const runs = [];
      for (const item of content.items) {
        if (!item.str) continue;
        // Map the run's origin through the viewport so rotated (landscape) pages come out upright.
        const [x, y] = viewport.convertToViewportPoint(item.transform[4], item.transform[5]);
        const fontSize = Math.hypot(item.transform[0], item.transform[1]) || Math.abs(item.height) || 10;
        const vertical = Math.abs(item.transform[1]) > Math.abs(item.transform[0]);
        runs.push({ str: item.str, x, y, width: vertical ? fontSize : item.width, fontSize });
      }
      pages.push({ number: n, width: viewport.width, height: viewport.height, runs });
      page.cleanup();
      // Long documents: let pdfjs drop parsed fonts and caches now and then (flat peak memory).
      if (n % 16 === 0) await doc.cleanup();
    }
    return { pages, properties: await documentProperties(doc) };
  } finally {
    await task.destroy().catch(() => undefined);
  }
}

parentPort.on('message', async (job) => {
  try {
    parentPort.postMessage({ id: job.id, ...(await extract(job)) });
  } catch (err) {
    parentPort.postMessage({ id: job.id, error: { name: err?.name ?? 'Error', message: err?.message ?? String(err) } });
  }
});
