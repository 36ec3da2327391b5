#!/usr/bin/env node
// npm run serve [-- --archive DIR --port N --no-sample]: the browser host (UI + ArchiveApi over
// HTTP on 127.0.0.1 with a per-run token). Runs the bundle dist-node/host.mjs (rebuilt first
// when a source is newer, see scripts/build-node.js).
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureNodeBuild } from './build-node.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
try {
  const { runBrowserHostCli } = await import(pathToFileURL(path.join(await ensureNodeBuild(), 'host.mjs')).href);
  await runBrowserHostCli(process.argv.slice(2), repoRoot);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
