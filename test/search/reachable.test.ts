/** Issue 13: every result and every hit reachable, bodies as people type them, blank totals, older versions. */
import { afterAll, describe, expect, it } from 'vitest';
import type { CatalogueEntry, Report } from '../../core/model.ts';
import { SearchEngine } from '../../core/search/index.ts';
import { makeReport, PLACES } from './reports.ts';
import { catalogueOf, openEngine, tempDir } from './helpers.ts';

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

async function engineOver(reports: Report[]): Promise<SearchEngine> {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return openEngine(t.dir, reports);
}

/** 180 reports: every place once or twice (伊春 and 沭阳 among them). */
const archive = Array.from({ length: 180 }, (_, i) => makeReport(i, 5));

describe('search: every result reachable', () => {
  it('pages of 50 past the first reach every matching report once, with the true total', async () => {
    const engine = await engineOver(archive);
    const first = await engine.search({ query: '政府信息', pageSize: 50 });
    expect(first.total).toBe(180);
    const seen = new Set<string>();
    for (let page = 0; page * 50 < first.total; page++) {
      const res = await engine.search({ query: '政府信息', page, pageSize: 50 });
      expect(res.total).toBe(180);
      for (const r of res.results) seen.add(r.id);
    }
    expect(seen.size).toBe(180);
    await engine.close();
  });

  it('lists every hit of one report on request (the result shows 3 of them)', async () => {
    const engine = await engineOver(archive);
    const [top] = (await engine.search({ query: '政府信息', pageSize: 1 })).results;
    expect(top.hits).toHaveLength(3);
    expect(top.hitCount).toBeGreaterThan(3);
    const all = await engine.search({ query: '政府信息', reportId: top.id, hitsPerResult: 10_000 });
    expect(all.total).toBe(1);
    expect(all.results[0].id).toBe(top.id);
    const hits = all.results[0].hits;
    expect(hits.length).toBeGreaterThan(3);
    expect(hits.slice(0, 3)).toEqual(top.hits);
    // Every hit quotes a different place of the report, each with its matches marked.
    expect(new Set(hits.map((h) => h.where)).size).toBe(hits.length);
    for (const h of hits) expect(h.ranges.length).toBeGreaterThan(0);
    await engine.close();
  });
});

describe('search: body names as people type them', () => {
  it('bare pinyin and initials match body names without body:', async () => {
    const engine = await engineOver(archive);
    const yichun = await engine.search({ query: 'yichun', pageSize: 50 });
    expect(yichun.total).toBeGreaterThan(0);
    for (const r of yichun.results) expect(r.body.startsWith('伊春') || r.body.startsWith('宜春')).toBe(true);
    expect(yichun.results[0].hits[0]).toMatchObject({ where: 'meta', snippet: yichun.results[0].body });
    const initials = await engine.search({ query: 'yc 2019', pageSize: 50 });
    expect(initials.results.some((r) => r.body.startsWith('伊春'))).toBe(true);
    // An English word that spells no body finds nothing rather than random bodies.
    expect((await engine.search({ query: 'pdf' })).total).toBe(0);
    await engine.close();
  });

  it('body: with a one-character typo (沐阳 for 沭阳) finds the body', async () => {
    const engine = await engineOver(archive);
    const res = await engine.search({ query: 'body:沐阳县', pageSize: 200 });
    expect(res.results.some((r) => r.body === '沭阳县人民政府')).toBe(true);
    await engine.close();
  });
});

describe('search: figure filter on a blank 总计', () => {
  it('uses the sum of the printed columns, marks the hit computed and says so in the warnings', async () => {
    const blankTotal = makeReport(7, 9);
    const row = blankTotal.tables.applications!.cells['unavailable.notHeld'];
    for (const col of Object.keys(row)) row[col] = { value: 0, state: 'number', raw: '0' };
    row.natural = { value: 252, state: 'number', raw: '252' };
    row.total = { value: null, state: 'blank', raw: '' };
    const others = Array.from({ length: 10 }, (_, i) => makeReport(20 + i, 9));
    for (const r of others) r.tables.applications!.cells['unavailable.notHeld'].total = { value: 3, state: 'number', raw: '3' };
    const engine = await engineOver([blankTotal, ...others]);
    const res = await engine.search({ query: '本机关不掌握>100' });
    expect(res.results.map((r) => r.id)).toEqual([blankTotal.id]);
    const hit = res.results[0].hits.find((h) => h.where === 'table:applications:unavailable.notHeld:total')!;
    expect(hit.computed).toBe(true);
    expect(hit.snippet).toContain('252');
    expect(res.warnings.join(' ')).toContain('各列之和');
    // A printed total is used as printed: no warning.
    expect((await engine.search({ query: '本机关不掌握<5' })).warnings.join(' ')).not.toContain('各列之和');
    await engine.close();
  });
});

describe('search: older versions on request', () => {
  it('version:all finds older versions too, marked as such; the latest only by default', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const original = makeReport(0, 3);
    const newer: Report = { ...makeReport(0, 3), id: `${original.id}-v2`, version: 2 };
    const reports = [original, newer];
    const catalogue = (): CatalogueEntry[] => catalogueOf(reports).map((e) => ({ ...e, latest: e.id === newer.id }));
    const engine = await SearchEngine.open(t.dir, catalogue, async (id) => reports.find((r) => r.id === id)!);
    await engine.whenReady();
    expect((await engine.search({ query: '行政复议' })).results.map((r) => r.id)).toEqual([newer.id]);
    const all = await engine.search({ query: '行政复议 version:all' });
    expect(all.results.map((r) => r.id).sort()).toEqual([original.id, newer.id].sort());
    expect(all.results.find((r) => r.id === original.id)!.olderVersion).toBe(true);
    expect(all.results.find((r) => r.id === newer.id)!.olderVersion).toBeUndefined();
    await engine.close();
  });
});

it('the archive of these tests has the bodies they name', () => {
  expect(PLACES).toContain('伊春');
  expect(PLACES).toContain('沭阳');
});
