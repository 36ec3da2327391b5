/**
 * Where the e2e tests and the UI benchmark find a Chromium-based browser (Chrome, Chromium or
 * Edge): an environment variable, else the places the usual installers put one on Linux, macOS and
 * Windows. When there is none, `message` says in one line how to install one on this platform
 * (callers put what needed the browser in front: "e2e: …").
 * Pure: the platform, the environment and the file check are parameters (see chromium.test.ts).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

/** Checked in this order; the first one set wins (CHROMIUM_PATH is the harness's older name). */
export const CHROMIUM_ENV_VARS = ['NIANBAO_CHROMIUM', 'CHROME_PATH', 'CHROMIUM_PATH'] as const;

export type ChromiumLookup = { found: true; path: string; from: string } | { found: false; message: string };

export interface LookupOptions {
  platform?: NodeJS.Platform;
  env?: Record<string, string | undefined>;
  /** True when an executable file is at this path. */
  isFile?: (file: string) => boolean;
}

const isFileOnDisk = (file: string) => existsSync(file) && statSync(file).isFile();

/** The usual install locations of Chrome, Chromium and Edge, most likely first. */
export function chromiumCandidates(platform: NodeJS.Platform, env: Record<string, string | undefined> = {}): string[] {
  if (platform === 'darwin') {
    const apps = ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium', 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge'];
    const roots = ['/Applications', ...(env.HOME ? [path.posix.join(env.HOME, 'Applications')] : [])];
    return roots.flatMap((root) => apps.map((app) => path.posix.join(root, app)));
  }
  if (platform === 'win32') {
    const programFiles = env.PROGRAMFILES ?? env.ProgramFiles ?? 'C:\\Program Files';
    const programFilesX86 = env['PROGRAMFILES(X86)'] ?? env['ProgramFiles(x86)'] ?? 'C:\\Program Files (x86)';
    const roots = [programFiles, programFilesX86, ...(env.LOCALAPPDATA ? [env.LOCALAPPDATA] : [])];
    const apps = ['Google\\Chrome\\Application\\chrome.exe', 'Chromium\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe'];
    return apps.flatMap((app) => roots.map((root) => path.win32.join(root, app)));
  }
  // Linux and the other Unix systems: distribution packages, snaps, Google's and Microsoft's packages.
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
    '/usr/bin/microsoft-edge',
    '/usr/bin/microsoft-edge-stable',
    '/usr/local/bin/chromium',
  ];
}

/** One line: how to get a browser on this platform. */
export function installHint(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'install Google Chrome (brew install --cask google-chrome) or Chromium (brew install --cask chromium)';
  if (platform === 'win32') return 'install Google Chrome (winget install Google.Chrome) or Microsoft Edge';
  return 'install Chromium (Debian: apt-get install -y chromium; Ubuntu: snap install chromium; Fedora: dnf install chromium)';
}

export function lookupChromium(options: LookupOptions = {}): ChromiumLookup {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  const isFile = options.isFile ?? isFileOnDisk;
  for (const name of CHROMIUM_ENV_VARS) {
    const value = env[name];
    if (!value) continue;
    if (isFile(value)) return { found: true, path: value, from: name };
    return { found: false, message: `${name}=${value} is not a browser executable; point it at Chrome, Chromium or Edge, or unset it and ${installHint(platform)}.` };
  }
  const found = chromiumCandidates(platform, env).find(isFile);
  if (found) return { found: true, path: found, from: 'usual install location' };
  return { found: false, message: `no Chrome, Chromium or Edge found: ${installHint(platform)}, or set NIANBAO_CHROMIUM to its executable.` };
}

/** Whether this run is CI's (CI=true or any value but false/0): there e2e must run, never skip. */
export const isCi = (env: Record<string, string | undefined> = process.env): boolean => !!env.CI && !/^(false|0)$/i.test(env.CI);

/** An error that prints as its one line: no stack trace for a missing browser. */
export function oneLineError(message: string): Error {
  const error = new Error(message);
  error.stack = `Error: ${message}`;
  return error;
}

/** The browser's path, or throws the one-line message (for code that needs one now). */
export function requireChromium(needer = 'e2e', options: LookupOptions = {}): string {
  const browser = lookupChromium(options);
  if (!browser.found) throw oneLineError(`${needer}: ${browser.message}`);
  return browser.path;
}
