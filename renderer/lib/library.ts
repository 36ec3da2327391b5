/** Library filtering, facets and sorting over catalogue rows (pure, so 10,000 rows stay fast and testable). */
import type { CatalogueEntry } from '../../core/model.ts';

export type SortKey = 'body' | 'year' | 'imported' | 'findings';

export interface LibraryQuery {
  text: string;
  year: number | 'none' | null;
  body: string | null;
  sort: SortKey;
  descending: boolean;
}

export const DEFAULT_QUERY: LibraryQuery = { text: '', year: null, body: null, sort: 'body', descending: false };

const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
const collator = new Intl.Collator('zh-CN');

export function filterEntries(entries: CatalogueEntry[], q: Pick<LibraryQuery, 'text' | 'year' | 'body'>): CatalogueEntry[] {
  const terms = fold(q.text).length ? q.text.split(/\s+/).filter(Boolean).map(fold) : [];
  return entries.filter((e) => {
    if (q.year === 'none' ? e.year !== null : q.year !== null && e.year !== q.year) return false;
    if (q.body !== null && e.bodyNormalized !== q.body) return false;
    if (terms.length) {
      const hay = fold(`${e.body} ${e.title} ${e.year ?? ''} ${e.fileName}`);
      if (!terms.every((t) => hay.includes(t))) return false;
    }
    return true;
  });
}

/** Collation rank of each distinct body: the collator runs over distinct names only, entries then sort by number. */
function bodyRanks(entries: CatalogueEntry[]): Map<string, number> {
  const names = [...new Set(entries.map((e) => e.bodyNormalized))].sort(collator.compare);
  return new Map(names.map((n, i) => [n, i]));
}

export function sortEntries(entries: CatalogueEntry[], key: SortKey, descending: boolean): CatalogueEntry[] {
  const rank = bodyRanks(entries);
  const byBody = (a: CatalogueEntry, b: CatalogueEntry) => rank.get(a.bodyNormalized)! - rank.get(b.bodyNormalized)!;
  const byYear = (a: CatalogueEntry, b: CatalogueEntry) => (a.year ?? -1) - (b.year ?? -1);
  const primary: Record<SortKey, (a: CatalogueEntry, b: CatalogueEntry) => number> = {
    body: byBody,
    year: byYear,
    imported: (a, b) => a.importedAt.localeCompare(b.importedAt),
    findings: (a, b) => a.findings - b.findings || a.errors - b.errors,
  };
  // Ties fall back to body then year (then version), so bodies × years read in order.
  const cmp = (a: CatalogueEntry, b: CatalogueEntry) => primary[key](a, b) * (descending ? -1 : 1) || byBody(a, b) || byYear(a, b) || a.version - b.version;
  return [...entries].sort(cmp);
}

export function filterAndSort(entries: CatalogueEntry[], q: LibraryQuery): CatalogueEntry[] {
  return sortEntries(filterEntries(entries, q), q.sort, q.descending);
}

export interface Facet<T> {
  value: T;
  label: string;
  count: number;
}

/** Year facet counts under the current text and body filters; body facet counts under text and year. */
export function facets(entries: CatalogueEntry[], q: LibraryQuery): { years: Facet<number | 'none'>[]; bodies: Facet<string>[] } {
  const years = new Map<number | 'none', number>();
  for (const e of filterEntries(entries, { ...q, year: null })) years.set(e.year ?? 'none', (years.get(e.year ?? 'none') ?? 0) + 1);
  const bodies = new Map<string, { label: string; count: number }>();
  for (const e of filterEntries(entries, { ...q, body: null })) {
    const b = bodies.get(e.bodyNormalized);
    if (b) b.count++;
    else bodies.set(e.bodyNormalized, { label: e.body, count: 1 });
  }
  return {
    years: [...years]
      .map(([value, count]) => ({ value, label: value === 'none' ? '—' : String(value), count }))
      .sort((a, b) => (a.value === 'none' ? 1 : b.value === 'none' ? -1 : (b.value as number) - (a.value as number))),
    bodies: [...bodies].map(([value, b]) => ({ value, label: b.label, count: b.count })).sort((a, b) => collator.compare(a.value, b.value)),
  };
}
