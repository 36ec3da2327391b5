// The import pipeline for the parse worker as one module: esbuild bundles the TypeScript sources
// (packages stay external) into node_modules/.cache/nianbao/, named by the bundle's content so
// that processes started from different sources never share a file, and the worker imports it.
// PDFs never reach the worker (pool.ts parses them in the calling thread), so the PDF extractor's
// own worker path, relative to the module, is never used from the bundle.
import { createHash } from 'node:crypto';
import { mkdir, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PREFIX = 'parse-pipeline-';
/** Bundles of older sources are removed once this old (a process started from them has long imported its copy). */
const STALE_MS = 24 * 3600 * 1000;

/** Resolves to the pipeline module's exports; rejects when esbuild is missing or bundling fails. */
export async function loadBundledPipeline(entryUrl) {
  const entry = fileURLToPath(entryUrl);
  const require = createRequire(entry);
  // Inside the project's node_modules: the bundle's bare imports (htmlparser2, …) resolve from there.
  const nodeModules = path.dirname(path.dirname(require.resolve('esbuild/package.json')));
  const esbuild = await import(pathToFileURL(require.resolve('esbuild')).href);
  let code;
  try {
    const result = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      write: false,
      logLevel: 'silent',
    });
    code = result.outputFiles[0].contents;
  } finally {
    await esbuild.stop?.(); // its service process would otherwise outlive the build
  }
  const dir = path.join(nodeModules, '.cache', 'nianbao');
  const file = path.join(dir, `${PREFIX}${createHash('sha256').update(code).digest('hex').slice(0, 20)}.mjs`);
  const present = await stat(file).then(
    (s) => s.size === code.length,
    () => false,
  );
  if (!present) {
    await mkdir(dir, { recursive: true });
    const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(temp, code);
    await rename(temp, file); // whole or absent, even with several workers writing at once
    void removeStale(dir, path.basename(file));
  }
  return import(pathToFileURL(file).href);
}

async function removeStale(dir, keep) {
  try {
    for (const name of await readdir(dir)) {
      if (!name.startsWith(PREFIX) || name === keep) continue;
      const full = path.join(dir, name);
      const { mtimeMs } = await stat(full);
      if (Date.now() - mtimeMs > STALE_MS) await unlink(full);
    }
  } catch {
    // a cache: whatever could not be removed is tried again next time
  }
}
