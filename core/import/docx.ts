import { ImportError, type ConvertedDocument } from './types.ts';

/** Placeholder until the docx converter lands. */
export async function convertDocx(_bytes: Uint8Array, fileName: string): Promise<ConvertedDocument> {
  throw new ImportError(fileName, 'docx import is not implemented yet');
}
