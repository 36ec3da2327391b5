import { describe, expect, it } from 'vitest';
import { readFixtureText } from '../support/fixtures.ts';
import { parseText, valuesOf } from './helpers.ts';

const seed = readFixtureText('seed', 'yichun-2022.txt');
const NUMBERS_LINE = '\t\t\t\t\t2\t1\t0\t2\t5\t0\t0\t0\t0\t0';
const withNumbers = (line: string, narrative = '行政复议 5 件') => {
  if (!seed.includes(NUMBERS_LINE)) throw new Error('seed changed');
  return seed.replace(NUMBERS_LINE, line).replace('行政复议 5 件', narrative);
};
const NONE = [null, null, null, null, null];
const reviewFindings = (r: Awaited<ReturnType<typeof parseText>>) =>
  r.parseFindings.filter((f) => f.key.startsWith('table.incomplete:reviewLitigation')).map((f) => f.key.split(':')[2]);

describe('table 四 printed as a flat run of numbers', () => {
  it('places all three groups when fifteen numbers are printed', async () => {
    const r = await parseText(withNumbers('2\t1\t0\t2\t5\t0\t1\t0\t0\t1\t0\t0\t0\t0\t0'));
    expect(valuesOf(r, 'reviewLitigation')).toEqual({ review: [2, 1, 0, 2, 5], litigationDirect: [0, 1, 0, 0, 1], litigationAfterReview: [0, 0, 0, 0, 0] });
    expect(reviewFindings(r)).toEqual([]);
  });

  it('places nothing when the first group does not match the narrative figure', async () => {
    const r = await parseText(withNumbers(NUMBERS_LINE, '行政复议 4 件'));
    expect(valuesOf(r, 'reviewLitigation')).toEqual({ review: NONE, litigationDirect: NONE, litigationAfterReview: NONE });
    expect(reviewFindings(r)).toEqual(['review', 'litigationDirect', 'litigationAfterReview']);
    expect(r.parseFindings[0].detail).toContain('2\t1\t0\t2\t5\t0\t0\t0\t0\t0');
  });

  it('places nothing when the first five numbers are not a group (parts do not sum to the total)', async () => {
    const r = await parseText(withNumbers('\t\t\t\t\t2\t1\t0\t1\t5\t0\t0\t0\t0\t0'));
    expect(valuesOf(r, 'reviewLitigation').review).toEqual(NONE);
  });

  it('places nothing when the narrative gives no 行政复议 figure', async () => {
    const r = await parseText(withNumbers(NUMBERS_LINE, '行政复议若干件'));
    expect(valuesOf(r, 'reviewLitigation').review).toEqual(NONE);
  });

  it('places the review group of five numbers confirmed by the narrative', async () => {
    const r = await parseText(withNumbers('2\t1\t0\t2\t5'));
    expect(valuesOf(r, 'reviewLitigation')).toEqual({ review: [2, 1, 0, 2, 5], litigationDirect: NONE, litigationAfterReview: NONE });
    expect(reviewFindings(r)).toEqual(['litigationDirect', 'litigationAfterReview']);
  });

  it('places nothing from a run of twelve numbers', async () => {
    const r = await parseText(withNumbers('2\t1\t0\t2\t5\t0\t0\t0\t0\t0\t1\t1'));
    expect(valuesOf(r, 'reviewLitigation')).toEqual({ review: NONE, litigationDirect: NONE, litigationAfterReview: NONE });
    expect(r.parseFindings[0].detail).toContain('印有 12 个数字');
  });
});
