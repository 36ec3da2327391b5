/**
 * E2E harness: builds the renderer once into a temp folder, starts the browser host on an empty
 * temporary archive (with the sample archive loaded), and drives Chrome/Chromium/Edge with
 * playwright-core (found by test/support/chromium.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { requireChromium } from '../support/chromium.ts';
import { fixturePath } from '../support/fixtures.ts';
import { startBrowserHost, type BrowserHost } from '../../core/host/index.ts';
import type { NewReport } from '../../core/archive/index.ts';
import { openArchive } from '../archive/helpers.ts';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const seedPath = fixturePath('seed', 'yichun-2022.txt');
export const artifactsDir = join(repoRoot, 'test-artifacts');

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** vite build of the renderer into a fresh temp folder (does not touch dist/ others may be using). */
export function buildRenderer(): string {
  const outDir = mkdtempSync(join(tmpdir(), 'nianbao-ui-'));
  execFileSync(process.execPath, [join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: repoRoot,
    stdio: 'pipe',
    // vitest sets NODE_ENV=test, which would make vite bundle React's development build.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return outDir;
}

export interface Session {
  host: BrowserHost;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  archiveDir: string;
  origin: string;
  close(): Promise<void>;
}

export async function startSession(options: { staticDir: string; archiveDir?: string; loadSample?: boolean; viewport?: { width: number; height: number } }): Promise<Session> {
  const executablePath = requireChromium();
  const archiveDir = options.archiveDir ?? mkdtempSync(join(tmpdir(), 'nianbao-archive-'));
  const host = await startBrowserHost({ archiveDir, port: 0, staticDir: options.staticDir, loadSample: options.loadSample ?? true });
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const origin = new URL(host.url).origin;
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 900 }, locale: 'zh-CN' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const page = await context.newPage();
  return {
    host,
    browser,
    context,
    page,
    archiveDir,
    origin,
    async close() {
      await browser.close().catch(() => {});
      await host.close().catch(() => {});
      if (!options.archiveDir) rmSync(archiveDir, { recursive: true, force: true });
    },
  };
}

/**
 * A session on a new temporary archive holding `reports` (deleted on close), with the library
 * listed; `beforeOpen` runs before the page loads (init scripts, download listeners).
 */
export async function startSessionWith(reports: NewReport[], options: { staticDir: string; beforeOpen?(session: Session): Promise<void> }): Promise<Session> {
  const archiveDir = mkdtempSync(join(tmpdir(), 'nianbao-e2e-archive-'));
  await (await openArchive(archiveDir)).addReports(reports);
  const session = await startSession({ staticDir: options.staticDir, archiveDir, loadSample: false });
  const close = session.close;
  session.close = async () => {
    await close();
    rmSync(archiveDir, { recursive: true, force: true });
  };
  await options.beforeOpen?.(session);
  await session.page.goto(session.host.url);
  await session.page.waitForSelector('[role=option]');
  return session;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const path = join(artifactsDir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
