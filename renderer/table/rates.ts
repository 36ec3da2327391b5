/** Derived rates shown beside the narrative: 实质公开率 and correction rates. Null where an operand is missing. */
import type { StatTable } from '../../core/model.ts';
import type { TableId } from '../../core/spec.ts';

type Tables = Partial<Record<TableId, StatTable>>;

const v = (tables: Tables, table: TableId, row: string, column: string) => tables[table]?.cells[row]?.[column]?.value ?? null;

function ratio(numerator: (number | null)[], denominator: (number | null)[]): number | null {
  if ([...numerator, ...denominator].some((x) => x === null)) return null;
  const d = (denominator as number[]).reduce((a, b) => a + b, 0);
  if (d === 0) return null;
  return (numerator as number[]).reduce((a, b) => a + b, 0) / d;
}

export interface DerivedRate {
  id: 'disclosure' | 'reviewCorrection' | 'litigationCorrection';
  value: number | null;
}

export function derivedRates(tables: Tables, table: TableId): DerivedRate[] {
  if (table === 'applications') {
    return [
      {
        id: 'disclosure',
        value: ratio([v(tables, table, 'granted', 'total'), v(tables, table, 'partial', 'total')], [v(tables, table, 'received', 'total'), v(tables, table, 'carriedOver', 'total')]),
      },
    ];
  }
  if (table === 'reviewLitigation') {
    return [
      { id: 'reviewCorrection', value: ratio([v(tables, table, 'review', 'corrected')], [v(tables, table, 'review', 'total')]) },
      {
        id: 'litigationCorrection',
        value: ratio(
          [v(tables, table, 'litigationDirect', 'corrected'), v(tables, table, 'litigationAfterReview', 'corrected')],
          [v(tables, table, 'litigationDirect', 'total'), v(tables, table, 'litigationAfterReview', 'total')],
        ),
      },
    ];
  }
  return [];
}

export const formatRate = (x: number) => `${(x * 100).toFixed(1)}%`;
