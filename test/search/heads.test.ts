/**
 * Issue 13: the leading text of every document is kept in memory after open (template phrases
 * are answered without reading from disk). Terms inside, across and beyond that head must find
 * exactly what a brute-force scan finds, before and after the head is loaded.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../core/model.ts';
import { allFieldsWithLabels } from '../../core/search/document.ts';
import { normalize } from '../../core/search/normalize.ts';
import { SearchEngine } from '../../core/search/index.ts';
import { makeReport, rng } from './reports.ts';
import { allIds, bruteForce, catalogueOf, openEngine, tempDir } from './helpers.ts';

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

/** Substrings of fields that lie before, around and after the 192nd code unit of a document's text (where the head ends). */
function termsNearHeadEnd(reports: Report[], count: number): string[] {
  const r = rng(42);
  const terms = new Set<string>();
  for (const report of reports) {
    let offset = 0;
    for (const field of allFieldsWithLabels(report)) {
      const text = normalize(field.text);
      if (offset + text.length > 100 && offset < 900 && text.length >= 6) {
        const at = Math.floor(r() * (text.length - 5));
        terms.add(text.slice(at, at + 3 + Math.floor(r() * 3)));
      }
      offset += text.length + 1;
    }
    if (terms.size >= count) break;
  }
  return [...terms].slice(0, count);
}

describe('search engine: document heads in memory', () => {
  it('finds exactly the brute-force set for terms before, across and after the head', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const reports = Array.from({ length: 60 }, (_, i) => makeReport(i * 3, 23));
    const built = await openEngine(t.dir, reports);
    await built.close();
    const open = () =>
      SearchEngine.open(t.dir, () => catalogueOf(reports), async () => {
        throw new Error('the snapshot should load, not rebuild');
      });
    const terms = [...termsNearHeadEnd(reports, 40), '政府信息公开', '年度报告', '行政复议', '本机关不掌握'];
    // Right after open (heads not loaded yet), then on a fresh engine with its heads loaded
    // (fresh, so that no term position cached by the first pass answers for the heads).
    const first = await open();
    const before = [];
    for (const term of terms) before.push((await allIds(first, `"${term}"`)).ids);
    await first.close();
    const engine = await open();
    await engine.whenReady();
    for (const [i, term] of terms.entries()) {
      const expected = bruteForce(reports, term);
      expect((await allIds(engine, `"${term}"`)).ids, term).toEqual(expected);
      expect(before[i], term).toEqual(expected);
    }
    await engine.close();
  });
});
