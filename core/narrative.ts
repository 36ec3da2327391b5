import type { ParsedReport } from './model.ts';
import type { TableId } from './spec.ts';

/**
 * The narrative view of a statistical table: sentences generated from its cells, as the
 * reader shows them and the search indexes them. Pure; safe for the renderer.
 */
export function narrateTable(_report: Pick<ParsedReport, 'format' | 'tables'>, _table: TableId): string[] {
  return [];
}
