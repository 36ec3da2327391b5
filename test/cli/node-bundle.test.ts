/**
 * What ships for plain Node (issue #14): the CLI, the browser host and the parse worker run from
 * esbuild bundles in dist-node/ (scripts/build-node.js), not from the sources through tsx. The
 * bundles load nothing but Node built-ins and the package's runtime dependencies, the CLI works
 * from the bundle alone, and a build older than the sources is noticed.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildNode, NODE_BUNDLES, NODE_OUT_DIR, nodeBuildStaleness } from '../../scripts/build-node.js';
import { bareImportsOf, importsOutside } from '../support/bundle-imports.ts';
import { fixturePath } from '../support/fixtures.ts';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

describe('Node bundles (dist-node/)', () => {
  it('import only Node built-ins and runtime dependencies: never tsx, esbuild or a TypeScript file', () => {
    expect(manifest.dependencies.tsx).toBeUndefined();
    expect(manifest.devDependencies.tsx).toBeDefined();
    expect(manifest.dependencies.esbuild).toBeUndefined();
    for (const name of Object.keys(NODE_BUNDLES)) {
      expect(bareImportsOf(path.join(NODE_OUT_DIR, name)).length).toBeGreaterThan(0);
      expect(importsOutside(path.join(NODE_OUT_DIR, name), manifest.dependencies), name).toEqual([]);
      expect(readFileSync(path.join(NODE_OUT_DIR, name), 'utf8')).not.toMatch(/from\s*"[^"]*\.ts"/);
    }
  });

  it('the CLI bundle alone imports an HTML and a PDF report (parsed in the bundled workers) and lists them, from a folder outside the repository', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'nianbao-cli-bundle-'));
    try {
      const script = path.join(work, 'run.mjs');
      // What bin/nianbao.js does, minus its staleness check: nothing but the bundle.
      writeFileSync(script, `const { main } = await import(${JSON.stringify(pathToFileURL(path.join(NODE_OUT_DIR, 'cli.mjs')).href)});\nprocess.exitCode = await main(process.argv.slice(2));\n`);
      // An HTML page (parsed in dist-node/parse-worker.mjs) and a PDF (read in dist-node/extract-worker.mjs,
      // with pdfjs's CMaps and fonts found from the bundle): the same report, so the PDF is version 2.
      copyFileSync(fixturePath('office', 'songling-2022.html'), path.join(work, 'report.html'));
      copyFileSync(fixturePath('office', 'songling-2022.pdf'), path.join(work, 'report.pdf'));
      const archive = path.join(work, 'archive');
      const imported = await run(process.execPath, [script, 'import', 'report.html', 'report.pdf', '--archive', archive], { cwd: work, timeout: 60_000 });
      expect(imported.stdout.split('\n').filter(Boolean)).toEqual([expect.stringMatching(/^imported \S+ 松岭市 2022 report\.html$/), expect.stringMatching(/^imported \S+ 松岭市 2022 report\.pdf$/)]);
      const listed = await run(process.execPath, [script, 'list', '--json', '--archive', archive], { cwd: work, timeout: 60_000 });
      expect(JSON.parse(listed.stdout)).toMatchObject([{ body: '松岭市', year: 2022, version: 2 }]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 90_000);

  it('a fresh build is up to date; one older than the sources, or with a file missing, is noticed', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'nianbao-build-'));
    try {
      await buildNode({ outDir: out, log: () => {} });
      expect(nodeBuildStaleness(out)).toBeNull();
      writeFileSync(path.join(out, 'build-info.json'), JSON.stringify({ startedAt: 0 })); // built "before" every source
      expect(nodeBuildStaleness(out)).toBe('stale');
      rmSync(path.join(out, 'parse-worker.mjs'));
      expect(nodeBuildStaleness(out)).toBe('missing');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
