/**
 * A small fake of the `electron` module for main-process and preload tests:
 *   vi.mock('electron', () => import('../support/fake-electron.ts').then((m) => m.electronModule()));
 * and `fake()` for the current instance (reset with resetFakeElectron()).
 */
import { EventEmitter } from 'node:events';

type Listener = (...args: any[]) => unknown;

export class FakeWebContents extends EventEmitter {
  sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  send(channel: string, ...args: unknown[]) {
    this.sent.push({ channel, args });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  /** The options of each printToPDF call; resolves with a tiny stand-in PDF. */
  printedToPdf: Record<string, unknown>[] = [];
  async printToPDF(options: Record<string, unknown>): Promise<Buffer> {
    this.printedToPdf.push(options);
    return Buffer.from('%PDF-1.4 fake');
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  focused = 0;
  shown = 0;
  restored = 0;
  minimized = false;
  maximized = false;
  destroyed = false;
  bounds = { x: 10, y: 20, width: 1000, height: 700 };
  constructor(readonly options: Record<string, any>) {
    super();
    FakeBrowserWindow.instances.push(this);
    if (options.width) this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width, height: options.height };
  }
  async loadURL(url: string) {
    this.loadedUrl = url;
    this.webContents.emit('did-finish-load');
  }
  show() {
    this.shown++;
  }
  focus() {
    this.focused++;
  }
  restore() {
    this.restored++;
    this.minimized = false;
  }
  maximize() {
    this.maximized = true;
  }
  isMinimized() {
    return this.minimized;
  }
  isMaximized() {
    return this.maximized;
  }
  isFullScreen() {
    return false;
  }
  isDestroyed() {
    return this.destroyed;
  }
  getNormalBounds() {
    return this.bounds;
  }
}

export function createFakeElectron() {
  const appEvents = new EventEmitter();
  let resolveReady!: () => void;
  const ready = new Promise<void>((r) => (resolveReady = r));
  const state = {
    singleInstanceLock: true,
    quitCalls: 0,
    sandboxEnabled: false,
    privilegedSchemes: [] as unknown[],
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    ipcHandlers: new Map<string, Listener>(),
    rendererListeners: new Map<string, Listener[]>(),
    invoked: [] as { channel: string; args: unknown[] }[],
    exposed: new Map<string, unknown>(),
    menuTemplate: null as unknown,
    openDialogResult: { canceled: true, filePaths: [] as string[] },
    saveDialogResult: { canceled: true } as { canceled: boolean; filePath?: string },
    saveDialogs: [] as unknown[],
    messageBoxResponse: 1,
    messageBoxes: [] as unknown[],
    openedExternal: [] as string[],
    clipboardWrites: [] as unknown[],
    permissionRequestHandler: null as null | Listener,
    permissionCheckHandler: null as null | Listener,
    sessionEvents: new EventEmitter(),
    blockedRequests: null as null | { filter: { urls: string[] }; listener: Listener },
    userData: '/tmp/nianbao-fake-userdata',
    appPath: '/tmp/nianbao-fake-app',
  };

  const app = {
    requestSingleInstanceLock: () => state.singleInstanceLock,
    quit: () => {
      state.quitCalls++;
    },
    enableSandbox: () => {
      state.sandboxEnabled = true;
    },
    on: (event: string, listener: Listener) => appEvents.on(event, listener),
    emit: (event: string, ...args: unknown[]) => appEvents.emit(event, ...args),
    whenReady: () => ready,
    getAppPath: () => state.appPath,
    getPath: (name: string) => (name === 'userData' ? state.userData : `/tmp/nianbao-fake-${name}`),
    getVersion: () => '0.1.0',
    isPackaged: false,
  };

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ClipboardItem: class {
      constructor(readonly items: Record<string, string>) {}
    },
    Menu: {
      buildFromTemplate: (template: unknown) => ({ template }),
      setApplicationMenu: (menu: { template: unknown }) => {
        state.menuTemplate = menu.template;
      },
    },
    dialog: {
      showOpenDialog: async () => state.openDialogResult,
      showSaveDialog: async (...args: unknown[]) => {
        state.saveDialogs.push(args);
        return state.saveDialogResult;
      },
      showMessageBox: async (...args: unknown[]) => {
        state.messageBoxes.push(args);
        return { response: state.messageBoxResponse };
      },
    },
    ipcMain: {
      handle: (channel: string, listener: Listener) => {
        if (state.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        state.ipcHandlers.set(channel, listener);
      },
      removeHandler: (channel: string) => state.ipcHandlers.delete(channel),
    },
    ipcRenderer: {
      invoke: async (channel: string, ...args: unknown[]) => {
        state.invoked.push({ channel, args });
        return { channel, args };
      },
      on: (channel: string, listener: Listener) => {
        state.rendererListeners.set(channel, [...(state.rendererListeners.get(channel) ?? []), listener]);
      },
      removeListener: (channel: string, listener: Listener) => {
        state.rendererListeners.set(channel, (state.rendererListeners.get(channel) ?? []).filter((l) => l !== listener));
      },
    },
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => {
        if (state.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
        state.exposed.set(key, api);
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => state.privilegedSchemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => state.protocolHandlers.set(scheme, handler),
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Listener) => {
          state.permissionRequestHandler = h;
        },
        setPermissionCheckHandler: (h: Listener) => {
          state.permissionCheckHandler = h;
        },
        setDevicePermissionHandler: () => {},
        on: (event: string, listener: Listener) => state.sessionEvents.on(event, listener),
        webRequest: {
          onBeforeRequest: (filter: { urls: string[] }, listener: Listener) => {
            state.blockedRequests = { filter, listener };
          },
        },
      },
    },
    shell: {
      openExternal: async (url: string) => {
        state.openedExternal.push(url);
      },
    },
    clipboard: {
      write: async (items: unknown[]) => {
        state.clipboardWrites.push(items);
      },
    },
  };
  return { electron, state, app, appEvents, resolveReady };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

let current: FakeElectron = createFakeElectron();

export function fake(): FakeElectron {
  return current;
}

export function resetFakeElectron(): FakeElectron {
  current = createFakeElectron();
  FakeBrowserWindow.instances = [];
  return current;
}

/** The module object for vi.mock: every export reads the current fake. */
export function electronModule(): Record<string, unknown> {
  const keys = Object.keys(current.electron);
  const mod: Record<string, unknown> = {};
  for (const key of keys) Object.defineProperty(mod, key, { enumerable: true, get: () => (current.electron as Record<string, unknown>)[key] });
  Object.defineProperty(mod, 'default', { enumerable: true, get: () => current.electron });
  return mod;
}
