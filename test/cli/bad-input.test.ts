import { describe, expect, it, vi } from 'vitest';
import * as fsp from 'node:fs/promises';
import path from 'node:path';
import { FIXTURES, folderHash, tempDir } from '../archive/helpers.ts';
import { cli } from './helpers.ts';

// Spy on every way of reading a whole file (pass-through) to prove the 300 MB file is refused
// by its size, never read: fsp.readFile(path) and FileHandle#readFile of a handle from fsp.open.
const wholeReads = vi.hoisted(() => [] as string[]);
vi.mock('node:fs/promises', async (importOriginal) => {
  const mod = await importOriginal<typeof import('node:fs/promises')>();
  const readFile = (async (p: Parameters<typeof mod.readFile>[0], ...rest: unknown[]) => {
    wholeReads.push(String(p));
    return (mod.readFile as (...a: unknown[]) => Promise<unknown>)(p, ...rest);
  }) as typeof mod.readFile;
  const open = (async (p: Parameters<typeof mod.open>[0], ...rest: unknown[]) => {
    const handle = await (mod.open as (...a: unknown[]) => Promise<import('node:fs/promises').FileHandle>)(p, ...rest);
    const read = handle.readFile.bind(handle);
    handle.readFile = ((...a: unknown[]) => {
      wholeReads.push(String(p));
      return (read as (...b: unknown[]) => Promise<unknown>)(...a);
    }) as typeof handle.readFile;
    return handle;
  }) as typeof mod.open;
  return { ...mod, readFile, open, default: { ...mod, readFile, open } };
});

async function populatedArchive(): Promise<string> {
  const dir = await tempDir('nianbao-bad-');
  const res = await cli(['import', path.join(FIXTURES, 'lanxi-2021.txt'), '--archive', dir]);
  expect(res.code).toBe(0);
  return dir;
}

async function badFile(name: string, bytes: Uint8Array | string): Promise<string> {
  const file = path.join(await tempDir('nianbao-input-'), name);
  await fsp.writeFile(file, bytes);
  return file;
}

function garbage(n: number, seed = 7): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const HTML_REPORT_START =
  '<!DOCTYPE html><html><head><meta charset="utf-8"><title>岚溪县人民政府2021年政府信息公开工作年度报告</title></head><body><div class="nav">首页 &gt; 政务公开 &gt; 年';

describe('bad input through the CLI: a clear error naming the file, the archive byte-for-byte unchanged', () => {
  const cases: [string, () => Promise<string>, RegExp][] = [
    ['an empty file', () => badFile('empty.txt', ''), /文件为空 \(empty file\)/],
    ['binary garbage', () => badFile('garbage.txt', garbage(20_000)), /binary|二进制|无法识别/],
    ['binary garbage without extension', () => badFile('blob', garbage(4096, 99)), /binary|二进制|无法识别/],
    ['a .txt that is not a report', () => badFile('notes.txt', '今天天气很好，我们去公园散步。\n这只是一段普通的文字，并不是年度报告。\n'.repeat(20)), /不是|not a/],
    ['truncated HTML', () => badFile('cut.html', HTML_REPORT_START), /(?:)/],
  ];
  for (const [what, make, reason] of cases) {
    it(what, async () => {
      const dir = await populatedArchive();
      const before = await folderHash(dir);
      const file = await make();
      const res = await cli(['import', file, '--archive', dir]);
      expect(res.code).toBe(1);
      expect(res.stdout).toBe('');
      expect(res.stderr).toMatch(new RegExp(`^failed ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .+`));
      expect(res.stderr.split('\n')).toHaveLength(1);
      expect(res.stderr).toMatch(reason);
      expect(await folderHash(dir)).toBe(before);
    });
  }

  it('a 300 MB file is refused by its size before it is read', async () => {
    const dir = await populatedArchive();
    const before = await folderHash(dir);
    const file = path.join(await tempDir('nianbao-big-'), 'huge.txt');
    await fsp.writeFile(file, '');
    await fsp.truncate(file, 300 * 1024 * 1024); // sparse: no 300 MB on disk
    // The spy does see the files the service reads (the fixture imported above).
    expect(wholeReads.some((p) => p.endsWith('lanxi-2021.txt'))).toBe(true);
    wholeReads.length = 0;
    const res = await cli(['import', file, '--archive', dir]);
    expect(res.code).toBe(1);
    expect(res.stderr).toBe(`failed ${file}: 文件过大（300 MB，上限 50 MB）(file too large)`);
    expect(wholeReads.includes(file)).toBe(false);
    expect(await folderHash(dir)).toBe(before);
  });

  it('a mix of good and bad files imports the good ones and exits 1', async () => {
    const dir = await tempDir();
    const empty = await badFile('empty.txt', '');
    const res = await cli(['import', empty, path.join(FIXTURES, 'lanxi-2021.txt'), path.join('/nonexistent', 'x.txt'), '--archive', dir]);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/^imported 2021-/);
    expect(res.stderr.split('\n')).toEqual([`failed ${empty}: 文件为空 (empty file)`, 'failed /nonexistent/x.txt: 文件不存在或无法读取 (no such file)']);
  });
});
