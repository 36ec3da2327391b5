/** Turns bytes of a text or HTML file into a string: BOMs, UTF-8, else the GB family. */
import iconv from 'iconv-lite';

const GB_LABELS = new Set(['gbk', 'gb2312', 'gb18030', 'x-gbk', 'cp936', 'euc-cn', 'hz-gb-2312']);

/** The text if the bytes are valid UTF-8, else null: one pass validates and decodes. */
function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Decodes bytes. `declared` is a charset label found in the file (HTML meta) or a header;
 * it is trusted only when the bytes agree (a page saved as UTF-8 often keeps its old
 * `charset=gb2312` meta).
 */
export function decodeText(bytes: Uint8Array, declared?: string): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const label = declared?.trim().toLowerCase();
  const utf8 = decodeUtf8(bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  // Not UTF-8: GB18030 is a superset of GBK and GB2312, so it decodes all three.
  if (!label || GB_LABELS.has(label) || label === 'utf-8' || label === 'utf8') {
    return { text: iconv.decode(Buffer.from(bytes), 'gb18030'), encoding: label && GB_LABELS.has(label) ? label : 'gb18030' };
  }
  if (iconv.encodingExists(label)) return { text: iconv.decode(Buffer.from(bytes), label), encoding: label };
  return { text: iconv.decode(Buffer.from(bytes), 'gb18030'), encoding: 'gb18030' };
}

const GARBAGE_CHAR = /[\ufffd\u0000-\u0008\u000b\u000e-\u001f]/;

/** Share of characters that are U+FFFD or C0 controls other than whitespace: high means binary garbage. */
export function garbageRatio(text: string): number {
  // Nearly every file has none: one native regular-expression scan instead of a loop in JS.
  if (text.length === 0 || !GARBAGE_CHAR.test(text)) return 0;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12)) bad++;
  }
  return bad / text.length;
}
