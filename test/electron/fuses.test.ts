/** electron-builder.yml flips the Electron fuses a packaged app must have (issue #12). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const yml = readFileSync(path.resolve(import.meta.dirname, '../../electron-builder.yml'), 'utf8');

/** The `electronFuses:` block as key → value (a flat YAML mapping, two-space indented). */
function fuses(): Record<string, string> {
  const block = /^electronFuses:\n((?: {2}\S.*\n?)+)/m.exec(yml)?.[1] ?? '';
  return Object.fromEntries(block.split('\n').filter(Boolean).map((l) => l.trim().split(/:\s*/) as [string, string]));
}

describe('electron-builder.yml fuses', () => {
  it('turns off RunAsNode, NODE_OPTIONS and the inspect arguments; turns on cookie encryption, asar integrity and asar-only loading', () => {
    expect(fuses()).toEqual({
      runAsNode: 'false',
      enableCookieEncryption: 'true',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
    });
  });
});
