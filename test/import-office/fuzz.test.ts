// Damaged PDF and DOCX files (truncated, bytes flipped) either import or fail with an
// ImportError naming the file — never another exception, never a hang.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { importDocument, ImportError } from '../../core/ingest/index.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/office/${name}`, import.meta.url)));
const PER_IMPORT_MS = 40_000;

async function importWithin(bytes: Uint8Array, name: string): Promise<'imported' | 'refused'> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`import of ${name} did not finish in ${PER_IMPORT_MS} ms`)), PER_IMPORT_MS);
  });
  try {
    await Promise.race([importDocument(bytes, name), hang]);
    return 'imported';
  } catch (err) {
    if (err instanceof ImportError) {
      expect(err.message).toContain(name);
      return 'refused';
    }
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

function damage(bytes: Uint8Array, cut: number, flips: [number, number][]): Uint8Array {
  const out = bytes.slice(0, Math.max(1, Math.floor(bytes.length * cut)));
  for (const [at, value] of flips) out[Math.floor(at * out.length) % out.length] = value;
  return out;
}

for (const name of ['songling-2022.pdf', 'songling-2022.docx']) {
  describe(`damaged ${name}`, () => {
    const original = fixture(name);
    it('imports or fails clearly, for truncations and flipped bytes', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.double({ min: 0.05, max: 1, noNaN: true }),
          fc.array(fc.tuple(fc.double({ min: 0, max: 0.999, noNaN: true }), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
          async (cut, flips) => {
            const outcome = await importWithin(damage(original, cut, flips), `damaged-${name}`);
            expect(['imported', 'refused']).toContain(outcome);
          },
        ),
        { numRuns: 25, seed: 20221231 },
      );
    }, 600_000);
  });
}
