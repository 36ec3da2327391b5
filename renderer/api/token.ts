/**
 * The browser host prints http://127.0.0.1:PORT/#token=…; the page reads the token once,
 * keeps it in sessionStorage (survives reloads of this tab, not other tabs) and removes it
 * from the address bar so it does not end up in bookmarks or screenshots.
 */
const STORAGE_KEY = 'nianbao.token';
const TOKEN_RE = /^[A-Za-z0-9_-]{16,128}$/;

export interface TokenEnv {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
}

export function takeHostToken(env: TokenEnv = { location: window.location, history: window.history, sessionStorage: window.sessionStorage }): string | null {
  const params = new URLSearchParams(env.location.hash.replace(/^#/, ''));
  const token = params.get('token');
  if (token !== null) {
    params.delete('token');
    const rest = params.toString();
    env.history.replaceState(env.history.state, '', env.location.pathname + env.location.search + (rest ? `#${rest}` : ''));
    if (TOKEN_RE.test(token)) {
      try {
        env.sessionStorage.setItem(STORAGE_KEY, token);
      } catch {
        // storage disabled: the caller keeps the token in memory
      }
      return token;
    }
  }
  try {
    return env.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
