import { readFileSync } from 'node:fs';
import { convertText } from '../../core/import/text.ts';
import { buildReport } from '../../core/parse/index.ts';
import type { ParsedReport } from '../../core/model.ts';

export const FIXTURES = new URL('../fixtures/text/', import.meta.url);

export async function parseBytes(bytes: Uint8Array, name: string): Promise<ParsedReport> {
  return buildReport(await convertText(bytes, name), name);
}

export async function parseText(text: string, name = 'report.txt'): Promise<ParsedReport> {
  return parseBytes(new TextEncoder().encode(text), name);
}

export async function parseFixture(name: string): Promise<ParsedReport> {
  return parseBytes(readFileSync(new URL(name, FIXTURES)), name);
}

/** rowId → [values in column order] for a table. */
export function valuesOf(report: ParsedReport, table: 'proactive' | 'applications' | 'reviewLitigation'): Record<string, (number | null)[]> {
  const cells = report.tables[table]?.cells ?? {};
  return Object.fromEntries(Object.entries(cells).map(([row, cols]) => [row, Object.values(cols).map((c) => c.value)]));
}

/** Every paragraph of the report (preamble and chapters) as one string per paragraph. */
export const allParagraphs = (r: ParsedReport): string[] => [r.title, ...r.preamble, ...r.chapters.flatMap((c) => [c.heading, ...c.paragraphs])];
