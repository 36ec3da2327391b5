/**
 * electron-builder.yml: valid against electron-builder's own schema, with the targets and files the
 * app needs. electron-builder itself lives in packaging/ (Node 22.12+), so the schema is its copy
 * packaging/electron-builder.scheme.json, checked here with the same parser (js-yaml) and the same
 * ajv options as electron-builder's validator.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
const packaging = JSON.parse(readFileSync(path.join(repoRoot, 'packaging', 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
const schemePath = path.join(repoRoot, 'packaging', 'electron-builder.scheme.json');
const scheme = JSON.parse(readFileSync(schemePath, 'utf8')) as Record<string, unknown>;
// app-builder-lib/out/util/config/schemaValidator.js
const validate = new Ajv({ allErrors: true, verbose: true, coerceTypes: true, strict: false }).compile(scheme);

const config = yaml.load(readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8')) as Record<string, any>;

describe('electron-builder.yml', () => {
  it('passes electron-builder’s schema', () => {
    expect(validate(structuredClone(config)), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...structuredClone(config), notAnOption: 1 })).toBe(false);
    expect(validate.errors?.map((e) => e.params)).toContainEqual({ additionalProperty: 'notAnOption' });
  });

  it('names the Electron of packaging/package.json, and the schema is that electron-builder’s', () => {
    // electron is not a root dependency, so electron-builder cannot infer the version.
    expect(config.electronVersion).toBe(packaging.devDependencies.electron);
    expect(scheme.$comment).toContain(`electron-builder ${packaging.devDependencies['electron-builder']} `);
    // Where packaging/ is installed (Node 22.12+), the copy must be the installed file.
    const installed = path.join(repoRoot, 'packaging', 'node_modules', 'app-builder-lib', 'scheme.json');
    if (existsSync(installed)) {
      const { $comment, ...copied } = scheme;
      expect(copied).toEqual(JSON.parse(readFileSync(installed, 'utf8')));
    }
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
