import { describe, expect, it } from 'vitest';
import { forEachLimited } from '../../core/common/limited.ts';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('forEachLimited (the store writes a batch a few files at a time)', () => {
  it('runs every item once, never more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const seen: number[] = [];
    await forEachLimited([...Array(50).keys()], 8, async (item, index) => {
      expect(index).toBe(item);
      running++;
      most = Math.max(most, running);
      await tick();
      seen.push(item);
      running--;
    });
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(50).keys()]);
    expect(most).toBe(8);
  });

  it('fails with the first error, after the tasks already running have settled, and starts no more', async () => {
    const started: number[] = [];
    let settled = 0;
    const run = forEachLimited([...Array(20).keys()], 4, async (item) => {
      started.push(item);
      await tick();
      settled++;
      if (item === 5) throw new Error('disk full on 5');
    });
    await expect(run).rejects.toThrow('disk full on 5');
    expect(settled).toBe(started.length);
    expect(started.length).toBeLessThan(20);
  });

  it('does nothing for no items', async () => {
    let calls = 0;
    await forEachLimited([], 4, async () => {
      calls++;
    });
    expect(calls).toBe(0);
  });
});
