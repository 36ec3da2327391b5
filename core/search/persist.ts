/**
 * On-disk form of the index in `<archive>/search/`:
 *   index.bin   header (magic, engine/schema/parser versions, section table, CRC-32) followed by
 *               8-byte-aligned binary sections: normalized texts (UTF-16LE), field layouts,
 *               figures, and the unigram/bigram posting lists as Uint32 arrays or bitsets.
 *   texts-<generation>.bin  original field texts (UTF-8), read only for the snippets of a page.
 *   journal.bin appended add/remove records since the snapshot (replay is idempotent).
 * Loading reads sections straight into typed arrays; nothing is re-tokenized.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, readSync, readdirSync, renameSync, rmSync, writeSync, appendFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { PARSER_VERSION, SCHEMA_VERSION } from '../model.ts';
import type { ReportFormat } from '../spec.ts';
import type { Field } from './document.ts';
import { PostingList } from './postings.ts';
import { MemoryIndex, classEnds, docFromFields, type DocRecord } from './store.ts';

export const ENGINE_VERSION = 2;
const MAGIC = 'NBSEARCH';

export interface SnapshotHeader {
  engine: number;
  schema: number;
  parser: string;
  generation: string;
  docs: number;
  /** CRC-32 of each section. */
  crc: Record<string, number>;
  bodyLength: number;
  sections: Record<string, [number, number]>;
}

export class StaleIndexError extends Error {}

class SectionWriter {
  chunks: Buffer[] = [];
  length = 0;
  sections: Record<string, [number, number]> = {};
  add(name: string, data: Buffer | ArrayBufferView): void {
    const buf = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    this.sections[name] = [this.length, buf.length];
    this.chunks.push(buf);
    this.length += buf.length;
    const pad = (8 - (this.length % 8)) % 8;
    if (pad) {
      this.chunks.push(Buffer.alloc(pad));
      this.length += pad;
    }
  }
}

function writeAll(fd: number, buffers: Buffer[]): void {
  for (const b of buffers) {
    let off = 0;
    while (off < b.length) off += writeSync(fd, b, off, b.length - off);
  }
}

function encodePostings(map: Map<number, PostingList>, remap: Int32Array, docCount: number, w: SectionWriter, prefix: string): void {
  const keys: number[] = [];
  const meta: number[] = [];
  const data: Uint32Array[] = [];
  let offset = 0;
  for (const [key, list] of map) {
    const ids: number[] = [];
    for (const old of list.toArray()) {
      const nu = old < remap.length ? remap[old] : -1;
      if (nu >= 0) ids.push(nu);
    }
    if (ids.length === 0) continue;
    let arr: Uint32Array;
    let kind = 0;
    if (ids.length > 64 && ids.length * 32 > docCount) {
      kind = 1;
      arr = new Uint32Array((docCount >>> 5) + 1);
      for (const d of ids) arr[d >>> 5] |= 1 << (d & 31);
    } else arr = Uint32Array.from(ids);
    keys.push(key);
    meta.push(kind, offset, arr.length, ids.length);
    data.push(arr);
    offset += arr.length;
  }
  const all = new Uint32Array(offset);
  let k = 0;
  for (const a of data) {
    all.set(a, k);
    k += a.length;
  }
  w.add(`${prefix}Keys`, Uint32Array.from(keys));
  w.add(`${prefix}Meta`, Uint32Array.from(meta));
  w.add(`${prefix}Data`, all);
}

/** Writes a compacted snapshot (dead documents dropped, numbers renumbered). */
export function writeSnapshot(dir: string, index: MemoryIndex, originals: (doc: DocRecord) => string[]): string {
  index.lazy?.ensureAll();
  const generation = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const live = index.docs.filter((d): d is DocRecord => d != null);
  const remap = new Int32Array(index.docs.length).fill(-1);
  live.forEach((d, i) => (remap[d.num] = i));

  // Original texts: one UTF-8 blob per document.
  const textsPath = join(dir, `texts-${generation}.bin`);
  const tfd = openSync(textsPath + '.tmp', 'w');
  const refs: { offset: number; length: number }[] = [];
  let tOffset = 0;
  try {
    let batch: Buffer[] = [];
    let batchLen = 0;
    for (const d of live) {
      const blob = Buffer.from(originals(d).map((t) => t.replaceAll('\u0000', ' ')).join('\u0000'), 'utf8');
      refs.push({ offset: tOffset, length: blob.length });
      tOffset += blob.length;
      batch.push(blob);
      batchLen += blob.length;
      if (batchLen > 8 << 20) {
        writeAll(tfd, batch);
        batch = [];
        batchLen = 0;
      }
    }
    writeAll(tfd, batch);
    fsyncSync(tfd);
  } finally {
    closeSync(tfd);
  }

  const w = new SectionWriter();
  const docsJson = live.map((d, i) => [d.id, d.body, d.year, d.title, d.format, d.tablesMask, d.chapters, d.rules, d.errors, d.warnings, refs[i].offset, refs[i].length]);
  w.add('docs', Buffer.from(JSON.stringify(docsJson), 'utf8'));
  w.add('wheres', Buffer.from(JSON.stringify([index.wheres.list, index.wheres.classes]), 'utf8'));
  const textOffsets = new Uint32Array(live.length + 1);
  const fieldOffsets = new Uint32Array(live.length + 1);
  const figOffsets = new Uint32Array(live.length + 1);
  let textLen = 0;
  let fieldLen = 0;
  let figLen = 0;
  live.forEach((d, i) => {
    textOffsets[i] = textLen;
    fieldOffsets[i] = fieldLen;
    figOffsets[i] = figLen;
    textLen += d.len;
    fieldLen += d.fieldStart.length;
    figLen += d.figures.length;
  });
  textOffsets[live.length] = textLen;
  fieldOffsets[live.length] = fieldLen;
  figOffsets[live.length] = figLen;
  const fieldStart = new Uint32Array(fieldLen);
  const fieldWhere = new Uint32Array(fieldLen);
  const figures = new Float64Array(figLen);
  const text = Buffer.allocUnsafe(textLen * 2);
  live.forEach((d, i) => {
    fieldStart.set(d.fieldStart, fieldOffsets[i]);
    fieldWhere.set(d.fieldWhere, fieldOffsets[i]);
    figures.set(d.figures, figOffsets[i]);
    d.text.copy(text, textOffsets[i] * 2, 0, d.len * 2);
  });
  w.add('textOffsets', textOffsets);
  w.add('text', text);
  w.add('fieldOffsets', fieldOffsets);
  w.add('fieldStart', fieldStart);
  w.add('fieldWhere', fieldWhere);
  w.add('figOffsets', figOffsets);
  w.add('figures', figures);
  encodePostings(index.uni, remap, live.length, w, 'uni');
  encodePostings(index.bi, remap, live.length, w, 'bi');

  const crc: Record<string, number> = {};
  for (const name of Object.keys(w.sections)) crc[name] = 0; // CRC-32 of an empty section
  {
    // Each section is one chunk (padding chunks follow): match chunks to sections by offset.
    let at = 0;
    const starts = new Map(Object.entries(w.sections).map(([name, [offset]]) => [offset, name]));
    for (const c of w.chunks) {
      const name = starts.get(at);
      if (name !== undefined && c.length === w.sections[name][1]) crc[name] = crc32(c);
      at += c.length;
    }
  }
  const header: SnapshotHeader = {
    engine: ENGINE_VERSION,
    schema: SCHEMA_VERSION,
    parser: PARSER_VERSION,
    generation,
    docs: live.length,
    crc,
    bodyLength: w.length,
    sections: w.sections,
  };
  const headerJson = Buffer.from(JSON.stringify(header), 'utf8');
  const headLen = 8 + 4 + headerJson.length;
  const headPad = (8 - (headLen % 8)) % 8;
  const head = Buffer.alloc(headLen + headPad);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(headerJson.length, 8);
  headerJson.copy(head, 12);

  const indexPath = join(dir, 'index.bin');
  const fd = openSync(indexPath + '.tmp', 'w');
  try {
    writeAll(fd, [head, ...w.chunks]);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(textsPath + '.tmp', textsPath);
  renameSync(indexPath + '.tmp', indexPath);
  rmSync(join(dir, 'journal.bin'), { force: true });
  for (const f of readdirSync(dir)) if (f.startsWith('texts-') && f !== `texts-${generation}.bin`) rmSync(join(dir, f), { force: true });

  // The in-memory index now mirrors the snapshot's numbering and text file.
  live.forEach((d, i) => {
    d.originalRef = refs[i];
  });
  return generation;
}

function readSection(fd: number, base: number, section: [number, number] | undefined, name: string): Buffer {
  if (!section) throw new Error(`index section ${name} missing`);
  const [offset, length] = section;
  // Own ArrayBuffer per section (never Buffer's shared pool), so typed views are aligned.
  const buf = Buffer.from(new ArrayBuffer(length));
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, base + offset + got);
    if (n <= 0) throw new Error(`index truncated in ${name}`);
    got += n;
  }
  return buf;
}

function u32(buf: Buffer): Uint32Array {
  if (buf.length % 4 !== 0) throw new Error('index: misaligned section');
  // Sections are read into their own (unpooled, aligned) buffers: view them without copying.
  if (buf.byteOffset % 4 === 0 && buf.buffer.byteLength === buf.length) return new Uint32Array(buf.buffer, buf.byteOffset, buf.length / 4);
  const out = new Uint32Array(buf.length / 4);
  Buffer.from(out.buffer).set(buf);
  return out;
}

export interface LoadedSnapshot {
  index: MemoryIndex;
  generation: string;
  textsPath: string;
  /** Reads the per-document sections in the background and checks their CRC-32 (false = corrupt). */
  verifyText: () => Promise<boolean>;
}

const NOT_LOADED_TEXT = Buffer.alloc(0);
const NOT_LOADED_U32 = new Uint32Array(0);
const NOT_LOADED_F64 = new Float64Array(0);

/** Sections holding per-document data (normalized texts, field tables, figures): read lazily. */
const LAZY_SECTIONS = ['text', 'fieldStart', 'fieldWhere', 'figures'];
/** Documents read together on demand (about 6 MB of text for generated reports). */
const BLOCK = 1024;
/** Documents per background read (about 0.7 MB of text for generated reports). */
const BACKGROUND_STEP = 128;

function f64(buf: Buffer): Float64Array {
  if (buf.length % 8 !== 0) throw new Error('index: misaligned section');
  return new Float64Array(buf.buffer, buf.byteOffset, buf.length / 8);
}

interface LazySection {
  name: string;
  buf: Buffer;
  fileOffset: number;
  crc: number;
  /** Bytes per element; document i spans elements offsets[i]..offsets[i+1]. */
  unit: number;
  offsets: Uint32Array;
}

/**
 * The per-document sections of a loaded snapshot (about 90 % of index.bin) are not read at open.
 * Documents are read in blocks of BLOCK: synchronously the first time a query touches a block
 * (ensure), and all blocks in order in the background (background), which also checks every
 * section's CRC-32. Texts and figures stay resident; the field tables (start offset and `where`
 * of every field) are only used to compute the class boundaries, and are read again per document
 * when a hit must be located in its field (fields), which only the top results of a page need.
 */
export class LazyDocData {
  /** 1 = the document's text, figures and class boundaries are in memory. */
  readonly loaded: Uint8Array;
  private fd: number | null;
  private remaining: number;
  private stopped = false;

  constructor(
    private readonly path: string,
    private readonly index: MemoryIndex,
    private readonly classes: number[],
    private readonly sections: LazySection[],
  ) {
    this.loaded = new Uint8Array(index.docs.length);
    this.remaining = index.docs.length;
    this.fd = openSync(path, 'r');
  }

  get complete(): boolean {
    return this.remaining === 0;
  }

  private file(): number {
    if (this.fd === null) this.fd = openSync(this.path, 'r');
    return this.fd;
  }

  private readInto(buf: Buffer, at: number, length: number, position: number): void {
    const fd = this.file();
    let got = 0;
    while (got < length) {
      const n = readSync(fd, buf, at + got, length - got, position + got);
      if (n <= 0) throw new Error('index truncated');
      got += n;
    }
  }

  /** Byte range of documents [first, end) in a section. */
  private range(sec: LazySection, first: number, end: number): [number, number] {
    return [sec.offsets[first] * sec.unit, sec.offsets[end] * sec.unit];
  }

  /** Makes document `num`'s block available now (one sequential read per section). */
  ensure(num: number): void {
    if (num >= this.loaded.length || this.loaded[num] === 1) return;
    const first = num - (num % BLOCK);
    const end = Math.min(this.loaded.length, first + BLOCK);
    const [text, starts, wheres, figures] = this.sections;
    for (const sec of [text, figures]) {
      const [from, to] = this.range(sec, first, end);
      this.readInto(sec.buf, from, to - from, sec.fileOffset + from);
    }
    const fields: Buffer[] = [];
    for (const sec of [starts, wheres]) {
      const [from, to] = this.range(sec, first, end);
      const buf = Buffer.allocUnsafeSlow(to - from);
      this.readInto(buf, 0, to - from, sec.fileOffset + from);
      fields.push(buf);
    }
    this.finishBlock(first, end, fields[0], fields[1]);
  }

  private finishBlock(first: number, end: number, startsBuf: Buffer, wheresBuf: Buffer): void {
    const [text, starts, , figures] = this.sections;
    const base = starts.offsets[first];
    const allStarts = new Uint32Array(startsBuf.buffer, startsBuf.byteOffset, startsBuf.length >>> 2);
    const allWheres = new Uint32Array(wheresBuf.buffer, wheresBuf.byteOffset, wheresBuf.length >>> 2);
    for (let num = first; num < end; num++) {
      if (this.loaded[num] === 1) continue;
      const doc = this.index.docs[num];
      if (doc) {
        doc.text = text.buf.subarray(text.offsets[num] * 2, text.offsets[num + 1] * 2);
        doc.figures = new Float64Array(figures.buf.buffer, figures.buf.byteOffset + figures.offsets[num] * 8, figures.offsets[num + 1] - figures.offsets[num]);
        const fs = starts.offsets[num] - base;
        const fe = starts.offsets[num + 1] - base;
        doc.classEnd = classEnds(doc.len, allStarts.subarray(fs, fe), allWheres.subarray(fs, fe), this.classes);
        doc.headEnd = doc.classEnd[1];
      }
      this.loaded[num] = 1;
      this.remaining--;
    }
  }

  /** The field tables of a document (read on first use, then kept with the document). */
  fields(doc: DocRecord): void {
    if (doc.fieldStart !== NOT_LOADED_U32 || doc.num >= this.loaded.length) return;
    const [, starts, wheres] = this.sections;
    const out: Uint32Array[] = [];
    for (const sec of [starts, wheres]) {
      const [from, to] = this.range(sec, doc.num, doc.num + 1);
      const buf = Buffer.allocUnsafeSlow(to - from);
      this.readInto(buf, 0, to - from, sec.fileOffset + from);
      out.push(new Uint32Array(buf.buffer, buf.byteOffset, buf.length >>> 2));
    }
    doc.fieldStart = out[0];
    doc.fieldWhere = out[1];
  }

  /** Every document with its field tables (before writing a snapshot). */
  ensureAll(): void {
    for (let i = 0; i < this.loaded.length; i++) {
      this.ensure(i);
      const doc = this.index.docs[i];
      if (doc) this.fields(doc);
    }
  }

  /** Reads all blocks in order in the background, checking each section's CRC-32; false when one does not match. */
  async background(): Promise<boolean> {
    const handle = await open(this.path, 'r');
    const crc = this.sections.map(() => 0);
    try {
      // Small steps: the CRC and bookkeeping of one step run on the main thread between queries.
      for (let first = 0; first < this.loaded.length; first += BACKGROUND_STEP) {
        if (this.stopped) return true;
        const end = Math.min(this.loaded.length, first + BACKGROUND_STEP);
        const bufs: Buffer[] = [];
        for (let k = 0; k < this.sections.length; k++) {
          const sec = this.sections[k];
          const [from, to] = this.range(sec, first, end);
          // Texts and figures straight into place (a block ensure() read meanwhile gets the same
          // bytes again); field tables into a temporary buffer.
          const resident = k === 0 || k === 3;
          const buf = resident ? sec.buf : Buffer.allocUnsafeSlow(to - from);
          const at = resident ? from : 0;
          for (let got = 0; got < to - from; ) {
            const { bytesRead } = await handle.read(buf, at + got, to - from - got, sec.fileOffset + from + got);
            if (bytesRead <= 0) return false;
            got += bytesRead;
          }
          crc[k] = crc32(buf.subarray(at, at + to - from), crc[k]);
          bufs.push(buf);
        }
        if (this.stopped) return true;
        this.finishBlock(first, end, bufs[1], bufs[2]);
      }
      return this.sections.every((sec, k) => crc[k] === sec.crc);
    } finally {
      await handle.close();
      if (this.remaining === 0) this.closeFile();
    }
  }

  private closeFile(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  /** Stops the background reads (engine closed, or the index replaced). */
  close(): void {
    this.stopped = true;
    this.closeFile();
  }
}

/** Loads a snapshot; throws StaleIndexError for old versions and Error for anything corrupt. */
export function loadSnapshot(dir: string): LoadedSnapshot {
  const indexPath = join(dir, 'index.bin');
  const fd = openSync(indexPath, 'r');
  try {
    const head = Buffer.alloc(12);
    if (readSync(fd, head, 0, 12, 0) !== 12 || head.toString('latin1', 0, 8) !== MAGIC) throw new Error('index: bad magic');
    const headerLen = head.readUInt32LE(8);
    if (headerLen > 1 << 20) throw new Error('index: bad header length');
    const hbuf = Buffer.alloc(headerLen);
    if (readSync(fd, hbuf, 0, headerLen, 12) !== headerLen) throw new Error('index: truncated header');
    const header = JSON.parse(hbuf.toString('utf8')) as SnapshotHeader;
    if (header.engine !== ENGINE_VERSION || header.schema !== SCHEMA_VERSION || header.parser !== PARSER_VERSION) {
      throw new StaleIndexError(`index built by engine ${header.engine}/schema ${header.schema}/parser ${header.parser}`);
    }
    const base = 12 + headerLen + ((8 - ((12 + headerLen) % 8)) % 8);
    const s = header.sections;
    const names = Object.keys(s).sort((a, b) => s[a][0] - s[b][0]);
    const bufs: Record<string, Buffer> = {};
    for (const name of names) {
      if (s[name][0] + s[name][1] > header.bodyLength) throw new Error('index: section out of range');
      if (typeof header.crc?.[name] !== 'number') throw new Error(`index: no checksum for ${name}`);
      if (LAZY_SECTIONS.includes(name)) {
        if (name === 'fieldStart' || name === 'fieldWhere') {
          bufs[name] = Buffer.alloc(0); // read per block / per document (LazyDocData)
          continue;
        }
        // Per-document data: memory reserved now (not touched), filled per document on demand
        // and by the background loader, which also checks these sections' CRC-32.
        bufs[name] = Buffer.allocUnsafeSlow(s[name][1]);
        continue;
      }
      bufs[name] = readSection(fd, base, s[name], name);
      if (crc32(bufs[name]) !== header.crc[name]) throw new Error(`index: checksum mismatch in ${name}`);
    }

    const index = new MemoryIndex();
    const [whereList, whereClasses] = JSON.parse(bufs.wheres.toString('utf8')) as [string[], number[]];
    whereList.forEach((w, i) => index.wheres.intern(w, whereClasses[i]));
    const docsJson = JSON.parse(bufs.docs.toString('utf8')) as [string, string, number | null, string, ReportFormat, number, string[], string[], number, number, number, number][];
    const textOffsets = u32(bufs.textOffsets);
    const fieldOffsets = u32(bufs.fieldOffsets);
    const figOffsets = u32(bufs.figOffsets);
    const figures = f64(bufs.figures);
    if (textOffsets.length !== docsJson.length + 1 || fieldOffsets.length !== docsJson.length + 1) throw new Error('index: inconsistent document tables');
    const text = bufs.text;
    if (textOffsets[docsJson.length] * 2 > text.length || fieldOffsets[docsJson.length] * 4 > s.fieldStart[1] || fieldOffsets[docsJson.length] * 4 > s.fieldWhere[1] || figOffsets[docsJson.length] > figures.length) throw new Error('index: bad offsets');
    // No decoding: each document's normalized text is a view of the section's code units.
    for (let i = 0; i < docsJson.length; i++) {
      const a = textOffsets[i];
      const b = textOffsets[i + 1];
      if (b < a || b * 2 > text.length || fieldOffsets[i + 1] < fieldOffsets[i] || figOffsets[i + 1] < figOffsets[i]) throw new Error('index: bad text offsets');
      const [id, body, year, title, format, tablesMask, chapters, rules, errors, warnings, oOff, oLen] = docsJson[i];
      // Views of the per-document data and class boundaries are set when it is read (LazyDocData).
      const doc: DocRecord = {
        num: i,
        id,
        body,
        year,
        title,
        format,
        tablesMask,
        chapters,
        rules,
        errors,
        warnings,
        text: NOT_LOADED_TEXT,
        len: b - a,
        fieldStart: NOT_LOADED_U32,
        fieldWhere: NOT_LOADED_U32,
        classEnd: NOT_LOADED_U32,
        headEnd: 0,
        figures: NOT_LOADED_F64,
        original: null,
        originalRef: { offset: oOff, length: oLen },
      };
      index.docs.push(doc);
      index.byId.set(id, i);
    }
    index.alive = docsJson.length;
    for (const prefix of ['uni', 'bi'] as const) {
      const keys = u32(bufs[`${prefix}Keys`]);
      const meta = u32(bufs[`${prefix}Meta`]);
      const data = u32(bufs[`${prefix}Data`]);
      const map = prefix === 'uni' ? index.uni : index.bi;
      for (let k = 0; k < keys.length; k++) {
        const kind = meta[k * 4];
        const off = meta[k * 4 + 1];
        const len = meta[k * 4 + 2];
        const count = meta[k * 4 + 3];
        if (off + len > data.length) throw new Error('index: bad postings');
        const view = data.subarray(off, off + len);
        map.set(keys[k] | 0, kind === 1 ? PostingList.fromBits(view, count, true) : PostingList.fromArray(view, true));
      }
    }
    const textsPath = join(dir, `texts-${header.generation}.bin`);
    if (!existsSync(textsPath)) throw new Error('index: text file missing');
    const lazy = new LazyDocData(
      indexPath,
      index,
      whereClasses,
      [
        { name: 'text', buf: text, fileOffset: base + s.text[0], crc: header.crc.text, unit: 2, offsets: textOffsets },
        { name: 'fieldStart', buf: bufs.fieldStart, fileOffset: base + s.fieldStart[0], crc: header.crc.fieldStart, unit: 4, offsets: fieldOffsets },
        { name: 'fieldWhere', buf: bufs.fieldWhere, fileOffset: base + s.fieldWhere[0], crc: header.crc.fieldWhere, unit: 4, offsets: fieldOffsets },
        { name: 'figures', buf: bufs.figures, fileOffset: base + s.figures[0], crc: header.crc.figures, unit: 8, offsets: figOffsets },
      ],
    );
    index.lazy = lazy;
    return { index, generation: header.generation, textsPath, verifyText: () => lazy.background() };
  } finally {
    closeSync(fd);
  }
}

/** Reads original field texts of snapshot documents, decoding only the fields asked for. */
export class OriginalsReader {
  private fd: number | null = null;
  constructor(readonly path: string) {}

  /** Field accessor for one document (one read of its blob, UTF-8 decoded per field on demand). */
  open(ref: { offset: number; length: number }): (field: number) => string {
    if (this.fd === null) this.fd = openSync(this.path, 'r');
    const buf = Buffer.allocUnsafe(ref.length);
    let got = 0;
    while (got < ref.length) {
      const n = readSync(this.fd, buf, got, ref.length - got, ref.offset + got);
      if (n <= 0) break;
      got += n;
    }
    const starts: number[] = [0];
    return (field: number) => {
      while (starts.length <= field) {
        const prev = starts[starts.length - 1];
        const nul = prev < 0 ? -1 : buf.indexOf(0, prev);
        starts.push(nul < 0 ? -1 : nul + 1);
      }
      const start = starts[field];
      if (start < 0) return '';
      const end = buf.indexOf(0, start);
      return buf.toString('utf8', start, end < 0 ? got : end);
    };
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

// ---- journal ------------------------------------------------------------------------------

export interface JournalAdd {
  op: 'add';
  meta: Omit<DocRecord, 'num' | 'text' | 'len' | 'fieldStart' | 'fieldWhere' | 'original' | 'originalRef' | 'figures' | 'classEnd' | 'headEnd'> & { figures: (number | null)[] };
  fields: [string, number, string][];
}
export interface JournalRemove {
  op: 'remove';
  id: string;
}
export type JournalRecord = JournalAdd | JournalRemove;

export function journalRecordFor(doc: DocRecord, wheres: { list: string[]; classes: number[] }): JournalAdd {
  const original = doc.original ?? [];
  return {
    op: 'add',
    meta: {
      id: doc.id,
      body: doc.body,
      year: doc.year,
      title: doc.title,
      format: doc.format,
      tablesMask: doc.tablesMask,
      chapters: doc.chapters,
      rules: doc.rules,
      errors: doc.errors,
      warnings: doc.warnings,
      figures: Array.from(doc.figures, (v) => (Number.isNaN(v) ? null : v)),
    },
    fields: Array.from(doc.fieldWhere, (w, i) => [wheres.list[w], wheres.classes[w], original[i] ?? ''] as [string, number, string]),
  };
}

export function appendJournal(dir: string, record: JournalRecord): void {
  const payload = Buffer.from(JSON.stringify(record), 'utf8');
  const head = Buffer.alloc(8);
  head.writeUInt32LE(payload.length, 0);
  head.writeUInt32LE(crc32(payload), 4);
  appendFileSync(join(dir, 'journal.bin'), Buffer.concat([head, payload]));
}

/** Replays the journal into `index`; a torn tail record (crash mid-append) is ignored. Returns the record count. */
export function replayJournal(dir: string, index: MemoryIndex): number {
  const path = join(dir, 'journal.bin');
  if (!existsSync(path)) return 0;
  const buf = readFileSync(path);
  let pos = 0;
  let count = 0;
  while (pos + 8 <= buf.length) {
    const len = buf.readUInt32LE(pos);
    const crc = buf.readUInt32LE(pos + 4);
    if (pos + 8 + len > buf.length) break;
    const payload = buf.subarray(pos + 8, pos + 8 + len);
    if (crc32(payload) !== crc) throw new Error('journal: checksum mismatch');
    const rec = JSON.parse(payload.toString('utf8')) as JournalRecord;
    if (rec.op === 'remove') index.remove(rec.id);
    else {
      const fields: Field[] = rec.fields.map(([where, cls, text]) => ({ where, cls: cls as Field['cls'], text }));
      const figures = Float64Array.from(rec.meta.figures, (v) => (v == null ? NaN : v));
      index.add(docFromFields({ ...rec.meta, figures }, fields, index.wheres, index.docs.length));
    }
    pos += 8 + len;
    count++;
  }
  return count;
}
