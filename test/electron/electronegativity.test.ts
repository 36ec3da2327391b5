/**
 * electronegativity over the Electron sources (electron/*.ts) and the UI's index.html, offline
 * from node_modules. It exits 0 whatever it finds, so this test reads its SARIF report and
 * fails on any finding not allow-listed (with a reason) in .electronegativity/allowlist.json.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../..');
const cli = path.join(repoRoot, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
// The Electron the app ships with: pinned in packaging/package.json (not installed by the root npm ci).
const electronVersion = JSON.parse(readFileSync(path.join(repoRoot, 'packaging', 'package.json'), 'utf8')).devDependencies.electron as string;
const work = mkdtempSync(path.join(tmpdir(), 'nianbao-eneg-'));

interface Finding {
  check: string;
  file: string;
  line: number;
  message: string;
}

interface AllowEntry {
  check: string;
  file: string;
  count?: number;
  reason: string;
}

/** Runs electronegativity on a folder and returns its findings from the SARIF report. */
async function scan(input: string, name: string): Promise<Finding[]> {
  const report = path.join(work, `${name}.sarif`);
  await run(
    process.execPath,
    // The security-fixes check needs the network (Electron's release list): excluded, see allowlist.json.
    [cli, '-i', input, '-o', report, '-r', '-v', 'false', '-e', electronVersion, '-x', 'AvailableSecurityFixesGlobalCheck'],
    { cwd: repoRoot, timeout: 90_000, env: { ...process.env, LANG: 'en-US' } },
  );
  expect(existsSync(report), 'electronegativity wrote no report').toBe(true);
  const sarif = JSON.parse(readFileSync(report, 'utf8')) as { runs: { results: { ruleId: string; message: { text: string }; locations?: { physicalLocation?: { artifactLocation?: { uri?: string }; region?: { startLine?: number } } }[] }[] }[] };
  return sarif.runs.flatMap((r) =>
    r.results.map((res) => ({
      check: res.ruleId,
      file: path.basename(res.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? 'N/A'),
      line: res.locations?.[0]?.physicalLocation?.region?.startLine ?? 0,
      message: res.message.text,
    })),
  );
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('electronegativity', () => {
  it('finds nothing in electron/ and the UI page beyond the reviewed allow-list', async () => {
    const staging = path.join(work, 'app');
    mkdirSync(staging);
    for (const name of readdirSync(path.join(repoRoot, 'electron'))) {
      if (name.endsWith('.ts')) copyFileSync(path.join(repoRoot, 'electron', name), path.join(staging, name));
    }
    const page = path.join(repoRoot, 'renderer', 'index.html');
    if (existsSync(page)) copyFileSync(page, path.join(staging, 'index.html'));

    const [findings, insecure] = await Promise.all([scan(staging, 'app'), scan(path.join(repoRoot, 'test', 'electron', 'fixtures', 'insecure'), 'insecure')]);

    // The gate can fail: a deliberately insecure window is reported.
    expect(insecure.map((f) => f.check)).toEqual(expect.arrayContaining(['NODE_INTEGRATION_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK', 'WEB_SECURITY_JS_CHECK']));

    const allow = (JSON.parse(readFileSync(path.join(repoRoot, '.electronegativity', 'allowlist.json'), 'utf8')) as { allow: AllowEntry[] }).allow;
    for (const entry of allow) expect(entry.reason?.trim().length, `allow-list entry ${entry.check} ${entry.file} needs a reason`).toBeGreaterThan(20);

    const unexpected: string[] = [];
    const groups = new Map<string, Finding[]>();
    for (const f of findings) groups.set(`${f.check} ${f.file}`, [...(groups.get(`${f.check} ${f.file}`) ?? []), f]);
    for (const [key, group] of groups) {
      const entry = allow.find((a) => `${a.check} ${a.file}` === key);
      const allowed = entry ? (entry.count ?? 1) : 0;
      if (group.length > allowed) unexpected.push(...group.slice(allowed).map((f) => `${f.check} at ${f.file}:${f.line} — ${f.message}`));
    }
    expect(unexpected, 'electronegativity findings that are not allow-listed').toEqual([]);

    const stale = allow.filter((a) => !groups.has(`${a.check} ${a.file}`)).map((a) => `${a.check} ${a.file}`);
    expect(stale, 'allow-list entries no longer needed (remove them)').toEqual([]);
  }, 120_000);
});
