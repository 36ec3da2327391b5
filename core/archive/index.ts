export { Archive, entryOf, normalizeBody, type AddResult, type ArchiveOptions, type ArchiveRules, type GroupMember, type NewReport, type WriteEffect } from './store.ts';
export { ArchiveError, MIGRATIONS, SCHEMA_VERSION } from './schema.ts';
export { defaultArchiveDir, resolveArchiveDir } from './paths.ts';
export { acquireWriteLock, lockOptions } from './lock.ts';
