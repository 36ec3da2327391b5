/**
 * The window's size and position, kept in a small JSON file in userData and restored on the
 * next start — unless the saved rectangle is no longer on any screen (monitor unplugged).
 */
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };
const MIN = { width: 720, height: 480 };

const schema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(MIN.width).max(20_000),
  height: z.number().int().min(MIN.height).max(20_000),
  maximized: z.boolean(),
});

export interface StateFs {
  readFile(file: string): Promise<string>;
  writeFile(file: string, text: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
}

/** How much of the window's title bar area must be on a display to keep the position. */
function visibleOn(state: Rect, workAreas: Rect[]): boolean {
  return workAreas.some((a) => {
    const w = Math.min(state.x + state.width, a.x + a.width) - Math.max(state.x, a.x);
    const h = Math.min(state.y + 48, a.y + a.height) - Math.max(state.y, a.y);
    return w >= 100 && h >= 24;
  });
}

export async function loadWindowState(file: string, fs: StateFs, workAreas: Rect[]): Promise<WindowState> {
  let parsed: WindowState;
  try {
    const result = schema.safeParse(JSON.parse(await fs.readFile(file)));
    if (!result.success) return { ...DEFAULT_WINDOW_STATE };
    parsed = result.data;
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
  if (parsed.x === undefined || parsed.y === undefined || !visibleOn(parsed as Rect, workAreas)) {
    const { x: _x, y: _y, ...rest } = parsed;
    return rest;
  }
  return parsed;
}

export async function saveWindowState(file: string, state: WindowState, fs: StateFs): Promise<void> {
  const temp = `${file}.tmp`;
  await fs.writeFile(temp, JSON.stringify(state));
  await fs.rename(temp, file);
}

/** The part of BrowserWindow the tracker uses. */
export interface TrackedWindow {
  on(event: 'resize' | 'move' | 'close', listener: () => void): unknown;
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isFullScreen(): boolean;
}

export function stateOf(win: TrackedWindow): WindowState {
  const b = win.getNormalBounds();
  return { x: b.x, y: b.y, width: Math.max(b.width, MIN.width), height: Math.max(b.height, MIN.height), maximized: win.isMaximized() };
}

/** Saves the state shortly after moves/resizes and when the window closes. */
export function trackWindowState(win: TrackedWindow, file: string, fs: StateFs, delayMs = 500): { flush(): Promise<void> } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last: WindowState | undefined;
  const capture = () => {
    if (!win.isFullScreen()) last = stateOf(win);
  };
  const flush = async () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (last) await saveWindowState(file, last, fs).catch(() => {});
  };
  const schedule = () => {
    capture();
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void flush(), delayMs);
  };
  win.on('resize', schedule);
  win.on('move', schedule);
  win.on('close', () => {
    capture();
    void flush();
  });
  return { flush };
}
