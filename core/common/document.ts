/**
 * The intermediate form every file converter produces (text, HTML, DOCX, PDF):
 * a flat sequence of paragraphs and tables. `core/parse/` turns it into a report.
 */

export interface ParagraphBlock {
  kind: 'paragraph';
  text: string;
}

export interface TableBlock {
  kind: 'table';
  /**
   * Rows of cell texts. Where the source had real merges (HTML rowspan/colspan, DOCX
   * vMerge/gridSpan) the grid is expanded: a merged cell's text is repeated in every slot it
   * covers, and `origin` marks which slots are copies. Text extracted from PDFs has no merge
   * information: rows may have different lengths and header cells may be flattened.
   */
  rows: string[][];
  /** origin[r][c] = true where the slot is a copy of a merged cell (not its top-left). */
  copies?: boolean[][];
}

export type Block = ParagraphBlock | TableBlock;

/** Metadata a converter found outside the report text (HTML <title>, 索引号/发布机构 tables, DOCX core props). */
export interface MetadataHints {
  title?: string;
  body?: string;
  publishedAt?: string;
  year?: number;
  /** Raw label → value pairs as printed (索引号, 发布机构, 公开日期, 文号 …). */
  fields: Record<string, string>;
}

/**
 * Field label of the date a file was made (a PDF's creation date): publishedAt falls back to it
 * only when the report prints no date of its own.
 */
export const FILE_CREATED_FIELD = '文档创建日期';

export interface ConvertedDocument {
  mediaType: string;
  blocks: Block[];
  hints: MetadataHints;
  /** What the converter could not read as printed, for the reader (e.g. a crawler's flattened tables). */
  notes?: string[];
}

/** Converts the bytes of one file. Throws ImportError for anything it cannot read. */
export type Converter = (bytes: Uint8Array, fileName: string) => Promise<ConvertedDocument>;

/** The one error type importers throw: names the file and says why, in one sentence. */
export class ImportError extends Error {
  readonly fileName: string;
  readonly reason: string;
  constructor(fileName: string, reason: string) {
    super(`${fileName}: ${reason}`);
    this.name = 'ImportError';
    this.fileName = fileName;
    this.reason = reason;
  }
}

/** Files larger than this are refused before they are read whole. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
