/**
 * ArchiveApi over HTTP to the browser host (core/host): POST /api/<method> with {"args": [...]},
 * the per-run token in a header, bytes as tagged base64 (core/wire.ts). Built from the channel
 * table, so it has exactly the ArchiveApi methods.
 */
import type { ArchiveApi } from '../../core/api.ts';
import { CHANNELS, METHOD_NAMES, type MethodName } from '../../core/channels.ts';
import { decodeWire, encodeWire } from '../../core/wire.ts';

export const TOKEN_HEADER = 'X-Nianbao-Token';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly method: MethodName,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface HttpApiOptions {
  token: string;
  /** Origin of the host; default: the page's own origin (relative URLs). */
  baseUrl?: string;
  fetch?: typeof fetch;
}

export function createHttpApi(options: HttpApiOptions): ArchiveApi {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const base = options.baseUrl?.replace(/\/$/, '') ?? '';

  async function call(method: MethodName, args: unknown[]): Promise<unknown> {
    let response: Response;
    try {
      response = await doFetch(base + CHANNELS[method].route, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: options.token },
        body: encodeWire({ args }),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (error) {
      throw new ApiError(`无法连接本地服务（cannot reach the local host）: ${(error as Error).message}`, 0, method);
    }
    const body = await response.text();
    let payload: { result?: unknown; error?: string } | undefined;
    try {
      payload = decodeWire(body) as typeof payload;
    } catch {
      payload = undefined;
    }
    if (!response.ok) {
      const message =
        response.status === 401
          ? '访问令牌缺失或无效，请用启动时打印的完整地址打开（token missing or invalid: open the URL printed at start）'
          : (payload?.error ?? `HTTP ${response.status}`);
      throw new ApiError(message, response.status, method);
    }
    if (!payload || !('result' in payload)) throw new ApiError(`${method}: malformed response`, response.status, method);
    return payload.result;
  }

  const api = Object.fromEntries(METHOD_NAMES.map((name) => [name, (...args: unknown[]) => call(name, args)]));
  return api as unknown as ArchiveApi;
}
