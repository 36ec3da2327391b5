/**
 * The app:// protocol serving the built UI (dist/renderer) to the window. Registered as
 * standard + secure so the page gets a real origin (app://nianbao) with the same-origin policy,
 * and every request path is confined to the UI folder.
 */
import path from 'node:path';
import type { CustomScheme } from 'electron';
import { contentTypeOf, isInside } from '../core/host/static.ts';
import { CONTENT_SECURITY_POLICY } from './csp.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'nianbao';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** For protocol.registerSchemesAsPrivileged, before the app is ready. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: false, bypassCSP: false, allowServiceWorkers: false },
};

/** True for a URL of our UI (app://nianbao/…); anything else is untrusted. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

export type AppPathResolution = { ok: true; file: string } | { ok: false; status: 403 | 404; reason: string };

/**
 * Maps an app:// URL to a file under rootDir, or refuses it. Pure (no file system), so it is the
 * same check in tests; extension-less paths are client routes and get index.html.
 */
export function resolveAppUrl(rootDir: string, url: string): AppPathResolution {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, status: 404, reason: 'bad URL' };
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return { ok: false, status: 404, reason: 'unknown host' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(u.pathname);
  } catch {
    return { ok: false, status: 403, reason: 'bad percent-encoding' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { ok: false, status: 403, reason: 'forbidden character in path' };
  if (decoded.split('/').some((s) => s === '..')) return { ok: false, status: 403, reason: 'path traversal' };
  const root = path.resolve(rootDir);
  let file = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (!isInside(root, file) || file === root) file = path.join(root, 'index.html');
  if (!isInside(root, file)) return { ok: false, status: 403, reason: 'outside the UI folder' };
  if (path.extname(file) === '') file = path.join(root, 'index.html');
  return { ok: true, file };
}

export interface ProtocolDeps {
  readFile(file: string): Promise<Uint8Array>;
}

/** The protocol.handle callback: files of the UI with the CSP, everything else refused. */
export function createAppProtocolHandler(rootDir: string, deps: ProtocolDeps): (request: Request) => Promise<Response> {
  return async (request) => {
    const resolved = resolveAppUrl(rootDir, request.url);
    if (!resolved.ok) return new Response(resolved.reason, { status: resolved.status, headers: { 'Content-Type': 'text/plain' } });
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('method not allowed', { status: 405 });
    let body: Uint8Array;
    try {
      body = await deps.readFile(resolved.file);
    } catch {
      return new Response('not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
    }
    return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), {
      status: 200,
      headers: {
        'Content-Type': contentTypeOf(resolved.file),
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      },
    });
  };
}
