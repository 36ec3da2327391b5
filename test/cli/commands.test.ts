import { describe, expect, it } from 'vitest';
import { folderHash, newReport, openArchive, parsedReport, tempDir } from '../archive/helpers.ts';
import { cli } from './helpers.ts';

async function archiveWith() {
  const dir = await tempDir('nianbao-cli-');
  const archive = await openArchive(dir);
  const { results } = await archive.addReports([
    newReport(parsedReport('命令县人民政府', 2021, { carriedForward: 4 }), 'one', 'one.txt'),
    newReport(parsedReport('命令县人民政府', 2022, { carriedOver: 1, received: 20 }), 'two', 'two.txt'),
    newReport(parsedReport('别的市', 2022), 'three', 'three.txt'),
  ]);
  return { dir, ids: results.map((r) => r.entry.id) };
}

describe('nianbao CLI commands', () => {
  it('help documents commands and exit codes; usage errors exit 2', async () => {
    const help = await cli(['help']);
    expect(help.code).toBe(0);
    for (const word of ['import', 'list', 'show', 'validate', 'search', 'export', 'edit', 'remove', 'dismiss', '退出码 exit codes', '--archive']) {
      expect(help.stdout).toContain(word);
    }
    expect((await cli(['frobnicate'])).code).toBe(2);
    const badOption = await cli(['list', '--format', 'x']);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain('--format');
    expect((await cli(['list', '--year', '20x2', '--archive', await tempDir()])).code).toBe(2);
  });

  it('list --json gives {id, bodyId, body, year, title, format, findings} per latest report', async () => {
    const { dir, ids } = await archiveWith();
    const res = await cli(['list', '--json', '--archive', dir]);
    expect(res.code).toBe(0);
    const rows = JSON.parse(res.stdout);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual({
      id: expect.any(String),
      bodyId: expect.any(String),
      body: expect.any(String),
      year: 2022,
      title: expect.any(String),
      format: '2021',
      findings: expect.any(Number),
      version: 1,
      latest: true,
    });
    const filtered = JSON.parse((await cli(['list', '--json', '--year', '2021', '--body', '命令县', '--archive', dir])).stdout);
    expect(filtered.map((r: { id: string }) => r.id)).toEqual([ids[0]]);
    // The canonical body (scripts group by it): 命令县人民政府 and 命令县 are one body.
    expect(filtered[0]).toMatchObject({ bodyId: '命令县', body: '命令县人民政府' });
    const text = await cli(['list', '--archive', dir]);
    expect(text.stdout.split('\n')).toHaveLength(3);
  });

  it('show --json has tables.<table>.<row>.<column> values, cells, chapters and findings', async () => {
    const { dir, ids } = await archiveWith();
    const res = await cli(['show', ids[1], '--json', '--archive', dir]);
    expect(res.code).toBe(0);
    const json = JSON.parse(res.stdout);
    expect(json.tables.applications.received.natural).toBe(20);
    expect(json.tables.applications.carriedOver.total).toBe(1);
    expect(json.cells.applications.received.natural).toEqual({ value: 20, state: 'number', raw: '20' });
    expect(json.chapters[0]).toMatchObject({ id: 'overview', heading: '一、总体情况' });
    expect(json.findings.some((f: { rule: string }) => f.rule === 'crossYear.carryOver')).toBe(true);
    expect(json).toMatchObject({ id: ids[1], body: '命令县人民政府', year: 2022, format: '2021', version: 1 });
    const missing = await cli(['show', '2022-00000000', '--archive', dir]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toBe('没有编号为 2022-00000000 的报告 (no report with id 2022-00000000)');
  });

  it('validate reports per-rule statuses and exits 1 while undismissed errors remain', async () => {
    const { dir, ids } = await archiveWith();
    const res = await cli(['validate', ids[1], '--json', '--archive', dir]);
    const [report] = JSON.parse(res.stdout);
    expect(report.rules['crossYear.carryOver']).toMatchObject({ status: 'fail' });
    expect(report.rules['applications.balance']).toMatchObject({ status: 'pass' });
    expect(res.code).toBe(1);
    const errors = report.findings.filter((f: { severity: string }) => f.severity === 'error');
    for (const f of errors) expect((await cli(['dismiss', ids[1], f.key, '--reason', '已核实', '--archive', dir])).code).toBe(0);
    expect((await cli(['validate', ids[1], '--archive', dir])).code).toBe(0);
    const all = await cli(['validate', '--all', '--json', '--archive', dir]);
    expect(JSON.parse(all.stdout)).toHaveLength(3);
  });

  it('edit, dismiss and remove change the archive and print one line each', async () => {
    const { dir, ids } = await archiveWith();
    const edit = await cli(['edit', ids[2], '--body', '改名市', '--year', '2020', '--archive', dir]);
    expect(edit).toEqual({ code: 0, stdout: `edited ${ids[2]} 改名市 2020`, stderr: '' });
    const listed = JSON.parse((await cli(['list', '--json', '--year', '2020', '--archive', dir])).stdout);
    expect(listed.map((r: { body: string }) => r.body)).toEqual(['改名市']);
    const dismiss = await cli(['dismiss', ids[1], 'crossYear.carryOver', '--reason', '口径不同', '--archive', dir]);
    expect(dismiss.code).toBe(0);
    expect(dismiss.stdout).toMatch(new RegExp(`^dismissed ${ids[1]} crossYear.carryOver`));
    expect((await cli(['dismiss', ids[1], 'crossYear.carryOver', '--archive', dir])).code).toBe(2);
    const remove = await cli(['remove', ids[0], ids[2], '--archive', dir]);
    expect(remove.stdout).toBe(`removed ${ids[0]}\nremoved ${ids[2]}`);
    expect(JSON.parse((await cli(['list', '--json', '--archive', dir])).stdout)).toHaveLength(1);
    const before = await folderHash(dir);
    const unknown = await cli(['remove', 'nope', '--archive', dir]);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('nope');
    expect(await folderHash(dir)).toBe(before);
  });

  it('NIANBAO_ARCHIVE selects the archive when --archive is absent', async () => {
    const { dir } = await archiveWith();
    const saved = process.env.NIANBAO_ARCHIVE;
    process.env.NIANBAO_ARCHIVE = dir;
    try {
      expect(JSON.parse((await cli(['list', '--json'])).stdout)).toHaveLength(3);
    } finally {
      if (saved === undefined) delete process.env.NIANBAO_ARCHIVE;
      else process.env.NIANBAO_ARCHIVE = saved;
    }
  });
});
