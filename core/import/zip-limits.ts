/**
 * Decompression-bomb checks for a DOCX before mammoth inflates it: a 300 KB file can inflate to
 * gigabytes of tiny paragraphs. Two passes, both bounded in memory:
 *  1. declared sizes, from the central directory (fflate's unzip filter reads them without
 *     inflating anything — jszip keeps them private): per entry, in total, and the compression
 *     ratio of large entries;
 *  2. actual sizes: every entry inflated as a stream through jszip — the same reader and the same
 *     entry boundaries mammoth uses, so overlapping or mislabelled entries are counted as mammoth
 *     would see them — chunks counted and dropped, stopped as soon as a limit or the entry's
 *     declared size is passed.
 * The worker's memory limit (ingest/pool.ts) stays the backstop for what passes these.
 */
import { unzipSync } from 'fflate';
import JSZip from 'jszip';
import { ImportError } from '../common/document.ts';

export interface InflateLimits {
  /** Bytes one entry may inflate to. */
  maxEntryBytes: number;
  /** Bytes all entries together may inflate to. */
  maxTotalBytes: number;
  /** Inflated : compressed, checked on entries that inflate beyond `ratioFromBytes`. */
  maxRatio: number;
  ratioFromBytes: number;
}

const MB = 1024 * 1024;
/** Real reports: document.xml of a few MB at ~10–40 : 1; images stored at ~1 : 1. */
export const DOCX_INFLATE_LIMITS: InflateLimits = { maxEntryBytes: 64 * MB, maxTotalBytes: 200 * MB, maxRatio: 100, ratioFromBytes: 1 * MB };

const BOMB = '可能是解压炸弹 (possibly a decompression bomb)';
const mb = (n: number) => (n / MB).toFixed(n < 10 * MB ? 1 : 0);

interface Declared {
  compressed: number;
  inflated: number;
}

function tooLarge(fileName: string, entry: string, bytes: number, limits: InflateLimits): ImportError {
  return new ImportError(fileName, `Word 文档中的 ${entry} 解压后过大（${mb(bytes)} MB，上限 ${mb(limits.maxEntryBytes)} MB），${BOMB}`);
}
function tooLargeInTotal(fileName: string, bytes: number, limits: InflateLimits): ImportError {
  return new ImportError(fileName, `Word 文档解压后总计过大（${mb(bytes)} MB 以上，上限 ${mb(limits.maxTotalBytes)} MB），${BOMB}`);
}
function ratioTooHigh(fileName: string, entry: string, ratio: number, limits: InflateLimits): ImportError {
  return new ImportError(fileName, `Word 文档中的 ${entry} 压缩比异常（${Math.round(ratio)}:1，上限 ${limits.maxRatio}:1），${BOMB}`);
}

/** Pass 1: the central directory's sizes. Returns them by entry name. */
function checkDeclared(bytes: Uint8Array, fileName: string, limits: InflateLimits): Map<string, Declared> {
  const declared = new Map<string, Declared>();
  let total = 0;
  try {
    unzipSync(bytes, {
      filter: ({ name, size, originalSize }) => {
        if (originalSize > limits.maxEntryBytes) throw tooLarge(fileName, name, originalSize, limits);
        if (originalSize > limits.ratioFromBytes && originalSize / Math.max(1, size) > limits.maxRatio) throw ratioTooHigh(fileName, name, originalSize / Math.max(1, size), limits);
        total += originalSize;
        if (total > limits.maxTotalBytes) throw tooLargeInTotal(fileName, total, limits);
        declared.set(name, { compressed: size, inflated: originalSize });
        return false; // nothing is inflated here
      },
    });
  } catch (err) {
    if (err instanceof ImportError) throw err;
    // A directory fflate cannot read is left to jszip/mammoth, whose own error names the damage; pass 2 still bounds it.
  }
  return declared;
}

/** Pass 2: inflates every entry as a stream, counting; rejects at the first limit passed. */
async function checkActual(bytes: Uint8Array, fileName: string, declared: Map<string, Declared>, limits: InflateLimits): Promise<void> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    return; // not readable as a zip: mammoth reports it as a corrupt DOCX
  }
  let total = 0;
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const sizes = declared.get(entry.name);
    const compressed = sizes?.compressed ?? bytes.length;
    let inflated = 0;
    await new Promise<void>((resolve, reject) => {
      const stream = entry.nodeStream('nodebuffer');
      const stop = (err: ImportError) => {
        stream.pause();
        stream.removeAllListeners('data');
        reject(err);
      };
      stream.on('data', (chunk: Buffer) => {
        inflated += chunk.length;
        total += chunk.length;
        if (inflated > limits.maxEntryBytes) return stop(tooLarge(fileName, entry.name, inflated, limits));
        if (total > limits.maxTotalBytes) return stop(tooLargeInTotal(fileName, total, limits));
        if (inflated > limits.ratioFromBytes && inflated / Math.max(1, compressed) > limits.maxRatio) return stop(ratioTooHigh(fileName, entry.name, inflated / Math.max(1, compressed), limits));
        if (sizes && inflated > sizes.inflated) {
          return stop(new ImportError(fileName, `Word 文档中的 ${entry.name} 实际解压大小超过其声明的 ${sizes.inflated} 字节，文件已损坏或被篡改，${BOMB}`));
        }
      });
      stream.on('error', () => resolve()); // a damaged entry: mammoth reports it if it needs the entry
      stream.on('end', () => resolve());
    });
  }
}

/** Throws ImportError naming the entry and the limit when the DOCX would inflate beyond `limits`. */
export async function checkDocxInflation(bytes: Uint8Array, fileName: string, limits: InflateLimits = DOCX_INFLATE_LIMITS): Promise<void> {
  const declared = checkDeclared(bytes, fileName, limits);
  await checkActual(bytes, fileName, declared, limits);
}
