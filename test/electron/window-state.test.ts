import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_WINDOW_STATE, loadWindowState, saveWindowState, trackWindowState, type StateFs } from '../../electron/window-state.ts';

const fs: StateFs = { readFile: (f) => readFile(f, 'utf8'), writeFile: (f, t) => writeFile(f, t), rename };
const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];
let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'nianbao-ws-'));
  file = path.join(dir, 'window-state.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('window state', () => {
  it('starts with the default size when nothing is saved or the file is corrupt', async () => {
    expect(await loadWindowState(file, fs, screen)).toEqual(DEFAULT_WINDOW_STATE);
    writeFileSync(file, '{not json');
    expect(await loadWindowState(file, fs, screen)).toEqual(DEFAULT_WINDOW_STATE);
    writeFileSync(file, JSON.stringify({ width: 'big', height: 10, maximized: false }));
    expect(await loadWindowState(file, fs, screen)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('restores size, position and maximized state', async () => {
    await saveWindowState(file, { x: 100, y: 50, width: 1000, height: 700, maximized: true }, fs);
    expect(await loadWindowState(file, fs, screen)).toEqual({ x: 100, y: 50, width: 1000, height: 700, maximized: true });
  });

  it('drops a position that is on no screen any more, keeping the size', async () => {
    await saveWindowState(file, { x: 3000, y: 50, width: 1000, height: 700, maximized: false }, fs);
    expect(await loadWindowState(file, fs, screen)).toEqual({ width: 1000, height: 700, maximized: false });
    const second = [...screen, { x: 1920, y: 0, width: 1920, height: 1080 }];
    expect(await loadWindowState(file, fs, second)).toMatchObject({ x: 3000, y: 50 });
  });

  it('saves the normal bounds when the window moves and when it closes', async () => {
    const win = Object.assign(new EventEmitter(), {
      bounds: { x: 5, y: 6, width: 900, height: 600 },
      max: false,
      getNormalBounds() {
        return this.bounds;
      },
      isMaximized() {
        return this.max;
      },
      isFullScreen: () => false,
    });
    const tracker = trackWindowState(win, file, fs, 10_000);
    win.bounds = { x: 40, y: 30, width: 1100, height: 800 };
    win.emit('resize');
    await tracker.flush();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ x: 40, y: 30, width: 1100, height: 800, maximized: false });
    win.max = true;
    win.emit('close');
    // Saved on close without a flush from us: wait for the write itself, not for a guessed delay.
    await vi.waitFor(() => expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ maximized: true, width: 1100 }));
  });
});
