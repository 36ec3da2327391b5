#!/usr/bin/env node
// npm run build:node (also run by `npm ci` through "prepare"): bundles what runs under plain Node
// with esbuild into dist-node/ (packages stay external and load from node_modules):
//   core/cli/main.ts          → dist-node/cli.mjs           (bin/nianbao.js)
//   core/host/cli.ts          → dist-node/host.mjs          (scripts/serve.js, scripts/start.js)
//   core/ingest/parse-worker.ts → dist-node/parse-worker.mjs (the import pool's worker; pool.ts
//                                 finds it beside the bundle, or here when run from the sources)
//   core/import/pdf/extract-worker.mjs is copied beside them (started by a URL relative to the bundle).
// ensureNodeBuild() rebuilds when a source is newer than the last build; esbuild is imported
// only then, so an up-to-date build starts without it (and without tsx).
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const NODE_OUT_DIR = path.join(root, 'dist-node');
/** Bundle name → entry. */
export const NODE_BUNDLES = {
  'cli.mjs': 'core/cli/main.ts',
  'host.mjs': 'core/host/cli.ts',
  'parse-worker.mjs': 'core/ingest/parse-worker.ts',
};
/** Plain JavaScript worker entries started by a URL relative to the bundled code: copied beside it. */
export const NODE_COPIED = ['core/import/pdf/extract-worker.mjs'];
/** What a build is made from: any of these newer than the build makes it stale. */
const SOURCES = ['core', 'package.json', 'scripts/build-node.js'];
const STAMP = 'build-info.json';
const CHUNK_PREFIX = 'chunk-';
/** Chunks of earlier builds are removed once this old (a CLI started before the rebuild may still load its own). */
const OLD_CHUNK_MS = 10 * 60 * 1000;

function removeOldChunks(outDir, current) {
  for (const name of readdirSync(outDir)) {
    if (!name.startsWith(CHUNK_PREFIX) || current.has(name)) continue;
    try {
      if (Date.now() - statSync(path.join(outDir, name)).mtimeMs > OLD_CHUNK_MS) unlinkSync(path.join(outDir, name));
    } catch {
      // removed meanwhile by another build
    }
  }
}

function newestMtime(p) {
  let s;
  try {
    s = statSync(p);
  } catch {
    return 0;
  }
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs; // a deleted file changes its folder's mtime
  for (const name of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

/** Why the build in `outDir` cannot be used as it is, or null when it is up to date. */
export function nodeBuildStaleness(outDir = NODE_OUT_DIR) {
  const outputs = [...Object.keys(NODE_BUNDLES), ...NODE_COPIED.map((f) => path.basename(f))];
  if (outputs.some((f) => !existsSync(path.join(outDir, f)))) return 'missing';
  let startedAt;
  try {
    startedAt = JSON.parse(readFileSync(path.join(outDir, STAMP), 'utf8')).startedAt;
  } catch {
    return 'missing';
  }
  // Without the sources (an installed copy) the build is all there is.
  if (!existsSync(path.join(root, 'core'))) return null;
  return newestMtime(path.join(root, SOURCES[0])) > startedAt || SOURCES.slice(1).some((s) => newestMtime(path.join(root, s)) > startedAt) ? 'stale' : null;
}

/**
 * Builds every bundle into `outDir`. Each file is written beside its final name and renamed,
 * so a CLI started meanwhile (or a second build at the same time) never loads half a file.
 * @param {{ log?: (line: string) => void, outDir?: string }} [options]
 */
export async function buildNode({ log = console.log, outDir = NODE_OUT_DIR } = {}) {
  const startedAt = Date.now();
  const { build } = await import('esbuild');
  mkdirSync(outDir, { recursive: true });
  const temp = (name) => path.join(outDir, `.${name}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  const result = await build({
    absWorkingDir: root,
    entryPoints: Object.entries(NODE_BUNDLES).map(([name, entry]) => ({ in: entry, out: name.replace(/\.mjs$/, '') })),
    bundle: true,
    // Code shared by the bundles goes to chunks, and what is imported only dynamically (the
    // import pipeline for PDFs, …) with its packages: `nianbao list` does not load mammoth or pdfjs.
    // Chunks sit beside the entries, so new URL('./x-worker.mjs', import.meta.url) finds the same folder.
    splitting: true,
    chunkNames: `${CHUNK_PREFIX}[hash]`,
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    outdir: outDir,
    logLevel: 'warning',
    legalComments: 'none',
  });
  // Chunks first, entries last: an entry never points to a chunk not yet written.
  const files = [...result.outputFiles].sort((a, b) => Number(!path.basename(a.path).startsWith(CHUNK_PREFIX)) - Number(!path.basename(b.path).startsWith(CHUNK_PREFIX)));
  for (const file of files) {
    const t = temp(path.basename(file.path));
    writeFileSync(t, file.contents);
    renameSync(t, file.path);
  }
  removeOldChunks(outDir, new Set(files.map((f) => path.basename(f.path))));
  for (const file of NODE_COPIED) {
    const t = temp(path.basename(file));
    copyFileSync(path.join(root, file), t);
    renameSync(t, path.join(outDir, path.basename(file)));
  }
  const t = temp(STAMP);
  writeFileSync(t, JSON.stringify({ startedAt }));
  renameSync(t, path.join(outDir, STAMP));
  log(`Node bundles built in ${path.relative(process.cwd(), outDir) || outDir}/ (${Date.now() - startedAt} ms)`);
}

/**
 * The build, rebuilt first when a source is newer (a development checkout). Throws one line
 * telling what to run when it is missing and cannot be built (esbuild not installed).
 */
export async function ensureNodeBuild({ log = () => {} } = {}) {
  const staleness = nodeBuildStaleness();
  if (!staleness) return NODE_OUT_DIR;
  try {
    await buildNode({ log });
  } catch (error) {
    // A stale build still runs; only a missing one stops here.
    if (staleness === 'stale' && nodeBuildStaleness() !== 'missing') return NODE_OUT_DIR;
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(`nianbao 尚未构建，请先运行 npm run build:node (dist-node/ is ${staleness} and could not be built: ${why})`, { cause: error });
  }
  return NODE_OUT_DIR;
}

/** esbuild is a devDependency: an install without them (npm ci --omit=dev) cannot build. */
async function esbuildInstalled() {
  return import('esbuild').then(
    () => true,
    () => false,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // --if-possible ("prepare"): an install without devDependencies skips the build with one line instead of failing.
  if (process.argv.includes('--if-possible') && !(await esbuildInstalled())) {
    console.log('esbuild is not installed (no devDependencies): dist-node/ not built; bin/nianbao.js needs `npm run build:node` with them installed.');
  } else {
    await buildNode().catch((error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
  }
}
