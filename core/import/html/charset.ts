/**
 * Encoding of a saved page: the charset the page declares (<meta charset>, http-equiv
 * content-type, XML declaration) read from its head bytes as latin1, then checked against the
 * bytes by decodeText (valid UTF-8 wins over a stale gb2312 meta).
 */
import { decodeText } from '../decode.ts';

/** How far into the file a charset declaration is looked for. */
const HEAD_BYTES = 16384;

export function declaredCharset(bytes: Uint8Array): string | undefined {
  let head = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, HEAD_BYTES)));
  const headEnd = head.search(/<\/head\s*>|<body[\s>]/i);
  if (headEnd >= 0) head = head.slice(0, headEnd);
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml) return xml[1].toLowerCase();
  for (const meta of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const m = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(meta);
    if (m) return m[1].toLowerCase();
  }
  return undefined;
}

/**
 * A file cut in the middle of a UTF-8 character fails strict UTF-8 validation and would be
 * decoded as GB18030 (garbled). Drop an incomplete trailing sequence before deciding.
 */
function withoutBrokenUtf8Tail(bytes: Uint8Array): Uint8Array {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = bytes[n - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? bytes.subarray(0, n - back) : bytes;
  }
  return bytes;
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

export function decodeHtmlBytes(bytes: Uint8Array): { text: string; encoding: string } {
  // Valid UTF-8 (the usual case) is what decodeText would pick whatever the meta says: decode it
  // once here instead of validating it and decoding it again.
  const utf8 = strictUtf8(bytes);
  if (utf8 !== null) return { text: utf8.replace(/\uFFFD$/, ''), encoding: 'utf-8' };
  const declared = declaredCharset(bytes);
  const trimmed = withoutBrokenUtf8Tail(bytes);
  if (trimmed.length !== bytes.length) {
    const asUtf8 = decodeText(trimmed, declared);
    if (asUtf8.encoding === 'utf-8') return asUtf8;
  }
  const decoded = decodeText(bytes, declared);
  // A GBK file cut after the first byte of a character ends in one replacement character.
  return { ...decoded, text: decoded.text.replace(/\uFFFD$/, '') };
}

/** The text when the bytes are valid UTF-8 (a UTF-8 BOM dropped, as decodeText does), else null. */
export function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    return null;
  }
}
