/**
 * Text differences between two reports' chapters, sentence by sentence (a reader compares
 * sentences, and a character diff of two unrelated texts is noise), and how much of a chapter
 * repeats another word for word. Pure (the `diff` package).
 */
import { diffArrays } from 'diff';
import type { Chapter } from '../model.ts';
import { CHAPTER_HEADINGS, CHAPTER_IDS, type ChapterId } from '../spec.ts';

export interface TextPart {
  text: string;
  /** 'same' in both, 'removed' only in the first report, 'added' only in the second. */
  kind: 'same' | 'removed' | 'added';
}

export interface ChapterDiff {
  key: string;
  heading: string;
  same: boolean;
  parts: TextPart[];
}

/** Sentences ending in 。！？； or a paragraph end; whitespace removed so layout never differs. */
export function sentencesOf(paragraphs: string[]): string[] {
  const out: string[] = [];
  for (const p of paragraphs) {
    for (const s of p.replace(/\s+/g, '').split(/(?<=[。！？；!?;])/)) if (s) out.push(s);
  }
  return out;
}

export function diffChapterText(a: string[], b: string[]): TextPart[] {
  return diffArrays(sentencesOf(a), sentencesOf(b)).map((part) => ({
    text: part.value.join(''),
    kind: part.added ? 'added' : part.removed ? 'removed' : 'same',
  }));
}

/** The chapters of both reports, matched by spec id (extra chapters by heading), in template order. */
export function diffChapters(a: Chapter[], b: Chapter[]): ChapterDiff[] {
  const keyOf = (c: Chapter) => (c.id === 'extra' ? `extra:${c.heading.replace(/\s+/g, '')}` : c.id);
  const keys = [...new Set([...a.map(keyOf), ...b.map(keyOf)])];
  const rank = (k: string) => (CHAPTER_IDS as readonly string[]).indexOf(k);
  keys.sort((x, y) => (rank(x) < 0 ? 99 : rank(x)) - (rank(y) < 0 ? 99 : rank(y)));
  return keys.map((key) => {
    const ca = a.find((c) => keyOf(c) === key);
    const cb = b.find((c) => keyOf(c) === key);
    const parts = diffChapterText(ca?.paragraphs ?? [], cb?.paragraphs ?? []);
    const heading = ca?.heading ?? cb?.heading ?? CHAPTER_HEADINGS[key as ChapterId] ?? key;
    return { key, heading, same: parts.every((p) => p.kind === 'same'), parts };
  });
}

export interface Repetition {
  /** Characters of this chapter in sentences printed word for word the year before. */
  repeatedChars: number;
  totalChars: number;
  /** Percent, one decimal; null when the chapter is empty. */
  percent: number | null;
}

/** How much of `now` repeats sentences of `before` word for word (chapter 五 year on year). */
export function repetition(now: string[], before: string[]): Repetition {
  const earlier = new Set(sentencesOf(before).filter((s) => s.length >= 6));
  let repeated = 0;
  let total = 0;
  for (const s of sentencesOf(now)) {
    total += s.length;
    if (earlier.has(s)) repeated += s.length;
  }
  return { repeatedChars: repeated, totalChars: total, percent: total ? Math.round((repeated / total) * 1000) / 10 : null };
}
