/**
 * The shape of every file the store reads back (report files, catalogue rows, the journal, a
 * trash folder's owner file), checked with zod before anything is done with it: a damaged or
 * crafted file is refused with a message naming it, never half-used. Ids and stored paths are
 * checked strictly because the store turns them into paths: nothing read from the archive may
 * point outside it.
 */
import path from 'node:path';
import { z } from 'zod';
import { ArchiveError } from './schema.ts';

/** Report ids as the store makes them (`2022-1a2b3c4d`, `nd-…`, `…-<hex>` on a collision): no dots, no slashes. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
/** Stored sources: `sources/<sha256>.<ext>`. */
export const STORED_PATH_PATTERN = /^sources\/[0-9a-f]{64}\.[a-z0-9]{1,8}$/;

export const isReportId = (id: unknown): id is string => typeof id === 'string' && ID_PATTERN.test(id);

const reportId = z.string().regex(ID_PATTERN, 'not a report id');
const storedPath = z.string().regex(STORED_PATH_PATTERN, 'not a stored source path');
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'not a sha256');
const text = z.string();

const cell = z.looseObject({ value: z.number().nullable(), state: text, raw: text });
const statTable = z.looseObject({
  id: text,
  cells: z.record(text, z.record(text, cell)),
  rawRows: z.array(z.array(text)),
});
const evaluation = z.looseObject({ rule: text, key: text, status: z.enum(['pass', 'fail', 'notAssessable']), severity: z.enum(['error', 'warning']), message: text, cells: z.array(z.unknown()) });

/** A stored report (after migration to the current schema). Unknown extra fields are kept. */
export const reportFileSchema = z.looseObject({
  schemaVersion: z.number().int(),
  id: reportId,
  body: z.looseObject({ printed: text, normalized: text }),
  year: z.number().int().nullable(),
  title: text,
  publishedAt: text.nullable(),
  format: text,
  preamble: z.array(text),
  chapters: z.array(z.looseObject({ id: text, key: text, heading: text, paragraphs: z.array(text) })),
  tables: z.record(text, statTable.optional()),
  genericTables: z.array(z.looseObject({ caption: text, chapterKey: text, rows: z.array(z.array(text)) })),
  parseFindings: z.array(evaluation),
  metadataConfidence: z.looseObject({ body: text, year: text }),
  sourceMetadata: z.record(text, text),
  source: z.looseObject({ fileName: text, mediaType: text, sha256, size: z.number().nonnegative(), storedPath }),
  importedAt: text,
  parserVersion: text,
  evaluations: z.array(evaluation),
  dismissals: z.array(z.looseObject({ key: text, reason: text, at: text })),
  version: z.number().int().positive(),
});

export const catalogueEntrySchema = z.looseObject({
  id: reportId,
  body: text,
  bodyNormalized: text,
  year: z.number().int().nullable(),
  title: text,
  format: text,
  importedAt: text,
  sha256,
  version: z.number().int(),
  latest: z.boolean(),
  findings: z.number().int(),
  errors: z.number().int(),
  fileName: text,
});

export const journalSchema = z.object({
  op: z.enum(['import', 'remove', 'undo', 'update']),
  pid: z.number().int(),
  at: text,
  newIds: z.array(reportId),
  newSources: z.array(storedPath),
  removedIds: z.array(reportId),
  bodies: z.array(text),
  /** A removal's trash folder: files of a committed removal still in reports/ are moved there on recovery. */
  trash: z.string().regex(/^[\w-]+$/).optional(),
});

/** What the trash view shows of a removed report without reading its file. */
export const trashedSummarySchema = z.object({ id: reportId, body: text, year: z.number().int().nullable(), title: text });

/** trash/<token>/owner.json: who removed what, when (`reports`: absent in folders of older versions). */
export const trashOwnerSchema = z.object({ pid: z.number().int(), at: text, ids: z.array(reportId), reports: z.array(trashedSummarySchema).optional() });

/** The first problem zod found, in a few words ("source.storedPath: not a stored source path"). */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  return `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`;
}

/**
 * Checks `data` against `schema` and returns it unchanged (zod's copy would reorder keys: a report
 * restored from the trash must be the same bytes), or throws an ArchiveError naming the file and
 * the first problem.
 */
export function checked<T>(schema: z.ZodType<T>, data: unknown, file: string, what: string): T {
  const result = schema.safeParse(data);
  if (!result.success) throw new ArchiveError(`${what} ${file} 已损坏，已跳过（${firstIssue(result.error)}）(damaged file skipped)`);
  return data as T;
}

/**
 * A path inside the archive folder, or an ArchiveError: the last line of defence before the
 * store writes or deletes anything whose name came from a file.
 */
export function insideArchive(dir: string, ...parts: string[]): string {
  const full = path.resolve(dir, ...parts);
  const rel = path.relative(dir, full);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new ArchiveError(`拒绝访问档案库以外的路径：${full} (path outside the archive refused)`);
  }
  return full;
}
