import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathsFromArgv } from '../../electron/argv.ts';

describe('files given on the command line', () => {
  const existing = new Set(['/home/u/年报/a.pdf', '/home/u/年报', '/data/b.docx', '/opt/app', '/opt/app/nianbao']);
  const ctx = { cwd: '/home/u', ignore: ['/opt/app/nianbao', '/opt/app'], exists: (p: string) => existing.has(p) };

  it('keeps existing files and folders, resolved against the launching directory', () => {
    expect(pathsFromArgv(['/opt/app/nianbao', '年报/a.pdf', '/data/b.docx', '年报'], ctx)).toEqual(['/home/u/年报/a.pdf', '/data/b.docx', '/home/u/年报']);
  });

  it('skips flags (Chromium adds some on second-instance), the executable, the app folder, missing files and duplicates', () => {
    const argv = ['/opt/app/nianbao', '.', '--allow-file-access-from-files', '--original-process-start-time=1', '/opt/app', 'missing.pdf', '/data/b.docx', '/data/b.docx'];
    expect(pathsFromArgv(argv, { ...ctx, cwd: '/opt/app' })).toEqual(['/data/b.docx']);
  });

  it('takes names starting with - after --', () => {
    const odd = path.resolve('/home/u', '-odd.txt');
    expect(pathsFromArgv(['/x', '--', '-odd.txt'], { ...ctx, exists: (p) => p === odd })).toEqual([odd]);
  });
});
