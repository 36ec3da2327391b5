/**
 * Keyboard only: from page load, reach the search box with Tab, search, open a result with
 * Enter, reach the Table / Narrative toggle with Tab, close the findings panel with Escape,
 * go back with Alt+←. Focus is visible at every step.
 */
import { readFileSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHttpApi } from '../../renderer/api/http.ts';
import { buildRenderer, screenshot, seedPath, startSession, type Session } from './harness.ts';
import { describeWithBrowser } from './browser.ts';

let staticDir: string;
let session: Session;

const page = () => session.page;
const active = () =>
  page().evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const style = el ? getComputedStyle(el) : null;
    return {
      tag: el?.tagName ?? '',
      label: el?.getAttribute('aria-label') ?? '',
      mode: el?.dataset.mode ?? '',
      where: el?.dataset.where ?? '',
      text: (el?.textContent ?? '').slice(0, 40),
      outline: style ? `${style.outlineStyle} ${style.outlineWidth}` : '',
    };
  });

async function tabUntil(predicate: (a: Awaited<ReturnType<typeof active>>) => boolean, max = 80, key = 'Tab') {
  for (let i = 0; i < max; i++) {
    await page().keyboard.press(key);
    const a = await active();
    if (process.env.KEYBOARD_DEBUG) console.log(key, i, JSON.stringify(a));
    if (predicate(a)) return { ...a, presses: i + 1 };
  }
  throw new Error(`focus never reached the target after ${max} × ${key}; last: ${JSON.stringify(await active())}`);
}

describeWithBrowser('Keyboard only', () => {
  beforeAll(async () => {
    staticDir = buildRenderer();
    session = await startSession({ staticDir, loadSample: false });
    const api = createHttpApi({ token: session.host.token, baseUrl: session.origin });
    const outcomes = await api.importFiles([{ name: basename(seedPath), bytes: new Uint8Array(readFileSync(seedPath)) }]);
    expect(outcomes[0].status).toBe('imported');
    await page().goto(session.host.url);
    await page().waitForSelector('[role=option]');
  });

  afterAll(async () => {
    await session?.close();
    if (staticDir) rmSync(staticDir, { recursive: true, force: true });
  });

  it('tabs to the search box, searches, opens a result with Enter and reaches the Table toggle', async () => {
    if (process.env.KEYBOARD_DEBUG) console.log('before', JSON.stringify(await active()), await page().evaluate(() => location.href));
    const search = await tabUntil((a) => a.tag === 'INPUT' && a.label === '搜索', 15);
    expect(search.outline).toMatch(/^(solid|auto) [1-9]/);
    await page().keyboard.type('行政复议');
    await page().waitForSelector('.hit-button[data-where*="reviewLitigation"]');
    // Enter (or ↓) moves from the box into the results; ↓ walks the hits.
    await page().keyboard.press('Enter');
    let hit = await active();
    expect(hit.where).not.toBe('');
    while (!hit.where.includes('reviewLitigation')) {
      await page().keyboard.press('ArrowDown');
      hit = await active();
    }
    expect(hit.outline).toMatch(/^(solid|auto) [1-9]/);
    await screenshot(page(), '11-keyboard-search');
    await page().keyboard.press('Enter');
    await page().waitForSelector('#ch-reviewLitigation .hit');

    // From the highlighted hit, Tab on to the toggles of 四.
    const narrative = await tabUntil((a) => a.mode === 'narrative', 60);
    expect(narrative.outline).toMatch(/^(solid|auto) [1-9]/);
    await page().keyboard.press('Enter');
    await page().waitForSelector('#ch-reviewLitigation .narrative-view');
    const table = await tabUntil((a) => a.mode === 'table', 5, 'Shift+Tab');
    expect(table.mode).toBe('table');
    await page().keyboard.press('Enter');
    await page().waitForSelector('#ch-reviewLitigation table.stat');
    expect(await page().locator('#ch-reviewLitigation [data-mode=table]').getAttribute('aria-pressed')).toBe('true');
    await screenshot(page(), '12-keyboard-toggle');
  });

  it('moves through table cells with the arrow keys and copies with Ctrl+C', async () => {
    await page().locator('#ch-applications [data-mode=table]').focus();
    const cell = await tabUntil((a) => a.tag === 'TD', 40);
    expect(cell.outline).toMatch(/^(solid|auto) [1-9]/);
    await page().keyboard.press('Shift+ArrowRight');
    await page().keyboard.press('Control+c');
    await page().locator('.toast', { hasText: '已复制 2 个单元格' }).waitFor();
    expect(await page().evaluate(() => navigator.clipboard.readText())).toBe('134\t3');
  });

  it('closes the findings panel with Escape and goes back with Alt+←, Ctrl+K focuses search', async () => {
    await page().locator('#h-overview').focus();
    expect(await page().locator('#findings-panel').count()).toBe(1);
    await page().keyboard.press('Escape');
    expect(await page().locator('#findings-panel').count()).toBe(0);
    await page().keyboard.press('Alt+ArrowLeft');
    await page().waitForSelector('.search-results');
    await page().keyboard.press('Control+k');
    expect((await active()).label).toBe('搜索');
  });
});
