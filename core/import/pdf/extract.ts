/**
 * PDF → positioned text runs, with pdfjs-dist's Node build. CMaps and standard fonts come from
 * the installed package so CJK PDFs extract offline; nothing is fetched at run time.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ImportError } from '../types.ts';

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

const require = createRequire(import.meta.url);
const pdfjsDir = dirname(require.resolve('pdfjs-dist/package.json'));
// pdfjs's Node fetch of CMaps/fonts takes a directory path with a trailing slash.
const CMAP_DIR = join(pdfjsDir, 'cmaps') + '/';
const FONT_DIR = join(pdfjsDir, 'standard_fonts') + '/';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs').then((m) => {
    // Run the worker code in this thread ("fake worker"), loaded from the installed package.
    m.GlobalWorkerOptions.workerSrc = pathToFileURL(join(pdfjsDir, 'legacy/build/pdf.worker.mjs')).href;
    return m;
  });
  return pdfjs;
}

/** Reads every page's text runs. Throws ImportError for encrypted, corrupt or image-only PDFs. */
export async function extractPdf(bytes: Uint8Array, fileName: string, timeoutMs = 30_000): Promise<PdfPage[]> {
  const { getDocument } = await loadPdfJs();
  const task = getDocument({
    data: new Uint8Array(bytes), // pdfjs transfers (detaches) the buffer it is given
    cMapUrl: CMAP_DIR,
    cMapPacked: true,
    standardFontDataUrl: FONT_DIR,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ImportError(fileName, `PDF 解析超时（超过 ${timeoutMs / 1000} 秒）(PDF took too long to read)`)), timeoutMs);
  });
  try {
    return await Promise.race([readPages(task, fileName), timeout]);
  } catch (err) {
    if (err instanceof ImportError) throw err;
    const name = (err as { name?: string })?.name;
    if (name === 'PasswordException') {
      throw new ImportError(fileName, 'PDF 已加密，无法读取，请先解除密码保护 (the PDF is encrypted)');
    }
    const message = err instanceof Error ? err.message : String(err);
    throw new ImportError(fileName, `PDF 文件已损坏或无法读取：${message} (corrupt or unreadable PDF)`);
  } finally {
    clearTimeout(timer);
    void task.destroy().catch(() => undefined);
  }
}

async function readPages(task: ReturnType<PdfJs['getDocument']>, fileName: string): Promise<PdfPage[]> {
  const doc = await task.promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const viewport = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const runs: TextRun[] = [];
    for (const item of content.items) {
      if (!('str' in item) || item.str.length === 0) continue;
      // Map the run's origin through the viewport so rotated (landscape) pages come out upright.
      const [x, y] = viewport.convertToViewportPoint(item.transform[4], item.transform[5]);
      const fontSize = Math.hypot(item.transform[0], item.transform[1]) || Math.abs(item.height) || 10;
      const vertical = Math.abs(item.transform[1]) > Math.abs(item.transform[0]);
      runs.push({ str: item.str, x, y, width: vertical ? fontSize : item.width, fontSize });
    }
    pages.push({ number: n, width: viewport.width, height: viewport.height, runs });
    page.cleanup();
  }
  if (pages.length === 0) throw new ImportError(fileName, 'PDF 没有页面 (the PDF has no pages)');
  return pages;
}
