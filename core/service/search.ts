/** Search over the archive's index; a newer query of the same client supersedes the running one. */
import type { SearchRequest, SearchResponse } from '../api.ts';
import type { ServiceContext } from './context.ts';

export class SearchFeature {
  constructor(private readonly ctx: ServiceContext) {}

  /** The running search of this client: a newer query aborts it (a keystroke supersedes the last). */
  private searchController: AbortController | null = null;

  async search(request: SearchRequest): Promise<SearchResponse> {
    this.searchController?.abort();
    const controller = new AbortController();
    this.searchController = controller;
    const superseded = (): SearchResponse => ({ total: 0, page: request.page ?? 0, pageSize: request.pageSize ?? 20, results: [], warnings: ['superseded'], index: 'ready', tookMs: 0 });
    try {
      await this.ctx.refresh();
      if (controller.signal.aborted) return superseded();
      return await (await this.ctx.engine()).search(request, { signal: controller.signal });
    } catch (err) {
      if (controller.signal.aborted && (err as Error).name === 'AbortError') return superseded();
      throw err;
    } finally {
      if (this.searchController === controller) this.searchController = null;
    }
  }

}
