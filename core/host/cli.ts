/**
 * `npm run serve` (and `npm start` without Electron): arguments, building the UI when it is
 * missing or older than its sources, starting the browser host, shutting down cleanly.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { resolveArchiveDir } from '../archive/paths.ts';
import { startBrowserHost, type BrowserHost } from './index.ts';

export interface HostArgs {
  archiveDir: string;
  port: number;
  staticDir: string;
  loadSample: boolean;
  /** Skip the "build the UI if stale" step. */
  noBuild: boolean;
}

export const USAGE = `usage: npm run serve -- [--archive DIR] [--port N] [--no-sample] [--static DIR] [--no-build]
  --archive DIR  archive folder (default: NIANBAO_ARCHIVE, else the app's user-data folder)
  --port N       port on 127.0.0.1 (default: a free port)
  --no-sample    do not load the sample archive into an empty archive
  --static DIR   the built UI (default: dist/renderer)
  --no-build     do not rebuild the UI when it is missing or older than its sources`;

export function parseHostArgs(argv: string[], repoRoot: string, env: NodeJS.ProcessEnv = process.env): HostArgs {
  let archive: string | undefined;
  let port = 0;
  let staticDir = path.join(repoRoot, 'dist', 'renderer');
  let loadSample = true;
  let noBuild = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    switch (flag) {
      case '--archive':
        archive = value();
        break;
      case '--port': {
        const v = value();
        port = Number(v);
        if (!/^\d+$/.test(v) || port > 65535) throw new Error(`--port must be 0–65535, got "${v}"`);
        break;
      }
      case '--static':
        staticDir = path.resolve(value());
        break;
      case '--no-sample':
        loadSample = false;
        break;
      case '--no-build':
        noBuild = true;
        break;
      default:
        throw new Error(`unknown argument "${arg}"\n${USAGE}`);
    }
  }
  return { archiveDir: resolveArchiveDir(archive, env), port, staticDir, loadSample, noBuild };
}

/** Newest modification time under the given files/folders (node_modules and dotfiles skipped). */
export function newestMtime(paths: string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    let info;
    try {
      info = statSync(p);
    } catch {
      return;
    }
    if (info.isDirectory()) {
      for (const name of readdirSync(p)) if (!name.startsWith('.') && name !== 'node_modules') visit(path.join(p, name));
    } else newest = Math.max(newest, info.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

/** True when dist/renderer/index.html is missing or older than the renderer's sources. */
export function rendererIsStale(repoRoot: string, staticDir = path.join(repoRoot, 'dist', 'renderer')): boolean {
  const built = path.join(staticDir, 'index.html');
  if (!existsSync(built)) return true;
  const sources = ['renderer', 'core', 'vite.config.ts', 'package.json'].map((p) => path.join(repoRoot, p));
  return newestMtime(sources) > statSync(built).mtimeMs;
}

/** Runs `vite build` (the UI engineer's vite.config.ts) when the built UI is stale. */
export function ensureRendererBuilt(repoRoot: string, log: (line: string) => void = console.log): void {
  if (!rendererIsStale(repoRoot)) return;
  log('Building the UI (vite build)…');
  const vite = path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('vite build failed (see above)');
}

export async function runBrowserHostCli(argv: string[], repoRoot: string, log: (line: string) => void = console.log): Promise<BrowserHost> {
  const args = parseHostArgs(argv, repoRoot);
  if (!args.noBuild && args.staticDir === path.join(repoRoot, 'dist', 'renderer')) ensureRendererBuilt(repoRoot, log);
  if (!existsSync(path.join(args.staticDir, 'index.html'))) throw new Error(`no built UI in ${args.staticDir} (run npm run build:renderer)`);
  const host = await startBrowserHost({ archiveDir: args.archiveDir, port: args.port, staticDir: args.staticDir, loadSample: args.loadSample });
  log(`年报库 is running on ${host.url}`);
  log(`  archive: ${args.archiveDir}`);
  if (host.sampleLoaded) log('  档案库为空，已载入示例档案（the archive was empty: the sample archive was loaded）');
  log('  open the address above (it carries this run’s access token); Ctrl+C stops the host.');
  let closing = false;
  const stop = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    host.close().then(
      () => process.exit(signal === 'SIGINT' ? 130 : 0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return host;
}
