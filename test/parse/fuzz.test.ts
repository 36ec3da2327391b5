import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFixtureText } from '../support/fixtures.ts';
import { ImportError } from '../../core/common/document.ts';
import { parseText } from './helpers.ts';

const seedLines = readFixtureText('seed', 'yichun-2022.txt').split('\n');

describe('mangled extractions of the seed (lines dropped and swapped)', () => {
  it('never fail with anything but ImportError, and every number read is the one printed in its labelled row', async () => {
    const reference = await parseText(seedLines.join('\n'));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(seedLines.length - 1), { maxLength: 30 }),
        fc.array(fc.tuple(fc.nat(seedLines.length - 1), fc.nat(seedLines.length - 1)), { maxLength: 10 }),
        async (dropped, swaps) => {
          const lines = seedLines.filter((_, i) => !dropped.includes(i));
          for (const [a, b] of swaps) if (a < lines.length && b < lines.length) [lines[a], lines[b]] = [lines[b], lines[a]];
          const source = lines.join('\n');
          try {
            const r = await parseText(source);
            for (const id of ['proactive', 'applications'] as const) {
              for (const [rowId, row] of Object.entries(r.tables[id]?.cells ?? {})) {
                for (const [columnId, cell] of Object.entries(row)) {
                  // Rows are found by their labels: a number can only be the one printed in that row.
                  if (cell.state === 'number') expect(cell.value).toBe(reference.tables[id]!.cells[rowId][columnId].value);
                  else expect(cell.value).toBeNull();
                }
              }
            }
            for (const cell of Object.values(r.tables.reviewLitigation?.cells.review ?? {})) {
              if (cell.state === 'number') expect(source).toContain(cell.raw);
            }
          } catch (err) {
            expect(err).toBeInstanceOf(ImportError);
          }
        },
      ),
      { numRuns: 80 },
    );
  });
});
