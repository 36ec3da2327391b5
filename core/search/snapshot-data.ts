/**
 * The per-document sections of a loaded snapshot (normalized texts, field tables, figure
 * columns: nearly all of index.bin) stay on disk and are read on demand.
 *
 * Why not in memory: on the machines we measure, first-touch page faults cost ~3.5 s per GB,
 * while reading a file that is in the OS page cache into an already touched buffer runs at
 * ~12 GB/s. So texts are read into one reused window buffer (a scan reads candidates in number
 * order, i.e. sequentially), and RSS stays small however large the archive.
 * Figure filters read one column (one cell path over every document) and keep it.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { LRUCache } from 'lru-cache';
import type { Units } from './units.ts';
import type { PostingList } from './postings.ts';
import { BigramPositions, ScratchPool, type Lease, type PositionalDirectory } from './positions.ts';

/** Window of consecutive documents' normalized texts held at once. */
const WINDOW_BYTES = 4 << 20;
/** Documents read one by one kept (about 2 MB for generated reports). */
const RECENT_DOCS = 256;
/** Smallest read-ahead window: a scan over sparse candidates reads about one document at a time. */
const MIN_WINDOW_BYTES = 64 << 10;
/** A candidate-aware window reads through a gap of non-candidates up to this size (else it ends before it). */
const GAP_BYTES = 24 << 10;
/**
 * Leading code units of every document kept in memory (meta, headings, the opening paragraphs):
 * a term in nearly every report (template phrases) mostly matches there first, so its scan reads
 * no text from disk. 384 bytes per document (38 MB at 100,000 reports).
 */
const HEAD_UNITS = 192;
const HEAD_BYTES = HEAD_UNITS * 2;
/** Bytes per step of the background checksum pass (one read, one CRC between event-loop turns). */
const VERIFY_STEP = 1 << 20;

export interface OnDiskSection {
  name: string;
  /** Absolute file offset and length in bytes. */
  offset: number;
  length: number;
  crc: number;
}

export interface SnapshotLayout {
  path: string;
  /** Documents in the snapshot (numbers 0..count-1). */
  count: number;
  text: OnDiskSection;
  /** Document i's text is code units textOffsets[i]..textOffsets[i+1] of the text section. */
  textOffsets: Uint32Array;
  fieldStart: OnDiskSection;
  fieldWhere: OnDiskSection;
  /** Document i's fields are elements fieldOffsets[i]..fieldOffsets[i+1] of the field sections. */
  fieldOffsets: Uint32Array;
  /** Column-major Float64: column k holds figureKeys[k] of every document (NaN = none). */
  figures: OnDiskSection;
  figureKeys: string[];
  /** Class boundaries of every document (CLASS_ENDS per document, in memory). */
  classEnds: Uint32Array;
  /** Per document: year × 1e-6 (0 without a year), the scan's tie-break toward newer reports. */
  yearScores: Float64Array;
  /** Positional postings (positions.ts): the directory in memory, the blocks on disk. */
  positional: PositionalDirectory;
  posData: OnDiskSection;
}

/** Scratch memory kept between queries for positions and per-document arrays. */
const SCRATCH_KEPT = 96 << 20;

export class SnapshotData {
  readonly count: number;
  private fd: number | null;
  private closed = false;
  private verifyStopped = false;
  private window: Buffer | null = null;
  private winFirst = 0;
  private winEnd = 0;
  private readonly columns = new Map<number, Float64Array>();
  private readonly keyIndex: Map<string, number>;

  /** Positional id of each bigram key with positions. */
  private readonly positionalIds = new Map<number, number>();
  /** 1 for the documents without positions (too long). */
  private readonly noPositions: Uint8Array | null;
  /** Scratch buffers of queries (positions read, per-document arrays), reused. */
  readonly scratch = new ScratchPool(SCRATCH_KEPT);

  /** Class boundaries of every document, CLASS_ENDS apiece. */
  readonly classEnds: Uint32Array;
  /** Per document: year × 1e-6 (0 without a year). */
  readonly yearScores: Float64Array;

  constructor(private readonly layout: SnapshotLayout) {
    this.count = layout.count;
    this.classEnds = layout.classEnds;
    this.yearScores = layout.yearScores;
    this.fd = openSync(layout.path, 'r');
    this.keyIndex = new Map(layout.figureKeys.map((k, i) => [k, i]));
    const keys = layout.positional.keys;
    for (let id = 0; id < keys.length; id++) this.positionalIds.set(keys[id] | 0, id);
    const long = layout.positional.long;
    this.noPositions = long.length ? new Uint8Array(this.count) : null;
    for (const num of long) this.noPositions![num] = 1;
  }

  /** Whether document `num` (< count) has positions (shorter than POSITION_LIMIT). */
  hasPositions(num: number): boolean {
    return this.noPositions === null || this.noPositions[num] === 0;
  }

  /** Whether bigram `key` has positional postings. */
  isPositional(key: number): boolean {
    return this.positionalIds.has(key);
  }

  /**
   * Positions of bigram `key` in every snapshot document holding it (`posting`: its document
   * list), read into buffers of `lease`; null when the bigram has no positional postings.
   */
  bigramPositions(key: number, posting: PostingList, lease: Lease): BigramPositions | null {
    const id = this.positionalIds.get(key);
    if (id === undefined) return null;
    const { batchStarts, entryStarts, entryIds, entryDocs, entryOffsets } = this.layout.positional;
    const batches = batchStarts.length - 1;
    // The bigram's entry in each batch (-1 = not in it): binary search over the batch's ids.
    const entries = new Int32Array(batches);
    let slots = 0;
    let units = 0;
    for (let t = 0; t < batches; t++) {
      let lo = entryStarts[t];
      let hi = entryStarts[t + 1];
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (entryIds[mid] < id) lo = mid + 1;
        else hi = mid;
      }
      if (lo < entryStarts[t + 1] && entryIds[lo] === id) {
        entries[t] = lo;
        slots += entryDocs[lo];
        units += entryOffsets[lo + 1] - entryOffsets[lo];
      } else entries[t] = -1;
    }
    if (slots !== BigramPositions.slotsBelow(posting, this.count)) throw new Error('search index: positional postings do not match the document postings');
    // The blocks, one read per batch, back to back; slot k's positions are raw[starts[k]..ends[k]).
    const rawBuf = lease.take(Math.max(2, units * 2));
    const raw = new Uint16Array(rawBuf, 0, units);
    const starts = new Uint32Array(lease.take(Math.max(4, slots * 4)), 0, slots);
    const ends = new Uint32Array(lease.take(Math.max(4, slots * 4)), 0, slots);
    let at = 0;
    let slot = 0;
    for (let t = 0; t < batches; t++) {
      const e = entries[t];
      if (e < 0) continue;
      const from = entryOffsets[e];
      const length = entryOffsets[e + 1] - from;
      this.readInto(Buffer.from(rawBuf, at * 2, length * 2), 0, length * 2, this.layout.posData.offset + from * 2);
      const nd = entryDocs[e];
      let p = at + nd;
      for (let k = 0; k < nd; k++) {
        starts[slot] = p;
        p += raw[at + k];
        ends[slot++] = p;
      }
      at += length;
    }
    return new BigramPositions(posting, starts, ends, raw, this.count, lease);
  }

  private readInto(buf: Buffer, at: number, length: number, position: number): void {
    if (this.fd === null) throw new Error('search index closed');
    let got = 0;
    while (got < length) {
      const n = readSync(this.fd, buf, at + got, length - got, position + got);
      if (n <= 0) throw new Error('index truncated');
      got += n;
    }
  }

  /**
   * Reads the window of consecutive documents starting at `num` (read-ahead for scans). Its size
   * follows the scan: when few documents of the last window were asked for (sparse candidates,
   * or most answered from the in-memory heads), the next read is smaller, down to about one
   * document; a dense scan grows it back to WINDOW_BYTES.
   */
  private moveWindow(num: number): void {
    const offsets = this.layout.textOffsets;
    const start = offsets[num] * 2;
    this.window ??= Buffer.allocUnsafeSlow(WINDOW_BYTES);
    const served = this.winEnd > this.winFirst ? this.winServed / (this.winEnd - this.winFirst) : 1;
    this.winBytes = Math.max(MIN_WINDOW_BYTES, Math.min(WINDOW_BYTES, served >= 0.5 ? this.winBytes * 2 : served < 0.125 ? this.winBytes / 4 : this.winBytes));
    let end = num + 1;
    const nums = this.scanNums;
    if (nums !== null) {
      // Candidate-aware read: the window spans the next candidates, never a long run of
      // documents the scan will not ask for (a separate read costs less than copying them).
      // The first candidate after `num` (scans go forward: usually at or just after the cursor).
      let c = this.scanCursor;
      if (c > 0 && nums[c - 1] > num) c = 0;
      if (c + 8 < nums.length && nums[c + 8] <= num) {
        let hi = nums.length;
        while (c < hi) {
          const mid = (c + hi) >>> 1;
          if (nums[mid] <= num) c = mid + 1;
          else hi = mid;
        }
      } else while (c < nums.length && nums[c] <= num) c++;
      while (c < nums.length) {
        const next = nums[c];
        // Documents added since the snapshot (numbers from count on) are in memory, not in this file.
        if (next >= this.count || offsets[next + 1] * 2 - start > this.winBytes || (offsets[next] - offsets[end]) * 2 > GAP_BYTES) break;
        end = next + 1;
        c++;
      }
      this.scanCursor = c;
    } else while (end < this.count && offsets[end + 1] * 2 - start <= this.winBytes) end++;
    this.winServed = 0;
    this.winLastServed = -1;
    this.readInto(this.window, 0, offsets[end] * 2 - start, this.layout.text.offset + start);
    // Searches stop at the documents read (a small window must not scan the buffer's stale rest).
    this.windowRead = this.window.subarray(0, offsets[end] * 2 - start);
    this.winFirst = num;
    this.winEnd = end;
    this.memo.clear();
  }

  /**
   * A scan over `candidates` of the documents is about to start: the first window is sized to
   * their density (a few scattered candidates should not each cost a 4 MB read).
   */
  expectScan(candidates: number, nums: Uint32Array | null = null): void {
    const density = this.count ? candidates / this.count : 1;
    // With the candidate numbers known, a window holds only candidates (and short gaps): no need to shrink it.
    this.scanNums = nums !== null && density < 0.9 ? nums : null;
    this.scanCursor = 0;
    this.winBytes = this.scanNums !== null ? WINDOW_BYTES : Math.max(MIN_WINDOW_BYTES, Math.min(WINDOW_BYTES, WINDOW_BYTES * density * 2));
    this.winFirst = this.winEnd = 0; // the next read starts with that size, not with the usage of the last one
  }
  /** Candidate numbers of the running scan (ascending), when known and sparse enough to matter. */
  private scanNums: Uint32Array | null = null;
  private scanCursor = 0;

  /** Read-ahead size of the next window, and how many documents of the current one were asked for. */
  private winBytes = WINDOW_BYTES;
  private windowRead: Buffer | null = null;
  private winServed = 0;
  private winLastServed = -1;

  private lastNeedle = '';
  private lastNeedleBytes = Buffer.alloc(0);
  private needleBytes(needle: string): Buffer {
    if (needle !== this.lastNeedle) {
      this.lastNeedle = needle;
      this.lastNeedleBytes = Buffer.from(needle, 'utf16le');
    }
    return this.lastNeedleBytes;
  }

  /** The first HEAD_UNITS code units of documents 0..headsUpTo-1, HEAD_BYTES apart (filled by verify()). */
  private heads: Buffer | null = null;
  private headsUpTo = 0;

  private fitsWindow(num: number): boolean {
    return (this.layout.textOffsets[num + 1] - this.layout.textOffsets[num]) * 2 <= WINDOW_BYTES;
  }

  /**
   * Normalized text of document `num` (< count): a view of the window when it holds the
   * document (valid until the window moves: use it at once, never keep it), else an own copy
   * read for it alone (random access, e.g. the top results of a page, does not move the window).
   */
  text(num: number): Units {
    const offsets = this.layout.textOffsets;
    if (this.window !== null && num >= this.winFirst && num < this.winEnd) {
      const base = offsets[this.winFirst] * 2;
      return this.window.subarray(offsets[num] * 2 - base, offsets[num + 1] * 2 - base);
    }
    let own = this.recent.get(num);
    if (own === undefined) {
      own = Buffer.from(new ArrayBuffer((offsets[num + 1] - offsets[num]) * 2));
      this.readInto(own, 0, own.length, this.layout.text.offset + offsets[num] * 2);
      this.recent.set(num, own);
    }
    return own;
  }
  /** Texts read one by one (the top results of recent pages: the next query mostly wants them again). */
  private readonly recent = new LRUCache<number, Buffer>({ max: RECENT_DOCS });

  /**
   * First code-unit offset ≥ `from` of `needle` in document `num`, or -1. Scans go through the
   * window in number order: one native search runs across consecutive documents, and where it
   * found the next occurrence is remembered, so documents before it are answered without
   * searching again.
   */
  indexOf(num: number, needle: string, from: number): number {
    if (num < this.headsUpTo && from < HEAD_UNITS) {
      const length = this.layout.textOffsets[num + 1] - this.layout.textOffsets[num];
      const inHead = Math.min(HEAD_UNITS, length);
      const base = num * HEAD_BYTES;
      const head = this.heads!.subarray(base, base + inHead * 2);
      // The needle's bytes made once per term (not per document); a byte search may land
      // between two code units: only even offsets are matches.
      const bytes = this.needleBytes(needle);
      let r = head.indexOf(bytes, from * 2);
      while (r >= 0 && (r & 1) === 1) r = head.indexOf(bytes, r + 1);
      // A match within the head is the first one; a document shorter than the head has no other.
      if (r >= 0) return r >>> 1;
      if (length <= HEAD_UNITS) return -1;
    }
    if (!this.fitsWindow(num)) {
      const r = this.text(num).indexOf(needle, from * 2, 'utf16le');
      return r < 0 ? -1 : r >>> 1;
    }
    if (this.window === null || num < this.winFirst || num >= this.winEnd) this.moveWindow(num);
    if (num !== this.winLastServed) {
      this.winServed++;
      this.winLastServed = num;
    }
    const offsets = this.layout.textOffsets;
    const base = offsets[this.winFirst] * 2;
    const start = offsets[num] * 2 - base;
    const at = start + from * 2;
    const end = offsets[num + 1] * 2 - base;
    if (at >= end) return -1;
    const seen = this.memo.get(needle);
    let pos: number;
    if (seen !== undefined && seen.from <= at && (seen.pos < 0 || seen.pos >= at)) pos = seen.pos;
    else {
      pos = this.windowRead!.indexOf(needle, at, 'utf16le');
      if (pos >= offsets[this.winEnd] * 2 - base) pos = -1; // stale bytes past the window's documents
      if (seen === undefined) this.memo.set(needle, { from: at, pos });
      else {
        seen.from = at;
        seen.pos = pos;
      }
    }
    // A match must end inside the document (the window's last document is followed by stale bytes).
    return pos >= 0 && pos + needle.length * 2 <= end ? (pos - start) >>> 1 : -1;
  }
  /** Per needle, in the current window: no occurrence in [from, pos), and one at pos (-1 = none after from). */
  private readonly memo = new Map<string, { from: number; pos: number }>();

  /** Number of fields of document `num`. */
  fieldCount(num: number): number {
    return this.layout.fieldOffsets[num + 1] - this.layout.fieldOffsets[num];
  }

  /** Field start offsets or `where` ids of document `num` (an own array). */
  fieldTable(num: number, which: 'starts' | 'wheres'): Uint32Array {
    const from = this.layout.fieldOffsets[num] * 4;
    const length = this.layout.fieldOffsets[num + 1] * 4 - from;
    const buf = Buffer.from(new ArrayBuffer(length));
    this.readInto(buf, 0, length, (which === 'starts' ? this.layout.fieldStart : this.layout.fieldWhere).offset + from);
    return new Uint32Array(buf.buffer, 0, length >>> 2);
  }

  /** Column of figure `key` ("table.row.column") over every document; null when no document has it. */
  column(key: string): Float64Array | null {
    const k = this.keyIndex.get(key);
    if (k === undefined) return null;
    let col = this.columns.get(k);
    if (!col) {
      col = new Float64Array(this.count);
      const bytes = Buffer.from(col.buffer);
      this.readInto(bytes, 0, bytes.length, this.layout.figures.offset + k * this.count * 8);
      this.columns.set(k, col);
    }
    return col;
  }

  /**
   * Checks the CRC-32 of every on-disk section, reading in small steps with its own buffer
   * (queries keep running meanwhile). False when one does not match.
   */
  async verify(): Promise<boolean> {
    const handle = await open(this.layout.path, 'r');
    try {
      const buf = Buffer.allocUnsafeSlow(VERIFY_STEP);
      for (const sec of [this.layout.text, this.layout.fieldStart, this.layout.fieldWhere, this.layout.figures, this.layout.posData]) {
        let crc = 0;
        for (let at = 0; at < sec.length; ) {
          if (this.closed || this.verifyStopped) return true;
          const want = Math.min(VERIFY_STEP, sec.length - at);
          const { bytesRead } = await handle.read(buf, 0, want, sec.offset + at);
          if (bytesRead <= 0) return false;
          if (sec === this.layout.text) this.fillHeads(buf, at, bytesRead);
          crc = crc32(buf.subarray(0, bytesRead), crc);
          at += bytesRead;
        }
        if (crc !== sec.crc) return false;
      }
      return true;
    } finally {
      await handle.close();
    }
  }

  /**
   * Copies the heads of the documents in text-section bytes [at, at + length) (held in `chunk`);
   * documents are in section order, so those complete so far are 0..headsUpTo-1.
   */
  private fillHeads(chunk: Buffer, at: number, length: number): void {
    const offsets = this.layout.textOffsets;
    this.heads ??= Buffer.alloc(this.count * HEAD_BYTES);
    for (let doc = this.headsUpTo; doc < this.count; doc++) {
      const start = offsets[doc] * 2;
      const end = Math.min(start + HEAD_BYTES, offsets[doc + 1] * 2);
      if (start >= at + length) return;
      const from = Math.max(start, at);
      const to = Math.min(end, at + length);
      if (to > from) chunk.copy(this.heads, doc * HEAD_BYTES + (from - start), from - at, to - at);
      if (end > at + length) return; // the rest of this head is in the next chunk
      this.headsUpTo = doc + 1;
    }
  }

  /** Forgets every text, position and column read so far (benchmarks: a query as if typed first after opening). */
  dropCaches(): void {
    this.recent.clear();
    this.memo.clear();
    this.columns.clear();
    this.winFirst = 0;
    this.winEnd = 0;
    this.winBytes = WINDOW_BYTES;
    this.scanNums = null;
  }

  /** Ends a running verify() early (closing: the check resumes at the next open). */
  stopVerify(): void {
    this.verifyStopped = true;
  }

  /** Releases the file (the engine closed, or a newer snapshot replaced this one). */
  close(): void {
    this.closed = true;
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    this.window = null;
    this.windowRead = null;
    this.heads = null;
    this.headsUpTo = 0;
    this.memo.clear();
    this.recent.clear();
    this.columns.clear();
    this.scratch.clear();
  }
}
