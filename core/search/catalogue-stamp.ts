/**
 * Whether an indexed document still matches its catalogue row. The index reconciles with the
 * catalogue when it opens; ids alone miss the edits another program made while it was closed
 * (CLI `edit`, a dismissal), which keep the id. The row's metadata and finding counts are the
 * stamp: every write of a report rewrites its row, and the index already keeps these fields, so
 * comparing them needs no new data on disk. (Report texts never change under an id: a
 * different file is a new report.)
 */
import type { CatalogueEntry } from '../model.ts';
import type { DocRecord } from './store.ts';

export function docMatchesEntry(doc: Pick<DocRecord, 'body' | 'year' | 'title' | 'format' | 'errors' | 'warnings'>, entry: CatalogueEntry): boolean {
  return (
    doc.body === entry.body &&
    doc.year === entry.year &&
    doc.title === entry.title &&
    doc.format === entry.format &&
    doc.errors === entry.errors &&
    doc.errors + doc.warnings === entry.findings
  );
}
