/** Hand-built reports and temp archives for the store tests (no parser needed). */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Cell, ParsedReport, RuleEvaluation } from '../../core/model.ts';
import { APPLICANT_COLUMNS } from '../../core/spec.ts';
import { Archive, type NewReport } from '../../core/archive/index.ts';
import { ARCHIVE_RULES } from '../../core/service/rules.ts';
import { validateReport } from '../../core/validate/index.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'archive');
export const CLI = path.join(REPO_ROOT, 'bin', 'nianbao.js');

export const tempDir = (prefix = 'nianbao-archive-') => mkdtemp(path.join(os.tmpdir(), prefix));

const num = (n: number): Cell => ({ value: n, state: 'number', raw: String(n) });

/** [natural, total] style: a table-三 row with `natural` in 自然人 and the same in 总计. */
function applicantRow(natural: number): Record<string, Cell> {
  return Object.fromEntries(APPLICANT_COLUMNS.map((c) => [c.id, num(c.id === 'natural' || c.id === 'total' ? natural : 0)]));
}

export interface ReportFigures {
  received?: number;
  carriedOver?: number;
  carriedForward?: number;
}

/** A small 2021-template report whose table 三 balances: received + carriedOver = resultTotal + carriedForward. */
export function parsedReport(body: string, year: number | null, f: ReportFigures = {}, extra: Partial<ParsedReport> = {}): ParsedReport {
  const received = f.received ?? 10;
  const carriedOver = f.carriedOver ?? 0;
  const carriedForward = f.carriedForward ?? 0;
  const handled = received + carriedOver - carriedForward;
  return {
    body: { printed: body, normalized: body.replace(/\s+/g, '') },
    year,
    title: `${body}${year ?? ''}年政府信息公开工作年度报告`,
    publishedAt: null,
    format: '2021',
    preamble: ['根据《条例》要求，现发布本报告。'],
    chapters: [{ id: 'overview', key: 'overview', heading: '一、总体情况', paragraphs: [`${body}推进政务公开。`] }],
    tables: {
      applications: {
        id: 'applications',
        rawRows: [],
        cells: {
          received: applicantRow(received),
          carriedOver: applicantRow(carriedOver),
          granted: applicantRow(handled),
          resultTotal: applicantRow(handled),
          carriedForward: applicantRow(carriedForward),
        },
      },
    },
    genericTables: [],
    parseFindings: [],
    metadataConfidence: { body: 'certain', year: 'certain' },
    sourceMetadata: {},
    ...extra,
  };
}

export function newReport(parsed: ParsedReport, text: string, fileName = 'report.txt', evaluations?: RuleEvaluation[]): NewReport {
  const bytes = new TextEncoder().encode(text);
  return {
    parsed,
    evaluations: evaluations ?? validateReport(parsed),
    mediaType: 'text/plain',
    sha256: createHash('sha256').update(bytes).digest('hex'),
    size: bytes.length,
    bytes,
    fileName,
  };
}

export const openArchive = (dir: string) => Archive.open(dir, ARCHIVE_RULES);

export interface FileState {
  sha256: string;
  size: number;
  mtimeMs: number;
  ino: number;
}

/** Every file under dir (relative path → content hash, size, mtime, inode), the lock excluded. */
export async function snapshot(dir: string): Promise<Map<string, FileState>> {
  const out = new Map<string, FileState>();
  const walk = async (d: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      const full = path.join(d, entry.name);
      const rel = path.relative(dir, full);
      if (rel === 'write.lock') continue;
      if (entry.isDirectory()) await walk(full);
      else {
        const s = await stat(full);
        out.set(rel, { sha256: createHash('sha256').update(await readFile(full)).digest('hex'), size: s.size, mtimeMs: s.mtimeMs, ino: s.ino });
      }
    }
  };
  await walk(dir);
  return out;
}

/** Paths added or changed (content, mtime or inode) between two snapshots, and paths removed. */
export function diffSnapshots(before: Map<string, FileState>, after: Map<string, FileState>): { changed: string[]; removed: string[] } {
  const changed: string[] = [];
  for (const [p, s] of after) {
    const b = before.get(p);
    if (!b || b.sha256 !== s.sha256 || b.mtimeMs !== s.mtimeMs || b.ino !== s.ino) changed.push(p);
  }
  const removed = [...before.keys()].filter((p) => !after.has(p));
  return { changed: changed.sort(), removed: removed.sort() };
}

/** One hash over the whole folder: names and bytes. */
export async function folderHash(dir: string): Promise<string> {
  const snap = await snapshot(dir);
  const h = createHash('sha256');
  for (const p of [...snap.keys()].sort()) h.update(`${p}\0${snap.get(p)!.sha256}\0`);
  return h.digest('hex');
}
