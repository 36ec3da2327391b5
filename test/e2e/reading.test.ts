/**
 * Issue 13 in Chromium at 1024 and 1366 px, on 130 generated reports plus the seed: the search
 * reaches results past 50, a drag across table cells selects (and copies) exactly that range,
 * the print stylesheet leaves the app's chrome out and repeats table headers, the findings view
 * exports its 问题清单. Screenshots go to test-artifacts/ (looked at when this was written).
 */
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHttpApi } from '../../renderer/api/http.ts';
import { writeGeneratedReports } from '../../bench/generator.ts';
import { buildRenderer, screenshot, seedPath, startSession, type Session } from './harness.ts';
import { describeWithBrowser } from './browser.ts';

let staticDir: string;
let filesDir: string;
const sessions: Session[] = [];

describeWithBrowser('Search and reading that hold up (issue 13)', () => {
  beforeAll(async () => {
    staticDir = buildRenderer();
    filesDir = mkdtempSync(join(tmpdir(), 'nianbao-e2e-files-'));
    await writeGeneratedReports(filesDir, 130, { seed: 7, errorRate: 0.3 });
  }, 240_000);

  afterAll(async () => {
    for (const s of sessions) await s.close();
    if (staticDir) rmSync(staticDir, { recursive: true, force: true });
    if (filesDir) rmSync(filesDir, { recursive: true, force: true });
  });

  for (const width of [1024, 1366]) {
    it(`at ${width} px: results past 50, drag selection, print, findings export`, async () => {
      const session = await startSession({ staticDir, loadSample: false, viewport: { width, height: 768 } });
      sessions.push(session);
      const api = createHttpApi({ token: session.host.token, baseUrl: session.origin });
      const files = [seedPath, ...readdirSync(filesDir).map((f) => join(filesDir, f))];
      const outcomes = await api.importFiles(files.map((f) => ({ name: basename(f), bytes: new Uint8Array(readFileSync(f)) })));
      expect(outcomes.filter((o) => o.status === 'imported')).toHaveLength(131);
      const page = session.page;
      await page.goto(session.host.url);
      await page.waitForSelector('[role=option]');

      // Search past 50: the true total, "show more" until every report is listed.
      await page.locator('.search-box input').fill('政府信息公开');
      await page.waitForSelector('.search-results .result');
      await expect.poll(() => page.locator('.search-status').textContent()).toMatch(/^131 份报告 · /);
      expect(await page.locator('.search-status').textContent()).not.toMatch(/ 0 毫秒/);
      await page.getByText('显示更多结果（已显示 50 / 共 131 份）').click();
      await page.getByText('显示更多结果（已显示 100 / 共 131 份）').click();
      await page.getByText('已显示全部 131 份报告').scrollIntoViewIfNeeded();
      expect(await page.locator('section.result').count()).toBe(131);
      await screenshot(page, `13-search-past-50-${width}`);

      // Drag across table cells: exactly the rectangle is selected, the page's text is not.
      await page.locator('.search-box input').fill('伊春 2022');
      await page.waitForSelector('.search-results .result[aria-label="伊春市 2022"]');
      await page.locator('.search-results .result[aria-label="伊春市 2022"] .result-title').click();
      const from = page.locator('td[data-cell="applications:received:natural"]');
      const to = page.locator('td[data-cell="applications:carriedOver:nonprofit"]');
      await from.scrollIntoViewIfNeeded();
      const a = (await from.boundingBox())!;
      const b = (await to.boundingBox())!;
      await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
      await page.mouse.down();
      await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 6 });
      await page.mouse.up();
      expect(await page.locator('table.stat-applications td.sel').count()).toBe(8);
      expect(await page.evaluate(() => String(window.getSelection()))).toBe('');
      await page.keyboard.press('Control+c');
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('134\t3\t0\t1\n0\t0\t0\t0');
      await page.locator('table.stat-applications').screenshot({ path: join(process.cwd(), 'test-artifacts', `13-drag-selection-${width}.png`) });

      // Print: no app chrome, the report's text and tables only.
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.app-header').isVisible()).toBe(false);
      expect(await page.locator('.report-actions').isVisible()).toBe(false);
      expect(await page.locator('table.stat-applications thead').evaluate((e) => getComputedStyle(e).display)).toBe('table-header-group');
      await screenshot(page, `13-print-preview-${width}`);
      const pdf = await page.pdf({ preferCSSPageSize: true });
      expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)!.length).toBeGreaterThan(2);
      await page.emulateMedia({ media: 'screen' });

      // Findings: grouped by report, exported as a 问题清单 (the browser host downloads it).
      await page.getByRole('button', { name: '问题清单' }).first().click();
      await page.waitForSelector('.finding-group-head');
      const download = page.waitForEvent('download');
      await page.getByText('导出问题清单（Word）').click();
      const file = await download;
      expect(file.suggestedFilename()).toBe('问题清单.doc');
      const html = readFileSync((await file.path())!, 'utf8');
      expect(html).toContain('<th>机关</th><th>年度</th><th>规则</th>');
      await screenshot(page, `13-findings-${width}`);
    }, 300_000);
  }
});
