import { ImportError, type ConvertedDocument } from './types.ts';

/** Placeholder until the html converter lands. */
export async function convertHtml(_bytes: Uint8Array, fileName: string): Promise<ConvertedDocument> {
  throw new ImportError(fileName, 'html import is not implemented yet');
}
