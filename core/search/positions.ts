/**
 * Positional postings: for every bigram of the snapshot's documents, the offsets where it starts
 * in each document's normalized text (Uint16, so only for documents shorter than POSITION_LIMIT
 * code units). A term of 2+ code units is then matched at a document without reading its text:
 * anchor on the positions of its rarest cover bigram there and look the other cover bigrams up
 * at the shifted offsets.
 *
 * On disk (section `posData`, Uint16), written in batches of consecutive documents (about
 * positionalBatch.units code units of text each, so the writer holds one batch at a time): per batch,
 * per bigram present in it (in id order), a block of
 *   counts: one Uint16 per document of the batch holding the bigram (ascending numbers; 0 for
 *           a document without positions), then
 *   positions: the documents' offsets, ascending, document after document.
 * The directory (read at open) lists, per batch, the ids present with their block's start
 * (Uint16 units into posData; a block ends where the next entry starts) and document count.
 * Which documents hold a bigram is not stored again: it is the bigram's document posting list
 * (the k-th document of the list, in number order, has the k-th count), so a document's slot
 * is its rank in that list.
 */
import { PostingList } from './postings.ts';

/** Documents of this length or more (code units) have no positions (offsets must fit a Uint16). */
export const POSITION_LIMIT = 65536;
/** Text code units per writer batch (the writer's working set is ~6 bytes per unit); tests lower it to get many batches. */
export const positionalBatch = { units: 16 << 20 };

/** Directory of the positional section (read at open). */
export interface PositionalDirectory {
  /** Bigram keys (see bigramKey) in id order. */
  keys: Uint32Array;
  /** First document number of each batch, and the document count at the end. */
  batchStarts: Uint32Array;
  /** Batch t's entries are entryStarts[t] .. entryStarts[t + 1]. */
  entryStarts: Uint32Array;
  /** Per entry: bigram id (ascending within a batch), document count; block starts (one more: the end). */
  entryIds: Uint32Array;
  entryDocs: Uint32Array;
  entryOffsets: Uint32Array;
  /** Numbers of the documents without positions (too long). */
  long: Uint32Array;
}

/** Open-addressing table bigram key → positional id (the writer looks up every text offset). */
class KeyTable {
  private readonly keys: Int32Array;
  private readonly ids: Int32Array;
  private readonly shift: number;
  private readonly mask: number;
  constructor(keys: ArrayLike<number>) {
    let bits = 4;
    while (1 << bits < keys.length * 2) bits++;
    this.keys = new Int32Array(1 << bits);
    this.ids = new Int32Array(1 << bits);
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
    for (let id = 0; id < keys.length; id++) {
      const key = keys[id] | 0;
      let h = Math.imul(key, 0x9e3779b1) >>> this.shift;
      while (this.keys[h] !== 0) h = (h + 1) & this.mask;
      this.keys[h] = key; // 0 is never a key: both code units of a bigram are non-zero
      this.ids[h] = id;
    }
  }
  get(key: number): number {
    let h = Math.imul(key, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const k = this.keys[h];
      if (k === key) return this.ids[h];
      if (k === 0) return -1;
      h = (h + 1) & this.mask;
    }
  }
}

/**
 * Writes the positional blocks of documents 0..count-1 through `emit` (Uint16 chunks), batch by
 * batch. `textOf(i)` gives document i's normalized text as code units (a view may be reused
 * after the call returns). Returns the directory.
 */
export function writePositions(count: number, lengthOf: (i: number) => number, textOf: (i: number) => Uint16Array, keys: Uint32Array, emit: (chunk: Uint16Array) => void): PositionalDirectory {
  const P = keys.length;
  const table = new KeyTable(keys);
  const batchStarts: number[] = [0];
  for (let i = 0, units = 0; i < count; i++) {
    const len = lengthOf(i);
    if (units > 0 && units + len > positionalBatch.units) {
      batchStarts.push(i);
      units = 0;
    }
    units += len;
  }
  if (count > 0) batchStarts.push(count);
  const batches = batchStarts.length - 1;
  const entryStarts: number[] = [0];
  const entryIds: number[] = [];
  const entryDocs: number[] = [];
  const entryOffsets: number[] = [];
  const long: number[] = [];
  const posCount = new Uint32Array(P);
  const docCount = new Uint32Array(P);
  const lastDoc = new Int32Array(P).fill(-1);
  const countAt = new Uint32Array(P);
  const countCursor = new Uint32Array(P);
  const posCursor = new Uint32Array(P);
  let ids = new Int32Array(0);
  let out = new Uint16Array(0);
  let written = 0;
  for (let t = 0; t < batches; t++) {
    const first = batchStarts[t];
    const end = batchStarts[t + 1];
    let units = 0;
    for (let i = first; i < end; i++) units += lengthOf(i);
    if (ids.length < units) ids = new Int32Array(units);
    posCount.fill(0);
    docCount.fill(0);
    // Pass 1: the bigram id at every offset (-1 = none), and the block sizes.
    let base = 0;
    for (let i = first; i < end; i++) {
      const u = textOf(i);
      const len = u.length;
      const hasPositions = len < POSITION_LIMIT;
      if (!hasPositions) long.push(i);
      for (let j = 0; j + 1 < len; j++) {
        const a = u[j];
        const b = u[j + 1];
        const id = a !== 0 && b !== 0 ? table.get(((a << 16) | b) | 0) : -1;
        ids[base + j] = id;
        if (id < 0) continue;
        if (lastDoc[id] !== i) {
          lastDoc[id] = i;
          docCount[id]++;
        }
        if (hasPositions) posCount[id]++;
      }
      if (len > 0) ids[base + len - 1] = -1;
      base += len;
    }
    let size = 0;
    for (let id = 0; id < P; id++) {
      if (docCount[id] === 0) continue;
      entryIds.push(id);
      entryDocs.push(docCount[id]);
      entryOffsets.push(written + size);
      countCursor[id] = size;
      posCursor[id] = size + docCount[id];
      size += docCount[id] + posCount[id];
    }
    entryStarts.push(entryIds.length);
    if (out.length < size) out = new Uint16Array(size);
    // Pass 2: counts and positions into their blocks (documents and offsets come in order).
    base = 0;
    for (let i = first; i < end; i++) {
      const len = lengthOf(i);
      const hasPositions = len < POSITION_LIMIT;
      for (let j = 0; j + 1 < len; j++) {
        const id = ids[base + j];
        if (id < 0) continue;
        if (lastDoc[id] !== -2 - i) {
          lastDoc[id] = -2 - i;
          countAt[id] = countCursor[id]++;
          out[countAt[id]] = 0;
        }
        if (!hasPositions) continue;
        out[countAt[id]]++;
        out[posCursor[id]++] = j;
      }
      base += len;
    }
    emit(out.subarray(0, size));
    written += size;
  }
  entryOffsets.push(written);
  return {
    keys,
    batchStarts: Uint32Array.from(batchStarts),
    entryStarts: Uint32Array.from(entryStarts),
    entryIds: Uint32Array.from(entryIds),
    entryDocs: Uint32Array.from(entryDocs),
    entryOffsets: Uint32Array.from(entryOffsets),
    long: Uint32Array.from(long),
  };
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/**
 * Reusable scratch memory: fresh memory costs page faults on first touch (~3.5 s per GB on the
 * machines we measure), so the buffers of a query are handed back and reused by the next one.
 */
export class ScratchPool {
  private readonly free: ArrayBuffer[] = [];
  private kept = 0;
  constructor(private readonly maxKeptBytes: number) {}
  take(bytes: number): ArrayBuffer {
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const size = this.free[i].byteLength;
      if (size >= bytes && (best < 0 || size < this.free[best].byteLength)) best = i;
    }
    if (best >= 0) {
      const buf = this.free.splice(best, 1)[0];
      this.kept -= buf.byteLength;
      return buf;
    }
    return new ArrayBuffer(Math.max(64, Math.ceil(bytes * 1.25)));
  }
  give(buf: ArrayBuffer): void {
    if (buf.byteLength + this.kept > this.maxKeptBytes) return;
    this.free.push(buf);
    this.kept += buf.byteLength;
  }
  clear(): void {
    this.free.length = 0;
    this.kept = 0;
  }
}

/** Buffers taken for one query, handed back together when it ends. */
export class Lease {
  private readonly taken: ArrayBuffer[] = [];
  /** Bigram positions read for this query (a bigram shared by two terms is read once). */
  readonly bigrams = new Map<number, BigramPositions>();
  constructor(private readonly pool: ScratchPool) {}
  take(bytes: number): ArrayBuffer {
    const buf = this.pool.take(bytes);
    this.taken.push(buf);
    return buf;
  }
  release(): void {
    this.bigrams.clear();
    for (const buf of this.taken.splice(0)) this.pool.give(buf);
  }
}

/**
 * One bigram's positions in the snapshot documents: slot k (the k-th document of its posting
 * list below `count`) has positions data[starts[k]] .. data[ends[k]] (exclusive).
 */
export class BigramPositions {
  /** Bitset postings: documents before word w (the rank directory). */
  private readonly rank: Uint32Array | null;
  constructor(
    private readonly posting: PostingList,
    readonly starts: Uint32Array,
    readonly ends: Uint32Array,
    readonly data: Uint16Array,
    count: number,
    lease: Lease,
  ) {
    const bits = posting.bits;
    if (bits !== null) {
      const words = Math.min(bits.length, (count >>> 5) + 1);
      this.rank = new Uint32Array(lease.take((words + 1) * 4), 0, words + 1);
      let r = 0;
      for (let w = 0; w < words; w++) {
        this.rank[w] = r;
        r += popcount(bits[w]);
      }
      this.rank[words] = r;
    } else this.rank = null;
  }

  /** Slot of document `num` (< count), or -1 when it does not hold the bigram. */
  slot(num: number): number {
    const bits = this.posting.bits;
    if (bits !== null) {
      const w = num >>> 5;
      const word = w < bits.length ? bits[w] : 0;
      if ((word & (1 << (num & 31))) === 0) return -1;
      return this.rank![w] + popcount(word & ~(-1 << (num & 31)));
    }
    return this.posting.indexInIds(num);
  }

  /** Snapshot documents holding the bigram, in the posting list (below `count`). */
  static slotsBelow(posting: PostingList, count: number): number {
    const bits = posting.bits;
    if (bits === null) {
      let lo = 0;
      let hi = posting.n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (posting.ids[mid] < count) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    }
    let r = 0;
    const full = count >>> 5;
    for (let w = 0; w < Math.min(full, bits.length); w++) r += popcount(bits[w]);
    if (full < bits.length && (count & 31) !== 0) r += popcount(bits[full] & ~(-1 << (count & 31)));
    return r;
  }
}

/**
 * A term (2+ code units) matched through positions. Cover bigrams: offsets 0, 2, 4, … and the
 * last one, so every code unit of the term is checked (overlapping bigrams at consecutive
 * offsets spell the term).
 */
export class TermPositions {
  private readonly offsets: Int32Array;
  private readonly lists: BigramPositions[];
  /** Per-document scratch: slot of each cover bigram. */
  private readonly slots: Int32Array;
  private readonly cursor: Int32Array;
  constructor(
    readonly length: number,
    cover: { offset: number; positions: BigramPositions }[],
  ) {
    this.offsets = Int32Array.from(cover, (c) => c.offset);
    this.lists = cover.map((c) => c.positions);
    this.slots = new Int32Array(cover.length);
    this.cursor = new Int32Array(cover.length);
  }

  /** Cover offsets for a term of `length` code units (≥ 2). */
  static coverOffsets(length: number): number[] {
    const out: number[] = [];
    for (let j = 0; j + 2 <= length; j += 2) out.push(j);
    if (out[out.length - 1] !== length - 2) out.push(length - 2);
    return out;
  }

  /** First match start of the term in document `num` (a snapshot document with positions), or -1. */
  first(num: number): number {
    if (this.lists.length === 1) {
      // A bigram: its first position.
      const list = this.lists[0];
      const s = list.slot(num);
      return s >= 0 && list.ends[s] > list.starts[s] ? list.data[list.starts[s]] : -1;
    }
    return this.scan(num, null);
  }

  /** Every match start in document `num`, ascending (overlapping ones included). */
  all(num: number): number[] {
    const out: number[] = [];
    this.scan(num, out);
    return out;
  }

  private scan(num: number, out: number[] | null): number {
    const lists = this.lists;
    const offsets = this.offsets;
    const slots = this.slots;
    const cursor = this.cursor;
    const n = lists.length;
    // Anchor: the cover bigram with the fewest positions in this document.
    let anchor = 0;
    let fewest = Infinity;
    for (let c = 0; c < n; c++) {
      const s = lists[c].slot(num);
      if (s < 0) return -1;
      slots[c] = s;
      const k = lists[c].ends[s] - lists[c].starts[s];
      if (k === 0) return -1;
      cursor[c] = lists[c].starts[s];
      if (k < fewest) {
        fewest = k;
        anchor = c;
      }
    }
    const a = lists[anchor];
    const aEnd = a.ends[slots[anchor]];
    const aOffset = offsets[anchor];
    outer: for (let i = a.starts[slots[anchor]]; i < aEnd; i++) {
      const start = a.data[i] - aOffset;
      if (start < 0) continue;
      for (let c = 0; c < n; c++) {
        if (c === anchor) continue;
        const want = start + offsets[c];
        const data = lists[c].data;
        const end = lists[c].ends[slots[c]];
        let p = cursor[c];
        while (p < end && data[p] < want) p++;
        cursor[c] = p;
        if (p === end) break outer; // targets only grow: no later match
        if (data[p] !== want) continue outer;
      }
      if (out === null) return start;
      out.push(start);
    }
    return out !== null && out.length ? out[0] : -1;
  }
}

/**
 * One instance of each per-query class, kept for the life of the process: V8 lets the hidden
 * classes of objects that all died be collected, and a major GC then throws away the optimized
 * code built for them (the next queries run slow until it is rebuilt).
 */
const keptScratch = new Lease(new ScratchPool(0));
export const KEPT_SHAPES: unknown[] = [
  keptScratch,
  new TermPositions(2, [{ offset: 0, positions: new BigramPositions(PostingList.fromArray(new Uint32Array(0), false), new Uint32Array(0), new Uint32Array(0), new Uint16Array(0), 0, keptScratch) }]),
  new BigramPositions(PostingList.fromBits(new Uint32Array(1), 0, false), new Uint32Array(0), new Uint32Array(0), new Uint16Array(0), 0, keptScratch),
];
