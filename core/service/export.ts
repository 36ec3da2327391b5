/** Export of a report, a chapter or a table, and the host's clipboard. */
import type { ClipboardPayload, ExportRequest } from '../api.ts';
import type { Report } from '../model.ts';
import { exportReport } from '../export/index.ts';
import type { ServiceContext } from './context.ts';

export class ExportFeature {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly getReport: (id: string) => Promise<Report>,
  ) {}

  async exportReport(request: ExportRequest): Promise<string> {
    const report = await this.getReport(request.id);
    return exportReport(report, { format: request.format, chapter: request.chapter, table: request.table });
  }

  async writeClipboard(payload: ClipboardPayload): Promise<boolean> {
    return this.ctx.opts.clipboard ? this.ctx.opts.clipboard(payload) : false;
  }

}
