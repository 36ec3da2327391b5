/**
 * The package's root folder (where package.json, resources/ and dist/ live), found by walking
 * up from the running module: the same code runs from the sources (core/<area>/x.ts, two levels
 * down), from a bundle (dist-node/cli.mjs, dist-electron/main.mjs, one level down) and from an
 * installer's app.asar, so no fixed '../..' fits all of them.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'nianbao';

function isOurPackageJson(file: string): boolean {
  try {
    return JSON.parse(readFileSync(file, 'utf8')).name === PACKAGE_NAME;
  } catch {
    return false;
  }
}

/** The nearest folder at or above `fromUrl`'s folder holding nianbao's package.json. */
export function packageRootFrom(fromUrl: string | URL): string {
  const start = path.dirname(fileURLToPath(fromUrl));
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'package.json');
    if (existsSync(candidate) && isOurPackageJson(candidate)) return dir;
    if (path.dirname(dir) === dir) return path.resolve(start, '..', '..'); // not found: the sources' layout
  }
}

let cached: string | undefined;

/** The root of the running copy of nianbao (computed once). */
export function packageRoot(): string {
  cached ??= packageRootFrom(import.meta.url);
  return cached;
}
