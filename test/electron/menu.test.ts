import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate } from '../../electron/menu.ts';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

describe('application menu', () => {
  const actions = { send: vi.fn(), importFiles: vi.fn(), importFolder: vi.fn(), about: vi.fn() };
  const items = flatten(buildMenuTemplate(actions, { isMac: false, dev: false }));
  const byAccelerator = (a: string) => items.find((i) => i.accelerator === a);

  it('has the usual shortcuts with Chinese labels', () => {
    expect(byAccelerator('CmdOrCtrl+O')?.label).toBe('打开/导入文件…');
    expect(byAccelerator('CmdOrCtrl+K')?.label).toBe('搜索');
    expect(byAccelerator('CmdOrCtrl+F')).toBeDefined();
    expect(byAccelerator('Alt+Left')?.label).toBe('返回');
    expect(byAccelerator('CmdOrCtrl+C')).toMatchObject({ role: 'copy', label: '复制' });
    for (const role of ['zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen']) expect(items.some((i) => i.role === role), role).toBe(true);
    expect(items.find((i) => i.role === 'togglefullscreen')?.label).toBe('全屏');
  });

  it('sends search and back to the page, and opens the import dialogs', () => {
    const click = (accelerator: string) => (byAccelerator(accelerator)!.click as () => void)();
    click('CmdOrCtrl+K');
    click('CmdOrCtrl+F');
    click('Alt+Left');
    expect(actions.send.mock.calls).toEqual([['search'], ['search'], ['back']]);
    click('CmdOrCtrl+O');
    click('CmdOrCtrl+Shift+O');
    expect(actions.importFiles).toHaveBeenCalledOnce();
    expect(actions.importFolder).toHaveBeenCalledOnce();
  });

  it('has developer tools only in development', () => {
    expect(items.some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(flatten(buildMenuTemplate(actions, { isMac: false, dev: true })).some((i) => i.role === 'toggleDevTools')).toBe(true);
  });
});
