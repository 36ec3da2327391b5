import { afterAll, describe, expect, it } from 'vitest';
import { openArchiveService } from '../../core/service/index.ts';
import { tempDir } from './helpers.ts';

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

describe('ArchiveApi.search (service)', () => {
  it('a newer query of the same client supersedes the running one, which still resolves with a SearchResponse', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const service = await openArchiveService({ archiveDir: t.dir, host: 'browser', loadSample: false, lazySearch: true });
    const first = service.search({ query: '行政复议' });
    const second = service.search({ query: '依申请公开' });
    const [a, b] = await Promise.all([first, second]);
    expect(a.warnings).toContain('superseded');
    expect(a.results).toEqual([]);
    expect(a.total).toBe(0);
    expect(b.warnings).not.toContain('superseded');
    // A later query after the second finished is not affected.
    const c = await service.search({ query: '公开' });
    expect(c.warnings).not.toContain('superseded');
    await service.close();
  });
});
