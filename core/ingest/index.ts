/**
 * The import pipeline: bytes of one file → a parsed, validated report (not yet stored).
 * Sniff → convert to blocks → build the report → run single-report rules.
 */
import { createHash } from 'node:crypto';
import type { ParsedReport, RuleEvaluation } from '../model.ts';
import { buildReport } from '../parse/index.ts';
import { validateReport } from '../validate/index.ts';
import { sniffKind, type FileKind } from '../import/sniff.ts';
import { ImportError, MAX_IMPORT_BYTES, type Converter } from '../common/document.ts';
import { convertText } from '../import/text.ts';
import { convertHtml } from '../import/html.ts';
import { convertDocx } from '../import/docx.ts';
import { convertPdf } from '../import/pdf.ts';

export { ImportError, MAX_IMPORT_BYTES } from '../common/document.ts';

const CONVERTERS: Record<FileKind, Converter> = {
  text: convertText,
  html: convertHtml,
  docx: convertDocx,
  pdf: convertPdf,
  doc: async (_b, name) => {
    throw new ImportError(name, '旧版 Word (.doc) 文件无法读取，请另存为 DOCX 或 PDF 后再导入 (legacy .doc is not supported: save as DOCX or PDF)');
  },
  zip: async (_b, name) => {
    throw new ImportError(name, '这是一个 ZIP 压缩包而不是 Word 文档，请先解压 (a ZIP archive, not a report: unpack it first)');
  },
  binary: async (_b, name) => {
    throw new ImportError(name, '无法识别的文件格式 (not a text, HTML, DOCX or PDF file)');
  },
};

export interface ImportedDocument {
  parsed: ParsedReport;
  /** Single-report rule evaluations, incl. parse findings. Cross-year rules are the archive's job. */
  evaluations: RuleEvaluation[];
  mediaType: string;
  sha256: string;
  size: number;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Parses one file. Throws ImportError (naming the file and the reason) for anything that is
 * not a readable report; never any other error type.
 */
export async function importDocument(bytes: Uint8Array, fileName: string): Promise<ImportedDocument> {
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new ImportError(fileName, `文件过大（${(bytes.length / 1048576).toFixed(0)} MB，上限 ${MAX_IMPORT_BYTES / 1048576} MB）(file too large)`);
  }
  if (bytes.length === 0) throw new ImportError(fileName, '文件为空 (empty file)');
  try {
    const doc = await CONVERTERS[sniffKind(bytes, fileName)](bytes, fileName);
    const parsed = buildReport(doc, fileName);
    return { parsed, evaluations: validateReport(parsed), mediaType: doc.mediaType, sha256: sha256Hex(bytes), size: bytes.length };
  } catch (err) {
    if (err instanceof ImportError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new ImportError(fileName, `无法解析：${message} (could not be parsed)`);
  }
}
