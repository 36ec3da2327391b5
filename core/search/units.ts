/**
 * Normalized document texts as UTF-16LE code units in a Buffer (a view into the loaded
 * snapshot, or its own buffer for reports added since): loading never decodes them into JS
 * strings, and matching runs natively on the code units (Buffer#indexOf with 'utf16le'
 * searches 16-bit units, so a match can never start at an odd byte).
 */
export type Units = Buffer;

export function toUnits(text: string): Units {
  // Own (unpooled) memory: a 2-byte aligned view whatever the pool's state.
  const buf = Buffer.from(new ArrayBuffer(text.length * 2));
  buf.write(text, 0, 'utf16le');
  return buf;
}

export function unitLength(units: Units): number {
  return units.length >>> 1;
}

export function unitAt(units: Units, i: number): number {
  return units[i << 1] | (units[(i << 1) + 1] << 8);
}

/** First code-unit offset ≥ `from` where `needle` occurs, or -1. */
export function unitIndexOf(units: Units, needle: string, from = 0): number {
  if (from << 1 >= units.length) return -1;
  const r = units.indexOf(needle, from << 1, 'utf16le');
  return r < 0 ? -1 : r >>> 1;
}

/** First offset in [from, to) where `needle` starts and ends, or -1 (a plain loop: for short ranges). */
export function unitIndexOfIn(units: Units, needle: string, from: number, to: number): number {
  const n = needle.length;
  const first = needle.charCodeAt(0);
  outer: for (let i = from; i + n <= to; i++) {
    if (unitAt(units, i) !== first) continue;
    for (let j = 1; j < n; j++) if (unitAt(units, i + j) !== needle.charCodeAt(j)) continue outer;
    return i;
  }
  return -1;
}

export function unitsToString(units: Units, from = 0, to = units.length >>> 1): string {
  return units.toString('utf16le', from << 1, to << 1);
}

/**
 * Every non-overlapping match of `needle` (left to right, like repeated indexOf from the end of
 * the previous match), as code-unit offsets. A plain loop over a 16-bit view: for frequent terms
 * it beats one native indexOf call per match.
 */
export function allMatches(units: Units, needle: string): number[] {
  const out: number[] = [];
  const n = needle.length;
  if (n === 0) return out;
  const view = units.byteOffset % 2 === 0 ? new Uint16Array(units.buffer, units.byteOffset, units.length >>> 1) : null;
  if (!view) {
    for (let p = unitIndexOf(units, needle, 0); p >= 0; p = unitIndexOf(units, needle, p + n)) out.push(p);
    return out;
  }
  const first = needle.charCodeAt(0);
  const last = view.length - n;
  outer: for (let i = 0; i <= last; i++) {
    if (view[i] !== first) continue;
    for (let j = 1; j < n; j++) if (view[i + j] !== needle.charCodeAt(j)) continue outer;
    out.push(i);
    i += n - 1;
  }
  return out;
}
