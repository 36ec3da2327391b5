import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CatalogueEntry, Report } from '../../core/model.ts';
import { entryOf } from '../../core/archive/store.ts';
import { allFieldsWithLabels } from '../../core/search/document.ts';
import { normalize } from '../../core/search/normalize.ts';
import { SearchEngine, type EngineOptions } from '../../core/search/index.ts';

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-search-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The catalogue rows the archive would hold for `reports` (all latest). */
export function catalogueOf(reports: Report[]): CatalogueEntry[] {
  return reports.map((r) => entryOf(r, true));
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

/** All ids matching a query (pages through everything); `noCache` as a query typed the first time. */
export async function allIds(engine: SearchEngine, query: string, options: { noCache?: boolean } = {}): Promise<{ ids: string[]; total: number }> {
  const ids: string[] = [];
  let total: number;
  for (let page = 0; ; page++) {
    const res = await engine.search({ query, page, pageSize: 200 }, options);
    total = res.total;
    ids.push(...res.results.map((r) => r.id));
    if (res.results.length < 200) break;
  }
  return { ids: ids.sort(), total };
}

/** Absolute [offset, length] of a section of a search index file (index.bin), from its header. */
export function indexSection(bytes: Buffer, name: string): [number, number] {
  const headerLen = bytes.readUInt32LE(8);
  const header = JSON.parse(bytes.toString('utf8', 12, 12 + headerLen)) as { sections: Record<string, [number, number]> };
  const base = 12 + headerLen + ((8 - ((12 + headerLen) % 8)) % 8);
  const [offset, length] = header.sections[name];
  return [base + offset, length];
}

/** Quotes a literal so the query language takes it verbatim. */
export function literal(text: string): string {
  return `"${text}"`;
}
