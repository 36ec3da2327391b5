import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CatalogueEntry, Report } from '../../core/model.ts';
import { allFieldsWithLabels } from '../../core/search/document.ts';
import { normalize } from '../../core/search/normalize.ts';
import { SearchEngine, type EngineOptions } from '../../core/search/index.ts';

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-search-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function catalogueOf(reports: Report[]): CatalogueEntry[] {
  return reports.map((r) => ({
    id: r.id,
    body: r.body.printed,
    bodyNormalized: r.body.normalized,
    year: r.year,
    title: r.title,
    format: r.format,
    importedAt: r.importedAt,
    sha256: r.source.sha256,
    version: r.version,
    latest: true,
    findings: 0,
    errors: 0,
    fileName: r.source.fileName,
  }));
}

/** An engine over `reports` whose catalogue/loadReport read from the given (mutable) list. */
export async function openEngine(dir: string, reports: Report[], options: EngineOptions = {}): Promise<SearchEngine> {
  const engine = await SearchEngine.open(
    dir,
    () => catalogueOf(reports),
    async (id) => {
      const r = reports.find((x) => x.id === id);
      if (!r) throw new Error(`no report ${id}`);
      return r;
    },
    options,
  );
  await engine.whenReady();
  return engine;
}

/** The reference: reports with any normalized field containing the normalized literal. */
export function bruteForce(reports: Report[], literal: string): string[] {
  const q = normalize(literal);
  return reports.filter((r) => allFieldsWithLabels(r).some((f) => normalize(f.text).includes(q))).map((r) => r.id).sort();
}

/** All ids matching a query (pages through everything). */
export async function allIds(engine: SearchEngine, query: string): Promise<{ ids: string[]; total: number }> {
  const ids: string[] = [];
  let total = 0;
  for (let page = 0; ; page++) {
    const res = await engine.search({ query, page, pageSize: 200 });
    total = res.total;
    ids.push(...res.results.map((r) => r.id));
    if (res.results.length < 200) break;
  }
  return { ids: ids.sort(), total };
}

/** Quotes a literal so the query language takes it verbatim. */
export function literal(text: string): string {
  return `"${text}"`;
}
