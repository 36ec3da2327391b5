import { describe, expect, it } from 'vitest';
import { joinsTight, normalizeLine, normalizeLineFully } from '../../core/import/html/text.ts';

/** The definition normalizeLineFully implements in one pass: the regular-expression chain it replaced. */
function reference(raw: string): string {
  const marked = raw
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
    .replace(/[\u00a0\u3000\u2002-\u200a\u202f]/g, '\u0001')
    .replace(/[ \t\n\r\f\v]+/g, ' ');
  let out = '';
  const runs = /[ \u0001]+/g;
  let last = 0;
  for (let m = runs.exec(marked); m; m = runs.exec(marked)) {
    out += marked.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[0].includes('\u0001') || !joinsTight(marked[m.index - 1], marked[last])) out += ' ';
  }
  return (out + marked.slice(last)).trim();
}

const ALPHABET = [
  ...' \t\n\r\f\v\u0001\u0002\u001f\u00a0\u00ad\u1680\u2000\u2002\u2009\u200a\u200b\u200c\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff',
  ...'本年新收申请１２３123abc.．、，。（）()—…·“”',
  '\ud842\udfb7', // a character outside the BMP
];

function randomLines(seed: number, count: number): string[] {
  let s = seed;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const lines: string[] = [];
  for (let k = 0; k < count; k++) {
    let line = '';
    for (let i = Math.floor(rnd() * 24); i > 0; i--) line += ALPHABET[Math.floor(rnd() * ALPHABET.length)];
    lines.push(line);
  }
  return lines;
}

describe('normalizeLine', () => {
  it('in one pass equals the regular-expression definition on 20,000 random lines', () => {
    for (const line of randomLines(5, 20_000)) expect(normalizeLineFully(line)).toBe(reference(line));
  });

  it('takes its shortcut only where the full normalization would change nothing (20,000 random lines)', () => {
    for (const line of randomLines(3, 20_000)) expect(normalizeLine(line)).toBe(normalizeLineFully(line));
  });
});
