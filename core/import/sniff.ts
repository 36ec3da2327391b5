/** Decides what kind of file some bytes are, by content first and file name second. */

export type FileKind = 'pdf' | 'docx' | 'doc' | 'html' | 'text' | 'zip' | 'binary';

const startsWith = (bytes: Uint8Array, sig: number[]) => sig.every((b, i) => bytes[i] === b);

export function sniffKind(bytes: Uint8Array, fileName: string): FileKind {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'pdf'; // %PDF
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'doc'; // OLE2 (Word 97-2003)
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // OOXML stores "word/" part names uncompressed in the local headers.
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 65536)));
    return head.includes('word/') || ext === 'docx' ? 'docx' : 'zip';
  }
  if (ext === 'html' || ext === 'htm' || ext === 'shtml' || ext === 'xhtml') return 'html';
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 4096))).toLowerCase();
  if (/<(!doctype html|html|head|body|table|p|div|meta)[\s>]/.test(head)) return 'html';
  if (ext === 'pdf' || ext === 'docx') return ext; // wrong content for the name: the converter says so
  if (ext === 'doc') return 'doc';
  return 'text';
}
