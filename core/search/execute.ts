/**
 * Query execution over the MemoryIndex: candidates from posting lists (or every document
 * for the brute-force path), exact verification against normalized text, filters, ranking,
 * paging and snippets.
 */
import { LRUCache } from 'lru-cache';
import type { SearchHit, SearchResult } from '../api.ts';
import type { ReportFormat } from '../spec.ts';
import { CLASS_WEIGHT, FieldClass, chapterOfWhere } from './document.ts';
import { cellLabels, compare, figureKey, figureLayout, partKeysOf, type CompareOp, type FigurePath } from './figures.ts';
import { isAsciiWordChar, normalizeWithMap } from './normalize.ts';
import type { ParsedQuery, TextTerm } from './query.ts';
import { PostingList } from './postings.ts';
import { Lease, TermPositions, type BigramPositions } from './positions.ts';
import { CLASS_ENDS, allLabelFields, bigramKey, classAt, fieldAt, type DocRecord, type LabelField, type MemoryIndex } from './store.ts';
import { allMatches, unitAt, type Units } from './units.ts';
import type { SnapshotData } from './snapshot-data.ts';

export interface ExecOptions {
  useIndex: boolean;
  /** Do not use or fill the term cache (cold measurements). */
  noCache?: boolean;
  page: number;
  pageSize: number;
  signal?: AbortSignal;
  /** Body names matching a `body:` value. */
  matchBodies: (value: string) => Set<string>;
  /** Body names a bare Latin term spells in pinyin or initials (`yichun`, `yc`); empty when none. */
  spokenBodies?: (term: string) => Set<string>;
  /** Snippets per result (default MAX_SNIPPETS). */
  hitsPerResult?: number;
  /** Only this document number (every hit of one report). */
  onlyDoc?: number;
  /** Documents to leave out (older versions of a body+year), indexed by document number. */
  hidden?: Uint8Array | null;
  /** Original field texts of a document (from memory or the snapshot's text file). */
  originals: (doc: DocRecord) => (field: number) => string;
}

export interface ExecResult {
  total: number;
  results: SearchResult[];
  /** Matching reports whose figure filter used the sum of the printed columns (总计 blank). */
  computedTotals: number;
}

export class SearchAborted extends Error {
  constructor() {
    super('search aborted');
    this.name = 'AbortError';
  }
}

interface TermPlan {
  term: TextTerm;
  /** Index path, terms of 1–2 code units: the posting list is the exact match set (null = no text match). */
  exact: PostingList | null | undefined;
  ascii: boolean;
  /** First match offset via the term cache (index path, terms of 3+ code units). */
  firstPos?: (doc: DocRecord) => number;
  /** Cached termWeight without a chapter filter, per document number (NaN = not computed yet). */
  weights?: Float64Array;
  /** Cached exact score of the term (phrase factor not applied) without a chapter filter, per document number (NaN = not yet). */
  scores?: Float64Array;
  /** Per format: table bits whose label fields contain the term. */
  labelBits: Map<ReportFormat, number>;
  labels: LabelField[];
  /** Body names the term spells in pinyin (bare `yichun`): their reports match it as metadata. */
  bodies: Set<string> | null;
  /** Excluded terms, index path: 1 for the documents whose grams could hold the term (others cannot match it). */
  mayMatch?: Uint8Array;
  /** Index path, no chapter filter: the term matched through positional postings in the snapshot documents. */
  positions?: TermPositions;
  /**
   * With `positions` (computed this query): the documents that match, or whose text must be
   * searched to know (no positions: too long, or added since the snapshot), ascending; and the
   * snapshot documents among the latter (their texts are read from disk).
   */
  matches?: Uint32Array;
  unknown?: Uint32Array;
  /** First-match offsets per document number from positional postings (-1 none, -2 = search the text). */
  pos?: Int32Array;
}

const MAX_SNIPPETS = 3;
/** Results (best by the cheap score) re-ranked by the exact score; deeper ones keep the cheap order. */
const EXACT_RANKED = 60;
/** After a figure computed from the printed columns of a row whose 总计 is blank. */
export const COMPUTED_NOTE = '（总计栏空白，按各列之和计算）';
/** Page rows (hits with snippets) kept per executor: about 25 pages. */
const SNIPPETS_CACHED = 512;
const SNIPPET_BEFORE = 24;
const SNIPPET_AFTER = 56;

function planTerm(term: TextTerm, chapters: string[], index: MemoryIndex | null, spokenBodies?: (term: string) => Set<string>): TermPlan {
  const labelBits = new Map<ReportFormat, number>();
  const labels: LabelField[] = [];
  for (const l of allLabelFields()) {
    if (chapters.length && !chapters.includes(l.table)) continue;
    if (l.text.includes(term.text)) {
      labelBits.set(l.format, (labelBits.get(l.format) ?? 0) | l.tableBit);
      labels.push(l);
    }
  }
  const exact = index && term.text.length <= 2 ? (index.postings(term.text) ?? null) : undefined;
  const spoken = !term.phrase && !chapters.length && spokenBodies ? spokenBodies(term.text) : null;
  // Every field present from the start: plans of all query shapes share one hidden class (the scan loop stays monomorphic).
  return {
    term,
    labelBits,
    labels,
    exact,
    ascii: isAsciiToken(term.text),
    bodies: spoken && spoken.size ? spoken : null,
    firstPos: undefined,
    weights: undefined,
    scores: undefined,
    mayMatch: undefined,
    positions: undefined,
    matches: undefined,
    unknown: undefined,
    pos: undefined,
  };
}

/** Documents whose text may contain `text`: intersection of its grams' posting lists. */
function candidatesOf(index: MemoryIndex, text: string): Uint32Array | null {
  if (text.length === 1) {
    const p = index.postings(text);
    return p ? p.toArray() : new Uint32Array(0);
  }
  const lists = [];
  const seen = new Set<string>();
  for (let i = 0; i + 1 < text.length; i++) {
    const gram = text.slice(i, i + 2);
    if (seen.has(gram)) continue;
    seen.add(gram);
    const p = index.postings(gram);
    if (!p) return new Uint32Array(0);
    lists.push(p);
  }
  lists.sort((a, b) => a.count - b.count);
  // Every list a bitset (the driver is the sparsest): AND them word by word.
  if (lists[0].bits) return PostingList.intersectBits(lists);
  const driver = lists[0].toArray();
  if (lists.length === 1) return driver;
  const out = new Uint32Array(driver.length);
  let k = 0;
  const others = lists.slice(1, 6);
  outer: for (let i = 0; i < driver.length; i++) {
    const d = driver[i];
    for (const o of others) if (!o.has(d)) continue outer;
    out[k++] = d;
  }
  return out.subarray(0, k);
}

function unionSorted(arrays: Uint32Array[]): Uint32Array {
  if (arrays.length === 1) return arrays[0];
  const all = new Uint32Array(arrays.reduce((n, a) => n + a.length, 0));
  let k = 0;
  for (const a of arrays) {
    all.set(a, k);
    k += a.length;
  }
  all.sort();
  let w = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[w++] = all[i];
  return all.subarray(0, w);
}

/**
 * First-match offsets of recently queried terms (3+ code units), per document number, kept
 * exact as documents are added (computed lazily for numbers beyond `upTo`; removed numbers
 * are skipped by the caller). A longer term starts its scan at the first match of a cached
 * substring (typing 行政复 → 行政复议 re-uses the first scan), so refinements cost little.
 */
interface ScanContext {
  q: ParsedQuery;
  bodies: Set<string>[] | null;
  hasTerms: boolean;
  hasFilters: boolean;
  groups: TermPlan[][];
  excluded: TermPlan[];
  chapters: string[];
  heap: TopHeap;
  /** Figure-filter slots per format (resolved once per query). */
  figureSlots: Map<ReportFormat, number[]>;
  /** Figure-filter columns of the snapshot's documents (numbers below snapshotCount), read once per query. */
  figureColumns: (Float64Array | null)[];
  snapshotCount: number;
  /** Documents hidden from results (older versions of a body+year), by number; null = none. */
  hidden: Uint8Array | null;
  /** Set by passesFilters when the document passed a figure filter through a computed total. */
  computedMatch: boolean;
  computedTotals: number;
  /** Every term has first-match offsets from positional postings: snapshot documents are scored from them. */
  fast: FastScan | null;
  /** Figure filters only: per snapshot document, 1 = passes on printed values (0 = fails, 2 = ask passesFilters). */
  figurePass: Uint8Array | null;
}

/**
 * The terms' positional first matches, flattened for the scan's inner loop into typed arrays and
 * one non-empty array (the same hidden classes and element kinds for every query shape, so the
 * optimized loop is not thrown away when the next query has another shape).
 */
interface FastScan {
  /** Snapshot documents (numbers below) have class boundaries in `classEnds` and year scores in `yearScores`. */
  count: number;
  classEnds: Uint32Array;
  yearScores: Float64Array;
  /** Included terms group after group, then the excluded terms. */
  pos: Int32Array[];
  /** groupEnds[g] = end of group g in `pos`; the last entry ends the included terms. */
  groupEnds: Int32Array;
  /** 1 when term i matches shared table labels (a document without a text match may still match). */
  labels: Uint8Array;
}

interface CacheEntry {
  pos: Int32Array;
  weights: Float64Array;
  scores: Float64Array;
  /** `pos` holds every snapshot document's first match (from positional postings). */
  positional: boolean;
}

class TermCache {
  /** term → first-match offset per document number (-2 = not computed yet) and cached weights. */
  private readonly entries: LRUCache<string, CacheEntry>;
  constructor(private readonly index: MemoryIndex, capacity = 48) {
    this.entries = new LRUCache({ max: capacity });
  }

  clear(): void {
    this.entries.clear();
  }

  private sized<T extends Int32Array | Float64Array>(arr: T | undefined, make: (n: number) => T, fill: number): T {
    const n = this.index.docs.length;
    if (arr && arr.length >= n) return arr;
    const grown = make(Math.max(n, Math.ceil((arr?.length ?? 0) * 1.25))).fill(fill) as T;
    if (arr) grown.set(arr);
    return grown;
  }

  /** Per-document weights and exact scores of `text` (no chapter filter), kept as documents are added. */
  scoring(text: string): { weights: Float64Array; scores: Float64Array } {
    return this.entry(text);
  }

  /** First-match offsets of `text` per document number (-2 = not known yet). */
  positions(text: string): CacheEntry {
    return this.entry(text);
  }

  private entry(text: string): CacheEntry {
    const old = this.entries.get(text);
    const entry = {
      pos: this.sized(old?.pos, (n) => new Int32Array(n), -2),
      weights: this.sized(old?.weights, (n) => new Float64Array(n), NaN),
      scores: this.sized(old?.scores, (n) => new Float64Array(n), NaN),
      positional: old?.positional ?? false,
    };
    this.entries.set(text, entry);
    return entry;
  }

  resolver(text: string): (doc: DocRecord) => number {
    const pos = this.entry(text).pos;
    // The longest cached substring gives a lower bound for the first match.
    let hint: Int32Array | null = null;
    let hintOffset = 0;
    let hintLen = 0;
    for (const [key, entry] of this.entries) {
      if (key.length >= text.length || key.length <= hintLen) continue;
      const offset = text.indexOf(key);
      if (offset < 0) continue;
      hint = entry.pos;
      hintOffset = offset;
      hintLen = key.length;
    }
    const cached = pos;
    const index = this.index;
    return (doc: DocRecord) => {
      const num = doc.num;
      const known = cached[num];
      if (known !== -2) return known;
      let p: number;
      const h = hint && num < hint.length ? hint[num] : -2;
      if (h === -1) p = -1; // a substring is absent, so is the term
      // The term's first match cannot start before its cached substring's first match.
      else if (h >= 0) p = index.indexOf(doc, text, Math.max(0, h - hintOffset));
      else p = index.indexOf(doc, text, 0);
      cached[num] = p;
      return p;
    };
  }
}

export class Executor {
  private whereChapter: (string | null)[] = [];
  private readonly perClass = new Float64Array(CLASS_WEIGHT.length);
  private readonly cache: TermCache;
  constructor(private readonly index: MemoryIndex) {
    this.cache = new TermCache(index);
  }

  /** Forget cached term positions (after renumbering). */
  clearCache(): void {
    this.cache.clear();
  }

  /** Forget term positions and shown rows (benchmarks: cold queries). */
  dropCaches(): void {
    this.cache.clear();
    this.snippets.clear();
  }

  private chapterOf(whereId: number): string | null {
    const list = this.index.wheres.list;
    for (let i = this.whereChapter.length; i < list.length; i++) this.whereChapter.push(chapterOfWhere(list[i]));
    return this.whereChapter[whereId];
  }

  /** First matching normalized offset of `text` in `doc` (within `chapters` when given); -1 if none. */
  private firstMatch(doc: DocRecord, text: string, chapters: string[]): number {
    let pos = this.index.indexOf(doc, text, 0);
    if (!chapters.length || pos < 0) return pos;
    this.index.ensureFields(doc);
    while (pos >= 0) {
      const ch = this.chapterOf(doc.fieldWhere[fieldAt(doc, pos)]);
      if (ch && chapters.includes(ch)) return pos;
      pos = this.index.indexOf(doc, text, pos + 1);
    }
    return -1;
  }

  private labelMatch(doc: DocRecord, plan: TermPlan): boolean {
    const bits = plan.labelBits.get(doc.format);
    return bits !== undefined && (bits & doc.tablesMask) !== 0;
  }

  /** Class weight of the term's best (first) hit, or -1 when the term does not match. */
  private termWeight(doc: DocRecord, plan: TermPlan, chapters: string[]): number {
    if (chapters.length) return this.weightAt(doc, plan, this.firstMatch(doc, plan.term.text, chapters));
    const weights = plan.weights;
    if (!weights) return this.computeWeight(doc, plan);
    const cached = weights[doc.num];
    if (cached === cached) return cached; // not NaN: computed before
    return (weights[doc.num] = this.computeWeight(doc, plan));
  }

  /** termWeight without a chapter filter. */
  private computeWeight(doc: DocRecord, plan: TermPlan): number {
    if (plan.bodies !== null && plan.bodies.has(doc.body)) return CLASS_WEIGHT[FieldClass.Meta];
    // Exact posting list (1–2 code units): absent from the text; only a shared table label can match.
    if (plan.exact !== undefined && !(plan.exact && plan.exact.has(doc.num))) return this.labelMatch(doc, plan) ? CLASS_WEIGHT[FieldClass.Table] : -1;
    // The first match decides the class (fields are in class order, meta and headings first).
    const pos = plan.firstPos ? plan.firstPos(doc) : this.index.indexOf(doc, plan.term.text, 0);
    return this.weightAt(doc, plan, pos);
  }

  private weightAt(doc: DocRecord, plan: TermPlan, pos: number): number {
    if (pos >= 0) {
      let w = CLASS_WEIGHT[classAt(doc.classEnd, 0, pos)];
      if (plan.ascii && isTokenAt(this.index.textOf(doc), doc.len, pos, plan.term.text.length)) w += 0.5;
      return w;
    }
    return this.labelMatch(doc, plan) ? CLASS_WEIGHT[FieldClass.Table] : -1;
  }

  private passesFilters(doc: DocRecord, ctx: ScanContext): boolean {
    const { q, bodies, hasTerms } = ctx;
    if (q.years.length && (doc.year == null || !q.years.some((y) => doc.year! >= y.from && doc.year! <= y.to))) return false;
    if (q.formats.length && !q.formats.includes(doc.format)) return false;
    if (bodies && !bodies.every((s) => s.has(doc.body))) return false;
    for (const h of q.has) {
      if (h === 'finding' && doc.rules.length === 0) return false;
      if (h === 'error' && doc.errors === 0) return false;
      if (h === 'warning' && doc.warnings === 0) return false;
    }
    for (const r of q.rules) if (!doc.rules.includes(r)) return false;
    if (!hasTerms && q.chapters.length && !q.chapters.some((c) => doc.chapters.includes(c))) return false;
    if (q.figures.length) {
      // Snapshot documents: one column per figure path; documents added since: their own vector.
      const fromSnapshot = doc.num < ctx.snapshotCount;
      let slots: number[] | undefined;
      if (!fromSnapshot) {
        slots = ctx.figureSlots.get(doc.format);
        if (!slots) {
          const layout = figureLayout(doc.format);
          slots = q.figures.map((f) => layout.slot.get(figureKey(f.path)) ?? -1);
          ctx.figureSlots.set(doc.format, slots);
        }
      }
      for (let i = 0; i < q.figures.length; i++) {
        let v: number;
        if (fromSnapshot) v = ctx.figureColumns[i]?.[doc.num] ?? NaN;
        else v = slots![i] < 0 ? NaN : doc.figures[slots![i]];
        const f = q.figures[i];
        let computed = false;
        if (v !== v) {
          v = this.printedPartsSum(doc, f.path);
          computed = true;
        }
        if (v !== v || !compare(v, f.op, f.value)) return false;
        if (computed) ctx.computedMatch = true;
      }
    }
    return true;
  }

  /** A blank 总计 read as the sum of the row's printed columns (NaN when it is not a total or none is printed). */
  private printedPartsSum(doc: DocRecord, path: FigurePath): number {
    const parts = partKeysOf(path);
    let sum = NaN;
    for (const key of parts) {
      const v = this.index.figureOf(doc, key);
      if (v === v) sum = sum === sum ? sum + v : v;
    }
    return sum;
  }

  async run(q: ParsedQuery, opts: ExecOptions): Promise<ExecResult> {
    const lease = this.index.snapshot ? new Lease(this.index.snapshot.scratch) : null;
    try {
      return await this.runWith(q, opts, lease);
    } finally {
      lease?.release();
    }
  }

  /**
   * Matches `plan`'s term in every snapshot document through positional postings: first-match
   * offsets into `pos` (-1 = no match; documents without positions keep -2 = read the text), and
   * plan.matches / plan.unknown. False when some cover bigram has no positional postings.
   */
  private matchByPositions(plan: TermPlan, pos: Int32Array, lease: Lease): boolean {
    const index = this.index;
    const snapshot = index.snapshot!;
    const text = plan.term.text;
    const cover: { offset: number; positions: BigramPositions }[] = [];
    const keys = TermPositions.coverOffsets(text.length).map((offset) => ({ offset, key: bigramKey(text.charCodeAt(offset), text.charCodeAt(offset + 1)) }));
    if (!keys.every(({ key }) => index.bi.has(key) && snapshot.isPositional(key))) return false;
    for (const { offset, key } of keys) {
      let positions = lease.bigrams.get(key);
      if (positions === undefined) lease.bigrams.set(key, (positions = snapshot.bigramPositions(key, index.bi.get(key)!, lease)!));
      cover.push({ offset, positions });
    }
    const terms = new TermPositions(text.length, cover);
    const count = snapshot.count;
    pos.fill(-1, 0, Math.min(count, pos.length));
    // Candidates: documents holding every bigram of the term (the sparsest list drives).
    const lists: PostingList[] = [];
    for (let i = 0; i + 1 < text.length; i++) {
      const p = index.bi.get(bigramKey(text.charCodeAt(i), text.charCodeAt(i + 1)));
      if (p === undefined) {
        lists.length = 0; // a bigram no document holds: no candidate
        break;
      }
      if (!lists.includes(p)) lists.push(p);
    }
    lists.sort((a, b) => a.count - b.count);
    const capacity = lists.length ? lists[0].count : 0;
    const matches = new Uint32Array(lease.take(capacity * 4 + 4), 0, capacity);
    const unknown = new Uint32Array(lease.take(capacity * 4 + 4), 0, capacity);
    let m = 0;
    let u = 0;
    const visit = (num: number): void => {
      if (num >= count || !snapshot.hasPositions(num)) {
        matches[m++] = num;
        if (num < count) {
          pos[num] = -2;
          unknown[u++] = num;
        }
        return;
      }
      const first = terms.first(num);
      pos[num] = first;
      if (first >= 0) matches[m++] = num;
    };
    if (lists.length === 0) {
      plan.positions = terms;
      plan.matches = matches.subarray(0, 0);
      plan.unknown = unknown.subarray(0, 0);
      return true;
    }
    const driver = lists[0];
    const bitLists = lists.filter((l) => l.bits !== null);
    const arrayLists = lists.filter((l) => l.bits === null && l !== driver);
    if (driver.bits !== null) {
      // Word by word AND of the bitsets, no candidate array.
      let words = Infinity;
      for (const l of bitLists) words = Math.min(words, l.bits!.length);
      const first = driver.bits;
      for (let w = 0; w < words; w++) {
        let word = first[w];
        for (let l = 1; l < bitLists.length && word !== 0; l++) word &= bitLists[l].bits![w];
        while (word !== 0) {
          const t = word & -word;
          word ^= t;
          const num = (w << 5) + 31 - Math.clz32(t);
          if (arrayLists.length === 0 || arrayLists.every((l) => l.has(num))) visit(num);
        }
      }
    } else {
      const others = lists.slice(1);
      const ids = driver.ids;
      outer: for (let i = 0; i < driver.n; i++) {
        const num = ids[i];
        for (let l = 0; l < others.length; l++) if (!others[l].has(num)) continue outer;
        visit(num);
      }
    }
    plan.positions = terms;
    plan.matches = matches.subarray(0, m);
    plan.unknown = unknown.subarray(0, u);
    return true;
  }

  /** Match starts of a plan's term in a document (non-overlapping, left to right), from positions when it has them. */
  private matchesIn(doc: DocRecord, p: TermPlan): number[] {
    const snapshot = this.index.snapshot;
    if (p.positions && snapshot && doc.num < snapshot.count && snapshot.hasPositions(doc.num)) {
      const all = p.positions.all(doc.num);
      const len = p.term.text.length;
      const out: number[] = [];
      for (const start of all) if (out.length === 0 || start >= out[out.length - 1] + len) out.push(start);
      return out;
    }
    return allMatches(this.index.textOf(doc), p.term.text);
  }

  private async runWith(q: ParsedQuery, opts: ExecOptions, lease: Lease | null): Promise<ExecResult> {
    // Planning, the scan's slices and the page are separate functions: the optimized code of
    // each stays valid whatever the query's shape (this async function only awaits).
    const { ctx, candidates, n } = this.prepare(q, opts, lease);
    const signal = opts.signal;
    let total = 0;
    // Synchronous slices (optimizable hot loop); between slices the scan yields to the event
    // loop when it has run for a while, so an abort from a newer query takes effect.
    const SLICE = 4096;
    let lastYield = performance.now();
    for (let from = 0; from < n; from += SLICE) {
      if (from > 0 && performance.now() - lastYield > 12) {
        await new Promise((r) => setImmediate(r));
        if (signal?.aborted) throw new SearchAborted();
        lastYield = performance.now();
      }
      total += this.scanSlice(ctx, candidates, from, Math.min(n, from + SLICE));
    }
    if (signal?.aborted) throw new SearchAborted();
    return this.page(ctx, opts, total);
  }

  /** Plans the query's terms (positional matches, candidates) and the scan's context; figure filters alone go to prepareFigures. */
  private prepare(q: ParsedQuery, opts: ExecOptions, lease: Lease | null): { ctx: ScanContext; candidates: Uint32Array | null; n: number } {
    if (lease !== null && opts.onlyDoc === undefined && q.groups.length === 0 && q.excluded.length === 0 && onlyFigureFilters(q)) return this.prepareFigures(q, opts, lease);
    const index = this.index;
    const chapters = q.chapters;
    const planIndex = opts.useIndex ? index : null;
    const groups = q.groups.map((g) => g.map((t) => planTerm(t, chapters, planIndex, opts.spokenBodies)));
    const excluded = q.excluded.map((t) => planTerm(t, chapters, planIndex));
    for (const p of [...groups.flat(), ...excluded]) {
      if (!opts.useIndex) continue;
      const cached = opts.noCache ? null : this.cache.positions(p.term.text);
      // Positional postings answer a term of 2+ code units without reading texts (ASCII words
      // read the text around a match for the whole-token bonus: they keep the text path; so
      // does a request for one report, whose text is cheaper to search than every position).
      if (lease !== null && opts.onlyDoc === undefined && !chapters.length && p.term.text.length >= 2 && !p.ascii && !cached?.positional) {
        const pos = cached ? cached.pos : new Int32Array(lease.take(index.docs.length * 4 + 4), 0, index.docs.length).fill(-2);
        if (this.matchByPositions(p, pos, lease)) {
          p.pos = pos;
          if (cached) cached.positional = true;
          else {
            const text = p.term.text;
            p.firstPos = (doc) => {
              const known = pos[doc.num];
              return known !== -2 ? known : index.indexOf(doc, text, 0);
            };
          }
        }
      }
      if (cached) {
        if (cached.positional && !chapters.length) p.pos = cached.pos;
        if (p.term.text.length > 2 || cached.positional) p.firstPos = this.cache.resolver(p.term.text);
        if (!chapters.length) {
          p.weights = cached.weights;
          p.scores = cached.scores;
        }
      }
    }
    const hasFilters = q.years.length + q.formats.length + q.has.length + q.rules.length + q.figures.length + q.bodies.length > 0 || (groups.length === 0 && chapters.length > 0);
    const bodies = q.bodies.length ? q.bodies.map((b) => opts.matchBodies(b)) : null;
    const hasTerms = groups.length > 0;

    // Candidates: the group with the fewest postings drives; a group matching a label cannot prune.
    let candidates: Uint32Array | null = null;
    if (opts.onlyDoc !== undefined) candidates = Uint32Array.of(opts.onlyDoc);
    else if (opts.useIndex) {
      for (const g of groups) {
        if (g.some((p) => p.labelBits.size > 0)) continue;
        const c = unionSorted(g.flatMap((p) => [p.matches ?? candidatesOf(index, p.term.text) ?? new Uint32Array(0), ...(p.bodies ? [this.docsOfBodies(p.bodies)] : [])]));
        if (!candidates || c.length < candidates.length) candidates = c;
        if (candidates.length === 0) break;
      }
    }
    const n = candidates ? candidates.length : index.docs.length;
    // An excluded term is looked for only where its grams all occur (most documents lack it).
    const excludedCandidates: Uint32Array[] = [];
    if (opts.useIndex) {
      for (const p of excluded) {
        if (p.labelBits.size > 0) continue;
        const may = lease ? new Uint8Array(lease.take(index.docs.length), 0, index.docs.length).fill(0) : new Uint8Array(index.docs.length);
        const list = p.matches ?? candidatesOf(index, p.term.text) ?? new Uint32Array(0);
        for (const num of list) may[num] = 1;
        p.mayMatch = may;
        excludedCandidates.push(list);
      }
    }
    // The texts a scan reads: the candidates'; without candidates (every document), mostly those
    // of the excluded terms' candidates (the included terms mostly match in the in-memory heads).
    // Terms matched through positions read only the texts of documents without positions.
    const planned = [...groups.flat(), ...excluded];
    const readList =
      planned.length && planned.every((p) => p.unknown !== undefined)
        ? unionSorted(planned.map((p) => p.unknown!))
        : (candidates ?? (excludedCandidates.length && excludedCandidates.length === excluded.length ? unionSorted(excludedCandidates) : null));
    index.snapshot?.expectScan(readList ? readList.length : n, readList);

    const snapshot = index.snapshot;
    const fast = snapshot && !chapters.length ? fastScan(groups, excluded, snapshot) : null;
    const ctx = this.scanContext(q, opts, { bodies, hasTerms, hasFilters, groups, excluded, fast, figurePass: null });
    return { ctx, candidates, n };
  }

  /**
   * Figure filters alone (`本机关不掌握>100`): one typed pass over the snapshot's columns decides
   * most documents; the candidates are the ones it did not reject plus every document added
   * since. Planned apart from terms so that neither kind of query deoptimizes the other's code.
   */
  private prepareFigures(q: ParsedQuery, opts: ExecOptions, lease: Lease): { ctx: ScanContext; candidates: Uint32Array; n: number } {
    const index = this.index;
    const snapshot = index.snapshot!;
    const count = snapshot.count;
    const columns = q.figures.map((f) => snapshot.column(figureKey(f.path)));
    const figurePass = new Uint8Array(lease.take(count + 1), 0, count).fill(1);
    for (let i = 0; i < columns.length; i++) markFigurePass(figurePass, columns[i], passingOutcomes(q.figures[i].op), q.figures[i].value);
    const candidates = notRejected(figurePass, index.docs.length, new Uint32Array(lease.take((index.docs.length + 1) * 4), 0, index.docs.length));
    snapshot.expectScan(candidates.length, candidates);
    const ctx = this.scanContext(q, opts, { bodies: null, hasTerms: false, hasFilters: true, groups: [], excluded: [], fast: null, figurePass }, columns);
    return { ctx, candidates, n: candidates.length };
  }

  /** The scan's context (one object shape for every kind of query). */
  private scanContext(
    q: ParsedQuery,
    opts: ExecOptions,
    plan: Pick<ScanContext, 'bodies' | 'hasTerms' | 'hasFilters' | 'groups' | 'excluded' | 'fast' | 'figurePass'>,
    figureColumns?: (Float64Array | null)[],
  ): ScanContext {
    // Rank: a bounded heap keeps the best `k` by cheap score (enough to cover the requested
    // page). The first EXACT_RANKED of them in cheap order are re-ranked by exact score, the rest
    // stay in cheap order: every page is a slice of the same order, so paging neither repeats
    // nor skips a report however deep it goes.
    const pageEnd = (opts.page + 1) * opts.pageSize;
    const snapshot = this.index.snapshot;
    return {
      q,
      bodies: plan.bodies,
      hasTerms: plan.hasTerms,
      hasFilters: plan.hasFilters,
      groups: plan.groups,
      excluded: plan.excluded,
      chapters: q.chapters,
      heap: new TopHeap(Math.max(pageEnd, EXACT_RANKED)),
      figureSlots: new Map(),
      figureColumns: figureColumns ?? q.figures.map((f) => snapshot?.column(figureKey(f.path)) ?? null),
      snapshotCount: snapshot?.count ?? 0,
      hidden: opts.hidden ?? null,
      computedMatch: false,
      computedTotals: 0,
      fast: plan.fast,
      figurePass: plan.figurePass,
    };
  }

  /** The requested page: the top of the cheap order re-ranked by the exact score, with hits and snippets. */
  private page(ctx: ScanContext, opts: ExecOptions, total: number): ExecResult {
    const { q, groups, chapters, heap } = ctx;
    const index = this.index;
    const pageEnd = (opts.page + 1) * opts.pageSize;
    // A document removed while the scan yielded is dropped from the page (it still counted).
    const order = heap.ranked().filter((num) => index.docs[num] != null);
    const exact = order.slice(0, EXACT_RANKED).map((num) => ({ num, score: this.exactScore(index.docs[num]!, groups, chapters) }));
    exact.sort((a, b) => b.score - a.score || tieBreak(index.docs[a.num]!, index.docs[b.num]!));
    const deeper = order.slice(EXACT_RANKED, pageEnd).map((num) => ({ num, score: NaN }));
    const pageItems = [...exact, ...deeper].slice(opts.page * opts.pageSize, pageEnd);
    for (const item of pageItems) if (item.score !== item.score) item.score = this.exactScore(index.docs[item.num]!, groups, chapters);
    const shownKey = opts.noCache ? null : `${snippetKey(q)}\u0001${opts.hitsPerResult ?? MAX_SNIPPETS}`;
    const results = pageItems.map(({ num, score }) => this.shown(index.docs[num]!, score, groups, chapters, q, opts, shownKey));
    return { total, results, computedTotals: ctx.computedTotals };
  }

  /** Numbers of the documents of these bodies, ascending. */
  private docsOfBodies(bodies: Set<string>): Uint32Array {
    const nums: number[] = [];
    const docs = this.index.docs;
    for (let i = 0; i < docs.length; i++) if (docs[i] && bodies.has(docs[i]!.body)) nums.push(i);
    return Uint32Array.from(nums);
  }

  /**
   * Filters and verifies documents [from, to) of the candidates; offers matches to the heap.
   * One loop per kind of query (positional terms, figure filters alone, anything else), so the
   * optimized code of each is not thrown away when queries of another kind run in between.
   */
  private scanSlice(ctx: ScanContext, candidates: Uint32Array | null, from: number, to: number): number {
    if (ctx.figurePass !== null) return this.scanFigures(ctx, ctx.figurePass, candidates!, from, to);
    if (ctx.fast !== null && !ctx.hasFilters) return this.scanPositional(ctx, ctx.fast, candidates, from, to);
    const { hasFilters, heap, hidden, fast } = ctx;
    const docs = this.index.docs;
    let found = 0;
    for (let i = from; i < to; i++) {
      const num = candidates ? candidates[i] : i;
      const doc = docs[num];
      if (!doc || (hidden !== null && hidden[num] === 1)) continue;
      ctx.computedMatch = false;
      if (hasFilters && !this.passesFilters(doc, ctx)) continue;
      if (fast !== null && num < fast.count) {
        const verdict = fastVerdict(fast, num);
        if (verdict === REJECT) continue;
        if (verdict === ACCEPT) {
          heap.offer(num, (doc.year ?? 0) * 1e-6 + fastScore);
          found++;
          if (ctx.computedMatch) ctx.computedTotals++;
          continue;
        }
      }
      if (this.offerGeneral(ctx, doc, num)) found++;
    }
    return found;
  }

  /**
   * Terms with positional first matches, no filter: snapshot documents are scored from typed
   * arrays (first matches, class boundaries); a document whose text must be searched, or a term
   * that may match a table label, takes the general path.
   */
  private scanPositional(ctx: ScanContext, fast: FastScan, candidates: Uint32Array | null, from: number, to: number): number {
    const { heap, hidden } = ctx;
    const docs = this.index.docs;
    const count = fast.count;
    const yearScores = fast.yearScores;
    let found = 0;
    for (let i = from; i < to; i++) {
      const num = candidates ? candidates[i] : i;
      const doc = docs[num];
      if (!doc || (hidden !== null && hidden[num] === 1)) continue;
      if (num < count) {
        const verdict = fastVerdict(fast, num);
        if (verdict === REJECT) continue;
        if (verdict === ACCEPT) {
          // Newer reports first among equally good matches (the exact score re-ranks the top slice).
          heap.offer(num, yearScores[num] + fastScore);
          found++;
          continue;
        }
      }
      ctx.computedMatch = false;
      if (this.offerGeneral(ctx, doc, num)) found++;
    }
    return found;
  }

  /** Figure filters alone: the pre-pass decided most snapshot documents. */
  private scanFigures(ctx: ScanContext, figurePass: Uint8Array, candidates: Uint32Array, from: number, to: number): number {
    const { heap, hidden } = ctx;
    const docs = this.index.docs;
    const yearScores = this.index.snapshot!.yearScores;
    let found = 0;
    for (let i = from; i < to; i++) {
      const num = candidates[i];
      if (hidden !== null && hidden[num] === 1) continue;
      if (num < figurePass.length && figurePass[num] === 1) {
        // Decided by the column pass: scored from the snapshot's year scores, the document object
        // untouched (7,500 of them scattered in memory were most of this loop).
        if (docs[num] == null) continue; // removed while the scan yielded
        heap.offer(num, yearScores[num]);
        found++;
        continue;
      }
      const doc = docs[num];
      if (!doc) continue;
      ctx.computedMatch = false;
      if (!this.passesFilters(doc, ctx)) continue;
      heap.offer(num, (doc.year ?? 0) * 1e-6);
      found++;
      if (ctx.computedMatch) ctx.computedTotals++;
    }
    return found;
  }

  /** The general per-document path (after the filters): term weights, exclusions, the heap. True when it matched. */
  private offerGeneral(ctx: ScanContext, doc: DocRecord, num: number): boolean {
    const { groups, excluded, chapters, heap } = ctx;
    const noChapters = chapters.length === 0;
    // Newer reports first among equally good matches (the exact score re-ranks the top slice).
    let score = (doc.year ?? 0) * 1e-6;
    for (let gi = 0; gi < groups.length; gi++) {
      const g = groups[gi];
      let best = -1;
      for (let ti = 0; ti < g.length; ti++) {
        // The term cache's weight when known (the common case of a repeated query), inline.
        const cached = g[ti].weights;
        let w = cached !== undefined && noChapters && num < cached.length ? cached[num] : NaN;
        if (w !== w) w = this.termWeight(doc, g[ti], chapters);
        if (w > best) best = w;
      }
      if (best < 0) return false;
      score += best;
    }
    for (let ei = 0; ei < excluded.length; ei++) {
      const may = excluded[ei].mayMatch;
      if (may !== undefined && may[num] !== 1) continue;
      if (this.termWeight(doc, excluded[ei], chapters) >= 0) return false;
    }
    heap.offer(num, score);
    if (ctx.computedMatch) ctx.computedTotals++;
    return true;
  }

  private exactScore(doc: DocRecord, groups: TermPlan[][], chapters: string[]): number {
    let score = 0;
    for (const g of groups) {
      for (const p of g) {
        const scores = p.scores;
        let s = scores ? scores[doc.num] : NaN;
        if (s !== s) {
          s = this.termScore(doc, p, chapters);
          if (scores) scores[doc.num] = s;
        }
        score += s * (p.term.phrase ? 1.2 : 1);
      }
    }
    return Math.round(score * 1000) / 1000;
  }

  /** Σ over classes of weight × (1 + log tf) for one term (cached per document when there is no chapter filter). */
  private termScore(doc: DocRecord, p: TermPlan, chapters: string[]): number {
    // Without a chapter filter the class of a match comes from the class boundaries (fields are
    // in class order), so the field tables need not be read; the matches come from positions
    // when the term has them.
    if (chapters.length) this.index.ensureFields(doc);
    const perClass = this.perClass.fill(0);
    const text = p.term.text;
    const ends = doc.classEnd;
    for (const pos of this.matchesIn(doc, p)) {
      let cls: number;
      if (chapters.length) {
        const f = fieldAt(doc, pos);
        const ch = this.chapterOf(doc.fieldWhere[f]);
        if (!ch || !chapters.includes(ch)) continue;
        cls = this.index.wheres.classes[doc.fieldWhere[f]];
      } else cls = classAt(ends, 0, pos);
      let w = 1;
      if (p.ascii && isTokenAt(this.index.textOf(doc), doc.len, pos, text.length)) w = 1.5;
      perClass[cls] += w;
    }
    if (this.labelMatch(doc, p)) perClass[FieldClass.Table] += 1;
    if (p.bodies !== null && p.bodies.has(doc.body)) perClass[FieldClass.Meta] += 1;
    let s = 0;
    for (let c = 0; c < perClass.length; c++) if (perClass[c] > 0) s += CLASS_WEIGHT[c] * (1 + Math.log(perClass[c]));
    return s;
  }

  /**
   * A page row, its hits taken from the snippet cache when this document was shown for the same
   * terms, chapters and figures before (paging back, re-rendering, the same query again).
   * Documents are immutable per number (an edit re-adds under a new one), so entries stay exact.
   */
  private shown(doc: DocRecord, score: number, groups: TermPlan[][], chapters: string[], q: ParsedQuery, opts: ExecOptions, key: string | null): SearchResult {
    if (key === null) return this.result(doc, score, groups, chapters, q, opts);
    const cacheKey = `${doc.num}\u0001${key}`;
    const cached = this.snippets.get(cacheKey);
    if (cached) return { ...cached, score };
    const fresh = this.result(doc, score, groups, chapters, q, opts);
    this.snippets.set(cacheKey, fresh);
    return fresh;
  }
  private readonly snippets = new LRUCache<string, SearchResult>({ max: SNIPPETS_CACHED });

  private result(doc: DocRecord, score: number, groups: TermPlan[][], chapters: string[], q: ParsedQuery, opts: ExecOptions): SearchResult {
    const terms = groups.flat();
    // Matches per field: field index → normalized [start, end) within the field.
    const perField = new Map<number, [number, number][]>();
    let hitCount = 0;
    for (const p of terms) {
      const text = p.term.text;
      const matches = this.matchesIn(doc, p);
      // The field tables (read from disk for a snapshot document) only when there is a text hit.
      if (matches.length) this.index.ensureFields(doc);
      for (const pos of matches) {
        const f = fieldAt(doc, pos);
        const ch = chapters.length ? this.chapterOf(doc.fieldWhere[f]) : null;
        if (!chapters.length || (ch && chapters.includes(ch))) {
          const start = pos - doc.fieldStart[f];
          let list = perField.get(f);
          if (!list) perField.set(f, (list = []));
          list.push([start, start + text.length]);
          hitCount++;
        }
      }
    }
    const hits: SearchHit[] = [];
    const maxHits = opts.hitsPerResult ?? MAX_SNIPPETS;
    // A bare pinyin term (`yichun`) naming the report's body: the body name is the hit.
    for (const p of terms) {
      if (p.bodies === null || !p.bodies.has(doc.body)) continue;
      hitCount++;
      if (hits.length < maxHits) hits.push({ where: 'meta', snippet: doc.body, ranges: [[0, doc.body.length]] });
    }
    const fieldOrder = [...perField.keys()].sort((a, b) => this.index.wheres.classes[doc.fieldWhere[a]] - this.index.wheres.classes[doc.fieldWhere[b]] || a - b);
    const original = fieldOrder.length ? opts.originals(doc) : null;
    for (const f of fieldOrder.slice(0, Math.max(0, maxHits - hits.length))) {
      const where = this.index.wheres.list[doc.fieldWhere[f]];
      hits.push(snippetFor(where, original!(f), perField.get(f)!, doc.format));
    }
    // Label hits (shared table labels) and figure-filter cells.
    for (const p of terms) {
      if (!this.labelMatch(doc, p)) continue;
      for (const l of p.labels) {
        if (l.format !== doc.format || (l.tableBit & doc.tablesMask) === 0) continue;
        hitCount++;
        if (hits.length < maxHits) hits.push(labelSnippet(l, p.term.text));
      }
    }
    const layout = figureLayout(doc.format);
    for (const f of q.figures) {
      const key = figureKey(f.path);
      if (!layout.slot.has(key)) continue;
      hitCount++;
      if (hits.length >= maxHits) continue;
      const labels = cellLabels(doc.format, f.path.table, f.path.row, f.path.column);
      const prefix = `${labels.row}｜${labels.column}：`;
      const printed = this.index.figureOf(doc, key);
      const computed = printed !== printed;
      const value = String(computed ? this.printedPartsSum(doc, f.path) : printed);
      const note = computed ? COMPUTED_NOTE : '';
      const hit: SearchHit = { where: `table:${f.path.table}:${f.path.row}:${f.path.column}`, snippet: prefix + value + note, ranges: [[prefix.length, prefix.length + value.length]] };
      if (computed) hit.computed = true;
      hits.push(hit);
    }
    return { id: doc.id, body: doc.body, year: doc.year, title: doc.title, score, hitCount, hits };
  }
}

/** What a row's hits depend on besides the document: terms (and how they group), chapters, figure filters. */
function snippetKey(q: ParsedQuery): string {
  return JSON.stringify([q.groups.map((g) => g.map((t) => t.text)), q.chapters, q.figures.map((f) => [f.path, f.op, f.value])]);
}

function tieBreak(a: DocRecord, b: DocRecord): number {
  return (b.year ?? 0) - (a.year ?? 0) || (a.body < b.body ? -1 : a.body > b.body ? 1 : 0) || a.num - b.num;
}

function isAsciiToken(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isAsciiWordChar(text.charCodeAt(i))) return false;
  return text.length > 0;
}

function isTokenAt(text: Units, textLength: number, pos: number, len: number): boolean {
  const before = pos > 0 ? unitAt(text, pos - 1) : 0;
  const after = pos + len < textLength ? unitAt(text, pos + len) : 0;
  return !isAsciiWordChar(before) && !isAsciiWordChar(after);
}

/** Whether the query's only conditions are figure filters. */
function onlyFigureFilters(q: ParsedQuery): boolean {
  return q.figures.length > 0 && q.years.length + q.formats.length + q.has.length + q.rules.length + q.bodies.length + q.chapters.length === 0;
}

/**
 * Which outcomes of comparing a value with the target pass: bit 0 = below, bit 1 = equal, bit 2 =
 * above. The pre-pass computes the outcome the same way whatever the operator (the optimized
 * loop does not depend on which operator the last query used).
 */
function passingOutcomes(op: CompareOp): number {
  switch (op) {
    case '>':
      return 0b100;
    case '>=':
      return 0b110;
    case '<':
      return 0b001;
    case '<=':
      return 0b011;
    case '=':
      return 0b010;
    case '!=':
      return 0b101;
  }
}

/**
 * One figure filter over a column of the snapshot's documents: a document stays 1 when every
 * printed value passes, becomes 0 when one fails, 2 when a value is blank (passesFilters decides:
 * a blank 总计 may be computed from the printed columns). No column: every document is asked.
 */
function markFigurePass(pass: Uint8Array, column: Float64Array | null, passing: number, target: number): void {
  const count = pass.length;
  if (column === null) {
    for (let num = 0; num < count; num++) if (pass[num] === 1) pass[num] = 2;
    return;
  }
  for (let num = 0; num < count; num++) {
    const v = column[num];
    if (v !== v) {
      if (pass[num] === 1) pass[num] = 2;
      continue;
    }
    const outcome = v < target ? 1 : v === target ? 2 : 4;
    if ((passing & outcome) === 0) pass[num] = 0;
  }
}

/** Numbers of the snapshot documents the pre-pass did not reject, then of every document added since, into `out`. */
function notRejected(pass: Uint8Array, docCount: number, out: Uint32Array): Uint32Array {
  const count = pass.length;
  let k = 0;
  for (let num = 0; num < count; num++) if (pass[num] !== 0) out[k++] = num;
  for (let num = count; num < docCount; num++) out[k++] = num;
  return out.subarray(0, k);
}

function fastScan(groups: TermPlan[][], excluded: TermPlan[], snapshot: SnapshotData): FastScan | null {
  const plans = [...groups.flat(), ...excluded];
  if (plans.length === 0 || groups.length === 0 || !plans.every((p) => p.pos !== undefined && p.bodies === null)) return null;
  const groupEnds = new Int32Array(groups.length);
  let end = 0;
  groups.forEach((g, i) => (groupEnds[i] = end += g.length));
  return {
    count: snapshot.count,
    classEnds: snapshot.classEnds,
    yearScores: snapshot.yearScores,
    pos: plans.map((p) => p.pos!),
    groupEnds,
    labels: Uint8Array.from(plans, (p) => (p.labelBits.size > 0 ? 1 : 0)),
  };
}

const REJECT = 0;
const ACCEPT = 1;
const UNDECIDED = 2;
/** Score of the last ACCEPT of fastVerdict (a module variable: no allocation per document). */
let fastScore = 0;

/** Whether snapshot document `num` matches, from its terms' positional first matches (ACCEPT sets fastScore). */
function fastVerdict(fast: FastScan, num: number): number {
  const pos = fast.pos;
  const groupEnds = fast.groupEnds;
  const labels = fast.labels;
  const classEnds = fast.classEnds;
  const base = num * CLASS_ENDS;
  let score = 0;
  let t = 0;
  for (let g = 0; g < groupEnds.length; g++) {
    let best = -1;
    for (const end = groupEnds[g]; t < end; t++) {
      const at = pos[t][num];
      if (at >= 0) {
        const w = CLASS_WEIGHT[classAt(classEnds, base, at)];
        if (w > best) best = w;
      } else if (at === -2 || labels[t] === 1) return UNDECIDED;
    }
    if (best < 0) return REJECT;
    score += best;
  }
  for (; t < pos.length; t++) {
    const at = pos[t][num];
    if (at >= 0) return REJECT;
    if (at === -2 || labels[t] === 1) return UNDECIDED;
  }
  fastScore = score;
  return ACCEPT;
}

/** The k best documents by score (min-heap; on equal scores the earlier offer stays). */
class TopHeap {
  private readonly nums: Uint32Array;
  private readonly scores: Float64Array;
  private size = 0;
  constructor(private readonly k: number) {
    this.nums = new Uint32Array(k);
    this.scores = new Float64Array(k);
  }
  offer(num: number, score: number): void {
    const { nums, scores } = this;
    if (this.size < this.k) {
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (scores[parent] <= score) break;
        nums[i] = nums[parent];
        scores[i] = scores[parent];
        i = parent;
      }
      nums[i] = num;
      scores[i] = score;
      return;
    }
    if (score <= scores[0]) return;
    let i = 0;
    const n = this.size;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && scores[r] < scores[l] ? r : l;
      if (scores[c] >= score) break;
      nums[i] = nums[c];
      scores[i] = scores[c];
      i = c;
    }
    nums[i] = num;
    scores[i] = score;
  }
  /**
   * Best first (equal scores: lower number first). Offers come in ascending number order and an
   * equal score never displaces, so the kept set is the first `k` of this order for any `k`.
   */
  ranked(): number[] {
    const items = Array.from(this.nums.subarray(0, this.size), (num, i) => ({ num, score: this.scores[i] }));
    items.sort((a, b) => b.score - a.score || a.num - b.num);
    return items.map((x) => x.num);
  }
}

/** Keeps TopHeap's hidden class alive across garbage collections (see KEPT_SHAPES in positions.ts). */
export const KEPT_HEAP = new TopHeap(1);

/** A snippet of the original field text around its first match, every match in it marked. */
export function snippetFor(where: string, original: string, matches: [number, number][], format: ReportFormat): SearchHit {
  const { map } = normalizeWithMap(original);
  const orig = matches
    .map(([s, e]) => [map[s], e - 1 < map.length - 1 ? map[e - 1] + 1 : original.length] as [number, number])
    .sort((a, b) => a[0] - b[0]);
  let prefix = '';
  const parts = where.split(':');
  if (parts[0] === 'table' && parts.length === 4 && parts[2] !== '*' && parts[3] !== '*' && !parts[1].startsWith('generic')) {
    const labels = cellLabels(format, parts[1], parts[2], parts[3]);
    prefix = `${labels.row}｜${labels.column}：`;
  }
  let from = 0;
  let to = original.length;
  if (original.length > SNIPPET_BEFORE + SNIPPET_AFTER) {
    from = Math.max(0, orig[0][0] - SNIPPET_BEFORE);
    to = Math.min(original.length, Math.max(orig[0][1], from) + SNIPPET_AFTER);
  }
  const lead = from > 0 ? '…' : '';
  const tail = to < original.length ? '…' : '';
  const body = original.slice(from, to).replace(/[\r\n\t]/g, ' ');
  const shift = prefix.length + lead.length - from;
  const ranges: [number, number][] = [];
  for (const [s, e] of orig) {
    if (s >= to || e <= from) continue;
    ranges.push([Math.max(s, from) + shift, Math.min(e, to) + shift]);
  }
  return { where, snippet: prefix + lead + body + tail, ranges };
}

function labelSnippet(l: LabelField, text: string): SearchHit {
  const { text: norm, map } = normalizeWithMap(l.original);
  const ranges: [number, number][] = [];
  let pos = norm.indexOf(text);
  while (pos >= 0) {
    ranges.push([map[pos], map[pos + text.length - 1] + 1]);
    pos = norm.indexOf(text, pos + text.length);
  }
  return { where: l.where, snippet: l.original, ranges };
}
