/** The e2e browser lookup, given a platform, an environment and a fake file system. */
import { describe, expect, it } from 'vitest';
import { chromiumCandidates, isCi, lookupChromium } from './chromium.ts';

const only = (...files: string[]) => (file: string) => files.includes(file);

describe('lookupChromium', () => {
  it('finds Debian’s Chromium, else Ubuntu’s, the snap and Google Chrome on Linux', () => {
    expect(lookupChromium({ platform: 'linux', env: {}, isFile: only('/usr/bin/chromium', '/usr/bin/google-chrome') })).toEqual({ found: true, path: '/usr/bin/chromium', from: 'usual install location' });
    for (const file of ['/usr/bin/chromium-browser', '/snap/bin/chromium', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/usr/bin/microsoft-edge']) {
      expect(lookupChromium({ platform: 'linux', env: {}, isFile: only(file) })).toMatchObject({ found: true, path: file });
    }
  });

  it('finds Chrome, Chromium and Edge in /Applications or ~/Applications on macOS', () => {
    for (const file of [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      '/Users/li/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    ]) {
      expect(lookupChromium({ platform: 'darwin', env: { HOME: '/Users/li' }, isFile: only(file) })).toMatchObject({ found: true, path: file });
    }
    expect(lookupChromium({ platform: 'darwin', env: {}, isFile: only('/usr/bin/chromium') }).found).toBe(false);
  });

  it('finds Chrome and Edge under Program Files (or the folders the environment names) on Windows', () => {
    const env = { PROGRAMFILES: 'D:\\Apps', 'PROGRAMFILES(X86)': 'D:\\Apps (x86)', LOCALAPPDATA: 'C:\\Users\\li\\AppData\\Local' };
    for (const file of ['D:\\Apps\\Google\\Chrome\\Application\\chrome.exe', 'D:\\Apps (x86)\\Microsoft\\Edge\\Application\\msedge.exe', 'C:\\Users\\li\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe']) {
      expect(lookupChromium({ platform: 'win32', env, isFile: only(file) })).toMatchObject({ found: true, path: file });
    }
    expect(chromiumCandidates('win32', {})).toContain('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe');
    expect(chromiumCandidates('win32', {})).toContain('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
  });

  it('honours NIANBAO_CHROMIUM, then CHROME_PATH, over the usual places', () => {
    const isFile = only('/opt/x/chrome', '/opt/y/chrome', '/usr/bin/chromium');
    expect(lookupChromium({ platform: 'linux', env: { NIANBAO_CHROMIUM: '/opt/x/chrome', CHROME_PATH: '/opt/y/chrome' }, isFile })).toEqual({ found: true, path: '/opt/x/chrome', from: 'NIANBAO_CHROMIUM' });
    expect(lookupChromium({ platform: 'linux', env: { CHROME_PATH: '/opt/y/chrome' }, isFile })).toEqual({ found: true, path: '/opt/y/chrome', from: 'CHROME_PATH' });
  });

  it('says in one line that a variable points nowhere, rather than silently using another browser', () => {
    const result = lookupChromium({ platform: 'linux', env: { NIANBAO_CHROMIUM: '/nowhere/chrome' }, isFile: only('/usr/bin/chromium') });
    expect(result.found).toBe(false);
    if (result.found) return;
    expect(result.message).toContain('NIANBAO_CHROMIUM=/nowhere/chrome');
    expect(result.message).not.toContain('\n');
  });

  it('says in one line how to install a browser on each platform when there is none', () => {
    const message = (platform: NodeJS.Platform) => {
      const result = lookupChromium({ platform, env: {}, isFile: () => false });
      if (result.found) throw new Error('found a browser in an empty file system');
      expect(result.message).not.toContain('\n');
      return result.message;
    };
    expect(message('linux')).toContain('apt-get install -y chromium');
    expect(message('darwin')).toContain('brew install --cask google-chrome');
    expect(message('win32')).toContain('winget install Google.Chrome');
    for (const platform of ['linux', 'darwin', 'win32'] as const) expect(message(platform)).toContain('NIANBAO_CHROMIUM');
  });
});

describe('isCi', () => {
  it('is true for CI=true or 1, false when unset, false or 0', () => {
    expect([isCi({ CI: 'true' }), isCi({ CI: '1' }), isCi({}), isCi({ CI: 'false' }), isCi({ CI: '0' })]).toEqual([true, true, false, false, false]);
  });
});
