#!/usr/bin/env node
// The nianbao CLI: runs the esbuild bundle dist-node/cli.mjs (built by `npm ci` through
// "prepare", or `npm run build:node`); in a development checkout a source newer than the
// bundle rebuilds it first (~0.3 s).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureNodeBuild } from '../scripts/build-node.js';

let main;
try {
  const dir = await ensureNodeBuild();
  ({ main } = await import(pathToFileURL(path.join(dir, 'cli.mjs')).href));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
process.exitCode = await main(process.argv.slice(2));
