/** Search-hit locations ('chapter:<key>:<i>', 'table:<t>:<row>:<col>', …) parsed and labelled from spec.ts. */
import { CHAPTER_HEADINGS, TABLE_IDS, tableSpecsFor, type ChapterId, type ReportFormat, type TableId } from '../../core/spec.ts';

export type Where =
  | { kind: 'meta' }
  /** paragraph: index into the chapter's paragraphs, or 'heading' for the chapter heading. */
  | { kind: 'chapter'; chapter: string; paragraph: number | 'heading' }
  | { kind: 'table'; table: TableId; row: string; column: string }
  | { kind: 'narrative'; table: TableId; sentence: number }
  | { kind: 'finding'; key: string };

export function parseWhere(where: string): Where {
  const [kind, ...rest] = where.split(':');
  if (kind === 'chapter' && rest.length >= 1) {
    if (rest.length === 1) return { kind: 'chapter', chapter: rest[0], paragraph: 'heading' };
    const last = rest[rest.length - 1];
    const chapter = rest.slice(0, -1).join(':');
    return { kind: 'chapter', chapter, paragraph: /^\d+$/.test(last) ? Number(last) : 'heading' };
  }
  if (kind === 'table' && rest.length >= 3 && (TABLE_IDS as readonly string[]).includes(rest[0])) {
    return { kind: 'table', table: rest[0] as TableId, row: rest.slice(1, -1).join(':'), column: rest[rest.length - 1] };
  }
  if (kind === 'narrative' && rest.length >= 2 && (TABLE_IDS as readonly string[]).includes(rest[0])) {
    return { kind: 'narrative', table: rest[0] as TableId, sentence: Number(rest[1]) || 0 };
  }
  if (kind === 'finding') return { kind: 'finding', key: rest.join(':') };
  return { kind: 'meta' };
}

export function chapterHeading(key: string, headings?: Record<string, string>): string {
  return headings?.[key] ?? CHAPTER_HEADINGS[key as ChapterId] ?? key;
}

/** Labels of a canonical cell: table title, row label (with its group) and column label. */
export function cellLabels(format: ReportFormat | undefined, table: TableId, row: string, column: string) {
  const specs = format ? tableSpecsFor(format) : [];
  const spec = (specs.length ? specs : tableSpecsFor('2021')).find((t) => t.id === table);
  const rowSpec = spec?.rows.find((r) => r.id === row);
  const columnSpec = rowSpec?.columns.find((c) => c.id === column);
  const rowLabel = rowSpec ? (rowSpec.group && !rowSpec.label.startsWith(rowSpec.group) ? `${rowSpec.group} ${rowSpec.label}` : rowSpec.label) : row;
  return { table: spec?.title ?? CHAPTER_HEADINGS[table], row: rowLabel, column: columnSpec?.label ?? column };
}

export function describeWhere(where: Where, format?: ReportFormat, headings?: Record<string, string>, words?: { meta: string; finding: string; preamble: string; narrative(t: string): string }): string {
  switch (where.kind) {
    case 'chapter':
      // The text before chapter 一 has no heading of its own: it reads as 前言 / Preamble, not its key.
      if (where.chapter === 'preamble' && !headings?.preamble) return words?.preamble ?? '前言';
      return chapterHeading(where.chapter, headings);
    case 'table': {
      const l = cellLabels(format, where.table, where.row, where.column);
      return `${l.table} › ${l.row} › ${l.column}`;
    }
    case 'narrative':
      return words?.narrative(CHAPTER_HEADINGS[where.table]) ?? CHAPTER_HEADINGS[where.table];
    case 'finding':
      return words?.finding ?? 'finding';
    default:
      return words?.meta ?? 'meta';
  }
}
