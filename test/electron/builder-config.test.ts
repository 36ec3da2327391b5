/** electron-builder.yml: valid against electron-builder's own schema, with the targets and files the app needs. */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');
// Resolved from electron-builder's own dependencies (app-builder-lib, js-yaml).
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'));
const appBuilderRequire = createRequire(fromBuilder.resolve('app-builder-lib/package.json'));
const yaml = appBuilderRequire('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = appBuilderRequire('./out/util/config/config.js') as { validateConfiguration(c: unknown, log: unknown): Promise<void> };

const config = yaml.load(readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8')) as Record<string, any>;

describe('electron-builder.yml', () => {
  it('passes electron-builder’s schema', async () => {
    await expect(validateConfiguration(config, { add() {}, isEnabled: false })).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, notAnOption: 1 }, { add() {}, isEnabled: false })).rejects.toThrow(/unknown property/);
  });

  it('builds AppImage + deb, nsis and dmg of 年报库 with asar', () => {
    expect(config.appId).toBe('org.nianbao.app');
    expect(config.productName).toBe('年报库');
    expect(config.asar).toBe(true);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    for (const entry of ['dist/renderer/**/*', 'dist-electron/**/*', 'resources/sample/**/*', 'package.json']) expect(config.files).toContain(entry);
    expect(config.extraMetadata.main).toBe(JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).main);
  });

  it('uses a 512×512 PNG icon from resources/icons', () => {
    const png = readFileSync(path.join(repoRoot, config.icon));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });
});
