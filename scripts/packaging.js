#!/usr/bin/env node
// The Electron toolchain has its own manifest, packaging/package.json (+ lock): electron (the
// desktop runtime) and electron-builder (installers). Both declare Node 22.12+, so the root
// `npm ci` (Node 20.19+: development, tests, CLI, browser host) never installs them.
//   node scripts/packaging.js install        npm ci in packaging/, then the Electron binary (`npm run desktop:install`)
//   node scripts/packaging.js dist [args…]   electron-builder → release/ (`npm run dist`, after `npm run build`)
//   node scripts/packaging.js sync           refresh the two files the Node 20 tools use from packaging/:
//                                            electron.d.ts (types) and electron-builder.scheme.json (config schema)
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const packagingDir = path.join(root, 'packaging');
const manifest = JSON.parse(readFileSync(path.join(packagingDir, 'package.json'), 'utf8'));
const installed = (...parts) => path.join(packagingDir, 'node_modules', ...parts);

/** packaging/package.json's engines (">=22.12") against this Node, in one line when too old. */
function requireNode(what) {
  const [needMajor, needMinor = 0] = manifest.engines.node.replace(/^>=\s*/, '').split('.').map(Number);
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major > needMajor || (major === needMajor && minor >= needMinor)) return;
  console.error(`${what} needs Node ${needMajor}.${needMinor} or later (electron ${manifest.devDependencies.electron} and electron-builder ${manifest.devDependencies['electron-builder']} require it); this is Node ${process.versions.node}. Development and tests need only Node 20.19+.`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32', ...options });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** npm ci in packaging/ unless its node_modules already matches the lock. */
function ensureInstalled() {
  const lock = path.join(packagingDir, 'package-lock.json');
  const stamp = installed('.package-lock.json');
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= statSync(lock).mtimeMs) return;
  run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: packagingDir });
}

const commands = {
  install() {
    requireNode('The desktop app (Electron)');
    ensureInstalled();
    // electron 45 has no install script: its install.js downloads the binary (from GitHub).
    run(process.execPath, [installed('electron', 'install.js')], { cwd: installed('electron') });
  },
  dist(args) {
    requireNode('Building installers');
    ensureInstalled();
    const bin = installed('.bin', process.platform === 'win32' ? 'electron-builder.cmd' : 'electron-builder');
    run(bin, ['--projectDir', root, '--config', path.join(root, 'electron-builder.yml'), ...args], { cwd: root });
  },
  sync() {
    requireNode('Refreshing the copied Electron types and schema');
    ensureInstalled();
    copyFileSync(installed('electron', 'electron.d.ts'), path.join(packagingDir, 'electron.d.ts'));
    const scheme = readFileSync(installed('app-builder-lib', 'scheme.json'), 'utf8');
    const note = `app-builder-lib/scheme.json of electron-builder ${manifest.devDependencies['electron-builder']} (packaging/package.json), copied by \`node scripts/packaging.js sync\``;
    writeFileSync(path.join(packagingDir, 'electron-builder.scheme.json'), `{\n  "$comment": ${JSON.stringify(note)},\n${scheme.trimStart().slice(1).replace(/^\n/, '')}`);
    console.log('packaging/electron.d.ts and packaging/electron-builder.scheme.json refreshed.');
  },
};

const [name, ...rest] = process.argv.slice(2);
if (!commands[name]) {
  console.error(`usage: node scripts/packaging.js ${Object.keys(commands).join(' | ')} [args…]`);
  process.exit(2);
}
commands[name](rest);
