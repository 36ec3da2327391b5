/**
 * A hand-written report in the canonical model (figures of 伊春市 2022, table 三, with a few cells
 * changed to blank and "/" to show cells printed as such) and an in-memory ArchiveApi around it.
 */
import { vi } from 'vitest';
import type { ArchiveApi, SearchResponse } from '../../core/api.ts';
import type { ClipboardPayload, ShellBridge } from '../../core/channels.ts';
import { exportReport } from '../../core/export/index.ts';
import type { CatalogueEntry, Cell, Report, RuleEvaluation, StatTable } from '../../core/model.ts';
import { APPLICATIONS_2021, PROACTIVE_2021, REVIEW_LITIGATION } from '../../core/spec.ts';
import { SEED_APPLICATIONS } from '../export/fixture.ts';

const num = (v: number): Cell => ({ value: v, state: 'number', raw: String(v) });

/** 三 figures by row (natural, commercial, research, nonprofit, legal, other, total), written by hand from the seed. */
export const APPLICATION_FIGURES: Record<string, number[]> = SEED_APPLICATIONS;

/** Cells printed as blank or "/" in this fixture (value null, never 0). */
export const BLANK_CELL = { row: 'carriedOver', column: 'research' };
export const SLASH_CELL = { row: 'carriedForward', column: 'legal' };

function applications(): StatTable {
  const cells: StatTable['cells'] = {};
  for (const row of APPLICATIONS_2021.rows) {
    cells[row.id] = Object.fromEntries(row.columns.map((c, i) => [c.id, num(APPLICATION_FIGURES[row.id][i])]));
  }
  cells[BLANK_CELL.row][BLANK_CELL.column] = { value: null, state: 'blank', raw: '' };
  cells[SLASH_CELL.row][SLASH_CELL.column] = { value: null, state: 'slash', raw: '/' };
  return { id: 'applications', cells, rawRows: [] };
}

function proactive(): StatTable {
  const figures: Record<string, number[]> = { regulations: [0, 0, 2], normativeDocuments: [147, 12, 379], licensing: [211704], penalty: [72105], enforcement: [1662], fees: [15781.34226] };
  const cells: StatTable['cells'] = {};
  for (const row of PROACTIVE_2021.rows) cells[row.id] = Object.fromEntries(row.columns.map((c, i) => [c.id, num(figures[row.id][i])]));
  return { id: 'proactive', cells, rawRows: [] };
}

function reviewLitigation(): StatTable {
  const figures: Record<string, (number | null)[]> = { review: [2, 1, 0, 2, 5], litigationDirect: [0, 0, 0, 0, 0], litigationAfterReview: [null, null, null, null, null] };
  const cells: StatTable['cells'] = {};
  for (const row of REVIEW_LITIGATION.rows)
    cells[row.id] = Object.fromEntries(row.columns.map((c, i) => [c.id, figures[row.id][i] === null ? { value: null, state: 'missing', raw: '' } : num(figures[row.id][i]!)]));
  return { id: 'reviewLitigation', cells, rawRows: [] };
}

export const MISMATCH: RuleEvaluation = {
  rule: 'narrative.mismatch',
  key: 'narrative.mismatch:litigation',
  status: 'fail',
  severity: 'warning',
  message: '正文称“行政诉讼 1 件”，表中为 0 件。',
  cells: [
    { table: 'reviewLitigation', row: 'litigationDirect', column: 'total' },
    { table: 'reviewLitigation', row: 'litigationAfterReview', column: 'total' },
  ],
  left: 1,
  right: 0,
};

export const BALANCE_ERROR: RuleEvaluation = {
  rule: 'applications.balance',
  key: 'applications.balance:natural',
  status: 'fail',
  severity: 'error',
  message: '自然人：新收 134 + 结转 0 ≠ 办理总计 134 + 结转下年 1。',
  cells: [
    { table: 'applications', row: 'received', column: 'natural' },
    { table: 'applications', row: 'resultTotal', column: 'natural' },
  ],
  left: 134,
  right: 135,
};

export function sampleReport(overrides: Partial<Report> = {}): Report {
  return {
    schemaVersion: 1,
    id: 'r-yichun-2022',
    body: { printed: '伊春市', normalized: '伊春市' },
    year: 2022,
    title: '伊春市 2022 年政府信息公开工作年度报告',
    publishedAt: null,
    format: '2021',
    preamble: ['按照《中华人民共和国政府信息公开条例》规定，现发布伊春市 2022 年政府信息公开工作年度报告。'],
    chapters: [
      { id: 'overview', key: 'overview', heading: '一、总体情况', paragraphs: ['2022年，全市共办理政府信息公开申请 138 件，因政府信息公开被申请行政复议 5 件、行政诉讼 1 件。'] },
      { id: 'proactive', key: 'proactive', heading: '二、主动公开政府信息情况', paragraphs: [] },
      { id: 'applications', key: 'applications', heading: '三、收到和处理政府信息公开申请情况', paragraphs: [] },
      { id: 'reviewLitigation', key: 'reviewLitigation', heading: '四、政府信息公开行政复议、行政诉讼情况', paragraphs: [] },
      { id: 'problems', key: 'problems', heading: '五、存在的主要问题及改进情况', paragraphs: ['政务公开工作虽然取得一定成效，但仍存在一些不足。'] },
      { id: 'other', key: 'other', heading: '六、其他需要报告的事项', paragraphs: ['2022 年度全市未因政府信息公开申请收取信息处理费。'] },
    ],
    tables: { proactive: proactive(), applications: applications(), reviewLitigation: reviewLitigation() },
    genericTables: [],
    parseFindings: [],
    metadataConfidence: { body: 'certain', year: 'certain' },
    sourceMetadata: {},
    source: { fileName: 'yichun-2022.txt', mediaType: 'text/plain', sha256: 'abc', size: 100, storedPath: 'sources/abc' },
    importedAt: '2026-11-29T00:00:00.000Z',
    parserVersion: '1.0.0',
    evaluations: [MISMATCH, BALANCE_ERROR],
    dismissals: [],
    version: 1,
    ...overrides,
  };
}

export function entry(partial: Partial<CatalogueEntry> & Pick<CatalogueEntry, 'id' | 'body' | 'year'>): CatalogueEntry {
  return {
    bodyNormalized: partial.body.replace(/\s+/g, ''),
    bodyId: partial.body.replace(/\s+/g, '').replace(/(?:人民)?政府$/, ''),
    title: `${partial.body} ${partial.year} 年政府信息公开工作年度报告`,
    format: '2021',
    importedAt: '2026-11-01T00:00:00.000Z',
    sha256: partial.id,
    version: 1,
    latest: true,
    findings: 0,
    errors: 0,
    fileName: `${partial.id}.txt`,
    ...partial,
  };
}

export type FakeApi = ArchiveApi;

/** An in-memory ArchiveApi over the given reports; exports use the core's real export formats. */
export function fakeApi(reports: Report[] = [sampleReport()], options: { search?: ArchiveApi['search'] } = {}): FakeApi {
  const byId = new Map(reports.map((r) => [r.id, r]));
  const emptySearch: SearchResponse = { total: 0, page: 0, pageSize: 20, results: [], warnings: [], index: 'ready', tookMs: 1 };
  const get = (id: string) => {
    const r = byId.get(id);
    if (!r) throw new Error(`没有这份报告：${id}`);
    return r;
  };
  return {
    getStatus: vi.fn(async () => ({ archivePath: '/tmp/a', reports: byId.size, sampleLoaded: false, appVersion: '0.1.0', host: 'browser' as const })),
    listReports: vi.fn(async () =>
      [...byId.values()].map((r) => entry({ id: r.id, body: r.body.printed, year: r.year, findings: r.evaluations.filter((e) => e.status === 'fail').length })),
    ),
    getReport: vi.fn(async (id: string) => structuredClone(get(id))),
    // The versions of a report: the reports of the same printed body and year, newest first.
    listVersions: vi.fn(async (id: string) => {
      const r = get(id);
      const group = [...byId.values()].filter((x) => x.body.printed === r.body.printed && x.year === r.year).sort((x, y) => y.version - x.version);
      return group.map((x, i) => entry({ id: x.id, body: x.body.printed, year: x.year, version: x.version, latest: i === 0, importedAt: x.importedAt, fileName: x.source.fileName }));
    }),
    getSource: vi.fn(async (id: string) => ({ fileName: get(id).source.fileName, mediaType: 'text/html', text: '<script>alert(1)</script><b>原文</b>' })),
    importFiles: vi.fn(async () => []),
    removeReports: vi.fn(async (ids: string[]) => ({ removed: ids, undoToken: 'u1' })),
    undoRemove: vi.fn(async () => []),
    // The trash (renderer/views/Trash.tsx): empty unless a test overrides it.
    listTrash: vi.fn(async () => ({ batches: [], retentionDays: 30 })),
    restoreFromTrash: vi.fn(async (selection) => ({ restored: [...(selection.ids ?? [])], skipped: [] })),
    emptyTrash: vi.fn(async () => 0),
    getTrashSettings: vi.fn(async () => ({ retentionDays: 30 })),
    setTrashSettings: vi.fn(async (settings) => settings),
    editMetadata: vi.fn(async (id: string, edit) => {
      const r = get(id);
      const next = { ...r, body: edit.body ? { printed: edit.body, normalized: edit.body } : r.body, year: edit.year ?? r.year };
      byId.set(id, next);
      return structuredClone(next);
    }),
    dismissFinding: vi.fn(async (id: string, key: string, reason: string) => {
      const r = get(id);
      const next = { ...r, dismissals: [...r.dismissals, { key, reason, at: '2026-11-29T00:00:00Z' }] };
      byId.set(id, next);
      return structuredClone(next);
    }),
    undismissFinding: vi.fn(async (id: string, key: string) => {
      const r = get(id);
      const next = { ...r, dismissals: r.dismissals.filter((d) => d.key !== key) };
      byId.set(id, next);
      return structuredClone(next);
    }),
    listFindings: vi.fn(async () => []),
    search: options.search ?? vi.fn(async () => emptySearch),
    exportReport: vi.fn(async (req) => exportReport(get(req.id), req)),
    // Bodies and comparison (renderer/views/Compare.tsx): empty answers unless a test overrides them.
    listBodies: vi.fn(async () => []),
    suggestDuplicateBodies: vi.fn(async () => []),
    mergeBodies: vi.fn(async (from: string, into: string) => ({ description: `合并 ${from} → ${into}`, moved: [] })),
    renameBody: vi.fn(async (body: string, name: string) => ({ description: `更名 ${body} → ${name}`, moved: [] })),
    setBodyParent: vi.fn(async (body: string) => ({ description: `上级 ${body}`, moved: [] })),
    undoBodyChange: vi.fn(async () => null),
    bodyTimeline: vi.fn(async (body: string) => ({ body: { id: body, name: body, names: [body], parent: null, reports: 0, versions: 0, years: [] }, years: [] })),
    compareReports: vi.fn(async (a: string, b: string) => {
      const ref = (id: string) => ({ id, body: get(id).body.printed, bodyId: get(id).body.printed, year: get(id).year, version: 1, title: get(id).title });
      return { a: ref(a), b: ref(b), cells: [], chapters: [] };
    }),
    yearOverview: vi.fn(async (request: { year: number }) => ({ year: request.year, count: 0, columns: { id: [], bodyId: [], body: [], parent: [], figures: {}, rates: {} }, outliers: [], totals: {}, parents: [], medians: {} })),
    exportDataset: vi.fn(async (request: { format: 'csv' | 'xlsx' | 'jsonl' }) => ({ fileName: `d.${request.format}`, mediaType: 'text/csv', bytes: new Uint8Array(), reports: 0 })),
  };
}

/** How many times the views called the api, over all its methods (the fake's methods are vi.fn). */
export function apiCallCount(api: ArchiveApi): number {
  return Object.values(api).reduce((sum: number, method) => sum + ((method as { mock?: { calls: unknown[] } }).mock?.calls.length ?? 0), 0);
}

export type FakeShell = ShellBridge & { clipboard: ClipboardPayload[] };

/** The Electron shell bridge as the page sees it: clipboard writes are recorded. */
export function fakeShell(): FakeShell {
  const clipboard: ClipboardPayload[] = [];
  return {
    clipboard,
    onShellEvent: () => () => {},
    saveTextFile: vi.fn(async () => true),
    writeClipboard: vi.fn(async (payload: ClipboardPayload) => {
      clipboard.push(payload);
      return true;
    }),
  };
}

/**
 * Gives every element a layout size (jsdom lays nothing out), so virtualized lists draw the rows
 * a window of this size would show.
 */
export function stubElementSize(width: number, height: number): void {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => height });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => width });
}
