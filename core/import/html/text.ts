/**
 * Joining the text of inline runs into paragraph lines, the way a reader sees it: Word and
 * CMS markup splits one label over many <span>/<font>/<o:p> tags and source line breaks, so
 * formatting whitespace between Chinese characters is dropped, while an explicit &nbsp; or
 * full-width space stays a single space.
 */
import { detached } from '../../common/memo.ts';

/** CJK ideographs, CJK punctuation, full-width forms and the quotes/dashes used in Chinese text. */
export function isCjk(ch: string | undefined): boolean {
  if (!ch) return false;
  const c = ch.codePointAt(0)!;
  return (
    (c >= 0x3400 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0x3000 && c <= 0x303f) ||
    (c >= 0xff00 && c <= 0xffef) ||
    (c >= 0x2018 && c <= 0x201f) ||
    c === 0x2026 ||
    c === 0x2014 ||
    c === 0x00b7 ||
    (c >= 0x20000 && c <= 0x2ffff)
  );
}

const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';

/**
 * Whether a break or formatting whitespace between `before` and `after` is an artefact of the
 * markup (Chinese text has no spaces between characters, nor between a number and its unit).
 */
export function joinsTight(before: string | undefined, after: string | undefined): boolean {
  if (isCjk(before)) return isCjk(after) || isDigit(after);
  if (isDigit(before) || before === '.' || before === '．') return isCjk(after);
  return false;
}

/**
 * Characters normalizeLine acts on: zero-width and explicit spaces, whitespace (all that trim()
 * removes) and the control range (U+0001 counts as an explicit space). A line without any is returned as is.
 */
const NEEDS_WORK = /[\s\u0000-\u001f\u00ad\u200b-\u200d\u2060]/;

/** Normalizes the raw text of one line (text nodes concatenated as they came). */
export function normalizeLine(raw: string): string {
  // Most cells ("12", "予以公开") and many lines hold no space at all: nothing to replace or trim.
  return NEEDS_WORK.test(raw) ? normalizeLineFully(raw) : raw;
}

/** What normalizeLineFully does with one code unit. */
const enum Unit {
  Keep,
  /** Zero-width characters and the soft hyphen: removed. */
  Drop,
  /** ASCII whitespace (source formatting): a run of it joins tightly between Chinese text, else is one space. */
  Space,
  /** &nbsp;, U+3000 and the typographic spaces (and a literal U+0001): a run of it is always one space. */
  Explicit,
}

function unitOf(c: number): Unit {
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) return Unit.Space;
  if (c < 0xa0) return c === 0x01 ? Unit.Explicit : Unit.Keep;
  if (c === 0xa0 || c === 0x3000 || (c >= 0x2002 && c <= 0x200a) || c === 0x202f) return Unit.Explicit;
  if ((c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff || c === 0xad) return Unit.Drop;
  return Unit.Keep;
}

/**
 * normalizeLine without its shortcut (exported so that a test can hold the shortcut to it): in
 * one pass, zero-width characters dropped and each run of spaces made one space or none.
 */
export function normalizeLineFully(raw: string): string {
  let out = '';
  let keptFrom = 0; // start of the current stretch of kept characters
  let prev = -1; // index of the last kept character
  let inRun = false;
  let explicit = false;
  for (let i = 0; i < raw.length; i++) {
    const unit = unitOf(raw.charCodeAt(i));
    if (unit === Unit.Keep) {
      if (inRun) {
        if (explicit || !joinsTight(prev < 0 ? undefined : raw[prev], raw[i])) out += ' ';
        inRun = false;
        explicit = false;
        keptFrom = i;
      }
      prev = i;
      continue;
    }
    if (!inRun) out += raw.slice(keptFrom, i);
    keptFrom = i + 1;
    if (unit === Unit.Drop) continue;
    inRun = true;
    if (unit === Unit.Explicit) explicit = true;
  }
  // A run at either end becomes a space that trim() removes, as other whitespace at the ends.
  out += inRun ? ' ' : raw.slice(keptFrom);
  return out.trim();
}

/**
 * A line of one table cell (a paragraph, a <br> line) added to the cell's text so far: directly
 * between Chinese text, else after a space.
 */
export function appendCellLine(out: string, line: string): string {
  if (!line) return out;
  if (!out) return line;
  return joinsTight(out[out.length - 1], line[0]) ? out + line : `${out} ${line}`;
}

/** Accumulates text nodes and yields finished lines at block boundaries. */
export class LineBuffer {
  // Concatenated as they come (no array per line): most lines are one or two text nodes.
  private raw = '';

  push(text: string): void {
    this.raw += text;
  }

  /** Ends the current line; returns its normalized text ('' when it held only whitespace). */
  take(): string {
    if (!this.raw) return '';
    const line = detached(normalizeLine(this.raw));
    this.raw = '';
    return line;
  }
}
