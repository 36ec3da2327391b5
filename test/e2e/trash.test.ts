/**
 * Bulk removal and the 回收站 end to end in Chromium against the browser host: select every
 * report, the confirmation names the count, the progress line shows and the buttons are
 * disabled while the removal runs, the removal appears in the trash, some reports are restored
 * and the rest deleted for good. Screenshots go to test-artifacts/.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Route } from 'playwright-core';
import { newReport, parsedReport } from '../archive/helpers.ts';
import { buildRenderer, screenshot, startSessionWith, type Session } from './harness.ts';
import { describeWithBrowser } from './browser.ts';

const COUNTIES = ['伊春市', '嘉荫县', '铁力市', '汤旺县', '丰林县', '大箐山县', '南岔县', '金林区', '伊美区', '乌翠区', '友好区'];
const OFFICES = ['人民政府', '发展和改革委员会', '教育局', '民政局', '财政局', '生态环境局'];
const YEARS = [2019, 2020, 2021, 2022, 2023];
const COUNT = COUNTIES.length * OFFICES.length * YEARS.length; // 330

let staticDir: string;
let session: Session;
const page = () => session.page;

describeWithBrowser('bulk removal and the trash', () => {
  beforeAll(async () => {
    staticDir = buildRenderer();
    const reports = COUNTIES.flatMap((county, c) =>
      OFFICES.flatMap((office, o) => YEARS.map((year) => newReport(parsedReport(`${county}${office}`, year, { received: 5 + c + o }), `${county}${office}${year}`, `${county}${office}${year}.txt`))),
    );
    session = await startSessionWith(reports, { staticDir });
  });

  afterAll(async () => {
    await session?.close();
    if (staticDir) rmSync(staticDir, { recursive: true, force: true });
  });

  it('asks before removing, naming the count; shows progress with the buttons disabled; the removal goes to the trash', async () => {
    await page().click('button:has-text("全选")');
    await page().click('button:has-text("删除所选")');
    const dialog = page().getByRole('alertdialog');
    await expect(dialog.innerText()).resolves.toContain(`删除 ${COUNT} 份报告？可在回收站中恢复`);
    await screenshot(page(), 'trash-01-confirm');
    // Cancel keeps everything.
    await dialog.getByRole('button', { name: '取消' }).click();
    expect(await page().getByRole('alertdialog').count()).toBe(0);

    // Hold the removal request until the page has been looked at while it runs (no timing guess).
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let arrived!: () => void;
    const requested = new Promise<void>((resolve) => (arrived = resolve));
    await page().route('**/api/removeReports', async (route: Route) => {
      arrived();
      await held;
      await route.continue();
    });
    await page().click('button:has-text("删除所选")');
    await page().getByRole('alertdialog').getByRole('button', { name: '删除' }).click();
    await requested;
    const progress = page().locator('.busy-line');
    await expect(progress.innerText()).resolves.toContain(`正在删除 ${COUNT} 份报告`);
    expect(await page().locator('button:has-text("删除所选")').isDisabled()).toBe(true);
    expect(await page().locator('button:has-text("全选")').isDisabled()).toBe(true);
    await screenshot(page(), 'trash-02-removing');
    release();
    await page().locator('.toast', { hasText: `已将 ${COUNT} 份报告移入回收站` }).waitFor();
    await page().unroute('**/api/removeReports');
    expect(await page().locator('[role=option]').count()).toBe(0);
  });

  it('lists the removal in 回收站, restores two reports, then empties the rest', async () => {
    await page().click('.nav-button:has-text("回收站")');
    const batch = page().locator('.trash-batch');
    await batch.waitFor();
    await expect(batch.locator('h3').innerText()).resolves.toContain(`删除的 ${COUNT} 份报告`);
    await expect(batch.innerText()).resolves.toContain(`及其余 ${COUNT - 200} 份`);
    const boxes = batch.getByRole('checkbox');
    const picked = [(await boxes.nth(0).getAttribute('aria-label'))!, (await boxes.nth(7).getAttribute('aria-label'))!];
    await boxes.nth(0).check();
    await boxes.nth(7).check();
    await screenshot(page(), 'trash-03-view');
    await page().click('button:has-text("恢复所选")');
    await page().locator('.toast', { hasText: '已恢复 2 份报告' }).waitFor();
    await expect(page().locator('.trash-view .trash-toolbar').innerText()).resolves.toContain(`${COUNT - 2}`);

    await page().click('button:has-text("清空回收站")');
    await expect(page().getByRole('alertdialog').innerText()).resolves.toContain(`永久删除回收站中的 ${COUNT - 2} 份报告？此操作无法撤销`);
    await page().getByRole('alertdialog').getByRole('button', { name: '永久删除' }).click();
    await page().locator('text=回收站是空的').waitFor();
    await screenshot(page(), 'trash-04-emptied');

    await page().click('.nav-button:has-text("报告库")');
    await page().waitForSelector('[role=option]');
    const rows = await page().locator('[role=option]').evaluateAll((els) => els.map((el) => `${el.querySelector('.c-body')!.textContent} ${el.querySelector('.c-year')!.textContent}`));
    expect(rows.sort()).toEqual(picked.sort());
  });
});
