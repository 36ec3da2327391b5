import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseQuery } from '../../core/search/query.ts';

describe('search query language', () => {
  it('splits terms (AND), keeps "phrases" whole and normalizes them', () => {
    const q = parseQuery('依申请公开  "12345 热线" ＡＢＣ');
    expect(q.groups.map((g) => g.map((t) => t.text))).toEqual([['依申请公开'], ['12345热线'], ['abc']]);
    expect(q.groups[1][0].phrase).toBe(true);
    expect(q.warnings).toEqual([]);
  });

  it('supports -term exclusion and OR between terms', () => {
    const q = parseQuery('惠企 OR 惠民 -疫情 行政复议');
    expect(q.groups.map((g) => g.map((t) => t.text))).toEqual([['惠企', '惠民'], ['行政复议']]);
    expect(q.excluded.map((t) => t.text)).toEqual(['疫情']);
  });

  it('parses year, body, chapter, format, has and rule filters', () => {
    const q = parseQuery('year:2019..2023 year:2022 body:伊春 chapter:applications chapter:三 chapter:收到和处理 format:2021 format:2019 has:finding rule:crossYear.carryOver');
    expect(q.years).toEqual([
      { from: 2019, to: 2023 },
      { from: 2022, to: 2022 },
    ]);
    expect(q.bodies).toEqual(['伊春']);
    expect(q.chapters).toEqual(['applications', 'applications', 'applications']);
    expect(q.formats).toEqual(['2021', '2019-trial']);
    expect(q.has).toEqual(['finding']);
    expect(q.rules).toEqual(['crossYear.carryOver']);
    expect(q.groups).toEqual([]);
    expect(q.warnings).toEqual([]);
  });

  it('parses figure filters by canonical path and by Chinese label alias', () => {
    const q = parseQuery('applications.unavailable.notHeld.total>100 reviewLitigation.review.total>=5 本机关不掌握>100 行政复议>=5 本机关不掌握/自然人<3 applications.received=7');
    expect(q.figures.map((f) => [f.path.table, f.path.row, f.path.column, f.op, f.value])).toEqual([
      ['applications', 'unavailable.notHeld', 'total', '>', 100],
      ['reviewLitigation', 'review', 'total', '>=', 5],
      ['applications', 'unavailable.notHeld', 'total', '>', 100],
      ['reviewLitigation', 'review', 'total', '>=', 5],
      ['applications', 'unavailable.notHeld', 'natural', '<', 3],
      ['applications', 'received', 'total', '=', 7],
    ]);
    expect(q.warnings).toEqual([]);
  });

  it('turns bad syntax into warnings, never throws', () => {
    const q = parseQuery('year:20x chapter:十一 format:1999 has:cats rule:nope "unclosed 不存在的标签>5 OR');
    expect(q.warnings.length).toBeGreaterThanOrEqual(6);
    expect(q.groups.map((g) => g.map((t) => t.text))).toEqual([['unclosed不存在的标签>5or']]);
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '"', '-', ':', '>', '=', '.', ' ', 'O', 'R', '公', '开', '１', 'year', 'body', '“', '”') }), (s) => {
        const parsed = parseQuery(s);
        expect(Array.isArray(parsed.warnings)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('ignores unknown prefixes as filters but keeps the text', () => {
    const q = parseQuery('foo:bar 12:30');
    expect(q.groups.map((g) => g[0].text)).toEqual(['foo:bar', '12:30']);
    expect(q.warnings.length).toBe(1);
  });
});
