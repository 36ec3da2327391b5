import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importDocument, ImportError } from '../../core/ingest/index.ts';
import { FIXTURES } from './helpers.ts';

const PER_RUN_MS = 3000;

/** Resolves with 'ok' | 'ImportError', rejects with anything else; fails if one run exceeds PER_RUN_MS. */
async function outcome(bytes: Uint8Array, name: string): Promise<'ok' | 'ImportError'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`importDocument hung for > ${PER_RUN_MS} ms on ${bytes.length} bytes named ${name}`)), PER_RUN_MS);
  });
  try {
    await Promise.race([importDocument(bytes, name), timeout]);
    return 'ok';
  } catch (err) {
    if (err instanceof ImportError) {
      expect(err.fileName).toBe(name);
      expect(err.reason.length).toBeGreaterThan(0);
      return 'ImportError';
    }
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

const report = readFileSync(path.join(FIXTURES, 'lanxi-2021.txt'));
const html = readFileSync(path.join(FIXTURES, 'lanxi-2021-script.html'));
const names = fc.constantFrom('r.txt', 'r.html', 'r.htm', 'r.md', 'r.pdf', 'r.docx', 'r.doc', 'noext', 'r.TXT');

describe('importDocument on arbitrary bytes', () => {
  it('either imports or throws ImportError, never anything else, never hangs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), names, async (bytes, name) => {
        await outcome(bytes, name);
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('same for mutations of a real report (cut, spliced, bytes flipped) and of report-like text', async () => {
    const mutated = fc
      .record({
        base: fc.constantFrom(report, html),
        start: fc.nat(),
        end: fc.nat(),
        flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 40 }),
        insert: fc.uint8Array({ maxLength: 64 }),
      })
      .map(({ base, start, end, flips, insert }) => {
        const a = start % (base.length + 1);
        const b = a + (end % (base.length + 1 - a));
        const out = new Uint8Array([...base.subarray(0, a), ...insert, ...base.subarray(b)]);
        for (const [i, v] of flips) if (out.length) out[i % out.length] = v;
        return out;
      });
    const reportish = fc
      .array(fc.constantFrom('一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '\t', '\n', '0', '138', '/', '—', '（七）总计', '<table>', '<td rowspan="99999">', '</tr>', '&nbsp;', '**', '2022年'), { maxLength: 200 })
      .map((parts) => new TextEncoder().encode(parts.join('')));
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated, reportish), names, async (bytes, name) => {
        await outcome(bytes, name);
      }),
      { numRuns: 150 },
    );
  }, 180_000);
});
