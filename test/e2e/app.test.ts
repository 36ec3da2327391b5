/**
 * The app end to end in Chromium (or Chrome/Edge, see browser.ts) against the browser host,
 * from an empty temporary archive: first run, import, reader (table + narrative), search,
 * clipboard, bad files, findings. Screenshots of each view go to test-artifacts/.
 */
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ArchiveApi } from '../../core/api.ts';
import { exportReport, layoutTable, tableToTsv } from '../../core/export/index.ts';
import { importDocument } from '../../core/ingest/index.ts';
import { narrateTable } from '../../core/narrative.ts';
import { createHttpApi } from '../../renderer/api/http.ts';
import { buildRenderer, screenshot, seedPath, startSession, type Session } from './harness.ts';
import { describeWithBrowser } from './browser.ts';

let staticDir: string;
let session: Session;
let api: ArchiveApi;
let seedId: string;

const page = () => session.page;
const cellText = (key: string) => page().locator(`td[data-cell="${key}"] .cell-text`).innerText();

async function openSeed() {
  await page().click('.nav-button:has-text("报告库")');
  await page().fill('.facets .filter-input', '伊春');
  await page().locator(`[role=option][data-id="${seedId}"]`).click();
  await page().waitForSelector('#ch-applications table.stat');
}

describeWithBrowser('Nianbao in the browser host', () => {
  beforeAll(async () => {
    staticDir = buildRenderer();
    session = await startSession({ staticDir, loadSample: true });
    api = createHttpApi({ token: session.host.token, baseUrl: session.origin });
    await page().goto(session.host.url);
  });

  afterAll(async () => {
    await session?.close();
    if (staticDir) rmSync(staticDir, { recursive: true, force: true });
  });

  it('shows the sample archive on first run', async () => {
    await page().waitForSelector('[data-testid=sample-banner]', { timeout: 15_000 });
    expect(await page().locator('[data-testid=sample-banner]').innerText()).toContain('示例');
    const status = await api.getStatus();
    expect(status.sampleLoaded).toBe(true);
    await page().waitForSelector('[role=option]');
    expect(await page().locator('[role=option]').count()).toBeGreaterThan(0);
    const first = (await api.listReports({}))[0];
    expect(await page().locator('.lib-rows').innerText()).toContain(first.body);
    await screenshot(page(), '01-library-sample');
  });

  it('imports the seed through the file input and lists it', async () => {
    await page().click('.nav-button:has-text("导入")');
    await page().setInputFiles('[data-testid=import-input]', seedPath);
    const outcome = page().locator('.outcome').first();
    await outcome.waitFor();
    expect(await outcome.getAttribute('data-status')).toBe('imported');
    expect(await outcome.innerText()).toContain('伊春市');
    await screenshot(page(), '02-import-seed');
    const entries = await api.listReports({ body: '伊春' });
    expect(entries).toHaveLength(1);
    seedId = entries[0].id;
    await page().click('.nav-button:has-text("报告库")');
    await page().fill('.facets .filter-input', '伊春');
    const row = page().locator(`[role=option][data-id="${seedId}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('2022');
  });

  it('opens the seed: table 三 in the official layout shows its cells', async () => {
    await openSeed();
    expect(await page().locator('#ch-applications [data-mode=table]').getAttribute('aria-pressed')).toBe('true');
    expect(await cellText('applications:received:natural')).toBe('134');
    expect(await cellText('applications:received:total')).toBe('138');
    expect(await cellText('applications:unavailable.notHeld:total')).toBe('25');
    expect(await page().locator('#ch-applications th[colspan="7"]').innerText()).toBe('申请人情况');
    await page().locator('#ch-applications').scrollIntoViewIfNeeded();
    await page().evaluate(() => document.getElementById('ch-applications')!.scrollIntoView());
    await screenshot(page(), '03-reader-table-applications');
    await page().evaluate(() => document.getElementById('ch-reviewLitigation')!.scrollIntoView());
    await screenshot(page(), '04-reader-table-review');
  });

  it('switches 三 to the Narrative view and shows the generated sentence', async () => {
    const { parsed } = await importDocument(new Uint8Array(readFileSync(seedPath)), 'yichun-2022.txt');
    const sentences = narrateTable(parsed, 'applications');
    expect(sentences.length).toBeGreaterThan(0);
    await page().click('#ch-applications [data-mode=narrative]');
    const prose = page().locator('#ch-applications .narrative-view');
    await prose.waitFor();
    const text = await prose.innerText();
    expect(text).toContain(sentences[0]);
    expect(sentences[0]).toContain('138');
    expect(text).toContain('实质公开率');
    await page().evaluate(() => document.getElementById('ch-applications')!.scrollIntoView());
    await screenshot(page(), '05-reader-narrative');
    await page().click('#ch-applications [data-mode=table]');
  });

  it('lists the seed’s findings in the side panel: narrative.mismatch on 行政诉讼 and table.incomplete', async () => {
    const panel = page().locator('#findings-panel');
    await panel.waitFor();
    const mismatch = panel.locator('[data-rule="narrative.mismatch"]');
    expect(await mismatch.count()).toBe(1);
    expect(await mismatch.innerText()).toContain('行政诉讼');
    expect(await panel.locator('[data-rule="table.incomplete"]').count()).toBeGreaterThanOrEqual(1);
    const report = await api.getReport(seedId);
    const rules = new Set(report.evaluations.filter((e) => e.status === 'fail').map((e) => e.rule));
    expect([...rules].sort()).toEqual(['narrative.mismatch', 'table.incomplete']);
    // The cells of the finding are flagged in the table and explained on focus.
    const flagged = page().locator('td[data-cell="reviewLitigation:litigationDirect:total"]');
    await flagged.focus();
    expect(await flagged.getAttribute('class')).toContain('flag');
    await page().locator('td[data-cell="reviewLitigation:litigationDirect:total"] .tip').waitFor({ state: 'visible' });
    await screenshot(page(), '06-reader-findings-tooltip');
  });

  it('copies table 三 as TSV: the clipboard holds exactly the core’s export, cell by cell', async () => {
    await page().click('#ch-applications .stat-toolbar button[data-copy="tsv"]');
    await page().locator('.toast').first().waitFor();
    const clipboard = await page().evaluate(() => navigator.clipboard.readText());
    const report = await api.getReport(seedId);
    const expected = tableToTsv(layoutTable(report, 'applications')!);
    const grid = (tsv: string) => tsv.split('\n').map((line) => line.split('\t'));
    const got = grid(clipboard);
    const want = grid(expected);
    expect(got.length).toBe(want.length);
    want.forEach((row, r) => row.forEach((cell, c) => expect(got[r][c], `row ${r} col ${c}`).toBe(cell)));
    expect(got.find((row) => row[0].startsWith('一、本年新收'))).toEqual(['一、本年新收政府信息公开申请数量', '', '', '134', '3', '0', '1', '0', '0', '138']);
  });

  it('copies table 三 as HTML: text/html holds a <table> with rowspan and colspan, text/plain the readable table', async () => {
    await page().click('#ch-applications .stat-toolbar button[data-copy="html"]');
    // The toast of this copy ("已复制 … · HTML") appears once the clipboard is written.
    await page().locator('.toast', { hasText: 'HTML' }).first().waitFor();
    const { html, text } = await page().evaluate(async () => {
      const items = await navigator.clipboard.read();
      const item = items.find((i) => i.types.includes('text/html'));
      const read = async (type: string) => (item && item.types.includes(type) ? await (await item.getType(type)).text() : '');
      return { html: await read('text/html'), text: await read('text/plain') };
    });
    const report = await api.getReport(seedId);
    expect(text).toBe(exportReport(report, { format: 'text', table: 'applications' }));
    expect(text).not.toContain('<table');
    expect(html).toContain('<table');
    expect(html).toMatch(/rowspan="?\d/i);
    expect(html).toMatch(/colspan="?7/i);
    expect(html).toContain('申请人情况');
  });

  it('searches 行政复议 and lands on chapter 四 with the hit highlighted', async () => {
    await page().fill('.search-box input', '行政复议');
    const hit = page().locator('.hit-button[data-where*="reviewLitigation"]').first();
    await hit.waitFor();
    expect(await page().locator('.search-results mark').first().innerText()).toBe('行政复议');
    await screenshot(page(), '07-search');
    await hit.click();
    const highlighted = page().locator('#ch-reviewLitigation .hit');
    await highlighted.waitFor();
    const box = (await highlighted.first().boundingBox())!;
    const viewport = page().viewportSize()!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeLessThan(viewport.height);
    await screenshot(page(), '08-search-hit-chapter4');
  });

  it('shows a bad file’s error and leaves the archive unchanged', async () => {
    const before = (await api.listReports({ allVersions: true })).map((e) => e.id).sort();
    await page().click('.nav-button:has-text("导入")');
    await page().setInputFiles('[data-testid=import-input]', { name: 'broken.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 this is not really a pdf') });
    const outcome = page().locator('.outcome[data-status=failed]');
    await outcome.waitFor();
    const reason = await outcome.locator('.reason').innerText();
    expect(reason.length).toBeGreaterThan(5);
    expect(await outcome.innerText()).toContain('broken.pdf');
    await screenshot(page(), '09-import-failed');
    const after = (await api.listReports({ allVersions: true })).map((e) => e.id).sort();
    expect(after).toEqual(before);
  });

  it('lists findings archive-wide, filterable by rule, each opening its report', async () => {
    await page().click('.nav-button:has-text("问题清单")');
    await page().locator('.findings-view .finding').first().waitFor();
    // Findings are grouped by report: the body filter narrows the list to the seed's group.
    await page().locator('.findings-view label', { hasText: '机关' }).locator('input').fill('伊春');
    await page().locator('.findings-view label', { hasText: '规则' }).locator('select').selectOption('narrative.mismatch');
    await page().waitForFunction(() => [...document.querySelectorAll('.findings-view .finding .rule')].every((e) => e.textContent === '正文数字与表格不符'));
    await page().locator('.findings-view .finding-group-head', { hasText: '伊春市' }).first().waitFor();
    const seedFinding = page().locator('.findings-view .finding[data-rule="narrative.mismatch"]').first();
    await seedFinding.waitFor();
    await screenshot(page(), '10-findings');
    await seedFinding.locator('button.link').click();
    await page().locator('#findings-panel [data-rule="narrative.mismatch"].hit').waitFor();
    expect(await page().locator('td.hit').count()).toBe(1);
  });

  it('switches the whole UI to English and back', async () => {
    await openSeed();
    await page().click('button.lang');
    await page().locator('.nav-button', { hasText: 'Library' }).waitFor();
    expect(await page().locator('#ch-applications [data-mode=narrative]').innerText()).toBe('Narrative');
    await page().evaluate(() => document.getElementById('ch-applications')!.scrollIntoView());
    await screenshot(page(), '13-reader-english');
    await page().click('button.lang');
    await page().locator('.nav-button', { hasText: '报告库' }).waitFor();
  });
});
