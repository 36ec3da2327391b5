import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../../core/model.ts';
import { SearchEngine } from '../../core/search/index.ts';
import { normalize } from '../../core/search/normalize.ts';
import { KINDS, PLACES, makeReport } from './reports.ts';
import { allIds, bruteForce, catalogueOf, indexSection, literal, openEngine, tempDir } from './helpers.ts';

// makeReport(i): place = PLACES[i % P] (0 = 伊春, 1 = 哈尔滨 …), kind = KINDS[⌊i/P⌋ % K], year = 2019 + ⌊i/(P·K)⌋ % 6.
const at = (place: number, kind: number, yearIndex: number) => place + PLACES.length * kind + PLACES.length * KINDS.length * yearIndex;
const NUMBERS = [at(0, 0, 0), at(1, 0, 0), at(2, 0, 0), at(3, 0, 0), at(0, 1, 0), at(1, 1, 0), at(0, 2, 0), at(0, 0, 1), at(1, 0, 1), at(0, 0, 2), at(1, 0, 2), at(0, 0, 3), at(1, 0, 3), at(0, 1, 3), at(0, 0, 4), at(1, 0, 4), at(0, 0, 5), at(1, 0, 5)];
const corpus = (): Report[] => NUMBERS.map((i) => makeReport(i, 7));

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));
function dir(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

describe('search engine: filters', () => {
  it('year: single year and range', async () => {
    const reports = corpus();
    const engine = await openEngine(dir(), reports);
    const y = await allIds(engine, 'year:2022');
    expect(y.ids).toEqual(reports.filter((r) => r.year === 2022).map((r) => r.id).sort());
    const range = await allIds(engine, 'year:2020..2021');
    expect(range.ids).toEqual(reports.filter((r) => r.year! >= 2020 && r.year! <= 2021).map((r) => r.id).sort());
    expect(range.ids.length).toBeGreaterThan(0);
  });

  it('body: substring, missing 市/人民政府, pinyin, initials and a typo', async () => {
    const reports = corpus();
    const engine = await openEngine(dir(), reports);
    const yichun = reports.filter((r) => r.body.printed.startsWith('伊春')).map((r) => r.id).sort();
    expect(yichun.length).toBeGreaterThan(3);
    for (const q of ['body:伊春', 'body:伊春市', 'body:伊春市政府', 'body:yichun', 'body:YiChun', 'body:yc']) {
      const got = await allIds(engine, q);
      expect(got.ids, q).toEqual(expect.arrayContaining(yichun));
      // Nothing unrelated besides other bodies sharing the initials/pinyin (yc: 伊春 only in this corpus).
      for (const id of got.ids) expect(reports.find((r) => r.id === id)!.body.printed, q).toMatch(/^伊春/);
    }
    const typo = await allIds(engine, 'body:伊椿市');
    expect(typo.ids).toEqual(expect.arrayContaining(yichun));
  });

  it('a body name plus a year as plain terms finds that report first (metadata is searched)', async () => {
    const reports = corpus();
    const engine = await openEngine(dir(), reports);
    const res = await engine.search({ query: '伊春 2022' });
    const top = res.results[0];
    expect(top.body).toMatch(/^伊春/);
    expect(top.year).toBe(2022);
    expect(top.hits[0].where).toBe('meta');
  });

  it('chapter: restricts text matches to that chapter (id, 三 and heading words)', async () => {
    const reports = corpus();
    const engine = await openEngine(dir(), reports);
    const term = '热线';
    const expected = reports
      .filter((r) => r.chapters.find((c) => c.key === 'applications')!.paragraphs.some((p) => normalize(p).includes(term)))
      .map((r) => r.id)
      .sort();
    for (const q of [`chapter:applications ${term}`, `chapter:三 ${term}`, `chapter:收到和处理 ${term}`]) {
      const res = await allIds(engine, q);
      expect(res.ids, q).toEqual(expected);
    }
    const res = await engine.search({ query: `chapter:applications ${term}` });
    for (const r of res.results) for (const h of r.hits) expect(h.where).toMatch(/^(chapter|table|narrative):applications:/);
  });

  it('format:, has:finding and rule:', async () => {
    const reports = corpus();
    const engine = await openEngine(dir(), reports);
    expect((await allIds(engine, 'format:2021')).ids).toEqual(reports.filter((r) => r.format === '2021').map((r) => r.id).sort());
    expect((await allIds(engine, 'format:2019')).ids).toEqual(reports.filter((r) => r.format === '2019-trial').map((r) => r.id).sort());
    const withFindings = reports.filter((r) => r.evaluations.some((e) => e.status === 'fail')).map((r) => r.id).sort();
    expect(withFindings.length).toBeGreaterThan(0);
    expect((await allIds(engine, 'has:finding')).ids).toEqual(withFindings);
    const carry = reports.filter((r) => r.evaluations.some((e) => e.rule === 'crossYear.carryOver')).map((r) => r.id).sort();
    expect((await allIds(engine, 'rule:crossYear.carryOver')).ids).toEqual(carry);
  });

  it('figure filters by path and by Chinese alias agree with the table values', async () => {
    const reports = corpus();
    const engine = await openEngine(dir(), reports);
    const notHeld = (r: Report) => r.tables.applications?.cells['unavailable.notHeld']?.total?.value ?? null;
    const review = (r: Report) => r.tables.reviewLitigation?.cells.review?.total?.value ?? null;
    const over100 = reports.filter((r) => (notHeld(r) ?? -1) > 100).map((r) => r.id).sort();
    expect(over100.length).toBeGreaterThan(0);
    expect((await allIds(engine, 'applications.unavailable.notHeld.total>100')).ids).toEqual(over100);
    expect((await allIds(engine, '本机关不掌握>100')).ids).toEqual(over100);
    const review5 = reports.filter((r) => (review(r) ?? -1) >= 5).map((r) => r.id).sort();
    expect((await allIds(engine, 'reviewLitigation.review.total>=5')).ids).toEqual(review5);
    expect((await allIds(engine, '行政复议>=5')).ids).toEqual(review5);
    const res = await engine.search({ query: '本机关不掌握>100' });
    const hit = res.results[0].hits.find((h) => h.where === 'table:applications:unavailable.notHeld:total')!;
    expect(hit.snippet.slice(hit.ranges[0][0], hit.ranges[0][1])).toBe(String(notHeld(reports.find((r) => r.id === res.results[0].id)!)));
  });

  it('a blank 总计 is read as the sum of the printed columns, on a loaded snapshot and for reports added since', async () => {
    const reports = corpus();
    const row = (r: Report) => r.tables.applications?.cells['unavailable.notHeld'];
    // Every other report with a table: 总计 left blank, so its printed columns decide.
    const blanked = new Set<string>();
    reports.forEach((r, i) => {
      const cells = row(r);
      if (!cells?.total || i % 2 === 0) return;
      cells.total = { value: null, state: 'text', raw: '' };
      blanked.add(r.id);
    });
    expect(blanked.size).toBeGreaterThan(2);
    const value = (r: Report): number | null => {
      const cells = row(r);
      if (!cells) return null;
      if (cells.total?.value != null) return cells.total.value;
      const parts = Object.entries(cells).filter(([col, c]) => col !== 'total' && c.value != null);
      return parts.length ? parts.reduce((sum, [, c]) => sum + c.value!, 0) : null;
    };
    const added = makeReport(at(2, 1, 2), 7);
    const addedCells = row(added)!;
    addedCells.total = { value: null, state: 'text', raw: '' };
    const expected = (list: Report[]) => list.filter((r) => (value(r) ?? -1) > 10).map((r) => r.id).sort();
    const engine = await openEngine(dir(), reports);
    expect((await allIds(engine, '本机关不掌握>10', { noCache: true })).ids).toEqual(expected(reports));
    expect(expected(reports).some((id) => blanked.has(id))).toBe(true);
    await engine.add(added);
    const all = [...reports, added];
    expect((await allIds(engine, '本机关不掌握>10', { noCache: true })).ids).toEqual(expected(all));
    const res = await engine.search({ query: '本机关不掌握>10', pageSize: 200 }, { noCache: true });
    for (const r of res.results) {
      const hit = r.hits.find((h) => h.where === 'table:applications:unavailable.notHeld:total');
      expect(hit?.computed === true, r.id).toBe(blanked.has(r.id) || r.id === added.id);
    }
    // Every comparison, at a value some report has.
    const target = value(all.find((r) => value(r) != null)!)!;
    const ops: [string, (v: number) => boolean][] = [['>', (v) => v > target], ['>=', (v) => v >= target], ['<', (v) => v < target], ['<=', (v) => v <= target], ['=', (v) => v === target], ['!=', (v) => v !== target]];
    for (const [op, test] of ops) {
      const want = all.filter((r) => value(r) != null && test(value(r)!)).map((r) => r.id).sort();
      expect((await allIds(engine, `本机关不掌握${op}${target}`, { noCache: true })).ids, op).toEqual(want);
    }
  });

  it('AND, OR and -term combine as documented', async () => {
    const reports = corpus();
    const engine = await openEngine(dir(), reports);
    const has = (r: Report, t: string) => bruteForce([r], t).length > 0;
    const and = reports.filter((r) => has(r, '惠企') && has(r, '12345热线') && has(r, '依申请公开')).map((r) => r.id).sort();
    expect((await allIds(engine, '惠企 12345热线 依申请公开')).ids).toEqual(and);
    const or = reports.filter((r) => has(r, '食品药品监管') || has(r, '住房保障')).map((r) => r.id).sort();
    expect((await allIds(engine, '食品药品监管 OR 住房保障')).ids).toEqual(or);
    const not = reports.filter((r) => has(r, '惠企') && !has(r, '食品药品监管')).map((r) => r.id).sort();
    expect((await allIds(engine, '惠企 -食品药品监管')).ids).toEqual(not);
  });
});

describe('search engine: results', () => {
  it('a repeated query (term and snippet caches) answers exactly like a cold one, page by page', async () => {
    const reports = corpus();
    const engine = await openEngine(dir(), reports);
    const queries = ['行政复议', '不予公开', '公开', '惠企 12345热线', 'chapter:applications 申请', '本机关不掌握>0', '行政复议 本机关不掌握>0', '"政府信息 公开申请"', '行政复议 -疫情'];
    for (const query of queries) {
      for (const page of [0, 1, 0]) {
        const cold = await engine.search({ query, page, pageSize: 5 }, { noCache: true });
        const first = await engine.search({ query, page, pageSize: 5 });
        const again = await engine.search({ query, page, pageSize: 5 });
        const strip = (r: typeof cold) => ({ total: r.total, results: r.results });
        expect(strip(first)).toEqual(strip(cold));
        expect(strip(again)).toEqual(strip(cold));
      }
    }
    // A changed report shows its new text, not a cached snippet of the old one.
    const changed = { ...reports[0], chapters: reports[0].chapters.map((c, i) => (i === 1 ? { ...c, paragraphs: [...c.paragraphs, '新增的行政复议说明段落'] } : c)) };
    await engine.add(changed);
    const res = await engine.search({ query: '新增的行政复议说明', pageSize: 5 });
    expect(res.results.map((r) => r.id)).toEqual([changed.id]);
    const again = await engine.search({ query: '行政复议', pageSize: 50 });
    const row = again.results.find((r) => r.id === changed.id)!;
    expect(row.hitCount).toBe((await engine.search({ query: '行政复议', pageSize: 50 }, { noCache: true })).results.find((r) => r.id === changed.id)!.hitCount);
  });

  it('snippets quote the original text and ranges mark every match', async () => {
    const reports = corpus();
    reports[0].chapters[0].paragraphs.push('请拨打 67890\n专线，或者 ６７８９０ 专线。');
    const engine = await openEngine(dir(), reports);
    const res = await engine.search({ query: '12345热线' });
    expect(res.total).toBe(bruteForce(reports, '12345热线').length);
    for (const r of res.results) {
      expect(r.hits.length).toBeLessThanOrEqual(3);
      expect(r.hitCount).toBeGreaterThanOrEqual(r.hits.length);
      for (const h of r.hits) {
        expect(h.ranges.length).toBeGreaterThan(0);
        for (const [s, e] of h.ranges) expect(normalize(h.snippet.slice(s, e))).toBe('12345热线');
      }
    }
    const own = await engine.search({ query: '67890专线' });
    expect(own.total).toBe(1);
    const hit = own.results[0].hits[0];
    expect(hit.where).toBe(`chapter:overview:${reports[0].chapters[0].paragraphs.length - 1}`);
    expect(hit.snippet).toBe('请拨打 67890 专线，或者 ６７８９０ 专线。');
    expect(hit.ranges.map(([s, e]) => hit.snippet.slice(s, e))).toEqual(['67890 专线', '６７８９０ 专线']);
    expect(own.results[0].hitCount).toBe(2);
  });

  it('ranks title/body hits above text hits above table hits', async () => {
    const reports = corpus();
    const engine = await openEngine(dir(), reports);
    const res = await engine.search({ query: '哈尔滨' });
    expect(res.results[0].body).toMatch(/^哈尔滨/);
    expect(res.results[0].hits[0].where).toBe('meta');
    const scores = res.results.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('pages results with an exact total', async () => {
    const reports = corpus();
    const engine = await openEngine(dir(), reports);
    const a = await engine.search({ query: '公开', page: 0, pageSize: 5 });
    const b = await engine.search({ query: '公开', page: 1, pageSize: 5 });
    expect(a.total).toBe(reports.length);
    expect(b.total).toBe(a.total);
    expect(a.results.length).toBe(5);
    const ids = new Set(a.results.map((r) => r.id));
    for (const r of b.results) expect(ids.has(r.id)).toBe(false);
  });

  it('a pre-aborted signal rejects with AbortError; empty queries return nothing', async () => {
    const engine = await openEngine(dir(), corpus());
    const controller = new AbortController();
    controller.abort();
    await expect(engine.search({ query: '公开' }, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    const empty = await engine.search({ query: '   ' });
    expect(empty.total).toBe(0);
  });
});

describe('search engine: index lifecycle', () => {
  const QUERIES = ['公开', '行政复议', '惠企', '12345热线', '伊春', '2022年', '本机关不掌握', 'year:2021 惠企', '本机关不掌握>100'];

  async function snapshotOf(engine: SearchEngine): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    for (const q of QUERIES) out[q] = (await allIds(engine, q)).ids;
    return out;
  }

  it('incremental add/remove gives the same results as a fresh build', async () => {
    const all = corpus();
    const live: Report[] = [];
    const d = dir();
    const engine = await openEngine(d, live);
    for (const r of all) {
      live.push(r);
      await engine.add(r);
    }
    for (const id of [all[2].id, all[5].id, all[9].id]) {
      live.splice(live.findIndex((r) => r.id === id), 1);
      await engine.remove(id);
    }
    // An edit re-adds the same id.
    const edited = { ...all[0], body: { printed: '测试市人民政府', normalized: '测试市人民政府' } };
    live[0] = edited;
    await engine.add(edited);
    const fresh = await openEngine(dir(), live);
    const expected = await snapshotOf(fresh);
    expect(await snapshotOf(engine)).toEqual(expected);
    expect((await allIds(engine, 'body:测试')).ids).toEqual([edited.id]);
    // Compaction (snapshot drops removed numbers and renumbers) keeps every result.
    engine.snapshot();
    expect(await snapshotOf(engine)).toEqual(expected);
    const reopened = await openEngine(d, live);
    expect(await snapshotOf(reopened)).toEqual(expected);
  });

  it('persists: reopening loads the snapshot plus the journal, with the same results', async () => {
    const reports = corpus();
    const d = dir();
    const first = await openEngine(d, reports);
    const before = await snapshotOf(first);
    expect(existsSync(join(d, 'search', 'index.bin'))).toBe(true);
    const extra = makeReport(10, 7);
    reports.push(extra);
    await first.add(extra); // journaled, not yet in the snapshot
    expect(existsSync(join(d, 'search', 'journal.bin'))).toBe(true);
    const second = await openEngine(d, reports);
    expect(second.status().origin).toBe('loaded');
    expect((await allIds(second, literal(extra.title))).ids).toContain(extra.id);
    const after = await snapshotOf(second);
    for (const q of QUERIES) for (const id of before[q]) expect(after[q], q).toContain(id);
    await second.close();
    const third = await openEngine(d, reports);
    expect(await snapshotOf(third)).toEqual(after);
  });

  it('a corrupt index file is rebuilt automatically and results stay correct', async () => {
    const reports = corpus();
    const d = dir();
    const first = await openEngine(d, reports);
    const expected = await snapshotOf(first);
    await first.close();
    const file = join(d, 'search', 'index.bin');
    const bytes = readFileSync(file);
    const [offset, length] = indexSection(bytes, 'biData');
    expect(length).toBeGreaterThan(100);
    bytes[offset + (length >> 1)] ^= 0xff; // flip bits inside the postings (checked at open)
    writeFileSync(file, bytes);
    const states: string[] = [];
    const engine = await SearchEngine.open(d, () => catalogueOf(reports), async (id) => reports.find((r) => r.id === id)!, { onState: (s) => states.push(s) });
    expect(engine.status().origin).toMatch(/^corrupt/);
    const during = await engine.search({ query: '行政复议' });
    expect(during.index === 'building' || during.index === 'ready').toBe(true);
    expect(during.total).toBe(bruteForce(reports, '行政复议').length);
    await engine.whenReady();
    expect(states).toContain('building');
    expect(await snapshotOf(engine)).toEqual(expected);
    const reopened = await openEngine(d, reports);
    expect(reopened.status().origin).toBe('loaded');
  });

  it('a damaged text section (checked in the background after a fast load) triggers a rebuild', async () => {
    const reports = corpus();
    const d = dir();
    const first = await openEngine(d, reports);
    const expected = await snapshotOf(first);
    await first.close();
    const file = join(d, 'search', 'index.bin');
    const bytes = readFileSync(file);
    const [offset, length] = indexSection(bytes, 'text');
    expect(length).toBeGreaterThan(1000);
    bytes[offset + 500] ^= 0x01; // one character of the normalized text changes
    writeFileSync(file, bytes);
    const engine = await openEngine(d, reports); // waits for the check and the rebuild
    expect(engine.status().origin).toMatch(/^corrupt: text/);
    expect(await snapshotOf(engine)).toEqual(expected);
  });

  it('a stale index (other parser version) or a truncated file is rebuilt', async () => {
    const reports = corpus();
    const d = dir();
    const first = await openEngine(d, reports);
    const expected = await snapshotOf(first);
    await first.close();
    const file = join(d, 'search', 'index.bin');
    const bytes = readFileSync(file);
    const text = bytes.toString('latin1');
    const at = text.indexOf('"parser":"');
    expect(at).toBeGreaterThan(0);
    bytes.write('"parser":"0', at, 'latin1'); // same length, other version
    writeFileSync(file, bytes);
    const stale = await openEngine(d, reports);
    expect(stale.status().origin).toMatch(/^stale/);
    expect(await snapshotOf(stale)).toEqual(expected);
    await stale.close();
    writeFileSync(file, readFileSync(file).subarray(0, 200));
    const truncated = await openEngine(d, reports);
    expect(truncated.status().origin).toMatch(/^corrupt/);
    expect(await snapshotOf(truncated)).toEqual(expected);
    expect(readdirSync(join(d, 'search')).filter((f) => f.startsWith('texts-')).length).toBe(1);
  });

  it('reconciles with the catalogue at open (reports imported while the index was closed)', async () => {
    const reports = corpus();
    const d = dir();
    const first = await openEngine(d, reports.slice(0, 10));
    await first.close();
    const second = await openEngine(d, reports);
    expect(second.status().reports).toBe(reports.length);
    expect((await allIds(second, '公开')).total).toBe(reports.length);
  });
});
