/**
 * Query execution over the MemoryIndex: candidates from posting lists (or every document
 * for the brute-force path), exact verification against normalized text, filters, ranking,
 * paging and snippets.
 */
import { LRUCache } from 'lru-cache';
import type { SearchHit, SearchResult } from '../api.ts';
import type { ReportFormat } from '../spec.ts';
import { CLASS_WEIGHT, FieldClass, chapterOfWhere } from './document.ts';
import { cellLabels, compare, figureKey, figureLayout, partKeysOf, type FigurePath } from './figures.ts';
import { isAsciiWordChar, normalizeWithMap } from './normalize.ts';
import type { ParsedQuery, TextTerm } from './query.ts';
import { PostingList } from './postings.ts';
import { allLabelFields, fieldAt, type DocRecord, type LabelField, type MemoryIndex } from './store.ts';
import { allMatches, unitAt, type Units } from './units.ts';

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
  return { term, labelBits, labels, exact, ascii: isAsciiToken(term.text), bodies: spoken && spoken.size ? spoken : null };
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
}

interface CacheEntry {
  pos: Int32Array;
  weights: Float64Array;
  scores: Float64Array;
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

  private entry(text: string): CacheEntry {
    const old = this.entries.get(text);
    const entry = {
      pos: this.sized(old?.pos, (n) => new Int32Array(n), -2),
      weights: this.sized(old?.weights, (n) => new Float64Array(n), NaN),
      scores: this.sized(old?.scores, (n) => new Float64Array(n), NaN),
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
      const ends = doc.classEnd;
      let cls = 0;
      while (cls < 5 && pos >= ends[cls]) cls++;
      let w = CLASS_WEIGHT[cls];
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
    const index = this.index;
    const chapters = q.chapters;
    const planIndex = opts.useIndex ? index : null;
    const groups = q.groups.map((g) => g.map((t) => planTerm(t, chapters, planIndex, opts.spokenBodies)));
    const excluded = q.excluded.map((t) => planTerm(t, chapters, planIndex));
    if (opts.useIndex && !opts.noCache) {
      for (const p of [...groups.flat(), ...excluded]) {
        if (p.term.text.length > 2) p.firstPos = this.cache.resolver(p.term.text);
        if (!chapters.length) {
          const { weights, scores } = this.cache.scoring(p.term.text);
          p.weights = weights;
          p.scores = scores;
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
        const c = unionSorted(g.flatMap((p) => [candidatesOf(index, p.term.text) ?? new Uint32Array(0), ...(p.bodies ? [this.docsOfBodies(p.bodies)] : [])]));
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
        const may = new Uint8Array(index.docs.length);
        const list = candidatesOf(index, p.term.text) ?? new Uint32Array(0);
        for (const num of list) may[num] = 1;
        p.mayMatch = may;
        excludedCandidates.push(list);
      }
    }
    // The texts a scan reads: the candidates'; without candidates (every document), mostly those
    // of the excluded terms' candidates (the included terms mostly match in the in-memory heads).
    const readList = candidates ?? (excludedCandidates.length && excludedCandidates.length === excluded.length ? unionSorted(excludedCandidates) : null);
    index.snapshot?.expectScan(readList ? readList.length : n, readList);

    // Rank: a bounded heap keeps the best `k` by cheap score (enough to cover the requested
    // page). The first EXACT_RANKED of them in cheap order are re-ranked by exact score, the rest
    // stay in cheap order: every page is a slice of the same order, so paging neither repeats
    // nor skips a report however deep it goes.
    const pageEnd = (opts.page + 1) * opts.pageSize;
    const k = Math.max(pageEnd, EXACT_RANKED);
    const heap = new TopHeap(k);
    let total = 0;
    // Synchronous slices (optimizable hot loop); between slices the scan yields to the event
    // loop when it has run for a while, so an abort from a newer query takes effect.
    const SLICE = 4096;
    let lastYield = performance.now();
    const snapshot = index.snapshot;
    const ctx: ScanContext = {
      q,
      bodies,
      hasTerms,
      hasFilters,
      groups,
      excluded,
      chapters,
      heap,
      figureSlots: new Map(),
      figureColumns: q.figures.map((f) => snapshot?.column(figureKey(f.path)) ?? null),
      snapshotCount: snapshot?.count ?? 0,
      hidden: opts.hidden ?? null,
      computedMatch: false,
      computedTotals: 0,
    };
    for (let from = 0; from < n; from += SLICE) {
      if (from > 0 && performance.now() - lastYield > 12) {
        await new Promise((r) => setImmediate(r));
        if (opts.signal?.aborted) throw new SearchAborted();
        lastYield = performance.now();
      }
      total += this.scanSlice(ctx, candidates, from, Math.min(n, from + SLICE));
    }
    if (opts.signal?.aborted) throw new SearchAborted();

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

  /** Filters and verifies documents [from, to) of the candidates; offers matches to the heap. */
  private scanSlice(ctx: ScanContext, candidates: Uint32Array | null, from: number, to: number): number {
    const { hasFilters, groups, excluded, chapters, heap, hidden } = ctx;
    const docs = this.index.docs;
    const noChapters = chapters.length === 0;
    let found = 0;
    for (let i = from; i < to; i++) {
      const num = candidates ? candidates[i] : i;
      const doc = docs[num];
      if (!doc || (hidden !== null && hidden[num] === 1)) continue;
      ctx.computedMatch = false;
      if (hasFilters && !this.passesFilters(doc, ctx)) continue;
      // Newer reports first among equally good matches (the exact score re-ranks the top slice).
      let score = (doc.year ?? 0) * 1e-6;
      let ok = true;
      for (let gi = 0; gi < groups.length && ok; gi++) {
        const g = groups[gi];
        let best = -1;
        for (let ti = 0; ti < g.length; ti++) {
          // The term cache's weight when known (the common case of a repeated query), inline.
          const cached = g[ti].weights;
          let w = cached !== undefined && noChapters && num < cached.length ? cached[num] : NaN;
          if (w !== w) w = this.termWeight(doc, g[ti], chapters);
          if (w > best) best = w;
        }
        if (best < 0) ok = false;
        else score += best;
      }
      if (!ok) continue;
      for (let ei = 0; ei < excluded.length; ei++) {
        const may = excluded[ei].mayMatch;
        if (may !== undefined && may[num] !== 1) continue;
        if (this.termWeight(doc, excluded[ei], chapters) >= 0) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      heap.offer(num, score);
      found++;
      if (ctx.computedMatch) ctx.computedTotals++;
    }
    return found;
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
    // in class order), so the field tables need not be read.
    if (chapters.length) this.index.ensureFields(doc);
    const perClass = this.perClass.fill(0);
    const text = p.term.text;
    const units = this.index.textOf(doc);
    const ends = doc.classEnd;
    for (const pos of allMatches(units, text)) {
      let cls: number;
      if (chapters.length) {
        const f = fieldAt(doc, pos);
        const ch = this.chapterOf(doc.fieldWhere[f]);
        if (!ch || !chapters.includes(ch)) continue;
        cls = this.index.wheres.classes[doc.fieldWhere[f]];
      } else {
        cls = 0;
        while (cls < 5 && pos >= ends[cls]) cls++;
      }
      let w = 1;
      if (p.ascii && isTokenAt(units, doc.len, pos, text.length)) w = 1.5;
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
    this.index.ensureFields(doc);
    const terms = groups.flat();
    // Matches per field: field index → normalized [start, end) within the field.
    const perField = new Map<number, [number, number][]>();
    let hitCount = 0;
    for (const p of terms) {
      const text = p.term.text;
      for (const pos of allMatches(this.index.textOf(doc), text)) {
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
