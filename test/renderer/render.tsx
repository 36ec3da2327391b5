import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { ArchiveApi } from '../../core/api.ts';
import { I18nProvider } from '../../renderer/i18n.tsx';
import { ApiContext } from '../../renderer/lib/apiContext.tsx';
import { ToastProvider } from '../../renderer/lib/toast.tsx';

/** Renders a view with the providers the app gives it (api, Chinese UI, toasts). */
export function renderWith(api: ArchiveApi, ui: ReactNode) {
  const wrap = (node: ReactNode) => (
    <ApiContext.Provider value={api}>
      <I18nProvider lang="zh">
        <ToastProvider>{node}</ToastProvider>
      </I18nProvider>
    </ApiContext.Provider>
  );
  const utils = render(wrap(ui));
  return { ...utils, rerenderWith: (node: ReactNode) => utils.rerender(wrap(node)) };
}
