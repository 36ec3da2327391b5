/**
 * Lines of all pages → blocks: running headers, footers and page numbers dropped, paragraphs
 * re-joined across line and page breaks, table regions rebuilt into grids (rows by baseline,
 * columns by x-ranges), a table that continues on the next page merged into one.
 */
import type { Block } from '../../common/document.ts';
import { median, type LineCell, type PdfLine } from './lines.ts';
import type { PdfPage } from './extract.ts';

const PAGE_NUMBER = /^(?:[-—–－_ ]*\d{1,4}[-—–－_ ]*|第\s*\d+\s*页(?:\s*[,，/／]?\s*共\s*\d+\s*页)?|\d+\s*[/／]\s*\d+|page\s*\d+(?:\s*of\s*\d+)?)$/i;
const HEADING_START = /^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|第[一二三四五六七八九十]+[章节部分]|附件|[一二三四五六七八九十]是)/;
const SENTENCE_END = /[。！？；：:!?;]$/;
const NUMERIC = /^[-+]?[\d,，.．]+%?$|^[/／—–-]$/;

function marginKey(text: string): string {
  return text.replace(/\s+/g, '').replace(/\d+/g, '#');
}

/** Drops page numbers and lines repeated in the top or bottom margin of many pages. */
export function dropRunningLines(pages: PdfPage[], lines: PdfLine[][]): PdfLine[][] {
  const inMargin = (l: PdfLine, p: PdfPage) => l.y < p.height * 0.1 || l.y > p.height * 0.9;
  const counts = new Map<string, number>();
  lines.forEach((pageLines, i) => {
    const seen = new Set<string>();
    for (const l of pageLines) if (inMargin(l, pages[i])) seen.add(marginKey(lineText(l)));
    for (const k of seen) counts.set(k, (counts.get(k) ?? 0) + 1);
  });
  const repeated = (k: string) => pages.length >= 2 && (counts.get(k) ?? 0) >= Math.max(2, Math.ceil(pages.length / 2));
  return lines.map((pageLines, i) =>
    pageLines.filter((l) => {
      const text = lineText(l).trim();
      if (PAGE_NUMBER.test(text.replace(/\s+/g, ' '))) return !inMargin(l, pages[i]) && !/^[-—–－]/.test(text);
      return !(inMargin(l, pages[i]) && repeated(marginKey(text)));
    }),
  );
}

export function lineText(l: PdfLine): string {
  return l.cells.map((c) => c.text).join(' ');
}

const hasNumber = (cells: LineCell[]) => cells.some((c) => NUMERIC.test(c.text.trim()));
const isTableLine = (l: PdfLine) => l.cells.length >= 2;
/** A chapter heading (二、主动公开政府信息情况) on a line of its own ends any table. */
const isChapterHeading = (l: PdfLine) => l.cells.length === 1 && /^[一二三四五六七八九十]+、\S{6,}/.test(l.cells[0].text);

const TABLE_FRAGMENT = /^(?:第[一二三四五六七八九十]+条\s*第[（(][一二三四五六七八九十]+[）)]项|信息内容|申请人情况|法人或其他组织|[（(]本列数据的勾稽关系.*|等于第三项加第四项之和[）)]?|行政复议|行政诉讼)$/;
/** A line that is a table's header word or note, never a sentence of the narrative. */
const isTableFragment = (l: PdfLine) => l.cells.length === 1 && TABLE_FRAGMENT.test(l.cells[0].text.trim());

interface Region {
  kind: 'text' | 'table';
  lines: PdfLine[];
}

/** Splits the flow of lines into text and table regions; short single-cell lines between table lines belong to the table. */
function regions(lines: PdfLine[]): Region[] {
  const out: Region[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    let table = isTableLine(l);
    if (!table && !isChapterHeading(l) && out.at(-1)?.kind === 'table') {
      // A short line between table lines: a wrapped label or a section row of the table.
      const ahead = lines.slice(i, i + 6);
      const next = ahead.findIndex(isTableLine);
      table = next > 0 && ahead[next].page - l.page <= 1 && ahead.slice(0, next).every((a) => lineText(a).length < 40 && !isChapterHeading(a));
    }
    // Header words and notes of a table printed on a line of their own above it (第二十条 第（一）项,
    // 申请人情况, （本列数据的勾稽关系为…）) belong to the table, not to the chapter's text.
    if (!table && isTableFragment(l)) {
      const ahead = lines.slice(i + 1, i + 5);
      const next = ahead.findIndex(isTableLine);
      table = next >= 0 && ahead[next].page - l.page <= 1 && ahead.slice(0, next).every(isTableFragment);
    }
    const kind = table ? 'table' : 'text';
    if (out.at(-1)?.kind === kind) out.at(-1)!.lines.push(l);
    else out.push({ kind, lines: [l] });
  }
  return out;
}

/**
 * Column x-ranges of a table: the gutters that no cell of a figure row crosses. Label cells
 * that span the label columns (一、本年新收…) make the whole label area one column, which keeps
 * group and row labels of one row together; figure columns are separated by their gutters.
 */
function columnsOf(lines: PdfLine[]): { x0: number; x1: number }[] {
  const figureRows = lines.filter((l) => l.cells.length >= 2 && hasNumber(l.cells));
  const cols = gutterColumns((figureRows.length ? figureRows : lines).flatMap((l) => l.cells));
  if (figureRows.length === 0) return cols;
  // Columns left blank in every figure row (e.g. five 法人或其他组织 columns never filled in)
  // still have their header cells: those that sit over no figure column become columns too.
  // A gap between two figure columns that holds two or more header columns of its own is a
  // run of columns left blank in every row; a single header cell in a gap is just misaligned.
  const header = lines.slice(0, lines.indexOf(figureRows[0])).flatMap((l) => l.runs);
  const added: { x0: number; x1: number }[] = [];
  for (let i = 1; i + 1 < cols.length; i++) {
    const inGap = header.filter((c) => c.x0 >= cols[i].x1 && c.x1 <= cols[i + 1].x0);
    const gapCols = gutterColumns(withoutSpanningCells(inGap));
    if (gapCols.length >= 2) added.push(...gapCols);
  }
  return added.length ? [...cols, ...added].sort((a, b) => a.x0 - b.x0) : cols;
}

/** Drops header cells that span several others (法人或其他组织 over its five columns), widest first. */
function withoutSpanningCells(cells: LineCell[]): LineCell[] {
  let rest = [...cells];
  for (;;) {
    const degree = rest.map((c) => rest.filter((o) => o !== c && overlap(o, c) > 0).length);
    const worst = degree.indexOf(Math.max(-1, ...degree));
    if (worst < 0 || degree[worst] < 2) return rest;
    rest = rest.filter((_, i) => i !== worst);
  }
}

function gutterColumns(cells: { x0: number; x1: number }[]): { x0: number; x1: number }[] {
  const cols: { x0: number; x1: number }[] = [];
  for (const cell of [...cells].sort((a, b) => a.x0 - b.x0)) {
    const last = cols.at(-1);
    if (last && cell.x0 <= last.x1 + 1) last.x1 = Math.max(last.x1, cell.x1);
    else cols.push({ x0: cell.x0, x1: cell.x1 });
  }
  return cols;
}

function overlap(a: { x0: number; x1: number }, b: { x0: number; x1: number }): number {
  return Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
}

interface Fragment {
  x0: number;
  y: number;
  text: string;
}

/** Places each cell in the column(s) it overlaps; a cell spanning several columns is repeated, as merged cells are. */
function toGridRow(line: PdfLine, cols: { x0: number; x1: number }[]): Fragment[][] {
  const row: Fragment[][] = cols.map(() => []);
  const y = line.page * 100000 + line.y;
  for (const cell of line.cells) {
    let hits = cols.map((c, i) => [i, overlap(c, cell)] as const).filter(([, o]) => o > 0).map(([i]) => i);
    if (hits.length === 0) {
      // Falls in a gutter: nearest column by centre.
      const mid = (cell.x0 + cell.x1) / 2;
      const dist = (c: { x0: number; x1: number }) => Math.abs((c.x0 + c.x1) / 2 - mid);
      hits = [cols.reduce((best, c, i) => (dist(c) < dist(cols[best]) ? i : best), 0)];
    }
    for (const i of hits) row[i].push({ x0: cell.x0, y, text: cell.text });
  }
  return row;
}

/**
 * The text of one grid cell from its fragments: fragments starting at the same x are lines of
 * one printed cell (read top to bottom); fragments at different x are side-by-side cells that
 * share the grid column (group label, then row label).
 */
function cellText(parts: Fragment[]): string {
  const stacks: Fragment[][] = [];
  for (const f of [...parts].sort((a, b) => a.x0 - b.x0)) {
    const stack = stacks.find((s) => Math.abs(s[0].x0 - f.x0) < 6);
    if (stack) stack.push(f);
    else stacks.push([f]);
  }
  return stacks.map((s) => s.sort((a, b) => a.y - b.y).map((f) => f.text).join('')).join('');
}

const hasFigures = (l: PdfLine) => l.cells.length >= 2 && hasNumber(l.cells);

/**
 * A table region → grid rows. Lines without figures below the first figure row are wrapped
 * parts of labels: they are joined to the nearest figure row (cells are often vertically
 * centred, so a two-line label sits above and below its figures).
 */
function tableGrid(lines: PdfLine[]): string[][] {
  const cols = columnsOf(lines);
  const rows = lines.map((l) => ({ line: l, y: l.page * 100000 + l.y, cells: toGridRow(l, cols), figures: hasFigures(l) }));
  const firstFigure = rows.findIndex((r) => r.figures);
  if (firstFigure < 0) return rows.map((r) => r.cells.map(cellText));
  const out = rows.slice(0, firstFigure).map((r) => r.cells.map(cellText));
  const anchors = rows.slice(firstFigure).filter((r) => r.figures);
  // Rows of their own among the figure rows: section rows (第二十条第（五）项) and header rows
  // of a sub-table (text over the figure columns). Everything else is a wrapped label.
  const standalone = (r: (typeof rows)[number]) =>
    r.figures || /^第[一二三四五六七八九十百]+条/.test(cellText(r.cells.flat())) || r.line.cells.some((c) => c.x0 > cols[0].x1);
  const own = rows.slice(firstFigure).filter(standalone);
  const parts = new Map(own.map((a) => [a, a.cells.map(() => [] as Fragment[])]));
  // Where each fragment went, so that the next line of the same printed cell (same x, one
  // line-height below) follows it instead of jumping to another row.
  const placed: { x0: number; y: number; target: (typeof rows)[number] }[] = [];
  for (const r of rows.slice(firstFigure)) {
    if (standalone(r)) {
      r.cells.forEach((fragments, i) => parts.get(r)![i].push(...fragments));
      for (const f of r.cells.flat()) placed.push({ x0: f.x0, y: f.y, target: r });
      continue;
    }
    const lineHeight = r.line.fontSize * 1.6;
    r.cells.forEach((fragments, i) => {
      for (const f of fragments) {
        const above = placed.findLast((p) => Math.abs(p.x0 - f.x0) < 6 && f.y - p.y > 0 && f.y - p.y < lineHeight);
        const target = above?.target ?? anchors.reduce((best, a) => (Math.abs(a.y - r.y) < Math.abs(best.y - r.y) ? a : best));
        parts.get(target)![i].push(f);
        placed.push({ x0: f.x0, y: f.y, target });
      }
    });
  }
  for (const a of own) out.push(parts.get(a)!.map(cellText));
  return out;
}

/**
 * A table region that crosses a page break is one table only if the next page's part has the
 * same column layout (a table continued on the next page); otherwise it is a new table.
 */
function splitAtIncompatiblePages(lines: PdfLine[]): PdfLine[][] {
  const byPage: PdfLine[][] = [];
  for (const l of lines) {
    if (byPage.at(-1)?.[0].page === l.page) byPage.at(-1)!.push(l);
    else byPage.push([l]);
  }
  const out: PdfLine[][] = [];
  for (const part of byPage) {
    const prev = out.at(-1);
    if (prev && sameColumns(prev, part)) prev.push(...part);
    else out.push([...part]);
  }
  return out;
}

/** A continuation has the same figure columns (right-aligned numbers: compare right edges) and starts at the same left edge. */
function sameColumns(a: PdfLine[], b: PdfLine[]): boolean {
  const ca = columnsOf(a);
  const cb = columnsOf(b);
  if (ca.length < 2 || cb.length < 2 || Math.abs(ca[0].x0 - cb[0].x0) > 20) return false;
  // Every figure column of the continuation lines up (right edges: numbers are right-aligned)
  // with a column of the table so far; it may lack columns that are blank on its page.
  return cb.slice(1).every((c) => ca.some((o) => Math.abs(o.x1 - c.x1) < 15));
}

/** Rebuilds paragraphs from text lines: a full line followed by an unindented line continues the paragraph. */
function paragraphs(lines: PdfLine[], leftMargin: number, rightMargin: number, carry: { text: string; open: boolean }): string[] {
  const out: string[] = [];
  for (const l of lines) {
    const text = lineText(l).trim();
    if (!text) continue;
    const indented = l.x0 - leftMargin > l.fontSize * 1.2;
    const continues = carry.open && !indented && !HEADING_START.test(text);
    if (continues) carry.text += text;
    else {
      if (carry.text) out.push(carry.text);
      carry.text = text;
    }
    // The line reached the right margin without ending a sentence: the paragraph goes on.
    carry.open = l.x1 >= rightMargin - l.fontSize * 2 && !SENTENCE_END.test(text);
  }
  return out;
}

export function layoutBlocks(pages: PdfPage[], pageLines: PdfLine[][]): Block[] {
  const clean = dropRunningLines(pages, pageLines);
  const all = clean.flat();
  const textLines = all.filter((l) => !isTableLine(l));
  const leftMargin = median(textLines.map((l) => l.x0));
  const rights = textLines.map((l) => l.x1).sort((a, b) => a - b);
  const rightMargin = rights[Math.floor(rights.length * 0.9)] ?? 0;
  const blocks: Block[] = [];
  const carry = { text: '', open: false };
  const flush = () => {
    if (carry.text) blocks.push({ kind: 'paragraph', text: carry.text });
    carry.text = '';
    carry.open = false;
  };
  for (const region of regions(all)) {
    if (region.kind === 'text') {
      for (const text of paragraphs(region.lines, leftMargin, rightMargin, carry)) blocks.push({ kind: 'paragraph', text });
    } else {
      flush();
      for (const part of splitAtIncompatiblePages(region.lines)) blocks.push({ kind: 'table', rows: tableGrid(part) });
    }
  }
  flush();
  return blocks;
}
