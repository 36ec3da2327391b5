/**
 * On-disk form of the index in `<archive>/search/`:
 *   index.bin   header (magic, engine/schema/parser versions, section table, CRC-32) followed by
 *               8-byte-aligned binary sections: document metadata (JSON), class ends, the
 *               unigram/bigram posting lists as Uint32 arrays or bitsets, the directory of the
 *               positional postings (all read at open), then normalized texts (UTF-16LE), field
 *               tables, figure columns (Float64, one per cell path) and the positional postings
 *               (positions.ts), which stay on disk and are read on demand (snapshot-data.ts). The
 *               header is written last, so a section's length may be known only once written.
 *   texts-<generation>.bin  original field texts (UTF-8), read only for the snippets of a page.
 *   journal.bin appended add/remove records since the snapshot (replay is idempotent).
 * Loading reads the small sections straight into typed arrays; nothing is re-tokenized.
 */
import { closeSync, existsSync, fstatSync, fsyncSync, openSync, readFileSync, readSync, readdirSync, renameSync, rmSync, writeSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { PARSER_VERSION, SCHEMA_VERSION } from '../model.ts';
import type { ReportFormat } from '../spec.ts';
import type { Field } from './document.ts';
import { FieldClass } from './document.ts';
import { FIGURE_KEYS } from './figures.ts';
import { PostingList } from './postings.ts';
import { writePositions, type PositionalDirectory } from './positions.ts';
import { SnapshotData } from './snapshot-data.ts';
import { CLASS_ENDS, MemoryIndex, docFromFields, type DocRecord } from './store.ts';

/** 3: per-document sections stay on disk (figures column-major, class ends stored). 4: narrative wording (无法计算, no stacked zeros) re-indexed. 5: positional postings. */
export const ENGINE_VERSION = 5;
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

/**
 * Section table of a snapshot being written: every section's size is known before anything is
 * written, so the (fixed-size) header goes first and the sections are streamed after it, each
 * CRC-32 computed as it is written.
 */
interface PlannedSection {
  name: string;
  /** Known before writing, or -1: measured while writing (the header is written last). */
  length: number;
  /** Writes the section's bytes, in order, through `emit`. */
  write: (emit: (chunk: Buffer | ArrayBufferView) => void) => void;
}

function bytesOf(data: Buffer | ArrayBufferView): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

function whole(name: string, data: Buffer | ArrayBufferView): PlannedSection {
  const buf = bytesOf(data);
  return { name, length: buf.length, write: (emit) => emit(buf) };
}

/** Buffered sequential writes to a file descriptor (small chunks are copied into one staging buffer). */
class FileSink {
  private readonly staging = Buffer.allocUnsafeSlow(4 << 20);
  private staged = 0;
  position = 0;
  constructor(private readonly fd: number) {}
  write(chunk: Buffer): void {
    // Chunks may be views of reused buffers (the read window): copied or written before returning.
    if (this.staged + chunk.length > this.staging.length) this.flush();
    if (chunk.length > this.staging.length) this.writeAll(chunk);
    else this.staged += chunk.copy(this.staging, this.staged);
    this.position += chunk.length;
  }
  flush(): void {
    this.writeAll(this.staging.subarray(0, this.staged));
    this.staged = 0;
  }
  private writeAll(b: Buffer): void {
    let off = 0;
    while (off < b.length) off += writeSync(this.fd, b, off, b.length - off);
  }
}

/** The sections of one posting map, and the keys written (in section order: the positional ids of bigrams). */
function encodePostings(map: Map<number, PostingList>, remap: Int32Array, docCount: number, prefix: string): { sections: PlannedSection[]; keys: Uint32Array } {
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
  const written = Uint32Array.from(keys);
  return {
    keys: written,
    sections: [
      whole(`${prefix}Keys`, written),
      whole(`${prefix}Meta`, Uint32Array.from(meta)),
      { name: `${prefix}Data`, length: offset * 4, write: (emit) => data.forEach((a) => emit(a)) },
    ],
  };
}

/** A document's normalized text as a Uint16Array (a view when aligned, else a copy). */
function codeUnits(units: Buffer, len: number): Uint16Array {
  if (units.byteOffset % 2 === 0) return new Uint16Array(units.buffer, units.byteOffset, len);
  const copy = new Uint16Array(len);
  Buffer.from(copy.buffer).set(units.subarray(0, len * 2));
  return copy;
}

/** Header bytes reserved before the sections: the JSON header is padded with spaces to it. */
function headerSpace(sectionNames: string[]): number {
  const json = JSON.stringify({
    engine: ENGINE_VERSION,
    schema: SCHEMA_VERSION,
    parser: PARSER_VERSION,
    generation: 'x'.repeat(24),
    docs: 4294967295,
    crc: Object.fromEntries(sectionNames.map((n) => [n, 4294967295])),
    bodyLength: Number.MAX_SAFE_INTEGER,
    sections: Object.fromEntries(sectionNames.map((n) => [n, [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]])),
  });
  const len = Buffer.byteLength(json) + 64;
  return len + ((8 - ((12 + len) % 8)) % 8);
}

/**
 * Writes a compacted snapshot (dead documents dropped, numbers renumbered). Texts, field
 * tables and figures are streamed document by document (from memory, or from the previous
 * snapshot on disk), so writing never holds the whole index in memory.
 * `originalBlob(d)` gives a document's original field texts as stored in the text file.
 */
export function writeSnapshot(dir: string, index: MemoryIndex, originalBlob: (doc: DocRecord) => Buffer, onStep?: (step: string) => void): string {
  const generation = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const live = index.docs.filter((d): d is DocRecord => d != null);
  const remap = new Int32Array(index.docs.length).fill(-1);
  live.forEach((d, i) => (remap[d.num] = i));

  // Original texts: one UTF-8 blob per document (fields joined by NUL).
  const textsPath = join(dir, `texts-${generation}.bin`);
  const refs: { offset: number; length: number }[] = [];
  const tfd = openSync(textsPath + '.tmp', 'w');
  try {
    const sink = new FileSink(tfd);
    for (const d of live) {
      const blob = originalBlob(d);
      refs.push({ offset: sink.position, length: blob.length });
      sink.write(blob);
    }
    sink.flush();
    fsyncSync(tfd);
  } finally {
    closeSync(tfd);
  }

  const n = live.length;
  const textOffsets = new Uint32Array(n + 1);
  const fieldOffsets = new Uint32Array(n + 1);
  let textLen = 0;
  let fieldLen = 0;
  for (let i = 0; i < n; i++) {
    textOffsets[i] = textLen;
    fieldOffsets[i] = fieldLen;
    textLen += live[i].len;
    fieldLen += index.fieldCount(live[i]);
  }
  textOffsets[n] = textLen;
  fieldOffsets[n] = fieldLen;
  const classEndAll = new Uint32Array(n * CLASS_ENDS);
  live.forEach((d, i) => classEndAll.set(d.classEnd, i * CLASS_ENDS));
  const keys = FIGURE_KEYS;
  const docs = encodeDocs(live, refs);
  const unigrams = encodePostings(index.uni, remap, n, 'uni');
  const bigrams = encodePostings(index.bi, remap, n, 'bi');
  let positional: PositionalDirectory | null = null;

  const sections: PlannedSection[] = [
    whole('docStrings', Buffer.from(JSON.stringify(docs.strings), 'utf8')),
    whole('docInts', docs.ints),
    whole('docOriginals', docs.originals),
    whole('wheres', Buffer.from(JSON.stringify([index.wheres.list, index.wheres.classes]), 'utf8')),
    whole('figureKeys', Buffer.from(JSON.stringify(keys), 'utf8')),
    whole('textOffsets', textOffsets),
    whole('fieldOffsets', fieldOffsets),
    whole('classEnds', classEndAll),
    ...unigrams.sections,
    ...bigrams.sections,
    { name: 'text', length: textLen * 2, write: (emit) => live.forEach((d) => emit(index.textOf(d).subarray(0, d.len * 2))) },
    {
      name: 'posData',
      length: -1,
      write: (emit) => {
        positional = writePositions(n, (i) => live[i].len, (i) => codeUnits(index.textOf(live[i]), live[i].len), bigrams.keys, emit);
      },
    },
    // The directory of the blocks above (known once they are written).
    { name: 'posKeys', length: -1, write: (emit) => emit(positional!.keys) },
    { name: 'posBatches', length: -1, write: (emit) => emit(positional!.batchStarts) },
    { name: 'posEntryStarts', length: -1, write: (emit) => emit(positional!.entryStarts) },
    { name: 'posEntryIds', length: -1, write: (emit) => emit(positional!.entryIds) },
    { name: 'posEntryDocs', length: -1, write: (emit) => emit(positional!.entryDocs) },
    { name: 'posEntryOffsets', length: -1, write: (emit) => emit(positional!.entryOffsets) },
    { name: 'posLong', length: -1, write: (emit) => emit(positional!.long) },
    { name: 'fieldStart', length: fieldLen * 4, write: (emit) => live.forEach((d) => emit(index.fieldTableOf(d, 'starts'))) },
    { name: 'fieldWhere', length: fieldLen * 4, write: (emit) => live.forEach((d) => emit(index.fieldTableOf(d, 'wheres'))) },
    {
      name: 'figures',
      length: keys.length * n * 8,
      write: (emit) => {
        const column = new Float64Array(n);
        for (const key of keys) {
          for (let i = 0; i < n; i++) column[i] = index.figureOf(live[i], key);
          emit(column);
        }
      },
    },
  ];

  const names = sections.map((sec) => sec.name);
  const reserved = headerSpace(names);
  const table: Record<string, [number, number]> = {};
  let bodyLength = 0;
  const crc: Record<string, number> = {};
  const indexPath = join(dir, 'index.bin');
  const fd = openSync(indexPath + '.tmp', 'w');
  try {
    const sink = new FileSink(fd);
    sink.write(Buffer.alloc(12 + reserved)); // the header, written last
    for (const sec of sections) {
      let c = 0;
      let written = 0;
      sec.write((chunk) => {
        const b = bytesOf(chunk);
        c = crc32(b, c);
        written += b.length;
        sink.write(b);
      });
      if (sec.length >= 0 && written !== sec.length) throw new Error(`index: section ${sec.name} wrote ${written} of ${sec.length} bytes`);
      crc[sec.name] = c;
      table[sec.name] = [bodyLength, written];
      const pad = (8 - (written % 8)) % 8;
      if (pad) sink.write(Buffer.alloc(pad));
      bodyLength += written + pad;
    }
    sink.flush();
    const header: SnapshotHeader = { engine: ENGINE_VERSION, schema: SCHEMA_VERSION, parser: PARSER_VERSION, generation, docs: n, crc, bodyLength, sections: table };
    const json = Buffer.from(JSON.stringify(header).padEnd(reserved, ' '), 'utf8');
    if (json.length !== reserved) throw new Error('index: header does not fit');
    const head = Buffer.alloc(12 + reserved);
    head.write(MAGIC, 0, 'latin1');
    head.writeUInt32LE(reserved, 8);
    json.copy(head, 12);
    writeSync(fd, head, 0, head.length, 0);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(textsPath + '.tmp', textsPath);
  onStep?.('compact:texts'); // the new texts file is in place, the old index still names the old one
  renameSync(indexPath + '.tmp', indexPath);
  onStep?.('compact:index'); // the new index is in place, the journal it replaces not yet removed
  rmSync(join(dir, 'journal.bin'), { force: true });
  for (const f of readdirSync(dir)) if (f.startsWith('texts-') && f !== `texts-${generation}.bin`) rmSync(join(dir, f), { force: true });
  return generation;
}

/** Per-document numbers: year (NULL_YEAR = none), format, tables mask, body, chapter set, rule set, errors, warnings. */
const DOC_INTS = 8;
const NULL_YEAR = -0x80000000;

/** Strings of the document table; bodies, formats, chapter and rule lists each stored once. */
interface DocStrings {
  ids: string[];
  titles: string[];
  bodies: string[];
  formats: ReportFormat[];
  chapterSets: string[][];
  ruleSets: string[][];
}

/**
 * The document table as columns (a JSON array of objects took ~1 s to parse at 100,000
 * documents; interned lists and an Int32 table take a tenth of that).
 */
function encodeDocs(live: DocRecord[], refs: { offset: number; length: number }[]): { strings: DocStrings; ints: Int32Array; originals: Float64Array } {
  const strings: DocStrings = { ids: [], titles: [], bodies: [], formats: [], chapterSets: [], ruleSets: [] };
  const interned = new Map<string, number>();
  const intern = (list: unknown[], kind: string, value: unknown): number => {
    const key = kind + JSON.stringify(value);
    let i = interned.get(key);
    if (i === undefined) {
      i = list.length;
      list.push(value);
      interned.set(key, i);
    }
    return i;
  };
  const ints = new Int32Array(live.length * DOC_INTS);
  const originals = new Float64Array(live.length * 2);
  live.forEach((d, i) => {
    strings.ids.push(d.id);
    strings.titles.push(d.title);
    const at = i * DOC_INTS;
    ints[at] = d.year ?? NULL_YEAR;
    ints[at + 1] = intern(strings.formats, 'f', d.format);
    ints[at + 2] = d.tablesMask;
    ints[at + 3] = intern(strings.bodies, 'b', d.body);
    ints[at + 4] = intern(strings.chapterSets, 'c', d.chapters);
    ints[at + 5] = intern(strings.ruleSets, 'r', d.rules);
    ints[at + 6] = d.errors;
    ints[at + 7] = d.warnings;
    originals[i * 2] = refs[i].offset;
    originals[i * 2 + 1] = refs[i].length;
  });
  return { strings, ints, originals };
}

function i32(buf: Buffer): Int32Array {
  if (buf.length % 4 !== 0) throw new Error('index: misaligned section');
  return new Int32Array(buf.buffer, buf.byteOffset, buf.length / 4);
}

function f64(buf: Buffer): Float64Array {
  if (buf.length % 8 !== 0) throw new Error('index: misaligned section');
  return new Float64Array(buf.buffer, buf.byteOffset, buf.length / 8);
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
  return new Uint32Array(buf.buffer, buf.byteOffset, buf.length / 4);
}

export interface LoadedSnapshot {
  index: MemoryIndex;
  generation: string;
  textsPath: string;
  /** Checks the on-disk sections' CRC-32 in the background (false = corrupt). */
  verify: () => Promise<boolean>;
}

const NOT_LOADED_TEXT = Buffer.alloc(0);
const NOT_LOADED_U32 = new Uint32Array(0);
const NOT_LOADED_F64 = new Float64Array(0);

/** Sections left on disk (read per document / per column / per bigram by SnapshotData). */
const ON_DISK = new Set(['text', 'fieldStart', 'fieldWhere', 'figures', 'posData']);

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
    const fileSize = fstatSync(fd).size;
    if (base + header.bodyLength > fileSize) throw new Error('index: truncated');
    const bufs: Record<string, Buffer> = {};
    for (const name of Object.keys(s)) {
      if (s[name][0] + s[name][1] > header.bodyLength) throw new Error('index: section out of range');
      if (typeof header.crc?.[name] !== 'number') throw new Error(`index: no checksum for ${name}`);
      if (ON_DISK.has(name)) continue;
      bufs[name] = readSection(fd, base, s[name], name);
      if (crc32(bufs[name]) !== header.crc[name]) throw new Error(`index: checksum mismatch in ${name}`);
    }
    for (const name of ['docStrings', 'docInts', 'docOriginals', 'wheres', 'figureKeys', 'textOffsets', 'fieldOffsets', 'classEnds', 'posKeys', 'posBatches', 'posEntryStarts', 'posEntryIds', 'posEntryDocs', 'posEntryOffsets', 'posLong', ...ON_DISK]) {
      if (!s[name]) throw new Error(`index section ${name} missing`);
    }

    const index = new MemoryIndex();
    const [whereList, whereClasses] = JSON.parse(bufs.wheres.toString('utf8')) as [string[], number[]];
    whereList.forEach((w, i) => index.wheres.intern(w, whereClasses[i]));
    const strings = JSON.parse(bufs.docStrings.toString('utf8')) as DocStrings;
    const ints = i32(bufs.docInts);
    const originals = f64(bufs.docOriginals);
    const figureKeys = JSON.parse(bufs.figureKeys.toString('utf8')) as string[];
    const n = strings.ids.length;
    if (strings.titles.length !== n || ints.length !== n * DOC_INTS || originals.length !== n * 2) throw new Error('index: inconsistent document tables');
    const textOffsets = u32(bufs.textOffsets);
    const fieldOffsets = u32(bufs.fieldOffsets);
    const classEndAll = u32(bufs.classEnds);
    if (textOffsets.length !== n + 1 || fieldOffsets.length !== n + 1 || classEndAll.length !== n * CLASS_ENDS) throw new Error('index: inconsistent document tables');
    if (textOffsets[n] * 2 !== s.text[1] || fieldOffsets[n] * 4 !== s.fieldStart[1] || fieldOffsets[n] * 4 !== s.fieldWhere[1] || figureKeys.length * n * 8 !== s.figures[1]) {
      throw new Error('index: bad offsets');
    }
    const yearScores = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const a = textOffsets[i];
      const b = textOffsets[i + 1];
      if (b < a || fieldOffsets[i + 1] < fieldOffsets[i]) throw new Error('index: bad text offsets');
      const at = i * DOC_INTS;
      const id = strings.ids[i];
      const year = ints[at] === NULL_YEAR ? null : ints[at];
      const format = strings.formats[ints[at + 1]];
      const body = strings.bodies[ints[at + 3]];
      const chapters = strings.chapterSets[ints[at + 4]];
      const rules = strings.ruleSets[ints[at + 5]];
      if (format === undefined || body === undefined || chapters === undefined || rules === undefined) throw new Error('index: bad document table');
      const classEnd = classEndAll.subarray(i * CLASS_ENDS, (i + 1) * CLASS_ENDS);
      yearScores[i] = (year ?? 0) * 1e-6;
      index.docs.push({
        num: i,
        id,
        body,
        year,
        title: strings.titles[i],
        format,
        tablesMask: ints[at + 2],
        chapters,
        rules,
        errors: ints[at + 6],
        warnings: ints[at + 7],
        text: NOT_LOADED_TEXT,
        len: b - a,
        fieldStart: NOT_LOADED_U32,
        fieldWhere: NOT_LOADED_U32,
        classEnd,
        headEnd: classEnd[FieldClass.Heading],
        figures: NOT_LOADED_F64,
        original: null,
        originalRef: { offset: originals[i * 2], length: originals[i * 2 + 1] },
      });
      index.byId.set(id, i);
    }
    index.alive = n;
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
    const positional: PositionalDirectory = {
      keys: u32(bufs.posKeys),
      batchStarts: u32(bufs.posBatches),
      entryStarts: u32(bufs.posEntryStarts),
      entryIds: u32(bufs.posEntryIds),
      entryDocs: u32(bufs.posEntryDocs),
      entryOffsets: u32(bufs.posEntryOffsets),
      long: u32(bufs.posLong),
    };
    checkPositional(positional, n, s.posData[1] / 2);
    const textsPath = join(dir, `texts-${header.generation}.bin`);
    if (!existsSync(textsPath)) throw new Error('index: text file missing');
    const onDisk = (name: string) => ({ name, offset: base + s[name][0], length: s[name][1], crc: header.crc[name] });
    const data = new SnapshotData({
      path: indexPath,
      count: n,
      text: onDisk('text'),
      textOffsets,
      fieldStart: onDisk('fieldStart'),
      fieldWhere: onDisk('fieldWhere'),
      fieldOffsets,
      figures: onDisk('figures'),
      figureKeys,
      classEnds: classEndAll,
      yearScores,
      positional,
      posData: onDisk('posData'),
    });
    index.snapshot = data;
    return { index, generation: header.generation, textsPath, verify: () => data.verify() };
  } finally {
    closeSync(fd);
  }
}

/** The positional directory must describe blocks inside posData, batches covering every document. */
function checkPositional(p: PositionalDirectory, docs: number, dataUnits: number): void {
  const batches = p.batchStarts.length - 1;
  const entries = p.entryIds.length;
  const bad = () => new Error('index: bad positional directory');
  if (docs === 0 ? batches > 0 : batches < 1 || p.batchStarts[0] !== 0 || p.batchStarts[batches] !== docs) throw bad();
  if (p.entryStarts.length !== batches + 1 || p.entryStarts[0] !== 0 || p.entryStarts[batches] !== entries) throw bad();
  if (p.entryDocs.length !== entries || p.entryOffsets.length !== entries + 1 || p.entryOffsets[entries] !== dataUnits) throw bad();
  for (let t = 0; t < batches; t++) {
    if (p.batchStarts[t + 1] <= p.batchStarts[t] || p.entryStarts[t + 1] < p.entryStarts[t]) throw bad();
    for (let e = p.entryStarts[t]; e < p.entryStarts[t + 1]; e++) {
      if (p.entryIds[e] >= p.keys.length || (e > p.entryStarts[t] && p.entryIds[e] <= p.entryIds[e - 1])) throw bad();
    }
  }
  for (let e = 0; e < entries; e++) if (p.entryOffsets[e + 1] < p.entryOffsets[e] + p.entryDocs[e]) throw bad();
  for (const num of p.long) if (num >= docs) throw bad();
}

/** Reads original field texts of snapshot documents, decoding only the fields asked for. */
export class OriginalsReader {
  private fd: number | null;
  /** Opened at once: a compaction deletes the file it replaces while searches may still read it. */
  constructor(readonly path: string) {
    this.fd = openSync(path, 'r');
  }

  /** The stored blob of one document: its original field texts, UTF-8, joined by NUL. */
  blob(ref: { offset: number; length: number }): Buffer {
    if (this.fd === null) throw new Error('search text file closed');
    const buf = Buffer.allocUnsafe(ref.length);
    let got = 0;
    while (got < ref.length) {
      const n = readSync(this.fd, buf, got, ref.length - got, ref.offset + got);
      if (n <= 0) break;
      got += n;
    }
    return got === ref.length ? buf : buf.subarray(0, got);
  }

  /** Field accessor for one document (one read of its blob, UTF-8 decoded per field on demand). */
  open(ref: { offset: number; length: number }): (field: number) => string {
    const buf = this.blob(ref);
    const got = buf.length;
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
