#!/usr/bin/env node
// npm start: builds what is stale (UI with vite, main/preload with esbuild), then runs the
// desktop app — or, where the Electron binary is missing (it cannot be downloaded here), the
// browser host serving the same UI on 127.0.0.1.
//   npm start -- [--archive DIR] [--port N] [--no-sample]   (--port only for the browser host)
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureNodeBuild } from './build-node.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The Electron executable, without triggering the electron package's download-on-require:
 * ELECTRON_OVERRIDE_DIST_PATH, else packaging/node_modules/electron/dist/<path.txt> (installed by
 * `npm run desktop:install`, Node 22.12+; see scripts/packaging.js); null when absent.
 */
export function findElectronBinary(env = process.env) {
  let electronDir;
  try {
    electronDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json', { paths: [path.join(root, 'packaging')] }));
  } catch {
    return null;
  }
  const pathFile = path.join(electronDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const candidate = env.ELECTRON_OVERRIDE_DIST_PATH
    ? path.join(env.ELECTRON_OVERRIDE_DIST_PATH, executable || (process.platform === 'win32' ? 'electron.exe' : 'electron'))
    : executable && path.join(electronDir, 'dist', executable);
  return candidate && existsSync(candidate) && statSync(candidate).isFile() ? candidate : null;
}

function electronIsStale() {
  const built = path.join(root, 'dist-electron', 'main.mjs');
  if (!existsSync(built) || !existsSync(path.join(root, 'dist-electron', 'preload.cjs'))) return true;
  return newestMtime([path.join(root, 'electron'), path.join(root, 'core')]) > statSync(built).mtimeMs;
}

let newestMtime;

async function main() {
  const cli = await import(pathToFileURL(path.join(await ensureNodeBuild(), 'host.mjs')).href);
  newestMtime = cli.newestMtime;
  const argv = process.argv.slice(2);
  cli.ensureRendererBuilt(root);

  const electron = findElectronBinary();
  if (!electron) {
    console.log('Electron is not installed (`npm run desktop:install`, Node 22.12+): serving the same UI in your browser instead.');
    await cli.runBrowserHostCli([...argv, '--no-build'], root);
    return;
  }

  if (electronIsStale()) {
    const { buildElectron } = await import('./build-electron.js');
    await buildElectron();
  }
  // The app reads NIANBAO_ARCHIVE like the CLI; --archive is passed that way.
  const env = { ...process.env };
  const archiveAt = argv.indexOf('--archive');
  if (archiveAt >= 0 && argv[archiveAt + 1]) env.NIANBAO_ARCHIVE = path.resolve(argv[archiveAt + 1]);
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(electron, [root], { stdio: 'inherit', env });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
