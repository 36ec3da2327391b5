/**
 * The `nianbao` command line: import, list, show, validate, search, export, edit, remove,
 * dismiss. Every command goes through the archive service (core/service.ts), like the app.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DATASET_FORMATS, type DatasetFormat, type ExportFormat, type ImportOutcome } from '../api.ts';
import { findingsOf, type Report, type RuleEvaluation } from '../model.ts';
import { RULE_IDS, TABLE_IDS, tableSpecsFor, type TableId } from '../spec.ts';
import { resolveArchiveDir } from '../archive/paths.ts';
import { EXPORT_FORMATS } from '../export/formats.ts';
import { reportJsonObject } from '../export/json.ts';
import { ArchiveError, openArchiveService, type ArchiveService } from '../service/index.ts';
import { HELP } from './help.ts';
import { terminalSafe } from './escape.ts';
import { queryTermsAsPositionals } from './query-args.ts';

export const EXIT = { ok: 0, failed: 1, usage: 2, archive: 3 } as const;

class UsageError extends Error {}

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  errIsTty: boolean;
  errWrite: (text: string) => void;
}

const defaultIo = (): Io => ({
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
  errIsTty: !!process.stderr.isTTY,
  errWrite: (t) => process.stderr.write(t),
});

const OPTIONS = {
  archive: { type: 'string' },
  json: { type: 'boolean' },
  year: { type: 'string' },
  body: { type: 'string' },
  'all-versions': { type: 'boolean' },
  all: { type: 'boolean' },
  format: { type: 'string' },
  chapter: { type: 'string' },
  table: { type: 'string' },
  out: { type: 'string' },
  reason: { type: 'string' },
  page: { type: 'string' },
  rule: { type: 'string' },
  severity: { type: 'string' },
  query: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;
type OptionName = keyof typeof OPTIONS;

const ALLOWED: Record<string, OptionName[]> = {
  import: [],
  list: ['year', 'body', 'all-versions', 'json'],
  show: ['json'],
  validate: ['all', 'json'],
  findings: ['rule', 'severity', 'all', 'json'],
  search: ['json', 'page'],
  export: ['format', 'chapter', 'table', 'out', 'all', 'year', 'body', 'query', 'all-versions'],
  bodies: ['json'],
  timeline: ['json'],
  compare: ['json'],
  edit: ['body', 'year'],
  remove: [],
  dismiss: ['reason'],
  undismiss: [],
  help: [],
};

function parseYear(text: string | undefined, what: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d{4}$/.test(text.trim()) || !Number.isInteger(n)) throw new UsageError(`${what} 应为四位年份，而不是 “${text}” (year must be a 4-digit number)`);
  return n;
}

const yearText = (y: number | null) => (y == null ? '?' : String(y));

export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: queryTermsAsPositionals(argv, OPTIONS), options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    io.err(`参数错误：${(err as Error).message} (usage error; see nianbao help)`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  const [command = 'help', ...rest] = positionals;
  if (command === 'help' || values.help) {
    io.out(HELP);
    return EXIT.ok;
  }
  const allowed = ALLOWED[command];
  if (!allowed) {
    io.err(`未知命令 “${command}” (unknown command; see nianbao help)`);
    return EXIT.usage;
  }
  const extra = (Object.keys(values) as OptionName[]).filter((k) => k !== 'archive' && !allowed.includes(k));
  if (extra.length) {
    io.err(`命令 ${command} 不接受选项 --${extra.join(', --')} (unknown option for ${command}; see nianbao help)`);
    return EXIT.usage;
  }
  let service: ArchiveService | null = null;
  try {
    const archiveDir = resolveArchiveDir(values.archive);
    service = await openArchiveService({
      archiveDir,
      host: 'electron',
      lazySearch: true,
      onLockWait: () => io.err(`档案库正被另一个程序写入，等待中…… (waiting for another process to finish writing: ${archiveDir})`),
    });
    for (const notice of service.notices()) io.err(`注意：${notice}`);
    const shown = service.notices().length;
    try {
      return await run(command, rest, values, service, io);
    } finally {
      // Notices of the command's own writes (an interrupted write rolled back by this import).
      for (const notice of service.notices().slice(shown)) io.err(`注意：${notice}`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${err.message}`);
      return EXIT.usage;
    }
    io.err((err as Error).message);
    return EXIT.archive;
  } finally {
    await service?.close().catch(() => {});
  }
}

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>['values'];

async function run(command: string, args: string[], values: Values, service: ArchiveService, io: Io): Promise<number> {
  const needId = (what = 'id') => {
    if (!args[0]) throw new UsageError(`命令 ${command} 需要报告编号 (${command} needs a report ${what}; see nianbao help)`);
    return args[0];
  };
  switch (command) {
    case 'import':
      return importCommand(args, service, io);
    case 'list': {
      const entries = await service.listReports({ year: parseYear(values.year, '--year'), body: values.body, allVersions: values['all-versions'] });
      if (values.json) {
        io.out(JSON.stringify(entries.map((e) => ({ id: e.id, bodyId: e.bodyId, body: e.body, year: e.year, title: e.title, format: e.format, findings: e.findings, version: e.version, latest: e.latest })), null, 2));
      } else {
        for (const e of entries) {
          const version = values['all-versions'] ? ` v${e.version}${e.latest ? '' : ' (旧版本 older)'}` : '';
          io.out(`${e.id}\t${terminalSafe(e.body || '?')}\t${yearText(e.year)}\t${e.format}\t问题 ${e.findings}${version}\t${terminalSafe(e.title)}`);
        }
        if (entries.length === 0) io.err('档案库中没有符合条件的报告 (no reports)');
      }
      return EXIT.ok;
    }
    case 'show': {
      const report = await service.getReport(needId());
      if (values.json) io.out(JSON.stringify(showJson(report), null, 2));
      else io.out(showText(report));
      return EXIT.ok;
    }
    case 'validate':
      return validateCommand(args, values, service, io);
    case 'findings': {
      if (values.rule && !(RULE_IDS as readonly string[]).includes(values.rule)) throw new UsageError(`未知规则 ${values.rule} (unknown rule; one of ${RULE_IDS.join(', ')})`);
      if (values.severity && values.severity !== 'error' && values.severity !== 'warning') throw new UsageError('--severity 只能是 error 或 warning');
      const rows = await service.listFindings({ rule: values.rule as never, severity: values.severity as never, includeDismissed: values.all });
      if (values.json) io.out(JSON.stringify(rows, null, 2));
      else for (const f of rows) io.out(`${f.reportId}\t${terminalSafe(f.body)}\t${yearText(f.year)}\t${f.severity}\t${f.key}\t${f.message}${f.dismissed ? `\t(已忽略 dismissed: ${f.dismissed.reason})` : ''}`);
      return EXIT.ok;
    }
    case 'search': {
      const query = args.join(' ').trim();
      if (!query) throw new UsageError('命令 search 需要查询词 (search needs a query)');
      const page = values.page ? Number(values.page) : 0;
      const res = await service.search({ query, page });
      if (values.json) {
        io.out(
          JSON.stringify(
            {
              total: res.total,
              results: res.results.map((r) => ({ id: r.id, body: r.body, year: r.year, title: r.title, score: r.score, hits: r.hits.map((h) => ({ where: h.where, snippet: h.snippet, ranges: h.ranges })) })),
              warnings: res.warnings,
            },
            null,
            2,
          ),
        );
      } else {
        for (const w of res.warnings) io.err(`注意：${w}`);
        io.out(`共 ${res.total} 个结果 (${res.total} results)`);
        for (const r of res.results) {
          io.out(`${r.id}\t${terminalSafe(r.body)}\t${yearText(r.year)}\t${terminalSafe(r.title)}\t${r.score.toFixed(2)}`);
          for (const h of r.hits.slice(0, 3)) io.out(`    ${h.where}: ${terminalSafe(h.snippet)}`);
        }
      }
      return EXIT.ok;
    }
    case 'bodies':
      return bodiesCommand(args, values, service, io);
    case 'timeline':
      return timelineCommand(args, values, service, io);
    case 'compare':
      return compareCommand(args, values, service, io);
    case 'export': {
      if (values.all || values.year || values.body || values.query) return datasetCommand(args, values, service, io);
      const id = needId();
      const format = values.format as ExportFormat | undefined;
      if (!format || !EXPORT_FORMATS.includes(format)) throw new UsageError(`export 需要 --format ${EXPORT_FORMATS.join('|')} (export needs --format)`);
      if (values.table && !(TABLE_IDS as readonly string[]).includes(values.table)) throw new UsageError(`未知表格 ${values.table} (unknown table; one of ${TABLE_IDS.join(', ')})`);
      const report = await service.getReport(id);
      if (values.chapter && !report.chapters.some((c) => c.key === values.chapter)) {
        throw new UsageError(`报告 ${id} 没有章节 ${values.chapter}（有：${report.chapters.map((c) => c.key).join(', ')}）(no such chapter)`);
      }
      const text = await service.exportReport({ id, format, chapter: values.chapter, table: values.table as TableId | undefined });
      if (values.out) {
        await writeFile(values.out, text);
        io.err(`已导出到 ${values.out} (exported)`);
      } else io.out(text);
      return EXIT.ok;
    }
    case 'edit': {
      const id = needId();
      const year = parseYear(values.year, '--year');
      if (values.body === undefined && year === undefined) throw new UsageError('edit 需要 --body 或 --year (edit needs --body and/or --year)');
      const report = await service.editMetadata(id, { body: values.body, year });
      io.out(`edited ${report.id} ${report.body.printed} ${yearText(report.year)}`);
      return EXIT.ok;
    }
    case 'remove': {
      if (args.length === 0) needId();
      const result = await service.removeReports(args);
      for (const id of result.removed) io.out(`removed ${id}`);
      return EXIT.ok;
    }
    case 'dismiss': {
      const id = needId();
      const key = args[1];
      if (!key) throw new UsageError('dismiss 需要问题键或规则编号 (dismiss needs a finding key or rule id)');
      if (!values.reason?.trim()) throw new UsageError('dismiss 需要 --reason 说明理由 (dismiss needs --reason)');
      const report = await service.dismissFinding(id, key, values.reason);
      const n = report.dismissals.filter((d) => d.key === key || d.key.startsWith(`${key}:`)).length;
      io.out(`dismissed ${id} ${key}${n > 1 ? ` (${n})` : ''}`);
      return EXIT.ok;
    }
    case 'undismiss': {
      const id = needId();
      if (!args[1]) throw new UsageError('undismiss 需要问题键或规则编号 (undismiss needs a finding key or rule id)');
      await service.undismissFinding(id, args[1]);
      io.out(`undismissed ${id} ${args[1]}`);
      return EXIT.ok;
    }
  }
  return EXIT.usage;
}

async function bodiesCommand(args: string[], values: Values, service: ArchiveService, io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'merge' || sub === 'rename') {
    if (rest.length !== 2) throw new UsageError(`bodies ${sub} 需要两个参数 (bodies ${sub} <${sub === 'merge' ? 'from> <into' : 'body> <name'}>)`);
    const result = sub === 'merge' ? await service.mergeBodies(rest[0], rest[1]) : await service.renameBody(rest[0], rest[1]);
    io.out(`${result.description}（移动 ${result.moved.length} 份报告 moved ${result.moved.length} reports）`);
    return EXIT.ok;
  }
  if (sub === 'undo') {
    const result = await service.undoBodyChange();
    io.out(result ? `${result.description}（移动 ${result.moved.length} 份报告）` : '没有可撤销的机关更改 (nothing to undo)');
    return EXIT.ok;
  }
  if (sub === 'parent') {
    if (rest.length !== 2) throw new UsageError('bodies parent 需要两个参数 (bodies parent <body> <parent|none>)');
    const result = await service.setBodyParent(rest[0], rest[1] === 'none' ? null : rest[1]);
    io.out(result.description);
    return EXIT.ok;
  }
  if (sub === 'duplicates') {
    const pairs = await service.suggestDuplicateBodies();
    if (values.json) io.out(JSON.stringify(pairs, null, 2));
    else for (const p of pairs) io.out(`${p.a}\t${p.b}\t${p.why}`);
    return EXIT.ok;
  }
  if (sub) throw new UsageError(`未知的 bodies 子命令 “${sub}” (bodies [merge|rename|parent|undo|duplicates])`);
  const bodies = await service.listBodies();
  if (values.json) io.out(JSON.stringify(bodies.map((b) => ({ id: b.id, name: b.name, names: b.names, parent: b.parent, reports: b.reports })), null, 2));
  else for (const b of bodies) io.out(`${b.id}\t${b.name}\t上级 ${b.parent ?? '-'}\t${b.reports} 份\t${b.years.join(',')}\t${b.names.join('、')}`);
  return EXIT.ok;
}

async function timelineCommand(args: string[], values: Values, service: ArchiveService, io: Io): Promise<number> {
  if (!args[0]) throw new UsageError('timeline 需要机关 (timeline <body>)');
  const t = await service.bodyTimeline(args.join(' '));
  if (values.json) {
    io.out(JSON.stringify({ body: t.body.id, name: t.body.name, years: t.years.map((y) => ({ year: y.year, id: y.id, versions: y.versions.map((v) => v.id), cells: y.cells, figures: y.figures, change: y.change, rates: Object.fromEntries(Object.entries(y.rates).map(([k, r]) => [k, r.value])), findings: y.crossYearFindings.map((f) => ({ key: f.key, message: f.message, relatedReportId: f.relatedReportId })), problemsRepeatPercent: y.problemsRepeat?.percent ?? null })) }, null, 2));
    return EXIT.ok;
  }
  io.out(`${t.body.name} (${t.body.id})`);
  for (const y of t.years) {
    const f = (k: string) => (y.figures[k] ?? '未知');
    const r = (k: string) => (y.rates[k].value === null ? '无法计算' : `${y.rates[k].value}%`);
    io.out(`${y.year}\t${y.id}\t新收 ${f('received')}\t予以公开 ${f('granted')}\t不予公开 ${f('denied')}\t实质公开率 ${r('substantiveDisclosure')}\t不予公开率 ${r('denial')}\t问题 ${y.crossYearFindings.length}`);
  }
  return EXIT.ok;
}

async function compareCommand(args: string[], values: Values, service: ArchiveService, io: Io): Promise<number> {
  if (args.length !== 2) throw new UsageError('compare 需要两个报告编号 (compare <id> <id>)');
  const c = await service.compareReports(args[0], args[1]);
  if (values.json) {
    io.out(JSON.stringify({ a: c.a, b: c.b, cells: c.cells.map(({ cell, a, b, differs }) => ({ cell, a, b, differs })), chapters: c.chapters.filter((ch) => !ch.same) }, null, 2));
    return EXIT.ok;
  }
  io.out(`${c.a.id} ${c.a.body} ${yearText(c.a.year)}  ↔  ${c.b.id} ${c.b.body} ${yearText(c.b.year)}`);
  for (const cell of c.cells.filter((x) => x.differs)) io.out(`  ${cell.cell}\t${cell.label}\t${cell.a ?? '未知'}\t${cell.b ?? '未知'}`);
  for (const ch of c.chapters.filter((x) => !x.same)) {
    io.out(`  ${ch.heading}`);
    for (const p of ch.parts.filter((x) => x.kind !== 'same')) io.out(`    ${p.kind === 'added' ? '+' : '-'} ${p.text}`);
  }
  return EXIT.ok;
}

async function datasetCommand(args: string[], values: Values, service: ArchiveService, io: Io): Promise<number> {
  if (args.length) throw new UsageError('数据集导出不接受报告编号 (dataset export takes --all|--year|--body|--query, not ids)');
  const format = values.format as DatasetFormat | undefined;
  if (!format || !(DATASET_FORMATS as readonly string[]).includes(format)) throw new UsageError(`数据集导出需要 --format ${DATASET_FORMATS.join('|')} (dataset export needs --format)`);
  if (!values.out) throw new UsageError('数据集导出需要 --out FILE (dataset export needs --out)');
  const n = await service.exportDatasetToFile(
    { format, all: values.all, year: parseYear(values.year, '--year'), body: values.body, query: values.query, allVersions: values['all-versions'] },
    values.out,
  );
  io.err(`已导出 ${n} 份报告到 ${values.out} (exported ${n} reports)`);
  return EXIT.ok;
}

async function importCommand(args: string[], service: ArchiveService, io: Io): Promise<number> {
  if (args.length === 0) throw new UsageError('import 需要文件或文件夹 (import needs files or folders)');
  let failed = 0;
  const bar = io.errIsTty;
  const clearBar = () => bar && io.errWrite('\r\x1b[K');
  const onProgress = (done: number, total: number, o: ImportOutcome) => {
    clearBar();
    printOutcome(o, io);
    if (o.status === 'failed') failed++;
    if (bar) {
      const width = 30;
      const filled = Math.round((done / total) * width);
      io.errWrite(`[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
    }
  };
  try {
    await service.importPaths(args, onProgress);
  } finally {
    clearBar();
  }
  return failed > 0 ? EXIT.failed : EXIT.ok;
}

function printOutcome(o: ImportOutcome, io: Io): void {
  // Every line names its file, escaped: a name with a newline or an ESC sequence cannot forge another line.
  const file = terminalSafe(o.file);
  if (o.status === 'imported') {
    io.out(`imported ${o.id} ${terminalSafe(o.body || '?')} ${yearText(o.year)} ${file}`);
    if (o.version > 1) io.err(`  ${o.id}: 同一机关同一年度的第 ${o.version} 个版本 (version ${o.version} of ${terminalSafe(o.body)} ${yearText(o.year)})`);
    if (o.uncertain.length) io.err(`  ${o.id}: ${o.uncertain.join('、')} 为推测或缺失，请用 nianbao edit 核对 (${o.uncertain.join(', ')} guessed or missing: check with nianbao edit)`);
  } else if (o.status === 'duplicate') io.out(`duplicate ${o.id} ${file}`);
  else io.err(`failed ${file}: ${terminalSafe(o.reason)}`);
}

/**
 * The JSON of `show --json`: the canonical report JSON (core/export/json.ts: tables.<tableId>.<rowId>.<columnId>
 * values, cells, chapters, narrative, findings) with its metadata at the top level, where scripts
 * read `id`, `body`, `year`…, the full source record and the dismissals.
 */
export function showJson(r: Report) {
  const { metadata, ...canonical } = reportJsonObject(r);
  return { ...metadata, title: r.title, source: r.source, ...canonical, dismissals: r.dismissals };
}

function showText(r: Report): string {
  const lines = [
    `${r.title}`,
    `编号 id: ${r.id}    发布机关 body: ${r.body.printed || '?'}    年度 year: ${yearText(r.year)}    格式 format: ${r.format}    版本 version: ${r.version}`,
    `来源 source: ${r.source.fileName} (${r.source.mediaType}, ${r.source.size} bytes, sha256 ${r.source.sha256.slice(0, 12)}…)`,
  ];
  for (const ch of r.chapters) lines.push('', `${ch.heading}  [${ch.key}]`, ...ch.paragraphs.map((p) => `  ${p}`));
  for (const spec of tableSpecsFor(r.format)) {
    const table = r.tables[spec.id];
    if (!table) continue;
    lines.push('', `表 ${spec.title}  [${spec.id}]`);
    for (const row of spec.rows) {
      const cells = row.columns.map((c) => {
        const cell = table.cells[row.id]?.[c.id];
        return `${c.id}=${cell ? (cell.value ?? (cell.raw || cell.state)) : '—'}`;
      });
      lines.push(`  ${row.id}: ${cells.join('  ')}`);
    }
  }
  const findings = findingsOf(r);
  lines.push('', findings.length ? `问题 findings (${findings.length}):` : '没有发现问题 (no findings)');
  for (const f of findings) lines.push(`  [${f.severity}] ${f.key}: ${f.message}${f.dismissed ? ` (已忽略 dismissed: ${f.dismissed.reason})` : ''}`);
  return lines.join('\n');
}

type RuleSummary = { status: 'pass' | 'fail' | 'notAssessable'; pass: number; fail: number; notAssessable: number };

export function ruleSummary(evaluations: RuleEvaluation[]): Record<string, RuleSummary> {
  const out: Record<string, RuleSummary> = {};
  for (const e of evaluations) {
    const s = (out[e.rule] ??= { status: 'pass', pass: 0, fail: 0, notAssessable: 0 });
    s[e.status]++;
  }
  for (const s of Object.values(out)) s.status = s.fail > 0 ? 'fail' : s.pass > 0 ? 'pass' : 'notAssessable';
  return out;
}

async function validateCommand(args: string[], values: Values, service: ArchiveService, io: Io): Promise<number> {
  if (args.length && values.all) throw new UsageError('validate 要么给出编号，要么用 --all (give ids or --all, not both)');
  const ids = args.length ? args : (await service.listReports({})).map((e) => e.id);
  const reports: Report[] = [];
  // One damaged report file is named and skipped; the others are still validated.
  let damaged = 0;
  for (const id of ids) {
    try {
      reports.push(await service.getReport(id));
    } catch (err) {
      if (!(err instanceof ArchiveError)) throw err;
      damaged++;
      io.err(`skipped ${id}: ${terminalSafe(err.message)}`);
    }
  }
  let errors = damaged;
  const json = reports.map((r) => {
    const findings = findingsOf(r);
    const open = findings.filter((f) => !f.dismissed);
    errors += open.filter((f) => f.severity === 'error').length;
    return { id: r.id, body: r.body.printed, year: r.year, format: r.format, rules: ruleSummary(r.evaluations), findings, evaluations: r.evaluations };
  });
  if (values.json) io.out(JSON.stringify(json, null, 2));
  else {
    for (const r of json) {
      io.out(`${r.id} ${terminalSafe(r.body || '?')} ${yearText(r.year)} (${r.format})`);
      for (const [rule, s] of Object.entries(r.rules)) io.out(`  ${rule.padEnd(28)} ${s.status.padEnd(13)} pass ${s.pass}  fail ${s.fail}  n/a ${s.notAssessable}`);
      for (const f of r.findings) io.out(`    [${f.severity}] ${f.key}: ${f.message}${f.dismissed ? ` (已忽略 dismissed: ${f.dismissed.reason})` : ''}`);
    }
    if (json.length === 0) io.err('档案库中没有报告 (no reports)');
  }
  return errors > 0 ? EXIT.failed : EXIT.ok;
}
