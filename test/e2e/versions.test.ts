/**
 * Versions of a report end to end in Chromium (issue #10): the seed 伊春 2022 and a corrected
 * copy of it (one figure and one sentence changed) land as two versions; the library row expands
 * to list both, the reader switches between them from its versions menu and shows what changed.
 * Screenshots at 1366 px to test-artifacts/.
 */
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ArchiveApi } from '../../core/api.ts';
import { createHttpApi } from '../../renderer/api/http.ts';
import { buildRenderer, screenshot, seedPath, startSession, type Session } from './harness.ts';
import { describeWithBrowser } from './browser.ts';

let staticDir: string;
let session: Session;
let api: ArchiveApi;
let first: string;
let corrected: string;

const page = () => session.page;

const SEED = readFileSync(seedPath, 'utf8');
const RECEIVED_ROW = '一、\t本年新收政府信息公开申请数量\t134\t3\t0\t1\t0\t0\t138';
const OLD_SENTENCE = '网站集约化建设需要持续推进。';
const NEW_SENTENCE = '网站集约化建设已于年底完成。';

describeWithBrowser('versions: library rows expand, the reader switches versions and shows what changed', () => {
  beforeAll(async () => {
    expect(SEED).toContain(RECEIVED_ROW);
    expect(SEED).toContain(OLD_SENTENCE);
    // A corrected copy: 新收 of natural persons 134 → 136 (and 总计), one sentence of chapter 五 rewritten.
    const copy = SEED.replace(RECEIVED_ROW, '一、\t本年新收政府信息公开申请数量\t136\t3\t0\t1\t0\t0\t140').replace(OLD_SENTENCE, NEW_SENTENCE);
    staticDir = buildRenderer();
    session = await startSession({ staticDir, loadSample: false, viewport: { width: 1366, height: 900 } });
    api = createHttpApi({ token: session.host.token, baseUrl: session.origin });
    const outcomes = await api.importFiles([{ name: 'yichun-2022.txt', bytes: new Uint8Array(readFileSync(seedPath)) }]);
    const again = await api.importFiles([{ name: '伊春市2022年报（更正）.txt', bytes: new TextEncoder().encode(copy) }]);
    [first, corrected] = [...outcomes, ...again].map((o) => (o.status === 'imported' ? o.id : ''));
    expect(again[0]).toMatchObject({ status: 'imported', version: 2 });
    await page().goto(session.host.url);
    await page().waitForSelector('[role=option]');
  });

  afterAll(async () => {
    await session?.close();
    if (staticDir) rmSync(staticDir, { recursive: true, force: true });
  });

  it('the library lists the latest version and expands it (→) to list the first', async () => {
    const row = page().locator(`[role=option][data-id="${corrected}"]`);
    expect(await page().locator('[role=option]').count()).toBe(1);
    expect(await row.innerText()).toContain('第 2 版');
    await row.focus();
    await page().keyboard.press('ArrowRight');
    const older = page().locator(`[role=option][data-id="${first}"]`);
    await older.waitFor();
    expect(await older.innerText()).toContain('第 1 版');
    await screenshot(page(), 'versions-01-library-expanded');
  });

  it('the reader opens the first version from its menu and shows what changed against the second', async () => {
    await page().locator(`[role=option][data-id="${corrected}"]`).click();
    await page().click('button:has-text("版本（2）")');
    const panel = page().locator('[data-testid=versions-panel]');
    expect(await panel.locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-version')))).toEqual(['2', '1']);
    await panel.locator('button:has-text("打开 第 1 版")').click();
    await page().waitForSelector('.report-head .badge:has-text("第 1 版")');

    await page().click('button:has-text("版本（2）")');
    await page().click('[data-testid=versions-panel] button:has-text("与第 2 版比较")');
    const diff = page().locator('[data-testid=version-diff]');
    await diff.waitFor();
    expect(await diff.locator('h3').first().innerText()).toBe('第 2 版 → 第 1 版 的变化');
    const cells = await diff.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-cell'), ...[...r.querySelectorAll('td')].map((td) => td.textContent)]));
    expect(cells).toEqual([
      ['applications.received.natural', '136', '134'],
      ['applications.received.total', '140', '138'],
    ]);
    // The second version's sentence is what the first lacks; the first's is what it has.
    expect(await diff.locator('details[data-chapter="problems"] del').innerText()).toContain(NEW_SENTENCE);
    expect(await diff.locator('details[data-chapter="problems"] ins').innerText()).toContain(OLD_SENTENCE);
    await diff.scrollIntoViewIfNeeded();
    await screenshot(page(), 'versions-02-reader-what-changed');
  });
});
