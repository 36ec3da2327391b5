/** Background warm-ups of the service wait until no request is being answered (core/service/idle.ts). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IdleGate } from '../../core/service/idle.ts';

afterEach(() => vi.useRealTimers());

describe('IdleGate', () => {
  it('holds the warm-ups while a request is in flight, and lets them run once it has been quiet', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
    const gate = new IdleGate();
    let answer!: (value: string) => void;
    const service = gate.tracking({ timeline: () => new Promise<string>((resolve) => (answer = resolve)), version: () => '1.0' });
    const request = service.timeline();
    expect(service.version()).toBe('1.0'); // a method answering at once is passed through as it is
    let idle = false;
    void gate.idle(150, 10_000).then(() => (idle = true));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(idle).toBe(false);
    answer('done');
    expect(await request).toBe('done');
    await vi.advanceTimersByTimeAsync(100);
    expect(idle).toBe(false); // quiet for 100 ms of the 150 asked for
    await vi.advanceTimersByTimeAsync(100);
    expect(idle).toBe(true);
  });

  it('lets the warm-ups run after the longest wait even if requests never stop', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
    const gate = new IdleGate();
    const service = gate.tracking({ poll: () => new Promise<void>(() => {}) });
    void service.poll();
    let idle = false;
    void gate.idle(150, 3_000).then(() => (idle = true));
    await vi.advanceTimersByTimeAsync(2_900);
    expect(idle).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(idle).toBe(true);
  });
});
