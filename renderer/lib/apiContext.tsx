/** The ArchiveApi the views talk to: the preload bridge or HTTP client in the app, a fake in tests. */
import { createContext, useContext } from 'react';
import type { ArchiveApi } from '../../core/api.ts';
import type { ShellBridge } from '../../core/channels.ts';
import { getShell } from '../api/index.ts';

export const ApiContext = createContext<ArchiveApi | null>(null);

/** The shell bridge (clipboard, save dialog): the host's by default, a fake in tests. */
export const ShellContext = createContext<ShellBridge | null>(null);

export function useShell(): ShellBridge {
  return useContext(ShellContext) ?? getShell();
}

export function useApi(): ArchiveApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('ArchiveApi missing: wrap the app in <ApiContext.Provider>');
  return api;
}
