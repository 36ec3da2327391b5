#!/usr/bin/env node
// npm run build:electron: bundles the Electron main process and preload with esbuild.
//   electron/main.ts    → dist-electron/main.mjs (ESM, package.json "main"; npm packages stay
//                          external and load from node_modules / app.asar as in development).
//                          An ESM entry, not a CJS stub importing it: Electron runs the entry's
//                          synchronous top level before 'ready', which registerSchemesAsPrivileged needs.
//                          Worker entries it starts (WORKER_ENTRIES) are copied beside it.
//   core/ingest/parse-worker.ts → dist-electron/parse-worker.mjs (the import pool's worker, beside main.mjs)
//   electron/service-worker.ts → dist-electron/service-worker.mjs (the archive service's worker thread,
//                          started by main.mjs from beside itself; same options as main.mjs)
//   electron/preload.ts → dist-electron/preload.cjs (CommonJS, fully bundled: a sandboxed
//                          preload can require nothing but 'electron')
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = path.join(root, 'dist-electron');
/**
 * Worker entries the bundled code starts by a URL relative to itself (new URL('./x.mjs',
 * import.meta.url)): esbuild leaves such URLs alone, so the files go next to main.mjs. Plain
 * JavaScript importing only Node built-ins and packages from node_modules.
 */
const WORKER_ENTRIES = ['core/import/pdf/extract-worker.mjs'];

/**
 * @param {{ log?: (line: string) => void, outDir?: string, only?: ('main' | 'preload')[] }} [options]
 *   outDir/only let tests build the preload elsewhere (the main bundle must stay at depth 1 of
 *   the repo: it finds package.json and resources/ relative to itself).
 */
export async function buildElectron({ log = console.log, outDir: out = outDir, only = ['main', 'preload'] } = {}) {
  mkdirSync(out, { recursive: true });
  rmSync(path.join(out, 'main.cjs'), { force: true }); // the former CommonJS stub
  const common = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node22', sourcemap: false, logLevel: 'warning', legalComments: 'none' };
  if (only.includes('main')) {
    await build({
      ...common,
      entryPoints: ['electron/main.ts'],
      outfile: path.join(out, 'main.mjs'),
      format: 'esm',
      packages: 'external',
    });
    for (const entry of WORKER_ENTRIES) copyFileSync(path.join(root, entry), path.join(out, path.basename(entry)));
    await build({ ...common, entryPoints: ['electron/service-worker.ts'], outfile: path.join(out, 'service-worker.mjs'), format: 'esm', packages: 'external' });
    // The import pool's worker (core/ingest/pool.ts finds it beside main.mjs): every file the app
    // imports is parsed in it, under its memory and time limits, as in the CLI.
    await build({
      ...common,
      entryPoints: ['core/ingest/parse-worker.ts'],
      outfile: path.join(out, 'parse-worker.mjs'),
      format: 'esm',
      packages: 'external',
    });
  }
  if (only.includes('preload')) {
    await build({
      ...common,
      entryPoints: ['electron/preload.ts'],
      outfile: path.join(out, 'preload.cjs'),
      format: 'cjs',
      external: ['electron'],
      minify: true,
    });
  }
  log(`Electron ${only.join(' and ')} built in ${path.relative(process.cwd(), out) || out}/`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildElectron().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
