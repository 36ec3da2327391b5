/**
 * Worker thread entry of the archive service (bundled to dist-electron/service-worker.mjs): the
 * main process starts it with the archive folder and relays the channel table to it, so that a
 * slow search, an import's parsing or an index build never blocks menus, window moves or IPC.
 * Never imports 'electron'.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openArchiveService } from '../core/service/index.ts';
import type { ServiceWorkerData } from './service-messages.ts';
import { serveArchiveService } from './service-serve.ts';

if (!parentPort) throw new Error('service-worker.ts runs as a worker thread');
const { archiveDir, loadSample } = workerData as ServiceWorkerData;
serveArchiveService(parentPort, openArchiveService({ archiveDir, host: 'electron', loadSample }));
