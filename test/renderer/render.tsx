import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { ArchiveApi } from '../../core/api.ts';
import type { ShellBridge } from '../../core/channels.ts';
import { I18nProvider } from '../../renderer/i18n.tsx';
import { ApiContext, ShellContext } from '../../renderer/lib/apiContext.tsx';
import { ToastProvider } from '../../renderer/lib/toast.tsx';

/**
 * Renders a view with the providers the app gives it (api, Chinese UI, toasts); with a shell,
 * that shell bridge instead of the host's (the browser fallback in jsdom).
 */
export function renderWith(api: ArchiveApi, ui: ReactNode, options: { shell?: ShellBridge; lang?: 'zh' | 'en' } = {}) {
  const wrap = (node: ReactNode) => (
    <ApiContext.Provider value={api}>
      <ShellContext.Provider value={options.shell ?? null}>
        <I18nProvider lang={options.lang ?? 'zh'}>
          <ToastProvider>{node}</ToastProvider>
        </I18nProvider>
      </ShellContext.Provider>
    </ApiContext.Provider>
  );
  const utils = render(wrap(ui));
  return { ...utils, rerenderWith: (node: ReactNode) => utils.rerender(wrap(node)) };
}
