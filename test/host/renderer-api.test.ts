/** renderer/api helpers that need no DOM: the token hand-over and batched imports. */
import { describe, expect, it, vi } from 'vitest';
import { takeHostToken, type TokenEnv } from '../../renderer/api/token.ts';
import { importPending } from '../../renderer/api/drop.ts';
import { LIMITS } from '../../core/channels.ts';
import type { ImportFile } from '../../core/api.ts';

function env(hash: string, stored: string | null = null) {
  const storage = new Map<string, string>(stored ? [['nianbao.token', stored]] : []);
  const replaced: string[] = [];
  const e: TokenEnv = {
    location: { hash, pathname: '/', search: '' },
    history: { state: null, replaceState: (_s: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)) },
    sessionStorage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
  };
  return { e, storage, replaced };
}

const TOKEN = 'g44dOrrI6mer9uTDIDQaqb2n3gX889GiJI9a2f36yic';

describe('token from the URL fragment', () => {
  it('takes the token, keeps it for this tab and removes it from the address bar', () => {
    const { e, storage, replaced } = env(`#token=${TOKEN}`);
    expect(takeHostToken(e)).toBe(TOKEN);
    expect(storage.get('nianbao.token')).toBe(TOKEN);
    expect(replaced).toEqual(['/']);
  });

  it('keeps other fragment parameters', () => {
    const { e, replaced } = env(`#token=${TOKEN}&view=search`);
    expect(takeHostToken(e)).toBe(TOKEN);
    expect(replaced).toEqual(['/#view=search']);
  });

  it('falls back to the stored token after a reload, and refuses a malformed one', () => {
    expect(takeHostToken(env('', TOKEN).e)).toBe(TOKEN);
    expect(takeHostToken(env('#/reports/abc', TOKEN).e)).toBe(TOKEN);
    expect(takeHostToken(env('#token=<script>').e)).toBeNull();
    expect(takeHostToken(env('').e)).toBeNull();
  });
});

describe('batched imports', () => {
  const file = (name: string, size: number) => ({ name, file: { size, arrayBuffer: async () => new ArrayBuffer(size) } as unknown as File });

  it('splits many files into calls within the channel limits and reports progress', async () => {
    const batches: ImportFile[][] = [];
    const api = { importFiles: vi.fn(async (files: ImportFile[]) => (batches.push(files), files.map((f) => ({ file: f.name, status: 'failed' as const, reason: 'x' })))) };
    const progress: number[] = [];
    const pending = Array.from({ length: 120 }, (_, i) => file(`d/${i}.txt`, 10));
    const outcomes = await importPending(api, pending, (p) => progress.push(p.done));
    expect(outcomes).toHaveLength(120);
    expect(batches.length).toBeGreaterThan(1);
    for (const b of batches) expect(b.length).toBeLessThanOrEqual(LIMITS.importBatchFiles);
    expect(progress.at(-1)).toBe(120);
  });

  it('fails a file over the size limit without reading or sending it', async () => {
    const api = { importFiles: vi.fn(async (files: ImportFile[]) => files.map((f) => ({ file: f.name, status: 'failed' as const, reason: 'x' }))) };
    const outcomes = await importPending(api, [file('huge.pdf', LIMITS.fileBytes + 1), file('ok.txt', 3)]);
    expect(outcomes[0]).toMatchObject({ file: 'huge.pdf', status: 'failed', reason: expect.stringContaining('文件过大') });
    expect(api.importFiles).toHaveBeenCalledOnce();
    expect(api.importFiles.mock.calls[0][0].map((f) => f.name)).toEqual(['ok.txt']);
  });
});
