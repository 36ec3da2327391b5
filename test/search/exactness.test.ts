/**
 * Exactness (issue 5): for any literal query, the set of matching reports equals a brute-force
 * substring scan over the same normalized texts — for the index path and the scan path.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import type { Report } from '../../core/model.ts';
import { PARSER_VERSION, SCHEMA_VERSION } from '../../core/model.ts';
import { CHAPTER_HEADINGS, CHAPTER_IDS, tableSpecsFor } from '../../core/spec.ts';
import { allFieldsWithLabels } from '../../core/search/document.ts';
import { normalize } from '../../core/search/normalize.ts';
import { SnapshotData } from '../../core/search/snapshot-data.ts';
import { POSITION_LIMIT, positionalBatch } from '../../core/search/positions.ts';
import { allIds, bruteForce, literal, openEngine, tempDir } from './helpers.ts';

// A small alphabet so substrings recur across reports: Chinese, traditional variants,
// ASCII letters in both cases, half- and full-width digits, punctuation, spaces, line breaks.
const ALPHABET = ['公', '开', '政', '府', '信', '息', '申', '请', '复', '议', '臺', '台', '體', '体', '开', '開', 'a', 'B', 'b', 'Ａ', 'ｂ', '1', '2', '１', '２', '0', '。', '，', '（', '(', ' ', '\n', '\u3000', '热', '线'];
const char = fc.constantFrom(...ALPHABET);
const text = (max: number) => fc.array(char, { minLength: 0, maxLength: max }).map((cs) => cs.join(''));

function reportFrom(i: number, paragraphs: string[][], cells: string[], withTables: boolean, body: string, year: number): Report {
  const format = withTables ? (year >= 2021 ? '2021' : '2019-trial') : 'pre-2019';
  const tables: Report['tables'] = {};
  if (withTables) {
    let k = 0;
    for (const spec of tableSpecsFor(format)) {
      const c: Record<string, Record<string, { value: number | null; state: 'number' | 'text'; raw: string }>> = {};
      for (const row of spec.rows.slice(0, 3)) {
        c[row.id] = {};
        for (const col of row.columns.slice(0, 2)) {
          const raw = cells[k++ % Math.max(1, cells.length)] ?? '';
          const value = /^\d+$/.test(raw) ? Number(raw) : null;
          c[row.id][col.id] = { value, state: value == null ? 'text' : 'number', raw };
        }
      }
      tables[spec.id] = { id: spec.id, cells: c, rawRows: [] };
    }
  }
  return {
    schemaVersion: SCHEMA_VERSION,
    id: `p${i}`,
    body: { printed: body, normalized: body },
    year,
    title: `${body}${year}年报告`,
    publishedAt: null,
    format,
    preamble: [],
    chapters: paragraphs.map((ps, ci) => ({ id: CHAPTER_IDS[ci % 6], key: CHAPTER_IDS[ci % 6], heading: CHAPTER_HEADINGS[CHAPTER_IDS[ci % 6]], paragraphs: ps })),
    tables,
    genericTables: [],
    parseFindings: [],
    metadataConfidence: { body: 'certain', year: 'certain' },
    sourceMetadata: {},
    source: { fileName: 'x', mediaType: 'text/plain', sha256: String(i), size: 0, storedPath: '' },
    importedAt: '',
    parserVersion: PARSER_VERSION,
    evaluations: [],
    dismissals: [],
    version: 1,
  } as Report;
}

const reportArb = fc.record({
  paragraphs: fc.array(fc.array(text(40), { maxLength: 3 }), { minLength: 1, maxLength: 3 }),
  cells: fc.array(fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), text(4)), { maxLength: 6 }),
  withTables: fc.boolean(),
  body: fc.constantFrom('伊春市', '伊春市人民政府', '沭阳县', '臺北市', '上海市'),
  year: fc.integer({ min: 2019, max: 2024 }),
});
const corpusArb = fc.array(reportArb, { minLength: 1, maxLength: 12 }).map((rs) => rs.map((r, i) => reportFrom(i, r.paragraphs, r.cells, r.withTables, r.body, r.year)));

/** A query: a substring of some field (original text), or random text. */
function queryArb(corpus: Report[]): fc.Arbitrary<string> {
  const fields = corpus.flatMap((r) => allFieldsWithLabels(r).map((f) => f.text)).filter((t) => t.length > 0);
  const substring = fc
    .tuple(fc.constantFrom(...fields), fc.nat(), fc.integer({ min: 1, max: 12 }))
    .map(([t, start, len]) => {
      const s = start % t.length;
      return t.slice(s, s + len);
    });
  return fc.oneof(substring, substring, text(3).filter((t) => t.length > 0));
}

/** A report whose normalized text is longer than positions can address (it keeps the text path). */
function longReport(i: number, seed: number, tail: string): Report {
  let x = seed + 1;
  const chars: string[] = [];
  while (chars.length < POSITION_LIMIT + 12000) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    chars.push(ALPHABET[x % ALPHABET.length]);
  }
  return reportFrom(i, [[chars.join('') + tail]], [], false, '上海市', 2023);
}

const dirs: (() => void)[] = [];
afterAll(() => dirs.forEach((c) => c()));

describe('search exactness (property)', () => {
  it('index path: matching reports == brute-force normalized substring scan', async () => {
    await fc.assert(
      fc.asyncProperty(
        corpusArb.chain((corpus) => fc.tuple(fc.constant(corpus), fc.array(queryArb(corpus), { minLength: 1, maxLength: 6 }))),
        async ([corpus, queries]) => {
          const { dir, cleanup } = tempDir();
          dirs.push(cleanup);
          const indexed = await openEngine(dir, corpus);
          const scanned = await openEngine(dir, corpus, { persist: false, scanOnly: true });
          for (const q of queries) {
            if (!normalize(q) || q.includes('"')) continue;
            // Warm the term cache with a shorter piece first: the longer query then starts its
            // scan from the cached piece's first match (the path typing takes).
            if (q.length > 3) await allIds(indexed, literal(q.slice(1)));
            const expected = bruteForce(corpus, q);
            const got = await allIds(indexed, literal(q));
            expect(got.ids, `query ${JSON.stringify(q)}`).toEqual(expected);
            expect(got.total).toBe(expected.length);
            expect((await allIds(indexed, literal(q))).ids, `cached ${JSON.stringify(q)}`).toEqual(expected);
            expect((await allIds(scanned, literal(q))).ids).toEqual(expected);
          }
          // Incremental: remove the first report and re-add it (new number, cache stays exact).
          await indexed.remove(corpus[0].id);
          const rest = corpus.slice(1);
          for (const q of queries.slice(0, 2)) {
            if (!normalize(q) || q.includes('"')) continue;
            expect((await allIds(indexed, literal(q))).ids, `after remove ${JSON.stringify(q)}`).toEqual(bruteForce(rest, q));
          }
          await indexed.add(corpus[0]);
          for (const q of queries.slice(0, 2)) {
            if (!normalize(q) || q.includes('"')) continue;
            expect((await allIds(indexed, literal(q))).ids, `after re-add ${JSON.stringify(q)}`).toEqual(bruteForce(corpus, q));
          }
          await indexed.close();
        },
      ),
      { numRuns: 60 },
    );
  });

  it('positional path: cold and cached queries on a loaded snapshot, with reports added through the journal, a removed one and one too long for positions', async () => {
    const positional = vi.spyOn(SnapshotData.prototype, 'bigramPositions');
    // Small writer batches: a term's positions span several batches (their blocks are joined).
    const batchUnits = positionalBatch.units;
    positionalBatch.units = 300;
    try {
      await fc.assert(
        fc.asyncProperty(
          corpusArb.chain((corpus) => fc.tuple(fc.constant(corpus), fc.array(queryArb(corpus), { minLength: 1, maxLength: 5 }), fc.nat())),
          async ([corpus, queries, pick]) => {
            const { dir, cleanup } = tempDir();
            dirs.push(cleanup);
            const split = Math.ceil(corpus.length / 2);
            const tailSource = allFieldsWithLabels(corpus[pick % corpus.length]).map((f) => f.text).join('');
            const long = longReport(corpus.length, pick, tailSource.slice(0, 30));
            const live = [...corpus.slice(0, split), long];
            // Built, written as a snapshot and reopened: these documents have positions (but the long one).
            const engine = await openEngine(dir, live);
            for (const r of corpus.slice(split)) {
              live.push(r);
              await engine.add(r); // journal: in memory, no positions
            }
            const removed = live.splice(pick % split, 1)[0];
            await engine.remove(removed.id);
            // Another process opening the same index: snapshot plus journal replay.
            const replayed = await openEngine(dir, live);
            const longText = normalize(allFieldsWithLabels(long).map((f) => f.text).join(''));
            const longPieces = [longText.slice(10, 14), longText.slice(POSITION_LIMIT + 100, POSITION_LIMIT + 105), longText.slice(-12, -6)];
            for (const q of [...queries, ...longPieces]) {
              if (!normalize(q) || q.includes('"')) continue;
              const expected = bruteForce(live, q);
              for (const e of [engine, replayed]) {
                const cold = await allIds(e, literal(q), { noCache: true });
                expect(cold.ids, `cold ${JSON.stringify(q)}`).toEqual(expected);
                expect(cold.total).toBe(expected.length);
                expect((await allIds(e, literal(q))).ids, `cached ${JSON.stringify(q)}`).toEqual(expected);
                // Excluding a piece of the term leaves nothing.
                const piece = normalize(q).slice(0, 2);
                expect((await allIds(e, `${literal(q)} -${literal(piece)}`, { noCache: true })).total, `excluded ${JSON.stringify(q)}`).toBe(0);
              }
            }
            await replayed.close();
            await engine.close();
          },
        ),
        { numRuns: 25 },
      );
    } finally {
      positionalBatch.units = batchUnits;
    }
    expect(positional).toHaveBeenCalled();
    positional.mockRestore();
  });

  it('covers the edge cases named in the issue: 1-char, across a line break, digits, mixed scripts, full-width, traditional', async () => {
    const corpus = [
      reportFrom(0, [['依申请\n公开工作', '拨打12345 热线'], ['臺灣體育 ＡＢＣ１２３']], ['138', '1,234'], true, '伊春市', 2022),
      reportFrom(1, [['政府信息公开', 'abc-def 2022 年']], ['0'], false, '沭阳县', 2021),
      reportFrom(2, [['无关内容。']], [], false, '上海市', 2020),
    ];
    const { dir, cleanup } = tempDir();
    dirs.push(cleanup);
    const engine = await openEngine(dir, corpus);
    const cases: [string, string[]][] = [
      ['申请公开', ['p0']], // phrase split by a line break
      ['12345热线', ['p0']], // space between digits and Chinese
      ['台湾体育', ['p0']], // traditional folded
      ['abc123', ['p0']], // full-width letters/digits folded, case folded
      ['2022年', ['p0', 'p1']], // meta of p0 ("2022年"), "2022 年" in p1
      ['热', ['p0']], // 1 character
      ['138', ['p0']], // table cell raw text
      ['本机关不掌握', ['p0']], // a row label of the tabular view (every template row is shown)
      ['复议后起诉', ['p0']], // a column-group label of table 四
    ];
    for (const [q, ids] of cases) {
      expect((await allIds(engine, literal(q))).ids, q).toEqual(bruteForce(corpus, q));
      expect(bruteForce(corpus, q), q).toEqual(ids);
    }
    await engine.close();
  });
});
