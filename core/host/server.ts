/**
 * The browser host's HTTP server: ArchiveApi over POST /api/<method> and the built UI as static
 * files, on 127.0.0.1 only. Every /api request carries the per-run token; every argument list
 * passes the channel table's schema before the api sees it.
 */
import { createReadStream } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import type { ArchiveApi } from '../api.ts';
import { CHANNELS, ID_PATTERN, LIMITS, REPORTS_ZIP_ROUTE, checkArgs, isMethodName, type MethodName } from '../channels.ts';
import { PassThrough, type Writable } from 'node:stream';
import { z } from 'zod';
import { EXPORT_FORMATS, type ExportFormatId } from '../export/formats.ts';
import { decodeWire, encodeWire } from '../wire.ts';
import { SECURITY_HEADERS } from './headers.ts';
import { resolveStatic } from './static.ts';

export const TOKEN_HEADER = 'x-nianbao-token';
/** POST here (token header, JSON {ids, format}) for the selected reports as one streamed zip (the route lives in the channel table: the page posts to it too). */
export { REPORTS_ZIP_ROUTE };

interface ZipWriter {
  writeReportsZip(request: { ids: string[]; format: ExportFormatId }, out: Writable, options: { signal: AbortSignal }): Promise<number>;
}

const reportsZipSchema = z.strictObject({
  ids: z.array(z.string().regex(ID_PATTERN)).min(1).max(LIMITS.removeIds),
  format: z.enum(EXPORT_FORMATS),
});

/** `nianbao-2011-markdown.zip` (the service's naming, repeated here: the host does not load the service). */
const zipFileName = (count: number, format: string) => `nianbao-${count}-${format}.zip`;
export const LOOPBACK = '127.0.0.1';
/** Error names of core (ArchiveError, ImportError) meaning "this request cannot be done". */
const EXPECTED_ERRORS = new Set(['ArchiveError', 'ImportError']);

export interface HostServerOptions {
  api: ArchiveApi;
  staticDir: string;
  token: string;
  /** 0 = a free port. */
  port?: number;
  /** Errors thrown by the api: logged here (default console.error) besides the 500 response. */
  logError?: (where: string, error: unknown) => void;
}

export interface HostServer {
  server: http.Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startHostServer(options: HostServerOptions): Promise<HostServer> {
  const expectedToken = Buffer.from(options.token, 'utf8');
  let port = 0;
  const logError = options.logError ?? ((method, error) => console.error(`[nianbao host] ${method} failed:`, error));

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof HttpError) sendJson(res, error.status, { error: error.message });
      else {
        logError(`${req.method} ${req.url?.split('?')[0].slice(0, 80)}`, error);
        sendJson(res, 500, { error: 'internal error' });
      }
    });
  });
  server.requestTimeout = 5 * 60_000;
  server.headersTimeout = 30_000;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // DNS rebinding: a page on evil.example resolving to 127.0.0.1 sends Host: evil.example.
    const hostHeader = (req.headers.host ?? '').toLowerCase();
    if (!allowedHosts().has(hostHeader)) throw new HttpError(421, `unexpected Host header; use http://127.0.0.1:${port}/`);

    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return handleApi(req, res, url);
    if (url.pathname === REPORTS_ZIP_ROUTE) return handleReportsZip(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'method not allowed');
    return handleStatic(req, res, url);
  }

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    if (!hasToken(req)) throw new HttpError(401, 'missing or invalid token');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) throw new HttpError(403, 'cross-origin request refused');

    const name = url.pathname.slice('/api/'.length);
    if (!isMethodName(name)) throw new HttpError(404, `unknown method "${name.slice(0, 64)}"`);
    if (req.method !== 'POST') throw new HttpError(405, `${name}: use POST`);
    const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (contentType !== 'application/json') throw new HttpError(415, `${name}: Content-Type must be application/json`);

    const raw = await readBody(req, CHANNELS[name].maxBodyBytes, name);
    let body: unknown;
    try {
      body = decodeWire(raw);
    } catch (error) {
      throw new HttpError(400, `${name}: request body is not valid JSON (${(error as Error).message})`);
    }
    if (!body || typeof body !== 'object' || Array.isArray(body) || !('args' in body)) {
      throw new HttpError(400, `${name}: request body must be {"args": [...]}`);
    }
    const checked = checkArgs(name, (body as { args: unknown }).args);
    if (!checked.ok) throw new HttpError(400, checked.message);

    let result: unknown;
    try {
      result = await callApi(options.api, name, checked.args);
    } catch (error) {
      // Errors the service raises for bad requests (unknown id, unreadable file) are answers,
      // not failures: 422 with the message. Anything else is a bug: 500, logged.
      if (error instanceof Error && EXPECTED_ERRORS.has(error.name)) throw new HttpError(422, error.message);
      logError(name, error);
      throw new HttpError(500, error instanceof Error ? error.message : String(error));
    }
    sendJson(res, 200, { result: result === undefined ? null : result });
  }

  /**
   * Many reports as one streamed zip download (POST {"ids": [...], "format": "markdown"}): the
   * response is written while the reports are read one at a time; a closed connection cancels.
   */
  async function handleReportsZip(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!hasToken(req)) throw new HttpError(401, 'missing or invalid token');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) throw new HttpError(403, 'cross-origin request refused');
    if (req.method !== 'POST') throw new HttpError(405, 'reports zip: use POST');
    const zip = (options.api as Partial<ZipWriter>).writeReportsZip;
    if (!zip) throw new HttpError(404, 'reports zip: not available');
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req, LIMITS.smallBodyBytes, 'reports zip'));
    } catch (error) {
      if (error instanceof HttpError) throw error;
      throw new HttpError(400, 'reports zip: request body is not valid JSON');
    }
    const parsed = reportsZipSchema.safeParse(body);
    if (!parsed.success) throw new HttpError(400, `reports zip: invalid request — ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const { ids, format } = parsed.data;
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    // Unknown ids fail before any byte is sent (the answer is then a 422 with the message).
    const pass = new PassThrough();
    pass.on('error', () => {}); // reported through `writing` below
    let started = false;
    const writing = zip.call(options.api, { ids, format }, pass, { signal: abort.signal }).catch((error: unknown) => {
      pass.destroy(error as Error);
      throw error;
    });
    pass.once('readable', () => {
      started = true;
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'application/zip',
        'Cache-Control': 'no-store',
        'Content-Disposition': `attachment; filename="${zipFileName(ids.length, format)}"`,
        'X-Nianbao-Reports': String(new Set(ids).size),
      });
      pass.pipe(res);
    });
    try {
      await writing;
    } catch (error) {
      if (started) return void res.destroy();
      if (error instanceof Error && EXPECTED_ERRORS.has(error.name)) throw new HttpError(422, error.message);
      throw error;
    }
  }

  function hasToken(req: http.IncomingMessage): boolean {
    const given = req.headers[TOKEN_HEADER];
    if (typeof given !== 'string') return false;
    const buf = Buffer.from(given, 'utf8');
    return buf.length === expectedToken.length && timingSafeEqual(buf, expectedToken);
  }

  async function handleStatic(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const found = await resolveStatic(options.staticDir, url.pathname);
    if (found.kind === 'forbidden') throw new HttpError(403, `forbidden: ${found.reason}`);
    if (found.kind === 'notFound') throw new HttpError(404, 'not found');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': found.contentType,
      'Cache-Control': found.contentType.startsWith('text/html') ? 'no-store' : 'no-cache',
    });
    if (req.method === 'HEAD') return void res.end();
    await new Promise<void>((resolve, reject) => {
      const stream = createReadStream(found.file);
      stream.on('error', reject);
      stream.on('end', resolve);
      stream.pipe(res);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    server,
    port,
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function callApi(api: ArchiveApi, name: MethodName, args: unknown[]): Promise<unknown> {
  const method = api[name] as (...a: unknown[]) => Promise<unknown>;
  return method.apply(api, args);
}

function readBody(req: http.IncomingMessage, limit: number, name: string): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume(); // discard the upload, answer 413
    return Promise.reject(new HttpError(413, `${name}: request body larger than ${limit} bytes`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume(); // discard the rest, answer 413
        reject(new HttpError(413, `${name}: request body larger than ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, payload: unknown): void {
  if (res.headersSent) return void res.destroy();
  // Encoded to UTF-8 once (measuring the string and then writing it would encode 3 MB twice).
  const body = Buffer.from(encodeWire(payload), 'utf8');
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': body.length,
  });
  res.end(body);
}
