/** The ArchiveApi the views talk to: the preload bridge or HTTP client in the app, a fake in tests. */
import { createContext, useContext } from 'react';
import type { ArchiveApi } from '../../core/api.ts';

export const ApiContext = createContext<ArchiveApi | null>(null);

export function useApi(): ArchiveApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('ArchiveApi missing: wrap the app in <ApiContext.Provider>');
  return api;
}
