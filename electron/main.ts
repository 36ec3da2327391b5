/**
 * Electron entry (bundled to dist-electron/main.mjs by scripts/build-electron.js). The archive
 * service runs in a worker thread (service-worker.ts, bundled beside as service-worker.mjs).
 */
import { app } from 'electron';
import { fileURLToPath } from 'node:url';
import { resolveArchiveDir } from '../core/archive/paths.ts';
import { runMain } from './app.ts';
import type { ServiceWorkerData } from './service-messages.ts';
import { startServiceWorker } from './service-relay.ts';

runMain({
  appRoot: app.getAppPath(),
  preloadPath: fileURLToPath(new URL('./preload.cjs', import.meta.url)),
  archiveDir: resolveArchiveDir(),
  async openService({ archiveDir }) {
    return startServiceWorker({
      entry: new URL('./service-worker.mjs', import.meta.url),
      workerData: { archiveDir, loadSample: true } satisfies ServiceWorkerData,
      onUnexpectedExit: ({ code, error }) => console.error(`the archive service stopped (exit code ${code}); restarting`, error ?? ''),
    });
  },
});
