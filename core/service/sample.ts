/** The bundled sample archive: fictional bodies' reports, loaded into an empty archive on first run. */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { packageRoot } from '../common/package-root.ts';

export const SAMPLE_DIR = path.join(packageRoot(), 'resources', 'sample');

/** The sample's report files (the folder also holds its README.md). */
export async function sampleFiles(): Promise<string[]> {
  return (await readdir(SAMPLE_DIR).catch(() => [] as string[])).filter((f) => /\.(txt|html?)$/i.test(f)).sort();
}
