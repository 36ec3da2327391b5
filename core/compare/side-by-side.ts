/** Two reports side by side: every canonical cell with both values and whether they differ, and the chapters' text diff. Pure. */
import type { Report } from '../model.ts';
import { CELL_COLUMNS, cellValues } from './cells.ts';
import { diffChapters, type ChapterDiff } from './text-diff.ts';

export interface ReportRef {
  id: string;
  body: string;
  bodyId: string;
  year: number | null;
  version: number;
  title: string;
}

export interface CellComparison {
  cell: string;
  label: string;
  a: number | null;
  b: number | null;
  /** Values differ (a known number against an unknown one differs too). */
  differs: boolean;
}

export interface ReportComparison {
  a: ReportRef;
  b: ReportRef;
  cells: CellComparison[];
  chapters: ChapterDiff[];
}

export const refOf = (r: Report): ReportRef => ({ id: r.id, body: r.body.printed, bodyId: r.body.id ?? '', year: r.year, version: r.version, title: r.title });

export function compareReports(a: Report, b: Report): ReportComparison {
  const va = cellValues(a);
  const vb = cellValues(b);
  const cells = CELL_COLUMNS.map((c) => ({ cell: c.id, label: c.label, a: va[c.id], b: vb[c.id], differs: va[c.id] !== vb[c.id] }));
  return { a: refOf(a), b: refOf(b), cells, chapters: diffChapters(a.chapters, b.chapters) };
}
