/**
 * The in-memory index: per-document normalized text (fields joined by NUL, in weight order)
 * plus unigram and bigram posting lists over it. A query is answered by intersecting
 * posting lists (candidates) and verifying candidates against the normalized text, so
 * matches are exact. Add/remove are incremental; removed numbers are tombstoned.
 */
import type { Report } from '../model.ts';
import { findingsOf } from '../model.ts';
import { TABLE_IDS, type ReportFormat, type TableId } from '../spec.ts';
import { FieldClass, labelFields, reportFields, tableIdsOf, type Field } from './document.ts';
import { figureLayout } from './figures.ts';
import { normalize } from './normalize.ts';
import { PostingList } from './postings.ts';
import { toUnits, unitAt, unitIndexOf, unitLength, type Units } from './units.ts';
import type { SnapshotData } from './snapshot-data.ts';

export const SEP = '\u0000';

/** Bigram map key as a signed 32-bit integer (a small integer for V8's Map, unlike a double). */
export function bigramKey(a: number, b: number): number {
  return ((a << 16) | b) | 0;
}

/** Interned `where` strings (shared by all documents; ids persist with the index). */
export class WhereTable {
  readonly list: string[] = [];
  readonly classes: number[] = [];
  private readonly ids = new Map<string, number>();
  intern(where: string, cls: number): number {
    let id = this.ids.get(where);
    if (id === undefined) {
      id = this.list.length;
      this.list.push(where);
      this.classes.push(cls);
      this.ids.set(where, id);
    }
    return id;
  }
}

export interface DocRecord {
  num: number;
  id: string;
  body: string;
  year: number | null;
  title: string;
  format: ReportFormat;
  /** Bit i set = the report has table TABLE_IDS[i] (its label fields apply). */
  tablesMask: number;
  chapters: string[];
  /** Rule ids of undismissed failing findings, and their severities. */
  rules: string[];
  errors: number;
  warnings: number;
  /**
   * Normalized fields joined by NUL, with a leading NUL, as UTF-16LE code units (see units.ts):
   * field f spans (fieldStart[f], next start − 1). Offsets everywhere are code units.
   * Empty for documents of a loaded snapshot: read it with MemoryIndex.textOf.
   */
  text: Units;
  /** Length of `text` in code units. */
  len: number;
  fieldStart: Uint32Array;
  fieldWhere: Uint32Array;
  /** classEnd[c] = end offset in `text` of the fields of class ≤ c (fields are in class order). */
  classEnd: Uint32Array;
  /** End of the headings (meta + chapter headings) in `text`: checked first, it is short. */
  headEnd: number;
  /** Table values in figureLayout(format) order; NaN where null. Empty for snapshot documents (figure columns on disk). */
  figures: Float64Array;
  /** Original field texts (for snippets), or null when they live in the snapshot's text file. */
  original: string[] | null;
  originalRef: { offset: number; length: number } | null;
}

export interface BuiltDoc {
  record: DocRecord;
}

export function buildDoc(report: Report, wheres: WhereTable, num: number): DocRecord {
  const fields = reportFields(report);
  return docFromFields(
    {
      id: report.id,
      body: report.body.printed,
      year: report.year,
      title: report.title,
      format: report.format,
      tablesMask: tableIdsOf(report).reduce((m, t) => m | (1 << TABLE_IDS.indexOf(t)), 0),
      chapters: report.chapters.filter((c) => c.paragraphs.some((p) => p.trim())).map((c) => c.key),
      rules: [],
      errors: 0,
      warnings: 0,
      figures: figuresOf(report),
    },
    fields,
    wheres,
    num,
    (() => {
      const fs = findingsOf(report).filter((f) => !f.dismissed);
      return { rules: [...new Set(fs.map((f) => f.rule))], errors: fs.filter((f) => f.severity === 'error').length, warnings: fs.filter((f) => f.severity === 'warning').length };
    })(),
  );
}

type DocMeta = Omit<DocRecord, 'num' | 'text' | 'len' | 'fieldStart' | 'fieldWhere' | 'original' | 'originalRef' | 'classEnd' | 'headEnd'>;

/** Length of DocRecord.classEnd (one end per field class). */
export const CLASS_ENDS = 6;

/** Field class of text offset `pos`, from class boundaries `ends` (a document's start at `base`). */
export function classAt(ends: Uint32Array, base: number, pos: number): number {
  let cls = 0;
  while (cls < 5 && pos >= ends[base + cls]) cls++;
  return cls;
}

/** Class boundaries of a document's text (see DocRecord.classEnd). */
export function classEnds(textLength: number, fieldStart: Uint32Array, fieldWhere: Uint32Array, classes: number[]): Uint32Array {
  const ends = new Uint32Array(CLASS_ENDS).fill(textLength);
  for (let f = fieldStart.length - 1; f >= 0; f--) {
    const cls = classes[fieldWhere[f]];
    // Every class below this field's class ends before the field's separator.
    for (let c = 0; c < cls; c++) ends[c] = fieldStart[f] - 1;
  }
  return ends;
}

export function docFromFields(meta: DocMeta, fields: Field[], wheres: WhereTable, num: number, findings?: { rules: string[]; errors: number; warnings: number }): DocRecord {
  const parts: string[] = [];
  const fieldStart = new Uint32Array(fields.length);
  const fieldWhere = new Uint32Array(fields.length);
  let offset = 0;
  for (let f = 0; f < fields.length; f++) {
    const norm = normalize(fields[f].text);
    parts.push(SEP, norm);
    offset += 1;
    fieldStart[f] = offset;
    fieldWhere[f] = wheres.intern(fields[f].where, fields[f].cls);
    offset += norm.length;
  }
  const joined = parts.join('');
  const classEnd = classEnds(joined.length, fieldStart, fieldWhere, wheres.classes);
  return {
    ...meta,
    ...(findings ?? {}),
    num,
    text: toUnits(joined),
    len: joined.length,
    fieldStart,
    fieldWhere,
    classEnd,
    headEnd: classEnd[FieldClass.Heading],
    original: fields.map((f) => f.text),
    originalRef: null,
  };
}

const slotCache = new Map<string, Map<string, Map<string, number>>>();
function figuresOf(report: Report): Float64Array {
  const layout = figureLayout(report.format);
  const out = new Float64Array(layout.keys.length).fill(NaN);
  const fmt = `${report.format}`;
  for (const tableId in report.tables) {
    const table = report.tables[tableId as TableId]!;
    for (const rowId in table.cells) {
      const cols = table.cells[rowId];
      for (const colId in cols) {
        const cell = cols[colId];
        if (cell.value == null) continue;
        // Cached per (format, table.row, column) so that no key string is built per cell.
        const rowKey = `${fmt}|${tableId}.${rowId}`;
        let byCol = slotCache.get(rowKey);
        if (!byCol) slotCache.set(rowKey, (byCol = new Map()));
        let slots = byCol.get(colId);
        if (!slots) {
          slots = new Map();
          byCol.set(colId, slots);
          slots.set('slot', layout.slot.get(`${tableId}.${rowId}.${colId}`) ?? -1);
        }
        const slot = slots.get('slot')!;
        if (slot >= 0) out[slot] = cell.value;
      }
    }
  }
  return out;
}

/** Index of the field containing normalized offset `pos` (binary search over starts). */
export function fieldAt(doc: DocRecord, pos: number): number {
  const starts = doc.fieldStart;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid] <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A shared label field of one (format, table): matched for every document having that table. */
export interface LabelField {
  format: ReportFormat;
  table: TableId;
  tableBit: number;
  where: string;
  text: string;
  original: string;
}

let labelCache: LabelField[] | null = null;
export function allLabelFields(): LabelField[] {
  if (labelCache) return labelCache;
  labelCache = [];
  for (const format of ['2021', '2019-trial'] as ReportFormat[]) {
    for (const table of TABLE_IDS) {
      for (const f of labelFields(format, table)) {
        labelCache.push({ format, table, tableBit: 1 << TABLE_IDS.indexOf(table), where: f.where, text: normalize(f.text), original: f.text });
      }
    }
  }
  return labelCache;
}

export class MemoryIndex {
  docs: (DocRecord | null)[] = [];
  readonly byId = new Map<string, number>();
  uni = new Map<number, PostingList>();
  bi = new Map<number, PostingList>();
  wheres = new WhereTable();
  alive = 0;
  /** On-disk data of the loaded snapshot: documents numbered below snapshot.count (null = all in memory). */
  snapshot: SnapshotData | null = null;

  /** Whether the document came with the loaded snapshot (its text, field tables and figures are on disk). */
  private fromSnapshot(doc: DocRecord): boolean {
    return this.snapshot !== null && doc.num < this.snapshot.count;
  }

  /** A document's normalized text. For a snapshot document, a view valid until the next textOf call: use it at once. */
  textOf(doc: DocRecord): Units {
    return this.fromSnapshot(doc) ? this.snapshot!.text(doc.num) : doc.text;
  }

  /** First code-unit offset ≥ `from` of `needle` in a document's normalized text, or -1. */
  indexOf(doc: DocRecord, needle: string, from: number): number {
    return this.fromSnapshot(doc) ? this.snapshot!.indexOf(doc.num, needle, from) : unitIndexOf(doc.text, needle, from);
  }

  /** Forgets what was read from disk: field tables kept on documents and the snapshot's caches (benchmarks). */
  dropCaches(): void {
    if (!this.snapshot) return;
    for (let num = 0; num < this.snapshot.count; num++) {
      const doc = this.docs[num];
      if (doc && doc.fieldStart.length !== 0) {
        doc.fieldStart = new Uint32Array(0);
        doc.fieldWhere = new Uint32Array(0);
      }
    }
    this.snapshot.dropCaches();
  }

  /** Makes doc.fieldStart / doc.fieldWhere available (read from disk once for a snapshot document, then kept). */
  ensureFields(doc: DocRecord): void {
    if (doc.fieldStart.length !== 0 || !this.fromSnapshot(doc)) return;
    doc.fieldStart = this.snapshot!.fieldTable(doc.num, 'starts');
    doc.fieldWhere = this.snapshot!.fieldTable(doc.num, 'wheres');
  }

  /** One of a document's field tables without keeping it on the document (writing a snapshot). */
  fieldTableOf(doc: DocRecord, which: 'starts' | 'wheres'): Uint32Array {
    if (doc.fieldStart.length !== 0 || !this.fromSnapshot(doc)) return which === 'starts' ? doc.fieldStart : doc.fieldWhere;
    return this.snapshot!.fieldTable(doc.num, which);
  }

  fieldCount(doc: DocRecord): number {
    return this.fromSnapshot(doc) ? this.snapshot!.fieldCount(doc.num) : doc.fieldStart.length;
  }

  /** Value of cell path `key` ("table.row.column") in a document; NaN when it has none. */
  figureOf(doc: DocRecord, key: string): number {
    if (this.fromSnapshot(doc)) {
      const column = this.snapshot!.column(key);
      return column ? column[doc.num] : NaN;
    }
    const slot = figureLayout(doc.format).slot.get(key);
    return slot === undefined ? NaN : doc.figures[slot];
  }

  /** Adds (or replaces) a document. Returns its number. */
  add(doc: DocRecord): number {
    const previous = this.byId.get(doc.id);
    if (previous !== undefined) this.removeNum(previous);
    const num = this.docs.length;
    doc.num = num;
    this.docs.push(doc);
    this.byId.set(doc.id, num);
    this.alive++;
    this.post(doc.text, num);
    return num;
  }

  /** Posts every distinct unigram and bigram of `text` (bigrams never span a field separator). */
  post(text: Units, num: number): void {
    // Unigrams deduplicated with a stamp per code unit; bigrams by sorting their keys.
    const stamp = this.stamp;
    const mark = ++this.stampValue;
    if (mark === 0xffffffff) {
      stamp.fill(0);
      this.stampValue = 1;
    }
    const len = unitLength(text);
    if (this.keys.length < len) this.keys = new Int32Array(len * 2);
    const keys = this.keys;
    let nk = 0;
    let prev = 0;
    for (let i = 0; i < len; i++) {
      const c = unitAt(text, i);
      if (c === 0) {
        prev = 0;
        continue;
      }
      if (stamp[c] !== this.stampValue) {
        stamp[c] = this.stampValue;
        this.postingFor(this.uni, c).add(num);
      }
      if (prev !== 0) keys[nk++] = bigramKey(prev, c);
      prev = c;
    }
    const sorted = keys.subarray(0, nk).sort();
    let last = -1;
    for (let i = 0; i < nk; i++) {
      const k = sorted[i];
      if (k === last) continue;
      last = k;
      this.postingFor(this.bi, k).add(num);
    }
  }

  private readonly stamp = new Uint32Array(65536);
  private stampValue = 0;
  private keys = new Int32Array(8192);

  private postingFor(map: Map<number, PostingList>, key: number): PostingList {
    let p = map.get(key);
    if (!p) {
      p = new PostingList();
      map.set(key, p);
    }
    return p;
  }

  remove(id: string): boolean {
    const num = this.byId.get(id);
    if (num === undefined) return false;
    this.removeNum(num);
    return true;
  }

  private removeNum(num: number): void {
    const doc = this.docs[num];
    if (!doc) return;
    this.docs[num] = null;
    this.byId.delete(doc.id);
    this.alive--;
  }

  get(id: string): DocRecord | null {
    const n = this.byId.get(id);
    return n === undefined ? null : this.docs[n];
  }

  /**
   * Posting list whose documents contain `gram` (1 or 2 code units). Undefined = no document.
   */
  postings(gram: string): PostingList | undefined {
    if (gram.length === 1) return this.uni.get(gram.charCodeAt(0));
    return this.bi.get(bigramKey(gram.charCodeAt(0), gram.charCodeAt(1)));
  }

  /** Fraction of dead numbers: compaction is worth it above ~25%. */
  deadRatio(): number {
    return this.docs.length ? 1 - this.alive / this.docs.length : 0;
  }
}

export const CLASS_OF_META = FieldClass.Meta;
