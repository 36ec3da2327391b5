/**
 * The repository stands alone and its engines tell the truth: a fresh clone with nothing beside it
 * installs with `npm ci` on the oldest Node the root package.json names, without an EBADENGINE
 * warning, and finds every file its tests, benchmarks and documents refer to inside itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

interface LockEntry {
  version?: string;
  optional?: boolean;
  engines?: { node?: string };
}
interface Manifest {
  engines: { node: string };
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const repoRoot = path.resolve(import.meta.dirname, '../..');
const readJson = <T,>(...parts: string[]): T => JSON.parse(readFileSync(path.join(repoRoot, ...parts), 'utf8')) as T;
const semver = createRequire(import.meta.url)('semver') as { minVersion(range: string): { version: string } | null; satisfies(version: string, range: string): boolean };

const root = readJson<Manifest>('package.json');
const packaging = readJson<Manifest>('packaging', 'package.json');

/** Packages of a lockfile whose engines refuse `node` (optional ones are skipped by npm, silently). */
function refusing(lockParts: string[], node: string): string[] {
  const { packages } = readJson<{ packages: Record<string, LockEntry> }>(...lockParts);
  return Object.entries(packages)
    .filter(([, entry]) => !entry.optional && entry.engines?.node && !semver.satisfies(node, entry.engines.node))
    .map(([where, entry]) => `${where || 'the root'} ${entry.version ?? ''} needs node ${entry.engines?.node}`);
}

describe('engines', () => {
  it('the root npm ci installs nothing that refuses the oldest Node the root names', () => {
    expect(root.engines.node).toBe('>=20.19');
    expect(refusing(['package-lock.json'], semver.minVersion(root.engines.node)!.version)).toEqual([]);
  });

  it('the Electron toolchain (Node 22.12+) is pinned in packaging/, not in the root', () => {
    for (const name of ['electron', 'electron-builder']) {
      expect(root.dependencies?.[name]).toBeUndefined();
      expect(root.devDependencies?.[name]).toBeUndefined();
      expect(packaging.devDependencies?.[name]).toMatch(/^\d+\.\d+\.\d+$/);
    }
    expect(packaging.engines.node).toBe('>=22.12');
    expect(refusing(['packaging', 'package-lock.json'], semver.minVersion(packaging.engines.node)!.version)).toEqual([]);
  });

  it('the Electron types the Node 20 type check uses are those of the pinned electron', () => {
    const firstLine = readFileSync(path.join(repoRoot, 'packaging', 'electron.d.ts'), 'utf8').split('\n', 1)[0];
    expect(firstLine).toBe(`// Type definitions for Electron ${packaging.devDependencies?.electron}`);
  });
});

describe('nothing outside the repository', () => {
  // Built from pieces so that this file does not match itself in a plain text search.
  const outside = new RegExp(['\\.\\./shared', '/[a-z]+/shared/', '/wo' + 'rk/'].join('|'));
  const skipDirs = new Set(['node_modules', '.git', 'dist', 'dist-electron', 'dist-node', 'release', 'test-artifacts', 'out']);
  const textFile = /\.(ts|tsx|js|mjs|cjs|json|md|yml|yaml|html|css|txt)$|^run$/;

  function* textFiles(dir: string): Generator<string> {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && !skipDirs.has(entry.name)) yield* textFiles(path.join(dir, entry.name));
      else if (entry.isFile() && textFile.test(entry.name) && entry.name !== 'package-lock.json') yield path.join(dir, entry.name);
    }
  }

  it('no file refers to the delivery folder beside the checkout or to a folder of one machine', () => {
    const offenders: string[] = [];
    for (const file of textFiles(repoRoot)) {
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => outside.test(line) && offenders.push(`${path.relative(repoRoot, file)}:${i + 1}: ${line.trim().slice(0, 120)}`));
    }
    expect(offenders).toEqual([]);
  });
});
