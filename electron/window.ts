/**
 * The one app window. The security settings are written out literally here (not built by a
 * helper) so that reviewers and electronegativity see them at the `new BrowserWindow` call.
 */
import { BrowserWindow } from 'electron';

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export function createMainWindow(preloadPath: string, bounds: WindowBounds, iconPath?: string): BrowserWindow {
  return new BrowserWindow({
    ...bounds,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: '年报库',
    backgroundColor: '#ffffff',
    icon: iconPath,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // Middle-click would open links in a new window; window.open is denied anyway.
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  });
}
