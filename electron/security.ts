/**
 * The window's security settings and the guards on its web contents: nothing but our app://
 * UI is ever loaded, no new windows, no permissions, external links only after a confirm.
 */
import type { Session, WebContents } from 'electron';
import { isAppUrl } from './protocol.ts';

/** http(s) URLs only, no credentials in them: what we may hand to the system browser. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '' && u.hostname !== '';
  } catch {
    return false;
  }
}

export interface ExternalLinkDeps {
  /** Asks the user; true = open. */
  confirm(url: string): Promise<boolean>;
  openExternal(url: string): Promise<void>;
}

/** A link the page wanted to open elsewhere: only http(s), only after the user agreed. */
export async function openExternalAfterConfirm(url: string, deps: ExternalLinkDeps): Promise<boolean> {
  if (!isSafeExternalUrl(url)) return false;
  if (!(await deps.confirm(url))) return false;
  await deps.openExternal(url);
  return true;
}

/**
 * Guards a window's web contents: navigation away from app:// is blocked (http(s) offered to
 * the system browser after a confirm), window.open denied, <webview> refused.
 */
export function guardWebContents(contents: WebContents, deps: ExternalLinkDeps): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    void openExternalAfterConfirm(url, deps);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalAfterConfirm(url, deps);
    return { action: 'deny' };
  });
}

/** Every permission request and check is refused (the UI needs none; the clipboard goes through IPC). */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler?.(() => false);
  session.on('will-download', (event) => event.preventDefault());
}

/**
 * No remote content: requests of the UI's session to the network are cancelled (the CSP already
 * forbids them; this also covers anything the CSP does not govern).
 */
export const REMOTE_URL_PATTERNS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*'];

export function blockRemoteRequests(session: Session): void {
  session.webRequest.onBeforeRequest({ urls: REMOTE_URL_PATTERNS }, (_details, callback) => callback({ cancel: true }));
}
