/**
 * The one normalization shared by the index and the query (exactness depends on it):
 * whitespace and control characters removed, full-width ASCII folded to half-width,
 * ASCII lower-cased, traditional characters folded to simplified.
 *
 * Folding is strictly per UTF-16 code unit (a 65,536-entry table), so that the
 * normalization of a substring is a substring of the normalization: a context-dependent
 * phrase converter (OpenCC's phrase tables) would break that, and with it exact recall.
 */
import { Locale } from 'opencc-js';

/** 0 = drop the code unit; otherwise the folded code unit. */
let foldTable: Uint16Array | null = null;

function isDropped(c: number): boolean {
  return (
    c <= 0x20 ||
    c === 0x7f ||
    (c >= 0x80 && c <= 0xa0) ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200f) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x2060 ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Single-character traditional → simplified pairs from OpenCC's maintained dictionaries. */
function traditionalToSimplifiedPairs(): Map<number, number> {
  const ts = new Map<number, number>();
  const load = (pairs: Map<number, number>, dict: unknown): void => {
    if (typeof dict !== 'string') return;
    for (const entry of dict.split('|')) {
      const space = entry.indexOf(' ');
      if (space !== 1) continue; // one BMP code unit on the source side only
      const target = entry.slice(space + 1).split(' ')[0];
      if (target.length !== 1) continue;
      const from = entry.charCodeAt(0);
      const to = target.charCodeAt(0);
      if (from >= 0xd800 && from <= 0xdfff) continue;
      if (to >= 0xd800 && to <= 0xdfff) continue;
      if (from !== to && !pairs.has(from)) pairs.set(from, to);
    }
  };
  for (const group of Locale.to.cn ?? []) for (const d of group) load(ts, d);
  // Regional variant characters (tw/hk) fold through OpenCC standard traditional to simplified.
  const variants = new Map<number, number>();
  for (const region of ['tw', 'hk'] as const) for (const group of Locale.from[region] ?? []) for (const d of group) load(variants, d);
  for (const [from, standard] of variants) {
    if (ts.has(from)) continue;
    const simplified = ts.get(standard);
    if (simplified !== undefined && simplified !== from) ts.set(from, simplified);
  }
  return ts;
}

export function getFoldTable(): Uint16Array {
  if (foldTable) return foldTable;
  const table = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) {
    if (isDropped(c)) continue;
    let f = c;
    if (f >= 0xff01 && f <= 0xff5e) f -= 0xfee0;
    if (f >= 0x41 && f <= 0x5a) f += 0x20;
    table[c] = f;
  }
  const pairs = traditionalToSimplifiedPairs();
  for (const [from, to] of pairs) {
    // Follow chains to a fixed point so folding is idempotent.
    let target = to;
    for (let i = 0; i < 8 && pairs.has(target) && pairs.get(target) !== target; i++) target = pairs.get(target)!;
    if (table[from] !== 0) table[from] = table[target] || target;
  }
  foldTable = table;
  return table;
}

let scratch = new Uint16Array(4096);
let scratchMap = new Int32Array(4096);

function ensureScratch(n: number): void {
  if (scratch.length < n) {
    scratch = new Uint16Array(n * 2);
    scratchMap = new Int32Array(n * 2);
  }
}

function decode(codes: Uint16Array, n: number): string {
  if (n === 0) return '';
  if (n < 64) return String.fromCharCode.apply(null, codes.subarray(0, n) as unknown as number[]);
  return Buffer.from(codes.buffer, codes.byteOffset, n * 2).toString('utf16le');
}

/** Normalized text only (the index path). */
export function normalize(text: string): string {
  const fold = getFoldTable();
  ensureScratch(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const f = fold[text.charCodeAt(i)];
    if (f !== 0) scratch[n++] = f;
  }
  return decode(scratch, n);
}

export interface NormalizedText {
  text: string;
  /** map[i] = offset in the original of normalized code unit i; map[text.length] = original length. */
  map: Int32Array;
}

/** Normalized text plus the offsets back into the original (for snippets and ranges). */
export function normalizeWithMap(text: string): NormalizedText {
  const fold = getFoldTable();
  ensureScratch(text.length + 1);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const f = fold[text.charCodeAt(i)];
    if (f !== 0) {
      scratchMap[n] = i;
      scratch[n++] = f;
    }
  }
  scratchMap[n] = text.length;
  return { text: decode(scratch, n), map: scratchMap.slice(0, n + 1) };
}

/** ASCII letters and digits form tokens (words, numbers) matched also as whole tokens. */
export function isAsciiWordChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a);
}
