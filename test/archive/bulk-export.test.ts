/**
 * One streamed zip for many selected reports: every report once, in the chosen format, with
 * progress per report; cancelling stops it; reports are read one at a time, so memory does not
 * grow with the number of reports.
 */
import { describe, expect, it } from 'vitest';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import JSZip from 'jszip';
import { newReport, openArchive, parsedReport, tempDir } from './helpers.ts';
import { writeReportsZip, zipEntryName } from '../../core/service/bulk-export.ts';
import { exportReport } from '../../core/export/index.ts';

async function archiveOf(count: number) {
  const dir = await tempDir('nianbao-bulk-export-');
  const archive = await openArchive(dir);
  const long = '本机关坚持以公开为常态、不公开为例外，'.repeat(400); // ~8 KB of text per report
  const inputs = Array.from({ length: count }, (_, i) =>
    newReport(parsedReport(`第${i}县人民政府`, 2022, { received: i }, { preamble: [long, `第${i}份`] }), `report ${i}`, `r${i}.txt`),
  );
  const { results } = await archive.addReports(inputs);
  return { dir, archive, ids: results.map((r) => r.entry.id) };
}

describe('bulk export as one zip', () => {
  it('writes every selected report once in the chosen format, counting progress', async () => {
    const { dir, archive, ids } = await archiveOf(300);
    const file = path.join(dir, 'out.zip');
    const progress: number[] = [];
    const written = await writeReportsZip({ ids, format: 'markdown' }, archive, createWriteStream(file), { onProgress: (done, total) => progress.push(done / total) });
    expect(written).toBe(300);
    expect(progress).toHaveLength(300);
    expect(progress.at(-1)).toBe(1);
    const zip = await JSZip.loadAsync(await readFile(file));
    const names = Object.keys(zip.files).sort();
    expect(names).toHaveLength(300);
    const entry = archive.entry(ids[7])!;
    const name = zipEntryName(entry, 'markdown');
    expect(name).toBe(`2022-第7县人民政府-${ids[7]}.md`);
    expect(await zip.file(name)!.async('string')).toBe(exportReport(await archive.readReport(ids[7]), { format: 'markdown' }));
  });

  it('streams: reads one report at a time and writes the zip while it reads (memory does not grow with the selection)', async () => {
    const { archive, ids } = await archiveOf(300);
    let inFlight = 0;
    let maxInFlight = 0;
    const counting = {
      entry: (id: string) => archive.entry(id),
      readReport: async (id: string) => {
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        try {
          return await archive.readReport(id);
        } finally {
          inFlight--;
        }
      },
    };
    let bytes = 0;
    let bytesAtHalf = -1;
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        callback();
      },
    });
    await writeReportsZip({ ids, format: 'json' }, counting, sink, { onProgress: (done) => done === 150 && (bytesAtHalf = bytes) });
    expect(maxInFlight).toBe(1);
    // Half the reports read: most of their compressed files are already out of the process.
    expect(bytesAtHalf).toBeGreaterThan(bytes * 0.3);
  });

  it('stops when cancelled, between two reports, with a clear message', async () => {
    const { archive, ids } = await archiveOf(50);
    const controller = new AbortController();
    const sink = new Writable({ write: (_c, _e, callback) => callback() });
    const run = writeReportsZip({ ids, format: 'text' }, archive, sink, { signal: controller.signal, onProgress: (done) => done === 10 && controller.abort() });
    await expect(run).rejects.toThrow(/abort|cancel/i);
  });

  it('refuses an unknown id before writing anything', async () => {
    const { archive, ids } = await archiveOf(2);
    let bytes = 0;
    const sink = new Writable({
      write(chunk: Buffer, _e, callback) {
        bytes += chunk.length;
        callback();
      },
    });
    await expect(writeReportsZip({ ids: [...ids, '2099-ffffffff'], format: 'text' }, archive, sink)).rejects.toThrow('没有编号为 2099-ffffffff 的报告');
    expect(bytes).toBe(0);
  });
});
