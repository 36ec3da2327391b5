import { ImportError, type ConvertedDocument } from './types.ts';

/** Placeholder until the pdf converter lands. */
export async function convertPdf(_bytes: Uint8Array, fileName: string): Promise<ConvertedDocument> {
  throw new ImportError(fileName, 'pdf import is not implemented yet');
}
