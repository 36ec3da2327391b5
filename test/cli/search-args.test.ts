import { describe, expect, it } from 'vitest';
import { newReport, openArchive, parsedReport, tempDir } from '../archive/helpers.ts';
import { cli } from './helpers.ts';

async function twoBodies() {
  const dir = await tempDir('nianbao-cli-search-');
  const archive = await openArchive(dir);
  await archive.addReports([newReport(parsedReport('伊春市人民政府', 2022), 'a', 'a.txt'), newReport(parsedReport('鹤岗市人民政府', 2022), 'b', 'b.txt')]);
  return dir;
}

describe('nianbao search: a query starting with "-"', () => {
  it('excludes the term instead of failing with "Unknown option"', async () => {
    const dir = await twoBodies();
    const res = await cli(['search', '-伊春', '推进政务公开', '--json', '--archive', dir]);
    expect(res.stderr).not.toContain('Unknown option');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).results.map((r: { body: string }) => r.body)).toEqual(['鹤岗市人民政府']);
  });

  it('reads the query written as one argument, and everything after "--" as query', async () => {
    const dir = await twoBodies();
    const one = await cli(['search', '-伊春 推进政务公开', '--archive', dir, '--json']);
    expect(JSON.parse(one.stdout).total).toBe(1);
    const ended = await cli(['search', '--archive', dir, '--json', '--', '-鹤岗', '推进政务公开']);
    expect(JSON.parse(ended.stdout).results.map((r: { body: string }) => r.body)).toEqual(['伊春市人民政府']);
  });

  it('still rejects an unknown option of another command', async () => {
    expect((await cli(['list', '-x'])).code).toBe(2);
  });
});
