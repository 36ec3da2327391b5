import { ImportError, type ConvertedDocument } from './types.ts';

/** Placeholder until the text converter lands. */
export async function convertText(_bytes: Uint8Array, fileName: string): Promise<ConvertedDocument> {
  throw new ImportError(fileName, 'text import is not implemented yet');
}
