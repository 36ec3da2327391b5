/**
 * The worker's side of the relay: answers the main process's requests with the archive service.
 * Requests are taken as they come (several may be in flight: a long search does not hold up a
 * getReport); each reply carries its request's id.
 */
import type { MessagePort } from 'node:worker_threads';
import { isMethodName } from '../core/channels.ts';
import { serializeError, transferablesOf, type ArchiveBackend, type ServiceReply, type ServiceRequest } from './service-messages.ts';

type Port = Pick<MessagePort, 'on' | 'postMessage'>;

export function serveArchiveService(port: Port, opening: Promise<ArchiveBackend>): void {
  const post = (reply: ServiceReply) => {
    // A result that cannot be cloned (a bug) must still answer its request.
    try {
      port.postMessage(reply, 'result' in reply ? transferablesOf(reply.result) : []);
    } catch (error) {
      if ('id' in reply) port.postMessage({ id: reply.id, error: serializeError(error) } satisfies ServiceReply);
    }
  };
  opening.then(
    () => post({ ready: true }),
    () => {}, // every request answers with the opening error
  );

  /** Requests that can be cancelled (writeReportsZipFile), by request id; cancels that came before their request started. */
  const running = new Map<number, AbortController>();
  const cancelledEarly = new Set<number>();

  const answer = async (request: ServiceRequest): Promise<unknown> => {
    if ('cancel' in request) {
      const target = running.get(request.cancel);
      if (target) target.abort();
      else cancelledEarly.add(request.cancel);
      return;
    }
    const service = await opening;
    if ('close' in request) return service.close();
    const { id, method, args } = request;
    if (method === 'importPaths') {
      const [paths] = args as Parameters<ArchiveBackend['importPaths']>;
      return service.importPaths(paths, (done, total, outcome) => post({ id, progress: [done, total, outcome] }));
    }
    if (method === 'writeReportsZipFile') {
      const [zipRequest, file] = args as [Parameters<ArchiveBackend['writeReportsZipFile']>[0], string];
      const abort = new AbortController();
      running.set(id, abort);
      if (cancelledEarly.delete(id)) abort.abort();
      try {
        return await service.writeReportsZipFile(zipRequest, file, { signal: abort.signal, onProgress: (done, total) => post({ id, zipProgress: [done, total] }) });
      } finally {
        running.delete(id);
      }
    }
    // Main validated the arguments against the channel table; the name is checked here again.
    if (!isMethodName(method)) throw new Error(`unknown archive method: ${method}`);
    const call = service[method] as (...a: unknown[]) => Promise<unknown>;
    return call.apply(service, args);
  };

  port.on('message', (request: ServiceRequest) => {
    answer(request).then(
      (result) => post({ id: request.id, result }),
      (error: unknown) => post({ id: request.id, error: serializeError(error) }),
    );
  });
}
