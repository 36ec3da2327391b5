/**
 * The application menu (Chinese labels): import via native dialogs, search, back, zoom, full
 * screen. Commands the page must act on are sent to it as ShellEvent menu commands.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../core/channels.ts';

export interface MenuActions {
  send(command: MenuCommand): void;
  importFiles(): void;
  importFolder(): void;
  about(): void;
}

export interface MenuOptions {
  isMac: boolean;
  /** Development build: reload and developer tools in the View menu. */
  dev: boolean;
}

export function buildMenuTemplate(actions: MenuActions, options: MenuOptions): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: '文件',
    submenu: [
      { id: 'import-files', label: '打开/导入文件…', accelerator: 'CmdOrCtrl+O', click: () => actions.importFiles() },
      { id: 'import-folder', label: '导入文件夹…', accelerator: 'CmdOrCtrl+Shift+O', click: () => actions.importFolder() },
      { type: 'separator' },
      { id: 'export', label: '导出…', accelerator: 'CmdOrCtrl+E', click: () => actions.send('export') },
      { id: 'export-pdf', label: '导出 PDF…', accelerator: 'CmdOrCtrl+Shift+E', click: () => actions.send('exportPdf') },
      { type: 'separator' },
      options.isMac ? { role: 'close', label: '关闭窗口' } : { role: 'quit', label: '退出', accelerator: 'Ctrl+Q' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '编辑',
    submenu: [
      { role: 'undo', label: '撤销' },
      { role: 'redo', label: '重做' },
      { type: 'separator' },
      { role: 'cut', label: '剪切' },
      // The page handles the DOM copy event: selected table cells are copied as TSV + HTML.
      { role: 'copy', label: '复制', accelerator: 'CmdOrCtrl+C' },
      { role: 'paste', label: '粘贴' },
      { role: 'selectAll', label: '全选' },
      { type: 'separator' },
      { id: 'search', label: '搜索', accelerator: 'CmdOrCtrl+K', click: () => actions.send('search') },
      { id: 'find', label: '查找', accelerator: 'CmdOrCtrl+F', click: () => actions.send('search') },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '视图',
    submenu: [
      { id: 'back', label: '返回', accelerator: 'Alt+Left', click: () => actions.send('back') },
      { id: 'library', label: '资料库', accelerator: 'CmdOrCtrl+1', click: () => actions.send('library') },
      { id: 'findings', label: '问题列表', accelerator: 'CmdOrCtrl+2', click: () => actions.send('findings') },
      { type: 'separator' },
      { role: 'resetZoom', label: '实际大小' },
      { role: 'zoomIn', label: '放大' },
      { role: 'zoomOut', label: '缩小' },
      { type: 'separator' },
      { role: 'togglefullscreen', label: '全屏' },
      ...(options.dev
        ? ([{ type: 'separator' }, { role: 'reload', label: '重新加载' }, { role: 'toggleDevTools', label: '开发者工具' }] as MenuItemConstructorOptions[])
        : []),
    ],
  };
  const windowMenu: MenuItemConstructorOptions = {
    label: '窗口',
    submenu: [{ role: 'minimize', label: '最小化' }, ...(options.isMac ? ([{ role: 'zoom', label: '缩放' }] as MenuItemConstructorOptions[]) : [])],
  };
  const help: MenuItemConstructorOptions = { label: '帮助', submenu: [{ id: 'about', label: '关于年报库', click: () => actions.about() }] };
  const appMenu: MenuItemConstructorOptions[] = options.isMac
    ? [{ label: '年报库', submenu: [{ role: 'about', label: '关于年报库' }, { type: 'separator' }, { role: 'hide', label: '隐藏' }, { role: 'quit', label: '退出' }] }]
    : [];
  return [...appMenu, file, edit, view, windowMenu, help];
}
