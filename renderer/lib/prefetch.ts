/**
 * The library's catalogue requested as the page starts, before React renders: the request
 * runs while the app's first frame is built. Taken once by the first library mount.
 */
import type { ArchiveApi } from '../../core/api.ts';
import type { CatalogueEntry } from '../../core/model.ts';

let prefetched: { api: ArchiveApi; rows: Promise<CatalogueEntry[]> } | null = null;

export function prefetchCatalogue(api: ArchiveApi): void {
  const rows = api.listReports({});
  rows.catch(() => {}); // the library shows the error when it takes the request
  prefetched = { api, rows };
}

/** The prefetched request for this api, once; null when there is none (or it was taken). */
export function takePrefetchedCatalogue(api: ArchiveApi): Promise<CatalogueEntry[]> | null {
  const taken = prefetched?.api === api ? prefetched.rows : null;
  prefetched = null;
  return taken;
}
