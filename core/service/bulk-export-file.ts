/**
 * The zip of many reports written to a file chosen by the user (Electron's save dialog): written
 * beside it under a temporary name and renamed only when complete, so a cancelled or failed
 * export leaves no file (and never a half-written zip under the chosen name).
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import type { ReportsZipOptions, ReportsZipRequest } from './bulk-export.ts';

type WriteZip = (request: ReportsZipRequest, out: Writable, options?: ReportsZipOptions) => Promise<number>;

export async function writeReportsZipFile(writeZip: WriteZip, request: ReportsZipRequest, file: string, options: ReportsZipOptions = {}): Promise<number> {
  const partial = `${file}.${process.pid}.part`;
  try {
    const count = await writeZip(request, createWriteStream(partial), options);
    await rename(partial, file);
    return count;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
