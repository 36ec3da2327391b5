import type { ParsedReport } from '../model.ts';
import type { ConvertedDocument } from '../import/types.ts';

/** Blocks → report: metadata, format, chapters, statistical tables, generic tables, parse findings. */
export function buildReport(_doc: ConvertedDocument, _fileName: string): ParsedReport {
  throw new Error('buildReport is not implemented yet');
}
