/**
 * Schema versions of the files in an archive and the numbered migrations between them.
 * MIGRATIONS[n] turns data of schemaVersion n into schemaVersion n + 1; a file newer than
 * SCHEMA_VERSION is refused, naming the file.
 */
import { SCHEMA_VERSION } from '../model.ts';
import { canonicalBodyId } from '../common/body.ts';

export { SCHEMA_VERSION };

export class ArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArchiveError';
  }
}

/** Raw JSON as found on disk, before migration. */
type Json = Record<string, unknown>;

export interface Migration {
  /** Version this migration produces. */
  to: number;
  describe: string;
  report(data: Json): Json;
  catalogueEntry(data: Json): Json;
}

export const MIGRATIONS: Migration[] = [
  {
    // v0 (the pre-release layout) had no dismissals, no version number and no confidence flags.
    to: 1,
    describe: 'adds dismissals, version and metadataConfidence defaults',
    report: (r) => ({
      dismissals: [],
      version: 1,
      genericTables: [],
      parseFindings: [],
      sourceMetadata: {},
      metadataConfidence: { body: 'certain', year: 'certain' },
      ...r,
    }),
    catalogueEntry: (e) => ({ version: 1, latest: true, findings: 0, errors: 0, ...e }),
  },
  {
    // v2: reports and catalogue rows carry the canonical body id (伊春市 = 伊春市人民政府 = 伊春市政府).
    to: 2,
    describe: 'adds the canonical body id (body.id, bodyId)',
    report: (r) => {
      const body = (r.body ?? {}) as Record<string, unknown>;
      if (typeof body.id === 'string') return r;
      const name = typeof body.normalized === 'string' ? body.normalized : '';
      return { ...r, body: { ...body, id: name ? canonicalBodyId(name) : '' } };
    },
    catalogueEntry: (e) =>
      typeof e.bodyId === 'string' ? e : { ...e, bodyId: typeof e.bodyNormalized === 'string' && e.bodyNormalized ? canonicalBodyId(e.bodyNormalized) : '' },
  },
];

function versionOf(data: Json): number {
  const v = data.schemaVersion;
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0;
}

export function refuseNewer(version: number, file: string): void {
  if (version > SCHEMA_VERSION) {
    throw new ArchiveError(
      `档案文件 ${file} 由更新版本的年报库写入（schemaVersion ${version}，本程序支持 ${SCHEMA_VERSION}），请升级年报库后再打开 (written by a newer version of nianbao: please upgrade)`,
    );
  }
}

/** Brings a report file's JSON up to SCHEMA_VERSION; throws ArchiveError for a newer file. */
export function migrateReport(data: Json, file: string): Json {
  let version = versionOf(data);
  refuseNewer(version, file);
  let out = data;
  while (version < SCHEMA_VERSION) {
    const step = MIGRATIONS.find((m) => m.to === version + 1);
    if (!step) throw new ArchiveError(`档案文件 ${file} 的 schemaVersion ${version} 无法迁移 (no migration from schema ${version})`);
    out = { ...step.report(out), schemaVersion: step.to };
    version = step.to;
  }
  return out;
}

export function migrateCatalogueEntry(data: Json, fromVersion: number): Json {
  let out = data;
  for (let v = fromVersion; v < SCHEMA_VERSION; v++) {
    const step = MIGRATIONS.find((m) => m.to === v + 1);
    if (step) out = step.catalogueEntry(out);
  }
  return out;
}

export const schemaVersionOf = versionOf;
