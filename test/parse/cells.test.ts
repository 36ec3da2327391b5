import { describe, expect, it } from 'vitest';
import { parseCell } from '../../core/parse/cells.ts';
import type { ColumnSpec } from '../../core/spec.ts';

const count: ColumnSpec = { id: 'natural', label: '自然人' };
const wan: ColumnSpec = { id: 'amountWan', label: '采购总金额（单位：万元）', kind: 'decimal' };
const change: ColumnSpec = { id: 'change', label: '本年增/减', kind: 'signedText' };

describe('parseCell', () => {
  it.each([
    ['138', 138],
    ['211,704', 211704],
    ['１３８', 138],
    ['8，990', 8990],
    [' 42 ', 42],
    ['0', 0],
    ['15781.34226', 15781.34226],
    ['12件', 12],
  ])('reads the number %j', (raw, value) => {
    expect(parseCell(raw, count)).toMatchObject({ value, state: 'number' });
  });

  it('keeps the annotation printed with a number', () => {
    expect(parseCell('379（其中修订16件）', count)).toEqual({ value: 379, state: 'number', raw: '379（其中修订16件）', annotation: '其中修订16件' });
    expect(parseCell('55(含自然失效29件)', count)).toMatchObject({ value: 55, annotation: '含自然失效29件' });
  });

  it.each([
    ['', 'blank'],
    ['\u00a0', 'blank'],
    ['/', 'slash'],
    ['／', 'slash'],
    ['—', 'dash'],
    ['-', 'dash'],
    ['–', 'dash'],
    ['——', 'dash'],
    ['无', 'text'],
    ['见附件', 'text'],
    ['12%', 'text'],
  ])('never turns %j into a number (state %s)', (raw, state) => {
    const cell = parseCell(raw, count);
    expect(cell.state).toBe(state);
    expect(cell.value).toBeNull();
  });

  it('converts amounts printed in 元 to 万元 and says so', () => {
    const cell = parseCell('251000元', wan);
    expect(cell).toMatchObject({ value: 25.1, state: 'number', raw: '251000元' });
    expect(cell.unitNote).toMatch(/万元/);
    expect(parseCell('25.1', wan)).toEqual({ value: 25.1, state: 'number', raw: '25.1' });
    expect(parseCell('1,234.5万元', wan)).toMatchObject({ value: 1234.5, state: 'number' });
  });

  it('keeps the text of 本年增/减 and parses its signed number', () => {
    expect(parseCell('减4', change)).toEqual({ value: -4, state: 'number', raw: '减4' });
    expect(parseCell('+1036', change)).toEqual({ value: 1036, state: 'number', raw: '+1036' });
    expect(parseCell('增3', change)).toEqual({ value: 3, state: 'number', raw: '增3' });
    expect(parseCell('-2', change)).toEqual({ value: -2, state: 'number', raw: '-2' });
    expect(parseCell('-', change)).toEqual({ value: null, state: 'dash', raw: '-' });
    expect(parseCell('持平', change)).toEqual({ value: null, state: 'text', raw: '持平' });
  });
});
