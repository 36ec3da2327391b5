import { afterAll, describe, expect, it } from 'vitest';
import type { CatalogueEntry, Report } from '../../core/model.ts';
import { SearchEngine } from '../../core/search/index.ts';
import { makeReport } from './reports.ts';
import { allIds, catalogueOf, tempDir } from './helpers.ts';

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

/** A catalogue that marks, per body+year, only the highest version as latest (as the archive does). */
function catalogueWithVersions(reports: Report[]): CatalogueEntry[] {
  const best = new Map<string, Report>();
  for (const r of reports) {
    const k = `${r.body.normalized}|${r.year}`;
    const b = best.get(k);
    if (!b || r.version > b.version) best.set(k, r);
  }
  return catalogueOf(reports).map((e, i) => ({ ...e, latest: best.get(`${reports[i].body.normalized}|${reports[i].year}`) === reports[i] }));
}

describe('search engine: versions', () => {
  it('finds only the latest version of each body+year; the older one returns when the newer is removed', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const original = makeReport(0, 3);
    const newer: Report = { ...makeReport(0, 3), id: `${original.id}-v2`, version: 2 };
    const other = makeReport(1, 3);
    const reports = [original, other];
    const engine = await SearchEngine.open(t.dir, () => catalogueWithVersions(reports), async (id) => reports.find((r) => r.id === id)!);
    await engine.whenReady();
    const before = await allIds(engine, '行政复议');
    expect(before.ids).toEqual([original.id, other.id].sort());

    reports.push(newer);
    await engine.add(newer);
    const after = await allIds(engine, '行政复议');
    expect(after.ids).toEqual([newer.id, other.id].sort());
    expect(after.total).toBe(2);
    // Figure filters and metadata-only queries hide older versions too.
    expect((await allIds(engine, `year:${original.year}`)).ids).not.toContain(original.id);

    reports.splice(reports.indexOf(newer), 1);
    await engine.remove(newer.id);
    expect((await allIds(engine, '行政复议')).ids).toEqual([original.id, other.id].sort());
    await engine.close();
  });
});
