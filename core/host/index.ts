/**
 * The browser host: the same UI and ArchiveApi as the desktop app, served over HTTP on
 * 127.0.0.1 for when no Electron binary is available (`npm run serve`, `npm start` fallback).
 */
import { randomBytes } from 'node:crypto';
import type { ArchiveApi } from '../api.ts';
import { startHostServer } from './server.ts';

export interface BrowserHostOptions {
  archiveDir: string;
  /** 0 (default) = a free port. */
  port?: number;
  /** The built UI (dist/renderer). */
  staticDir: string;
  /** Load the bundled sample archive into an empty archive. */
  loadSample?: boolean;
  /** Tests: an ArchiveApi to serve instead of opening the archive service. */
  api?: ArchiveApi & { close?(): Promise<void> };
  logError?: (method: string, error: unknown) => void;
}

export interface BrowserHost {
  /** http://127.0.0.1:PORT/#token=… — open this; the page takes the token from the fragment. */
  url: string;
  token: string;
  port: number;
  /** True when this run loaded the bundled sample archive into an empty archive. */
  sampleLoaded: boolean;
  close(): Promise<void>;
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

async function openService(archiveDir: string, loadSample: boolean): Promise<ArchiveApi & { close(): Promise<void> }> {
  // Loaded on demand: tests that pass `api` never load the archive stack.
  const { openArchiveService } = await import('../service/index.ts');
  return openArchiveService({ archiveDir, host: 'browser', loadSample });
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const api = options.api ?? (await openService(options.archiveDir, options.loadSample ?? false));
  const token = newToken();
  let server;
  try {
    server = await startHostServer({ api, staticDir: options.staticDir, token, port: options.port ?? 0, logError: options.logError });
  } catch (error) {
    await api.close?.();
    throw error;
  }
  return {
    url: `${server.url}#token=${token}`,
    token,
    port: server.port,
    sampleLoaded: (await api.getStatus().catch(() => null))?.sampleLoaded ?? false,
    async close() {
      await server.close();
      await api.close?.();
    },
  };
}

export { startHostServer, TOKEN_HEADER, LOOPBACK } from './server.ts';
export { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './headers.ts';
