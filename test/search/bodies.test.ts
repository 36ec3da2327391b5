import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../core/model.ts';
import { BodyMatcher, oneSubstitutionApart } from '../../core/search/bodies.ts';
import { makeReport } from './reports.ts';
import { allIds, openEngine, tempDir } from './helpers.ts';

/** Many bodies ending in 阳 — the names a loose fuzzy match used to return for one typo. */
const YANG_BODIES = ['洛阳市人民政府', '沈阳市人民政府', '贵阳市', '衡阳县人民政府', '泗阳县人民政府', '濮阳市政府', '岳阳县', '沐川县人民政府', '安阳市人民政府', '益阳市教育局'];
const SHUYANG = ['沭阳县人民政府', '沭阳县', '沭阳县发展和改革局'];
const YICHUN = ['伊春市', '伊春市人民政府', '伊春市政府'];

function matcherOf(names: string[]): BodyMatcher {
  const m = new BodyMatcher();
  for (const n of names) m.addName(n);
  return m;
}

describe('body: one canonical body under every spelling', () => {
  it('body:伊春市政府, body:伊春市人民政府 and body:伊春市 each find all three printed names of 伊春市', () => {
    const m = matcherOf([...YICHUN, ...YANG_BODIES, '宜春市人民政府']);
    for (const q of ['伊春市政府', '伊春市人民政府', '伊春市']) {
      const got = m.match(q);
      expect([...got].sort(), q).toEqual([...YICHUN].sort());
    }
  });
});

describe('body: one-character typos', () => {
  it('body:沐阳县 finds 沭阳县 (and its departments), none of the other "X阳" bodies', () => {
    const m = matcherOf([...SHUYANG, ...YANG_BODIES]);
    expect([...m.match('沐阳县')].sort()).toEqual([...SHUYANG].sort());
    expect([...m.match('沐阳县人民政府')].sort()).toEqual([...SHUYANG].sort());
  });

  it('a correctly typed name is not widened by its one-character neighbours (泗阳县 does not find 沭阳县)', () => {
    const m = matcherOf([...SHUYANG, ...YANG_BODIES]);
    expect([...m.match('泗阳县')]).toEqual(['泗阳县人民政府']);
  });

  it('a two-character query tolerates no typo (沐阳 would be one character from dozens of names)', () => {
    const m = matcherOf([...SHUYANG, ...YANG_BODIES]);
    expect(m.match('沐阳').size).toBe(0);
  });

  it('a name spelled the same in pinyin is found (伊椿市 → 伊春市, not 宜春市)', () => {
    const m = matcherOf([...YICHUN, '宜春市人民政府', ...YANG_BODIES]);
    expect([...m.match('伊椿市')].sort()).toEqual([...YICHUN].sort());
  });

  it('one substitution means same length and exactly one differing character, three characters or more', () => {
    expect(oneSubstitutionApart('沐阳县', '沭阳县')).toBe(true);
    expect(oneSubstitutionApart('沐阳县', '洛阳市')).toBe(false);
    expect(oneSubstitutionApart('沐阳', '沭阳')).toBe(false);
    expect(oneSubstitutionApart('沐阳县', '沭阳县人民政府')).toBe(false);
    expect(oneSubstitutionApart('沭阳县', '沭阳县')).toBe(false);
  });
});

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

describe('body: filter in a search', () => {
  it('body:沐阳县 returns the reports of 沭阳县 only; body:伊春市政府 every report of 伊春市', async () => {
    const printed = [...SHUYANG, ...YICHUN, ...YANG_BODIES];
    const reports: Report[] = printed.map((name, i) => {
      const r = makeReport(i, 3);
      return { ...r, body: { printed: name, normalized: name } };
    });
    const t = tempDir();
    cleanups.push(t.cleanup);
    const engine = await openEngine(t.dir, reports);
    const idsOf = (names: string[]) => reports.filter((r) => names.includes(r.body.printed)).map((r) => r.id).sort();
    expect((await allIds(engine, 'body:沐阳县')).ids).toEqual(idsOf(SHUYANG));
    expect((await allIds(engine, 'body:伊春市政府')).ids).toEqual(idsOf(YICHUN));
  });
});
