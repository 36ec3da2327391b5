/** The browser host's streamed zip of selected reports: token required, one file per report, Content-Disposition, unknown ids refused. */
import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { newReport, openArchive, parsedReport, tempDir } from '../archive/helpers.ts';
import { openArchiveService } from '../../core/service/index.ts';
import { REPORTS_ZIP_ROUTE, TOKEN_HEADER, startHostServer } from '../../core/host/server.ts';

describe('browser host: reports zip download', () => {
  it('streams the selected reports as one zip; refuses without the token and for unknown ids', async () => {
    const dir = await tempDir('nianbao-host-zip-');
    const { results } = await (await openArchive(dir)).addReports([1, 2, 3].map((i) => newReport(parsedReport(`第${i}县人民政府`, 2022), `r${i}`, `r${i}.txt`)));
    const ids = results.map((r) => r.entry.id);
    const api = await openArchiveService({ archiveDir: dir, host: 'browser', lazySearch: true });
    const server = await startHostServer({ api, staticDir: dir, token: 'secret-token', logError: () => {} });
    try {
      const post = (body: unknown, token = 'secret-token') =>
        fetch(`${server.url.slice(0, -1)}${REPORTS_ZIP_ROUTE}`, { method: 'POST', headers: { [TOKEN_HEADER]: token, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      expect((await post({ ids, format: 'markdown' }, 'wrong')).status).toBe(401);
      const res = await post({ ids: ids.slice(0, 2), format: 'markdown' });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/zip');
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="nianbao-2-markdown.zip"');
      const zip = await JSZip.loadAsync(new Uint8Array(await res.arrayBuffer()));
      expect(Object.keys(zip.files).sort()).toEqual([`2022-第1县人民政府-${ids[0]}.md`, `2022-第2县人民政府-${ids[1]}.md`].sort());
      const unknown = await post({ ids: ['2099-ffffffff'], format: 'text' });
      expect(unknown.status).toBe(422);
      expect((await unknown.json()).error).toContain('没有编号为 2099-ffffffff 的报告');
      expect((await post({ ids, format: 'pdf' })).status).toBe(400);
    } finally {
      await server.close();
      await api.close();
    }
  });
});
