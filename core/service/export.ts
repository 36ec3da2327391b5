/** Export of a report, a chapter or a table. */
import type { ExportRequest } from '../api.ts';
import type { Report } from '../model.ts';
import { exportReport } from '../export/index.ts';

export class ExportFeature {
  constructor(private readonly getReport: (id: string) => Promise<Report>) {}

  async exportReport(request: ExportRequest): Promise<string> {
    const report = await this.getReport(request.id);
    return exportReport(report, { format: request.format, chapter: request.chapter, table: request.table });
  }
}
