/**
 * Figures shown and exported equal the canonical cells: the timeline, the year overview, the
 * side-by-side comparison, XLSX opened back with exceljs cell by cell, CSV parsed back, and the
 * CLI's JSON contract (list bodyId, bodies, timeline, compare, export).
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parseString } from '@fast-csv/parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchiveService, type ArchiveService } from '../../core/service/index.ts';
import { CELL_IDS, cellValues } from '../../core/compare/cells.ts';
import { overviewRows } from '../../core/compare/overview.ts';
import { valueOf } from '../../core/common/cells.ts';
import { HEADER_IDS } from '../../core/dataset/columns.ts';
import type { Report } from '../../core/model.ts';
import { fixturePath } from '../support/fixtures.ts';
import { cli } from '../cli/helpers.ts';

let service: ArchiveService;
let dir: string;
let r2022: Report;
let r2023: Report;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'nianbao-compare-'));
  service = await openArchiveService({ archiveDir: dir, host: 'browser', lazySearch: true });
  await service.importPaths([fixturePath('seed', 'yichun-2022.txt'), fixturePath('office', 'yichun-2023.html')]);
  const rows = await service.listReports({});
  r2022 = await service.getReport(rows.find((r) => r.year === 2022)!.id);
  r2023 = await service.getReport(rows.find((r) => r.year === 2023)!.id);
});
afterAll(async () => service.close());

const cell = (r: Report, id: string) => {
  const [table, ...rest] = id.split('.');
  const column = rest.pop()!;
  return valueOf(r.tables[table as 'applications']?.cells[rest.join('.')]?.[column]);
};

describe('comparison figures equal the cells', () => {
  it('the timeline carries every canonical cell of each year, its change and its rates', async () => {
    const t = await service.bodyTimeline('伊春');
    expect(t.body.id).toBe('伊春市');
    expect(t.years.map((y) => [y.year, y.id])).toEqual([[2022, r2022.id], [2023, r2023.id]]);
    for (const [y, r] of [[t.years[0], r2022], [t.years[1], r2023]] as const) {
      expect(Object.keys(y.cells)).toEqual([...CELL_IDS]);
      for (const id of CELL_IDS) expect(y.cells[id], id).toBe(cell(r, id));
    }
    const [a, b] = t.years;
    expect(b.figures.received).toBe(133);
    expect(b.change.received).toBe(133 - 138);
    expect(b.change.carriedOver).toBe(5);
    expect(a.change.received).toBeNull(); // no year before: unknown, never 0
    // 实质公开率 = (予以公开 67 + 部分公开 28) / 办理结果总计 138
    expect(b.rates.substantiveDisclosure.value).toBe(68.8);
    // 诉讼纠正率: the seed's 行政诉讼 cells are unreadable → cannot be computed, and says so (never 0)
    expect(a.cells['reviewLitigation.litigationDirect.total']).toBeNull();
    expect(a.figures.litigationTotal).toBeNull();
    expect(a.rates.litigationCorrection).toMatchObject({ value: null, why: expect.stringContaining('无法计算') });
    // 2023 prints 0 行政诉讼: a zero denominator cannot be computed either
    expect(b.figures.litigationTotal).toBe(0);
    expect(b.rates.litigationCorrection).toMatchObject({ value: null, why: expect.stringContaining('为 0') });
    expect(b.crossYearFindings.map((f) => f.relatedReportId)).toContain(r2022.id);
    expect(b.problemsRepeat?.percent).not.toBeNull();
  });

  it('the year overview shows each report’s figures and marks a figure 5× its previous year', async () => {
    const o = await service.yearOverview({ year: 2023 });
    const rows = overviewRows(o);
    expect(rows).toHaveLength(1);
    expect(rows[0].figures.received).toBe(cell(r2023, 'applications.received.total'));
    expect(rows[0].figures.denied).toBe(16);
    expect(o.totals.received).toBe(133);
    // 上年结转 0 → 5 is no outlier (0 has no ratio); nothing else moved 5×.
    expect(rows[0].outliers).toEqual([]);
    expect(o.outliers).toEqual([]);
  });

  it('side by side lists every canonical cell with the differences marked, and the text diff', async () => {
    const c = await service.compareReports(r2022.id, r2023.id);
    expect(c.cells.map((x) => x.cell)).toEqual([...CELL_IDS]);
    const differing = c.cells.filter((x) => x.differs).map((x) => x.cell);
    expect(differing).toEqual(CELL_IDS.filter((id) => cell(r2022, id) !== cell(r2023, id)));
    expect(differing).toEqual(expect.arrayContaining(['applications.received.total', 'applications.carriedOver.natural', 'applications.carriedOver.total']));
    // Unknown in 2022 (unreadable 行政诉讼 cells), 0 in 2023: a difference, not an equality of "0".
    expect(c.cells.find((x) => x.cell === 'reviewLitigation.litigationDirect.total')).toMatchObject({ a: null, b: 0, differs: true });
    const values = cellValues(r2023);
    for (const x of c.cells) expect(x.b).toBe(values[x.cell]);
    expect(c.chapters.find((ch) => ch.key === 'problems')?.same).toBe(false);
  });
});

describe('dataset export', () => {
  it('XLSX opened back with exceljs: two header rows, frozen, numbers as numbers, null cells empty, findings sheet', async () => {
    const file = path.join(dir, 'out.xlsx');
    expect(await service.exportDatasetToFile({ all: true, format: 'xlsx' }, file)).toBe(2);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet('报告')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    const ids = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(ids).toEqual(HEADER_IDS);
    expect((sheet.getRow(1).values as unknown[])[1]).toBe('编号');
    for (const rowNo of [3, 4]) {
      const row = sheet.getRow(rowNo);
      const id = row.getCell(1).value as string;
      const report = id === r2022.id ? r2022 : r2023;
      expect(row.getCell(ids.indexOf('bodyId') + 1).value).toBe('伊春市');
      for (const cellId of CELL_IDS) {
        const got = row.getCell(ids.indexOf(cellId) + 1).value;
        const want = cell(report, cellId);
        expect(got ?? null, `${id} ${cellId}`).toBe(want);
      }
    }
    const findings = wb.getWorksheet('问题')!;
    expect(findings.rowCount).toBeGreaterThan(2);
  });

  it('CSV parses back to the same values (Chinese labels, then ids, empty = unknown)', async () => {
    const file = path.join(dir, 'out.csv');
    await service.exportDatasetToFile({ year: 2023, format: 'csv' }, file);
    const text = (await readFile(file, 'utf8')).replace(/^\ufeff/, '');
    const rows: string[][] = await new Promise((resolve, reject) => {
      const out: string[][] = [];
      parseString(text).on('data', (r: string[]) => out.push(r)).on('end', () => resolve(out)).on('error', reject);
    });
    expect(rows).toHaveLength(3);
    expect(rows[1]).toEqual(HEADER_IDS);
    const row = Object.fromEntries(rows[1].map((id, i) => [id, rows[2][i]]));
    expect(row.id).toBe(r2023.id);
    for (const cellId of CELL_IDS) {
      const want = cell(r2023, cellId);
      expect(row[cellId], cellId).toBe(want === null ? '' : String(want));
    }
  });
});

describe('CLI contract', () => {
  it('list --json rows carry bodyId; bodies, timeline and compare answer in JSON', async () => {
    const list = JSON.parse((await cli(['list', '--json', '--archive', dir])).stdout);
    expect(list.map((r: { bodyId: string; body: string }) => [r.bodyId, r.body]).sort()).toEqual([['伊春市', '伊春市'], ['伊春市', '伊春市人民政府']]);
    const bodies = JSON.parse((await cli(['bodies', '--json', '--archive', dir])).stdout);
    expect(bodies).toEqual([{ id: '伊春市', name: '伊春市', names: expect.arrayContaining(['伊春市', '伊春市人民政府']), parent: null, reports: 2 }]);
    const timeline = JSON.parse((await cli(['timeline', '伊春市人民政府', '--json', '--archive', dir])).stdout);
    expect(timeline.body).toBe('伊春市');
    expect(timeline.years[1].cells['applications.received.total']).toBe(133);
    const compare = JSON.parse((await cli(['compare', r2022.id, r2023.id, '--json', '--archive', dir])).stdout);
    expect(compare.cells.find((c: { cell: string }) => c.cell === 'applications.carriedOver.total')).toEqual({ cell: 'applications.carriedOver.total', a: 0, b: 5, differs: true });
    const out = path.join(dir, 'cli.jsonl');
    expect((await cli(['export', '--body', '伊春', '--format', 'jsonl', '--out', out, '--archive', dir])).code).toBe(0);
    const lines = (await readFile(out, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.cells['applications.received.total']).sort()).toEqual([133, 138]);
    expect((await cli(['export', '--all', '--format', 'pdf', '--out', out, '--archive', dir])).code).toBe(2);
    expect((await cli(['help'])).stdout).toContain('bodies merge <from> <into>');
  });
});
