import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler, isAppUrl, resolveAppUrl } from '../../electron/protocol.ts';

const root = path.resolve('/opt/nianbao/dist/renderer');

describe('app:// protocol', () => {
  it('is registered as a standard, secure scheme without CSP bypass', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true, bypassCSP: false } });
  });

  it('maps UI paths to files under dist/renderer', () => {
    expect(resolveAppUrl(root, 'app://nianbao/index.html')).toEqual({ ok: true, file: path.join(root, 'index.html') });
    expect(resolveAppUrl(root, 'app://nianbao/assets/index-abc.js')).toEqual({ ok: true, file: path.join(root, 'assets', 'index-abc.js') });
    expect(resolveAppUrl(root, 'app://nianbao/')).toEqual({ ok: true, file: path.join(root, 'index.html') });
    expect(resolveAppUrl(root, 'app://nianbao/reports/abc')).toEqual({ ok: true, file: path.join(root, 'index.html') });
  });

  it('refuses traversal, encoded or not, NUL and backslashes', () => {
    for (const url of [
      'app://nianbao/..%2f..%2fetc%2fpasswd',
      'app://nianbao/assets/..%2f..%2f..%2fpackage.json',
      'app://nianbao/%2E%2E%5C..%5Cetc%5Cpasswd',
      'app://nianbao/a%00.js',
      'app://nianbao/%E0%A4%A',
    ]) {
      const result = resolveAppUrl(root, url);
      expect(result.ok, url).toBe(false);
    }
    // URL parsing already folds ../ and %2e%2e/ segments: such paths stay inside the root.
    for (const url of ['app://nianbao/../../etc/secret.txt', 'app://nianbao/%2e%2e/%2e%2e/etc/secret.txt']) {
      const folded = resolveAppUrl(root, url);
      expect(folded.ok && folded.file, url).toBe(path.join(root, 'etc', 'secret.txt'));
    }
  });

  it('refuses other hosts and schemes', () => {
    expect(resolveAppUrl(root, 'app://other/index.html')).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppUrl(root, 'file:///etc/passwd')).toMatchObject({ ok: false });
    expect(isAppUrl('app://nianbao/index.html')).toBe(true);
    expect(isAppUrl('app://nianbao.evil/index.html')).toBe(false);
    expect(isAppUrl('https://nianbao/')).toBe(false);
    expect(isAppUrl('garbage')).toBe(false);
  });

  it('serves files with CSP and nosniff, never reading outside the root', async () => {
    const readFile = vi.fn(async (file: string) => new TextEncoder().encode(`content of ${path.basename(file)}`));
    const handler = createAppProtocolHandler(root, { readFile });
    const ok = await handler(new Request('app://nianbao/assets/app.js'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(ok.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(ok.headers.get('content-security-policy')).toContain("object-src 'none'");
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await ok.text()).toBe('content of app.js');

    const bad = await handler(new Request('app://nianbao/..%2f..%2fsecret'));
    expect(bad.status).toBe(403);
    for (const [file] of readFile.mock.calls) expect(file.startsWith(root + path.sep)).toBe(true);

    const missing = await handler(new Request('app://nianbao/nope.js'));
    readFile.mockRejectedValueOnce(new Error('ENOENT'));
    expect((await handler(new Request('app://nianbao/gone.js'))).status).toBe(404);
    expect(missing.status).toBe(200);
  });
});
