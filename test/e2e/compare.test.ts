/**
 * The 比较 view end to end in Chromium: the seed 伊春 2022 and a 2023 copy (saved web page) on
 * top of the sample archive; a body's timeline (chart drawn, figures equal the cells), the two
 * reports side by side (differences marked), the year overview (sort, filter, copy), and the
 * 机关管理 panel (rename, parent, undo).
 * Screenshots at 1366 px to test-artifacts/.
 */
import { readFileSync, rmSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ArchiveApi, Report } from '../../core/api.ts';
import { cellValues } from '../../core/compare/cells.ts';
import { createHttpApi } from '../../renderer/api/http.ts';
import { fixturePath } from '../support/fixtures.ts';
import { buildRenderer, screenshot, seedPath, startSession, type Session } from './harness.ts';
import { describeWithBrowser } from './browser.ts';

let staticDir: string;
let session: Session;
let api: ArchiveApi;
let r2022: Report;
let r2023: Report;

const page = () => session.page;

describeWithBrowser('比较: timeline, side by side, year overview', () => {
  beforeAll(async () => {
    staticDir = buildRenderer();
    session = await startSession({ staticDir, loadSample: true, viewport: { width: 1366, height: 900 } });
    api = createHttpApi({ token: session.host.token, baseUrl: session.origin });
    const outcomes = await api.importFiles([
      { name: 'yichun-2022.txt', bytes: new Uint8Array(readFileSync(seedPath)) },
      { name: 'yichun-2023.html', bytes: new Uint8Array(readFileSync(fixturePath('office', 'yichun-2023.html'))) },
    ]);
    const ids = outcomes.map((o) => (o.status === 'imported' ? o.id : ''));
    expect(ids.every(Boolean)).toBe(true);
    [r2022, r2023] = await Promise.all(ids.map((id) => api.getReport(id)));
    await page().goto(session.host.url);
    await page().waitForSelector('[role=option]');
    await page().click('.nav-button:has-text("比较")');
  });

  afterAll(async () => {
    await session?.close();
    if (staticDir) rmSync(staticDir, { recursive: true, force: true });
  });

  it('the timeline of 伊春市 draws its chart and shows the figures of both years as printed', async () => {
    await page().locator('[data-testid=timeline] select').selectOption('伊春市');
    await page().waitForSelector('[data-testid=timeline] h2:has-text("伊春市")');
    await page().waitForSelector('.trend-chart canvas');
    const figure = (key: string, year: number) => page().locator(`[data-testid=timeline] td[data-figure="${key}"][data-year="${year}"] .value`).innerText();
    for (const [report, year] of [[r2022, 2022], [r2023, 2023]] as const) {
      const cells = cellValues(report);
      expect(await figure('received', year)).toBe(String(cells['applications.received.total']));
      expect(await figure('carriedOver', year)).toBe(String(cells['applications.carriedOver.total']));
      expect(await figure('granted', year)).toBe(String(cells['applications.granted.total']));
      expect(await figure('resultTotal', year)).toBe(String(cells['applications.resultTotal.total']));
    }
    // The carry-over the seed did not print (0 carried forward, 5 carried over) is a cross-year finding linking both years.
    expect(await page().locator('.cross-year-findings').innerText()).toMatch(/2023[\s\S]*2022/);
    await screenshot(page(), 'compare-01-timeline');
  });

  it('side by side marks the cells that differ between 2022 and 2023', async () => {
    await page().click('[role=tab]:has-text("两份报告对照")');
    const pick = async (label: string, id: string) => {
      const picker = page().locator('.report-picker').filter({ hasText: label });
      await picker.locator('select').first().selectOption('伊春市');
      await picker.locator(`select[aria-label="${label} 报告"] option[value="${id}"]`).waitFor({ state: 'attached' });
      await picker.locator(`select[aria-label="${label} 报告"]`).selectOption(id);
    };
    await pick('报告甲', r2022.id);
    await pick('报告乙', r2023.id);
    const carried = page().locator('[data-testid=side-by-side] tr[data-cell="applications.carriedOver.total"]');
    await carried.waitFor();
    expect(await carried.getAttribute('class')).toContain('differs');
    const [a, b] = [cellValues(r2022)['applications.carriedOver.total'], cellValues(r2023)['applications.carriedOver.total']];
    expect(await carried.locator('td').allInnerTexts()).toEqual([String(a), String(b)]);
    // Only differing cells are listed by default; a cell equal in both is not.
    const rows = page().locator('[data-testid=side-by-side] tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await page().locator('[data-testid=side-by-side] tbody tr:not(.differs)').count()).toBe(0);
    await screenshot(page(), 'compare-02-side-by-side');
  });

  it('the year overview sorts, filters and copies the rows of 2023', async () => {
    await page().click('[role=tab]:has-text("年度总览")');
    await page().locator('[data-testid=year-overview] select').selectOption('2023');
    const expected = (await api.yearOverview({ year: 2023 })).count;
    const rows = page().locator('.overview-table tbody tr[data-id]');
    await page().locator(`.overview-table tbody tr[data-id="${r2023.id}"]`).waitFor();
    expect(await rows.count()).toBe(expected);
    expect(await page().locator(`.overview-table tbody tr[data-id="${r2023.id}"] td[data-figure="received"]`).innerText()).toBe(
      String(cellValues(r2023)['applications.received.total']),
    );

    await page().click('.overview-table th button:has-text("新收")'); // a figure sorts largest first
    const received = (await page().locator('.overview-table tbody td[data-figure="received"]').allInnerTexts()).map(Number);
    expect(received).toEqual([...received].sort((x, y) => y - x));
    await screenshot(page(), 'compare-03-year-overview');

    // A parent's own figures beside its subordinates' sum, from the same response.
    const data = await api.yearOverview({ year: 2023 });
    const parent = data.parents[0];
    await page().click('[data-testid=year-overview] button:has-text("显示上级机关")');
    const parentRow = page().locator('.overview-table tfoot .parent-row').first();
    expect(await parentRow.locator('th').innerText()).toBe(`${parent.bodyId}：本级 / 下级合计（${parent.count}）`);
    const own = parent.ownRow === null ? '—' : String(data.columns.figures.received[parent.ownRow] ?? '未知');
    expect(await parentRow.locator('td.num').first().innerText()).toBe(`${own} / ${parent.subordinates[0] ?? '未知'}`);
    await screenshot(page(), 'compare-03b-year-overview-parents');
    await page().click('[data-testid=year-overview] button:has-text("隐藏上级机关")');

    await page().fill('[data-testid=year-overview] input[type=search]', '伊春');
    await expect.poll(() => rows.count()).toBe(1);
    await page().click('[data-testid=year-overview] button:has-text("复制")');
    // The copy is written asynchronously: wait for it rather than read the clipboard at once.
    await expect.poll(() => page().evaluate(() => navigator.clipboard.readText())).toMatch(/^机关\t新收/);
    const copied = await page().evaluate(() => navigator.clipboard.readText());
    const lines = copied.split('\n');
    expect(lines[0].split('\t').slice(0, 2)).toEqual(['机关', '新收']);
    expect(lines).toHaveLength(2);
    expect(lines[1].split('\t').slice(0, 2)).toEqual([r2023.body.printed, String(cellValues(r2023)['applications.received.total'])]);
    await screenshot(page(), 'compare-04-year-overview-filtered');

    // 导出 XLSX saves a real workbook of the rows shown (the browser host: a download).
    const [download] = await Promise.all([page().waitForEvent('download'), page().click('[data-testid=year-overview] button:has-text("导出 XLSX")')]);
    expect(download.suggestedFilename()).toBe('年报库-2023.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const sheet = workbook.getWorksheet('报告')!;
    expect(sheet.rowCount).toBe(3); // Chinese header, id header, the one row filtered
    const ids = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(sheet.getRow(3).getCell(ids.indexOf('applications.received.total') + 1).value).toBe(cellValues(r2023)['applications.received.total']);
  });

  it('机关管理: renaming a body moves its reports, setting a parent shows it, and undo takes each back', async () => {
    await page().click('[role=tab]:has-text("机关管理")');
    const panel = page().locator('[data-testid=bodies-panel]');
    await panel.locator('input[type=search]').fill('伊春');
    const row = (id: string) => panel.locator(`tr[data-body="${id}"]`);
    await row('伊春市').locator('button:has-text("设上级")').click();
    await row('伊春市').locator('input[aria-label="伊春市 的上级"]').fill('黑龙江省');
    await row('伊春市').locator('button:has-text("确定")').click();
    await expect.poll(async () => (await api.listBodies()).find((b) => b.id === '伊春市')?.parent).toBe('黑龙江省');
    await expect.poll(() => row('伊春市').locator('td').nth(1).innerText()).toContain('黑龙江省');

    await row('伊春市').locator('button:has-text("改名")').click();
    await row('伊春市').locator('input[aria-label="伊春市 的新名称"]').fill('林都市');
    await row('伊春市').locator('button:has-text("确定")').click();
    await expect.poll(async () => (await api.listReports({ allVersions: true })).filter((e) => e.bodyId === '林都市').length).toBe(2);
    await row('林都市').waitFor();
    expect(await row('林都市').locator('td').nth(1).innerText()).toContain('黑龙江省'); // the parent goes with the new name
    await screenshot(page(), 'compare-05-bodies');

    await panel.locator('button:has-text("撤销上一次机关修改")').click();
    await expect.poll(async () => (await api.listReports({ allVersions: true })).filter((e) => e.bodyId === '伊春市').length).toBe(2);
    await panel.locator('button:has-text("撤销上一次机关修改")').click();
    await expect.poll(async () => (await api.listBodies()).find((b) => b.id === '伊春市')?.parent).toBe(null);
  });
});
