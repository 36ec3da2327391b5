/**
 * Imports started by the main process (the Ctrl+O dialog, files given to a launch): the service
 * imports the paths, and the page is told the progress and outcomes as ShellEvents. Imports
 * run one after another.
 */
import type { ImportOutcome } from '../core/api.ts';
import type { ShellEvent } from '../core/channels.ts';

export interface PathImporter {
  importPaths(paths: string[], onProgress?: (done: number, total: number, outcome: ImportOutcome) => void): Promise<ImportOutcome[]>;
}

export function createImportQueue(service: PathImporter, send: (event: ShellEvent) => void) {
  let tail: Promise<unknown> = Promise.resolve();
  return function importPaths(paths: string[]): Promise<ImportOutcome[]> {
    const run = async () => {
      if (!paths.length) return [];
      send({ type: 'importStarted', total: paths.length });
      try {
        const outcomes = await service.importPaths(paths, (done, total, outcome) =>
          send({ type: 'importProgress', done, total, file: outcome.file }),
        );
        send({ type: 'importFinished', outcomes });
        return outcomes;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        const outcomes: ImportOutcome[] = paths.map((file) => ({ file, status: 'failed', reason }));
        send({ type: 'importFinished', outcomes });
        return outcomes;
      }
    };
    const result = tail.then(run, run);
    tail = result.catch(() => {});
    return result;
  };
}
