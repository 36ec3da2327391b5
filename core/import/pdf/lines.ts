/** Positioned text runs → lines (by baseline) → cells (by horizontal gaps). */
import type { PdfPage, TextRun } from './extract.ts';

export interface LineCell {
  text: string;
  x0: number;
  x1: number;
}

export interface PdfLine {
  page: number;
  /** Baseline from the page top. */
  y: number;
  fontSize: number;
  cells: LineCell[];
  /** The runs as the PDF drew them: a run never spans two table cells, so narrow header cells stay apart here. */
  runs: LineCell[];
  x0: number;
  x1: number;
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’]/;

/** Joins two runs of one cell: no space between CJK characters, one space between Latin words. */
function joinRuns(left: string, right: string, gap: number, fontSize: number): string {
  const a = left.at(-1) ?? '';
  const b = right[0] ?? '';
  if (CJK.test(a) || CJK.test(b)) return left + right;
  return gap > fontSize * 0.2 && !/\s$/.test(left) ? `${left} ${right}` : left + right;
}

export function pageLines(page: PdfPage): PdfLine[] {
  const runs = page.runs.filter((r) => r.str.trim().length > 0).sort((a, b) => a.y - b.y || a.x - b.x);
  const groups: TextRun[][] = [];
  for (const run of runs) {
    const last = groups.at(-1);
    const ref = last?.[0];
    // Same baseline within a third of the font size.
    if (last && ref && Math.abs(run.y - ref.y) <= Math.max(ref.fontSize, run.fontSize) * 0.35) last.push(run);
    else groups.push([run]);
  }
  return groups.map((g) => toLine(page.number, g.sort((a, b) => a.x - b.x)));
}

function toLine(pageNumber: number, runs: TextRun[]): PdfLine {
  const fontSize = median(runs.map((r) => r.fontSize));
  const cells: LineCell[] = [];
  const pieces: LineCell[] = [];
  for (const run of runs) {
    const text = run.str.replace(/\s+$/u, '');
    const lead = run.str.length - run.str.trimStart().length;
    const x0 = run.x + (lead > 0 ? (run.width * lead) / run.str.length : 0);
    const x1 = run.x + run.width;
    pieces.push({ text: text.trimStart(), x0, x1 });
    const cell = cells.at(-1);
    // A gap wider than half a character separates table cells: inside a cell, runs of one
    // line abut (CJK) or are a space apart (Latin); between cells there is padding or a rule.
    if (cell && x0 - cell.x1 < fontSize * 0.5) {
      cell.text = joinRuns(cell.text, text.trimStart(), x0 - cell.x1, fontSize);
      cell.x1 = Math.max(cell.x1, x1);
    } else {
      cells.push({ text: text.trimStart(), x0, x1 });
    }
  }
  return { page: pageNumber, y: runs[0].y, fontSize, cells, runs: pieces, x0: cells[0].x0, x1: cells.at(-1)!.x1 };
}

export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
