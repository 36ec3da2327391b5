/** Snippet highlighting from [start, end) offsets: <mark> elements built as React nodes, never HTML. */
import type { ReactNode } from 'react';

export function normalizeRanges(length: number, ranges: [number, number][]): [number, number][] {
  const sorted = ranges
    .map(([s, e]) => [Math.max(0, Math.min(s, length)), Math.max(0, Math.min(e, length))] as [number, number])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** [start, end) of every occurrence of each term in `text` (the words a search hit marked). */
export function termRanges(text: string, terms: string[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const term of new Set(terms)) {
    if (!term) continue;
    for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + term.length)) ranges.push([at, at + term.length]);
  }
  return ranges;
}

export function highlightSnippet(snippet: string, ranges: [number, number][]): ReactNode[] {
  const out: ReactNode[] = [];
  let at = 0;
  for (const [s, e] of normalizeRanges(snippet.length, ranges)) {
    if (s > at) out.push(snippet.slice(at, s));
    out.push(<mark key={s}>{snippet.slice(s, e)}</mark>);
    at = e;
  }
  if (at < snippet.length) out.push(snippet.slice(at));
  return out;
}
