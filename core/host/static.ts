/**
 * Static files of the built UI, confined to one folder: the decoded request path is resolved
 * inside the root, and the real path (symlinks followed) must still be inside it.
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export type StaticResolution =
  | { kind: 'file'; file: string; contentType: string }
  | { kind: 'forbidden'; reason: string }
  | { kind: 'notFound' };

/**
 * Maps a URL pathname (still percent-encoded) to a file under root. '/' and extension-less
 * paths that are not files fall back to index.html (client-side routes).
 */
export async function resolveStatic(root: string, urlPath: string): Promise<StaticResolution> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'forbidden', reason: 'bad percent-encoding' };
  }
  if (decoded.includes('\0')) return { kind: 'forbidden', reason: 'NUL in path' };
  if (decoded.includes('\\')) return { kind: 'forbidden', reason: 'backslash in path' };
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..')) return { kind: 'forbidden', reason: 'path traversal' };

  const realRoot = await realpath(root).catch(() => null);
  if (!realRoot) return { kind: 'notFound' };
  const candidate = path.resolve(realRoot, '.' + path.posix.normalize('/' + decoded));
  if (!isInside(realRoot, candidate)) return { kind: 'forbidden', reason: 'outside the UI folder' };

  const found = await fileInside(realRoot, candidate);
  if (found === 'outside') return { kind: 'forbidden', reason: 'outside the UI folder' };
  if (found) return { kind: 'file', file: found, contentType: contentTypeOf(found) };
  if (path.extname(candidate) === '') {
    const index = await fileInside(realRoot, path.join(realRoot, 'index.html'));
    if (index && index !== 'outside') return { kind: 'file', file: index, contentType: CONTENT_TYPES['.html'] };
  }
  return { kind: 'notFound' };
}

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The real path of a regular file (index.html for a folder), 'outside' when a symlink leaves root. */
async function fileInside(realRoot: string, candidate: string): Promise<string | 'outside' | null> {
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    return null;
  }
  if (!isInside(realRoot, real)) return 'outside';
  const info = await stat(real).catch(() => null);
  if (!info) return null;
  if (info.isDirectory()) return fileInside(realRoot, path.join(real, 'index.html'));
  return info.isFile() ? real : null;
}
