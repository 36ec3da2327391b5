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
    async listVersions(id) {
      record('listVersions', [id]);
      return [];
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
    async listTrash() {
      record('listTrash', []);
      return { batches: [], retentionDays: 30 };
    },
    async restoreFromTrash(selection) {
      record('restoreFromTrash', [selection]);
      return { restored: [...(selection.ids ?? [])], skipped: [] };
    },
    async emptyTrash(tokens) {
      record('emptyTrash', [tokens]);
      return 0;
    },
    async getTrashSettings() {
      record('getTrashSettings', []);
      return { retentionDays: 30 };
    },
    async setTrashSettings(settings) {
      record('setTrashSettings', [settings]);
      return settings;
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
    async listBodies() {
      record('listBodies', []);
      return [];
    },
    async suggestDuplicateBodies() {
      record('suggestDuplicateBodies', []);
      return [];
    },
    async mergeBodies(from, into) {
      record('mergeBodies', [from, into]);
      return { description: `合并 ${from} → ${into}`, moved: [] };
    },
    async renameBody(body, name) {
      record('renameBody', [body, name]);
      return { description: `更名 ${body} → ${name}`, moved: [] };
    },
    async setBodyParent(body, parent) {
      record('setBodyParent', [body, parent]);
      return { description: `上级 ${body} → ${parent ?? '无'}`, moved: [] };
    },
    async undoBodyChange() {
      record('undoBodyChange', []);
      return null;
    },
    async bodyTimeline(body) {
      record('bodyTimeline', [body]);
      return { body: { id: body, name: body, names: [body], parent: null, reports: 0, versions: 0, years: [] }, years: [] };
    },
    async compareReports(a, b) {
      record('compareReports', [a, b]);
      const ref = (id: string) => ({ id, body: '', bodyId: '', year: null, version: 1, title: '' });
      return { a: ref(a), b: ref(b), cells: [], chapters: [] };
    },
    async yearOverview(request) {
      record('yearOverview', [request]);
      return { year: request.year, count: 0, columns: { id: [], bodyId: [], body: [], parent: [], figures: {}, rates: {} }, outliers: [], totals: {}, parents: [], medians: {} };
    },
    async exportDataset(request) {
      record('exportDataset', [request]);
      return { fileName: `nianbao-dataset.${request.format}`, mediaType: 'text/csv', bytes: new Uint8Array([0x61]), reports: 0 };
    },
  };
  return fake;
}
