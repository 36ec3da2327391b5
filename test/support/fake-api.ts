/** A small in-memory ArchiveApi for shell tests (host, electron handlers, contract). */
import type { ArchiveApi, ArchiveStatus } from '../../core/api.ts';
import type { MethodName } from '../../core/channels.ts';

export interface FakeApi extends ArchiveApi {
  calls: { method: MethodName; args: unknown[] }[];
  closed: boolean;
  close(): Promise<void>;
}

export function createFakeApi(): FakeApi {
  const calls: FakeApi['calls'] = [];
  const record = (method: MethodName, args: unknown[]) => calls.push({ method, args });
  const status: ArchiveStatus = { archivePath: '/tmp/fake', reports: 0, sampleLoaded: false, appVersion: '0.0.0-test', host: 'browser' };
  const fake: FakeApi = {
    calls,
    closed: false,
    async close() {
      fake.closed = true;
    },
    async getStatus() {
      record('getStatus', []);
      return status;
    },
    async listReports(query) {
      record('listReports', [query]);
      return [];
    },
    async getReport(id) {
      record('getReport', [id]);
      throw new Error(`未找到报告 ${id}（unknown report id）`);
    },
    async getSource(id) {
      record('getSource', [id]);
      return { fileName: 'a.txt', mediaType: 'text/plain', text: '原文' };
    },
    async importFiles(files) {
      record('importFiles', [files]);
      return files.map((f) => ({ file: f.name, status: 'failed' as const, reason: `bytes=${Array.from(f.bytes).join(',')}` }));
    },
    async removeReports(ids) {
      record('removeReports', [ids]);
      return { removed: ids, undoToken: 'undo-1' };
    },
    async undoRemove(token) {
      record('undoRemove', [token]);
      return [];
    },
    async editMetadata(id, edit) {
      record('editMetadata', [id, edit]);
      throw new Error('not in the fake');
    },
    async dismissFinding(id, key, reason) {
      record('dismissFinding', [id, key, reason]);
      throw new Error('not in the fake');
    },
    async undismissFinding(id, key) {
      record('undismissFinding', [id, key]);
      throw new Error('not in the fake');
    },
    async listFindings(query) {
      record('listFindings', [query]);
      return [];
    },
    async search(request) {
      record('search', [request]);
      return { total: 0, page: request.page ?? 1, pageSize: request.pageSize ?? 20, results: [], warnings: [], index: 'ready', tookMs: 0 };
    },
    async exportReport(request) {
      record('exportReport', [request]);
      return `export:${request.id}:${request.format}`;
    },
    async writeClipboard(payload) {
      record('writeClipboard', [payload]);
      return true;
    },
  };
  return fake;
}
