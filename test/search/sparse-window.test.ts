import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../core/model.ts';
import { allFieldsWithLabels } from '../../core/search/document.ts';
import { normalize } from '../../core/search/normalize.ts';
import { SearchEngine } from '../../core/search/index.ts';
import { makeReport } from './reports.ts';
import { catalogueOf, literal, openEngine, tempDir } from './helpers.ts';

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

/** The total and two pages of a query (the first, and a deeper one), with scores and hits. */
async function everything(engine: SearchEngine, query: string): Promise<{ total: number; rows: unknown[] }> {
  const res = await engine.search({ query, pageSize: 100 }, { noCache: true });
  const deep = await engine.search({ query, page: 4, pageSize: 50 }, { noCache: true });
  return { total: res.total, rows: [...res.results, ...deep.results].map((r) => [r.id, r.score, r.hitCount, r.hits]) };
}

describe('search engine: scans of a loaded snapshot read only the candidates (candidate-aware window)', () => {
  it('sparse and dense candidates over several read windows: same answers as the in-memory engine and brute force', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    // Enough text for several 4 MB read windows.
    const reports: Report[] = Array.from({ length: 700 }, (_, i) => makeReport(i * 3 + 1, 29));
    // Query terms of every density: pieces of a few reports' texts (rare), and common phrases.
    const queries = new Set<string>(['政府信息公开', '依申请公开', '行政复议', '年度报告', '信息公开工作']);
    const texts = reports.map((r) => allFieldsWithLabels(r).map((f) => normalize(f.text)));
    const brute = (q: string) => reports.filter((_, i) => texts[i].some((x) => x.includes(q))).map((r) => r.id);
    expect(texts.reduce((n, fs) => n + fs.reduce((m, x) => m + x.length, 0), 0) * 2).toBeGreaterThan(4 << 20);
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    while (queries.size < 30) {
      const r = reports[rand(reports.length)];
      const fields = texts[reports.indexOf(r)].filter((x) => x.length > 8);
      const text = fields[rand(fields.length)];
      const len = 3 + rand(5);
      const at = rand(text.length - len);
      const piece = text.slice(at, at + len);
      if (piece.trim().length === len && !piece.includes('"')) queries.add(piece);
    }
    // Every document a candidate (table-label terms) minus sparse excluded terms: the scan reads the excluded terms' candidates.
    const pieces = [...queries].slice(5, 12);
    const mixed = pieces.flatMap((p) => [`行政复议 -${literal(p)}`, `政府信息公开 -${literal(p)} -依申请公开`]);
    const memory = await openEngine(t.dir, reports);
    const expected = new Map<string, { total: number; rows: unknown[] }>();
    for (const q of queries) expected.set(q, await everything(memory, literal(q)));
    for (const q of mixed) expected.set(q, await everything(memory, q));
    await memory.close();

    const engine = await SearchEngine.open(t.dir, () => catalogueOf(reports), async () => {
      throw new Error('the snapshot should load, not rebuild');
    });
    await engine.whenReady();
    expect(engine.status().origin).toBe('loaded');
    for (const q of queries) {
      engine.dropCaches();
      const got = await everything(engine, literal(q));
      expect(got, `query ${JSON.stringify(q)}`).toEqual(expected.get(q));
      expect(got.total, `brute force ${JSON.stringify(q)}`).toBe(brute(q).length);
    }
    for (const q of mixed) {
      engine.dropCaches();
      expect(await everything(engine, q), `query ${q}`).toEqual(expected.get(q));
    }
    const label = new Set(brute('行政复议'));
    for (const p of pieces) {
      const without = new Set(brute(p));
      expect(expected.get(`行政复议 -${literal(p)}`)!.total).toBe([...label].filter((id) => !without.has(id)).length);
    }
    // Two terms (the second checked only on the first's candidates) and an exclusion.
    const list = [...queries];
    for (let i = 0; i + 1 < list.length; i += 4) {
      engine.dropCaches();
      const both = await everything(engine, `${literal(list[i])} ${literal(list[i + 1])}`);
      const a = new Set(brute(list[i]));
      expect(both.total).toBe(brute(list[i + 1]).filter((id) => a.has(id)).length);
      const minus = await everything(engine, `${literal(list[i])} -${literal(list[i + 1])}`);
      const b = new Set(brute(list[i + 1]));
      expect(minus.total).toBe([...a].filter((id) => !b.has(id)).length);
    }
    await engine.close();
  }, 120_000);
});
