import type { SearchRequest, SearchResponse } from '../api.ts';
import type { CatalogueEntry, Report } from '../model.ts';

/** The search engine over one archive folder. Placeholder until the search engine lands. */
export class SearchEngine {
  private constructor(private readonly dir: string) {}
  /** Opens (or starts building) the persisted index in `dir`; `loadReport` reads a report by id. */
  static async open(dir: string, _catalogue: () => CatalogueEntry[], _loadReport: (id: string) => Promise<Report>): Promise<SearchEngine> {
    return new SearchEngine(dir);
  }
  async add(_report: Report): Promise<void> {}
  async remove(_id: string): Promise<void> {}
  async search(request: SearchRequest): Promise<SearchResponse> {
    return { total: 0, page: request.page ?? 0, pageSize: request.pageSize ?? 20, results: [], warnings: [], index: 'ready', tookMs: 0 };
  }
  async close(): Promise<void> {}
}
