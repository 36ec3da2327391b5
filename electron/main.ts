/** Electron entry (bundled to dist-electron/main.mjs by scripts/build-electron.js). */
import { app } from 'electron';
import { fileURLToPath } from 'node:url';
import { resolveArchiveDir } from '../core/archive/paths.ts';
import { runMain } from './app.ts';

runMain({
  appRoot: app.getAppPath(),
  preloadPath: fileURLToPath(new URL('./preload.cjs', import.meta.url)),
  archiveDir: resolveArchiveDir(),
  async openService({ archiveDir, clipboard }) {
    const { openArchiveService } = await import('../core/service/index.ts');
    return openArchiveService({ archiveDir, host: 'electron', loadSample: true, clipboard });
  },
});
