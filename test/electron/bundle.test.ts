/**
 * The built main process (scripts/build-electron.js → dist-electron/main.mjs) run under Node
 * with a stand-in `electron`: its imports resolve, it opens the archive service, registers
 * every handler and serves the UI from app:// — what cannot be tried here with a real Electron.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildElectron } from '../../scripts/build-electron.js';
import { importsOutside } from '../support/bundle-imports.ts';
import { CHANNELS, METHOD_NAMES, SHELL_CANCEL_EXPORT_CHANNEL, SHELL_CLIPBOARD_CHANNEL, SHELL_EXPORT_REPORTS_CHANNEL, SHELL_PRINT_PDF_CHANNEL, SHELL_SAVE_CHANNEL } from '../../core/channels.ts';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../..');

describe('bundled main process', () => {
  it('starts, registers every channel and serves app://nianbao/index.html', async () => {
    await buildElectron({ log: () => {} });
    const work = mkdtempSync(path.join(tmpdir(), 'nianbao-bundle-'));
    try {
      // A stand-in app root with a built UI, so the test does not depend on vite build.
      mkdirSync(path.join(work, 'app', 'dist', 'renderer'), { recursive: true });
      writeFileSync(path.join(work, 'app', 'dist', 'renderer', 'index.html'), '<!doctype html><title>年报库 bundle test</title>');
      // package.json "main" is what `electron .` and the installers start.
      const main = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).main as string;
      expect(main).toBe('dist-electron/main.mjs');
      const { stdout } = await run(process.execPath, ['--import', path.join(repoRoot, 'test/electron/fixtures/electron-stub/register.mjs'), path.join(repoRoot, main)], {
        cwd: work,
        timeout: 60_000,
        env: {
          ...process.env,
          NIANBAO_APP_ROOT: path.join(work, 'app'),
          NIANBAO_USER_DATA: path.join(work, 'userData'),
          NIANBAO_ARCHIVE: path.join(work, 'archive'),
          // A PDF (read in a worker thread the bundle must find beside itself) and an HTML page.
          NIANBAO_STUB_IMPORT: [path.join(repoRoot, 'test/fixtures/office/songling-2022.pdf'), path.join(repoRoot, 'test/fixtures/office/songling-2022.html')].join(';'),
          NIANBAO_STUB_IMPORT_CHANNEL: CHANNELS.importFiles.channel,
        },
      });
      const line = stdout.split('\n').find((l) => l.startsWith('SUMMARY '));
      expect(line, stdout).toBeDefined();
      const summary = JSON.parse(line!.slice('SUMMARY '.length));
      expect(summary.privileged).toEqual(['app']);
      expect(summary.sandbox).toBe(true);
      expect(summary.handlers.sort()).toEqual([...METHOD_NAMES.map((m) => CHANNELS[m].channel), SHELL_SAVE_CHANNEL, SHELL_CLIPBOARD_CHANNEL, SHELL_EXPORT_REPORTS_CHANNEL, SHELL_CANCEL_EXPORT_CHANNEL, SHELL_PRINT_PDF_CHANNEL].sort());
      expect(summary.loaded).toBe('app://nianbao/index.html');
      expect(summary.status).toBe(200);
      expect(summary.body).toContain('年报库 bundle test');
      expect(summary.imported).toEqual([
        { status: 'imported', reason: null, year: 2022 },
        { status: 'imported', reason: null, year: 2022 },
      ]);
      // The archive service runs in its worker beside main.mjs, never in the main thread (the
      // imports above went main → worker → main): main.mjs holds none of it, the worker no Electron.
      const mainCode = readFileSync(path.join(repoRoot, 'dist-electron', 'main.mjs'), 'utf8');
      const workerCode = readFileSync(path.join(repoRoot, 'dist-electron', 'service-worker.mjs'), 'utf8');
      expect(mainCode).not.toContain('openArchiveService');
      expect(workerCode).toContain('openArchiveService');
      expect(workerCode).not.toMatch(/from\s*["']electron["']/);
      // What the installer carries: main and the import pool's worker load only 'electron',
      // built-ins and runtime dependencies (never tsx or esbuild, which are devDependencies).
      const { dependencies } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
      for (const bundle of ['main.mjs', 'service-worker.mjs', 'parse-worker.mjs']) expect(importsOutside(path.join(repoRoot, 'dist-electron', bundle), dependencies, ['electron']), bundle).toEqual([]);
      expect(summary.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, preload: path.join(repoRoot, 'dist-electron', 'preload.cjs') });
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 90_000);
});
