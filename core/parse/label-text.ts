/**
 * The character work of normalizeLabel in one pass over the text: full width folded (and U+3000
 * to a space), then "**" pairs removed, whitespace removed, quote/bracket/dot/slash variants
 * unified. Equivalent to the chain of regular-expression replacements it replaces
 * (test/parse/label-text.test.ts checks both against each other), without a callback per
 * full-width comma of a 10,000-character report text.
 */

/** Code unit → replacement code unit, after folding (quotes, brackets, dots, slash). */
const LABEL_CHAR_MAP = new Map<number, number>();
const mapAll = (chars: string, to: string) => {
  for (const ch of chars) LABEL_CHAR_MAP.set(ch.charCodeAt(0), to.charCodeAt(0));
};
mapAll('“”„‟"「」『』〝〞', '"');
mapAll("‘’'", "'");
mapAll('〔【［', '(');
mapAll('〕】］', ')');
mapAll('．。·', '.');
mapAll('／', '/');

const STAR = 0x2a;
const REMOVED = -1;

/** foldWidth of one code unit. */
function fold(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) return c - 0xfee0;
  return c === 0x3000 ? 0x20 : c;
}

/** JavaScript's \s plus U+200B (the whitespace normalizeLabel drops). */
function isDroppedSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** Every UTF-16 code unit → what normalizeLabelText makes of it (REMOVED, or a code unit): one array read per character. */
const LABEL_UNIT = new Int32Array(0x10000);
for (let c = 0; c < 0x10000; c++) {
  const folded = fold(c);
  LABEL_UNIT[c] = isDroppedSpace(folded) ? REMOVED : (LABEL_CHAR_MAP.get(folded) ?? folded);
}

export function normalizeLabelText(text: string): string {
  let out = '';
  let runStart = 0; // start of the current run of characters kept as they are
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const next = LABEL_UNIT[c];
    // A "**" bold marker (as folded, before whitespace goes: "* *" stays). Only * and ＊ map to *.
    if (next === STAR && i + 1 < n && LABEL_UNIT[text.charCodeAt(i + 1)] === STAR) {
      out += text.slice(runStart, i);
      i++;
      runStart = i + 1;
      continue;
    }
    if (next === c) continue;
    out += text.slice(runStart, i);
    if (next !== REMOVED) out += String.fromCharCode(next);
    runStart = i + 1;
  }
  return runStart === 0 ? text : out + text.slice(runStart);
}
