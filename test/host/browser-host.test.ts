import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startBrowserHost, type BrowserHost } from '../../core/host/index.ts';
import { createHttpApi, ApiError } from '../../renderer/api/http.ts';
import { createFakeApi, type FakeApi } from '../support/fake-api.ts';

let work: string;
let staticDir: string;
let host: BrowserHost;
let fake: FakeApi;

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Raw request (fetch normalizes paths and forbids setting Host). */
function raw(options: { path: string; method?: string; headers?: Record<string, string>; body?: string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, path: options.path, method: options.method ?? 'GET', headers: { Host: `127.0.0.1:${host.port}`, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const api = (body: unknown, extra: Record<string, string> = {}, method = 'getReport') =>
  raw({
    path: `/api/${method}`,
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Nianbao-Token': host.token, ...extra },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'nianbao-host-'));
  staticDir = path.join(work, 'ui');
  mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>年报库</title>');
  writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(work, 'secret.txt'), 'SECRET');
  symlinkSync(path.join(work, 'secret.txt'), path.join(staticDir, 'assets', 'link.txt'));
  fake = createFakeApi();
  host = await startBrowserHost({ archiveDir: path.join(work, 'archive'), staticDir, api: fake, logError: () => {} });
});

afterAll(async () => {
  await host?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('browser host: binding and token', () => {
  it('listens on 127.0.0.1 only, on a random port', () => {
    expect(host.port).toBeGreaterThan(0);
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/#token=[A-Za-z0-9_-]{43}$`));
  });

  it('reports the loopback address from server.address()', async () => {
    const { startHostServer } = await import('../../core/host/server.ts');
    const s = await startHostServer({ api: createFakeApi(), staticDir, token: 'x'.repeat(43) });
    try {
      expect(s.server.address()).toMatchObject({ address: '127.0.0.1', family: 'IPv4' });
    } finally {
      await s.close();
    }
  });

  it('uses a new token per run', async () => {
    const other = await startBrowserHost({ archiveDir: work, staticDir, api: createFakeApi() });
    try {
      expect(other.token).not.toBe(host.token);
      expect(other.token.length).toBeGreaterThanOrEqual(43);
    } finally {
      await other.close();
    }
  });

  it('answers 401 to an /api request without the token or with a wrong one', async () => {
    const statusCalls = fake.calls.filter((c) => c.method === 'getStatus').length;
    const none = await raw({ path: '/api/getStatus', method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"args":[]}' });
    expect(none.status).toBe(401);
    // One character changed (never to itself: a token ending in 'A' made this pass 1 time in 64).
    const wrongToken = host.token.slice(0, -1) + (host.token.endsWith('A') ? 'B' : 'A');
    const wrong = await api({ args: [] }, { 'X-Nianbao-Token': wrongToken }, 'getStatus');
    expect(wrong.status).toBe(401);
    // Even unknown methods are hidden behind the token.
    expect((await raw({ path: '/api/nope', method: 'POST' })).status).toBe(401);
    expect(fake.calls.filter((c) => c.method === 'getStatus')).toHaveLength(statusCalls);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    for (const hostHeader of ['evil.example', `evil.example:${host.port}`, '127.0.0.1:1', `localhost.evil:${host.port}`]) {
      const res = await raw({ path: '/', headers: { Host: hostHeader } });
      expect(res.status, hostHeader).toBe(421);
      const apiRes = await api({ args: [] }, { Host: hostHeader }, 'getStatus');
      expect(apiRes.status, hostHeader).toBe(421);
    }
    expect((await raw({ path: '/', headers: { Host: `localhost:${host.port}` } })).status).toBe(200);
  });

  it('refuses a cross-origin request even with the token', async () => {
    const res = await api({ args: [] }, { Origin: 'http://evil.example' }, 'getStatus');
    expect(res.status).toBe(403);
    const same = await api({ args: [] }, { Origin: `http://127.0.0.1:${host.port}` }, 'getStatus');
    expect(same.status).toBe(200);
  });
});

describe('browser host: api routes', () => {
  it('404 for an unknown method, including prototype names', async () => {
    for (const name of ['deleteEverything', 'constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const res = await api({ args: [] }, {}, name);
      expect(res.status, name).toBe(404);
      expect(JSON.parse(res.body).error).toContain('unknown method');
    }
  });

  it('405 for GET on an api route', async () => {
    const res = await raw({ path: '/api/getStatus', headers: { 'X-Nianbao-Token': host.token } });
    expect(res.status).toBe(405);
  });

  it('415 unless the body is JSON (no form posts)', async () => {
    const res = await api({ args: [] }, { 'Content-Type': 'text/plain' }, 'getStatus');
    expect(res.status).toBe(415);
  });

  it('400 with a message naming the method and the bad argument', async () => {
    const cases: [string, unknown, RegExp][] = [
      ['getReport', { args: ['../../etc/passwd'] }, /getReport: invalid arguments — args\[0\]/],
      ['getReport', { args: [] }, /getReport: invalid arguments/],
      ['getReport', { args: ['a', 'b'] }, /getReport: invalid arguments/],
      ['getReport', { args: 'abc' }, /args must be an array/],
      ['getReport', { nope: 1 }, /must be \{"args"/],
      ['listReports', { args: [{ year: 'x' }] }, /listReports: invalid arguments — args\[0\]\.year/],
      ['listReports', { args: [{ evil: true }] }, /listReports: invalid arguments/],
      ['exportReport', { args: [{ id: 'r1', format: 'exe' }] }, /format/],
      ['search', { args: [{ query: 'x'.repeat(5000) }] }, /search: invalid arguments/],
      ['importFiles', { args: [[{ name: 'a.txt', bytes: 'not bytes' }]] }, /importFiles: invalid arguments/],
      ['importFiles', { args: [[]] }, /no files to import/],
      ['removeReports', { args: [['ok', 'bad id']] }, /removeReports: invalid arguments/],
      ['dismissFinding', { args: ['r1', 'applications.balance:natural', ''] }, /reason is required/],
    ];
    for (const [method, body, message] of cases) {
      const res = await api(body, {}, method);
      expect(res.status, `${method} ${JSON.stringify(body).slice(0, 60)}`).toBe(400);
      expect(JSON.parse(res.body).error).toMatch(message);
    }
    expect(fake.calls.filter((c) => ['getReport', 'listReports', 'exportReport', 'importFiles', 'removeReports', 'dismissFinding'].includes(c.method))).toHaveLength(0);
  });

  it('400 on malformed JSON and on invalid base64 bytes', async () => {
    const bad = await raw({ path: '/api/getStatus', method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Nianbao-Token': host.token }, body: '{"args":[' });
    expect(bad.status).toBe(400);
    const b64 = await api({ args: [[{ name: 'a.txt', bytes: { $bytes: '!!!' } }]] }, {}, 'importFiles');
    expect(b64.status).toBe(400);
  });

  it('413 on a body over the method limit', async () => {
    const res = await api({ args: [{ query: 'x'.repeat(9 * 1024 * 1024) }] }, {}, 'search');
    expect(res.status).toBe(413);
  });

  it('round-trips arguments and results through the renderer HTTP client, bytes included', async () => {
    const client = createHttpApi({ token: host.token, baseUrl: `http://127.0.0.1:${host.port}` });
    expect((await client.getStatus()).appVersion).toBe('0.0.0-test');
    const outcomes = await client.importFiles([{ name: '年报.txt', bytes: new Uint8Array([0, 1, 254, 255]) }]);
    expect(outcomes).toEqual([{ file: '年报.txt', status: 'failed', reason: 'bytes=0,1,254,255' }]);
    const received = fake.calls.find((c) => c.method === 'importFiles')!.args[0] as { bytes: unknown }[];
    expect(received[0].bytes).toBeInstanceOf(Uint8Array);
    expect(await client.exportReport({ id: 'r-1', format: 'tsv', table: 'applications' })).toBe('export:r-1:tsv');
    expect(await client.search({ query: '行政复议' })).toMatchObject({ total: 0, results: [] });
  });

  it('passes service errors to the client as a rejected promise with the message', async () => {
    const client = createHttpApi({ token: host.token, baseUrl: `http://127.0.0.1:${host.port}` });
    const error = await client.getReport('missing-id').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(500);
    expect((error as ApiError).message).toContain('未找到报告 missing-id');
  });

  it('the client reports a missing token clearly', async () => {
    const client = createHttpApi({ token: '', baseUrl: `http://127.0.0.1:${host.port}` });
    const error = (await client.getStatus().catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(401);
    expect(error.message).toContain('令牌');
  });
});

describe('browser host: static UI', () => {
  it('serves index.html with a strict CSP and nosniff', async () => {
    const res = await raw({ path: '/' });
    expect(res.status).toBe(200);
    expect(res.body).toContain('年报库');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(res.headers['content-security-policy']);
    for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'", "connect-src 'self'"]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves assets with their content type and falls back to index.html for app routes', async () => {
    const js = await raw({ path: '/assets/app.js' });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const route = await raw({ path: '/reports/abc' });
    expect(route.status).toBe(200);
    expect(route.body).toContain('年报库');
    expect((await raw({ path: '/assets/missing.js' })).status).toBe(404);
  });

  it('refuses path traversal in every spelling', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2E%2E%5Csecret.txt', '/assets/%00.js', '/..\\secret.txt']) {
      const res = await raw({ path: p });
      expect(res.status, p).toBeGreaterThanOrEqual(400);
      expect(res.body, p).not.toContain('SECRET');
    }
  });

  it('refuses a symlink leading out of the UI folder', async () => {
    const res = await raw({ path: '/assets/link.txt' });
    expect(res.status).toBe(403);
    expect(res.body).not.toContain('SECRET');
  });

  it('refuses non-GET methods on static paths', async () => {
    expect((await raw({ path: '/', method: 'POST' })).status).toBe(405);
  });
});
