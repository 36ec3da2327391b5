// The layer rule must actually bite: a file that breaks it on purpose makes `npm run lint:layers`'s
// checker fail and name the file. Each probe is written, checked on its own and deleted again.
import { execFile } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const depcruise = join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

/** Runs the layer checker on one file (and what it imports); resolves with its exit code and output. */
function checkLayers(file: string): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [depcruise, file, '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], { cwd: root }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      done({ code, output: stdout + stderr });
    });
  });
}

/** Writes a probe file, checks it, and always deletes it again. */
async function withProbe(relativePath: string, source: string): Promise<{ code: number; output: string }> {
  const path = join(root, relativePath);
  await writeFile(path, source);
  try {
    return await checkLayers(relativePath);
  } finally {
    await rm(path, { force: true });
  }
}

// A name of its own per run, so two checkouts' runs or a rerun never meet the same file.
const probeName = `__layer_probe_${process.pid}`;

describe('layer rule', () => {
  it('fails when the archive (plain persistence) imports the parser, naming the file and the rule', async () => {
    const file = `core/archive/${probeName}.ts`;
    const { code, output } = await withProbe(file, "import { buildReport } from '../parse/index.ts';\nexport const probe = buildReport;\n");
    expect(code).not.toBe(0);
    expect(output).toContain(file);
    expect(output).toContain('core-archive');
    expect(output).toContain('core/parse/index.ts');
  });

  it('fails when a renderer file imports node:fs', async () => {
    const file = `renderer/${probeName}.ts`;
    const { code, output } = await withProbe(file, "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n");
    expect(code).not.toBe(0);
    expect(output).toContain(file);
    expect(output).toContain('renderer-no-node');
  });

  it('passes a file that keeps to its layer', async () => {
    const file = `core/validate/${probeName}.ts`;
    const { code, output } = await withProbe(file, "import { TABLE_IDS } from '../spec.ts';\nexport const probe = TABLE_IDS;\n");
    expect(output).not.toContain('error');
    expect(code).toBe(0);
  });
});
