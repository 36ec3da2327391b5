import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { denyAllPermissions, guardWebContents, isSafeExternalUrl, openExternalAfterConfirm } from '../../electron/security.ts';
import type { Session, WebContents } from 'electron';

function fakeContents() {
  const contents = new EventEmitter() as EventEmitter & { openHandler?: (d: { url: string }) => { action: string }; setWindowOpenHandler(h: (d: { url: string }) => { action: string }): void };
  contents.setWindowOpenHandler = (h) => {
    contents.openHandler = h;
  };
  return contents;
}

function navigate(contents: EventEmitter, event: string, url: string) {
  const ev = { preventDefault: vi.fn() };
  contents.emit(event, ev, url);
  return ev.preventDefault.mock.calls.length > 0;
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('navigation, new windows, webviews', () => {
  it('blocks navigation away from app:// and offers http(s) to the browser only after a confirm', async () => {
    const contents = fakeContents();
    const confirm = vi.fn(async () => false);
    const openExternal = vi.fn(async () => {});
    guardWebContents(contents as unknown as WebContents, { confirm, openExternal });

    expect(navigate(contents, 'will-navigate', 'app://nianbao/index.html#/reports')).toBe(false);
    expect(navigate(contents, 'will-navigate', 'https://www.gov.cn/')).toBe(true);
    await flush();
    expect(confirm).toHaveBeenCalledWith('https://www.gov.cn/');
    expect(openExternal).not.toHaveBeenCalled();

    confirm.mockResolvedValueOnce(true);
    expect(navigate(contents, 'will-navigate', 'https://www.gov.cn/zhengce/')).toBe(true);
    await flush();
    expect(openExternal).toHaveBeenCalledWith('https://www.gov.cn/zhengce/');
  });

  it('never opens file:, javascript:, custom schemes or lookalike app hosts', async () => {
    const contents = fakeContents();
    const confirm = vi.fn(async () => true);
    const openExternal = vi.fn(async () => {});
    guardWebContents(contents as unknown as WebContents, { confirm, openExternal });
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'app://evil/index.html', 'ms-settings:', 'http://user:pw@example.com/']) {
      expect(navigate(contents, 'will-navigate', url), url).toBe(true);
    }
    await flush();
    expect(confirm).not.toHaveBeenCalled();
    expect(openExternal).not.toHaveBeenCalled();
    expect(navigate(contents, 'will-redirect', 'https://example.com/')).toBe(true);
  });

  it('denies every window.open, offering http(s) links to the browser after a confirm', async () => {
    const contents = fakeContents();
    const confirm = vi.fn(async () => true);
    const openExternal = vi.fn(async () => {});
    guardWebContents(contents as unknown as WebContents, { confirm, openExternal });
    expect(contents.openHandler!({ url: 'app://nianbao/index.html' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'https://example.com/report' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'file:///home/user/.ssh/id_rsa' })).toEqual({ action: 'deny' });
    await flush();
    expect(openExternal.mock.calls).toEqual([['https://example.com/report']]);
  });

  it('refuses <webview>', () => {
    const contents = fakeContents();
    guardWebContents(contents as unknown as WebContents, { confirm: async () => true, openExternal: async () => {} });
    expect(navigate(contents, 'will-attach-webview', '')).toBe(true);
  });

  it('only http(s) URLs without credentials count as safe external links', async () => {
    expect(isSafeExternalUrl('https://www.gov.cn/')).toBe(true);
    expect(isSafeExternalUrl('http://example.com/a?b=c')).toBe(true);
    expect(isSafeExternalUrl('file:///x')).toBe(false);
    expect(isSafeExternalUrl('not a url')).toBe(false);
    expect(await openExternalAfterConfirm('ftp://x', { confirm: async () => true, openExternal: async () => {} })).toBe(false);
  });
});

describe('permissions', () => {
  it('denies every permission request and check, and every download', () => {
    let request: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | undefined;
    let check: ((...a: unknown[]) => boolean) | undefined;
    const events = new EventEmitter();
    const session = {
      setPermissionRequestHandler: (h: typeof request) => (request = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
      setDevicePermissionHandler: vi.fn(),
      on: (e: string, l: (...a: unknown[]) => void) => events.on(e, l),
    };
    denyAllPermissions(session as unknown as Session);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'fullscreen']) {
      const callback = vi.fn();
      request!(null, permission, callback);
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(check!(null, permission, 'app://nianbao', {})).toBe(false);
    }
    const download = { preventDefault: vi.fn() };
    events.emit('will-download', download);
    expect(download.preventDefault).toHaveBeenCalled();
  });
});
