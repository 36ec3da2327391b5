/**
 * Exporting many selected reports end to end in Chromium against the browser host (issue 12):
 * one streamed zip download instead of one request per report, a progress line "正在导出 N / M
 * 份报告…" with 取消, the saved zip has one file per report; a cancelled export saves nothing.
 * The page's File System Access picker is removed here (headless Chromium cannot answer it), so
 * the Blob + <a download> path runs and playwright sees the download. Screenshots: test-artifacts/.
 */
import { readFileSync, rmSync } from 'node:fs';
import JSZip from 'jszip';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Download, Route } from 'playwright-core';
import { newReport, parsedReport } from '../archive/helpers.ts';
import { buildRenderer, screenshot, startSessionWith, type Session } from './harness.ts';
import { describeWithBrowser } from './browser.ts';

const PLACES = ['伊春市', '嘉荫县', '铁力市', '汤旺县', '丰林县', '大箐山县', '南岔县', '金林区', '伊美区', '乌翠区'];
const OFFICES = ['人民政府', '发展和改革委员会', '教育局', '民政局', '财政局', '生态环境局', '卫生健康委员会', '审计局'];
const YEARS = [2019, 2020, 2021, 2022, 2023];
const COUNT = PLACES.length * OFFICES.length * YEARS.length; // 400

let staticDir: string;
let session: Session;
const page = () => session.page;
const downloads: Download[] = [];

/** Holds the zip request until released, so the page can be looked at while the export runs. */
async function holdZipRequest(): Promise<{ requested: Promise<void>; release(): Promise<void> }> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let arrived!: () => void;
  const requested = new Promise<void>((resolve) => (arrived = resolve));
  await page().route('**/download/reports', async (route: Route) => {
    arrived();
    await held;
    await route.continue().catch(() => {}); // cancelled meanwhile: the request is gone
  });
  return {
    requested,
    async release() {
      release();
      await page().unroute('**/download/reports');
    },
  };
}

describeWithBrowser('exporting many selected reports as one zip', () => {
  beforeAll(async () => {
    staticDir = buildRenderer();
    const reports = PLACES.flatMap((place) => OFFICES.flatMap((office) => YEARS.map((year) => newReport(parsedReport(`${place}${office}`, year), `${place}${office}${year}`, `${place}${office}${year}.txt`))));
    session = await startSessionWith(reports, {
      staticDir,
      async beforeOpen(s) {
        await s.context.addInitScript(() => {
          delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
        });
        s.page.on('download', (d) => downloads.push(d));
      },
    });
  });

  afterAll(async () => {
    await session?.close();
    if (staticDir) rmSync(staticDir, { recursive: true, force: true });
  });

  it('downloads one zip with one Markdown file per selected report, showing progress with 取消 meanwhile', async () => {
    const perReport: string[] = [];
    page().on('request', (r) => r.url().includes('/api/exportReport') && perReport.push(r.url()));
    await page().click('button:has-text("全选")');
    const hold = await holdZipRequest();
    await page().click('button:has-text("导出所选（Markdown）")');
    await hold.requested;
    const progress = page().locator('.busy-line');
    await expect(progress.innerText()).resolves.toContain(`正在导出 0 / ${COUNT} 份报告…`);
    expect(await progress.getByRole('button', { name: '取消' }).isVisible()).toBe(true);
    expect(await page().locator('button:has-text("导出所选（Markdown）")').isDisabled()).toBe(true);
    await screenshot(page(), 'bulk-export-01-progress');
    const downloaded = page().waitForEvent('download');
    await hold.release();
    const download = await downloaded;
    expect(download.suggestedFilename()).toBe(`nianbao-${COUNT}-markdown.zip`);
    const zip = await JSZip.loadAsync(readFileSync(await download.path()));
    const names = Object.keys(zip.files);
    expect(names).toHaveLength(COUNT);
    expect(names.every((n) => /^20(19|2[0-3])-.+-20\d\d-[0-9a-f]{8}\.md$/.test(n))).toBe(true);
    expect(await zip.file(names.find((n) => n.includes('伊春市教育局'))!)!.async('string')).toContain('伊春市教育局');
    await page().locator('.toast', { hasText: `已导出 ${COUNT} 份报告：nianbao-${COUNT}-markdown.zip` }).waitFor();
    await screenshot(page(), 'bulk-export-02-done');
    expect(await page().locator('.busy-line').count()).toBe(0);
    expect(perReport).toEqual([]);
  });

  it('取消 stops the export: no file is saved and the message says so', async () => {
    const before = downloads.length;
    const hold = await holdZipRequest();
    await page().click('button:has-text("导出所选（JSON）")');
    await hold.requested;
    await page().locator('.busy-line').getByRole('button', { name: '取消' }).click();
    await page().locator('.toast', { hasText: '已取消导出，未保存文件' }).waitFor();
    await hold.release();
    await screenshot(page(), 'bulk-export-03-cancelled');
    expect(downloads.length).toBe(before);
    expect(await page().locator('.busy-line').count()).toBe(0);
    expect(await page().locator('button:has-text("导出所选（JSON）")').isDisabled()).toBe(false);
  });
});
