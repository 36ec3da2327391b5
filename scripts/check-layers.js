#!/usr/bin/env node
// The layer rule, mechanically: which top-level folder may import which.
//   core/      → core/ and packages; never electron/ or renderer/, never 'electron'
//   renderer/  → renderer/, core/ (types and pure helpers), packages; never electron/, 'electron' or node:*
//   electron/  → electron/, core/, packages
// The renderer's reach into core/ is further checked by tsconfig.renderer.json (no Node types),
// which fails when a renderer import pulls in a core module that uses Node APIs.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const NODE_BUILTINS = new Set(['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'util', 'stream', 'worker_threads', 'zlib', 'events', 'buffer', 'process']);
const rules = {
  core: { forbidDirs: ['electron', 'renderer'], forbidPackages: ['electron', 'react', 'react-dom'], forbidNode: false },
  renderer: { forbidDirs: ['electron', 'core/cli', 'core/host', 'core/archive'], forbidPackages: ['electron'], forbidNode: true },
  electron: { forbidDirs: ['renderer'], forbidPackages: [], forbidNode: false },
};

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (/\.(ts|tsx|js|mjs|cjs)$/.test(name)) yield p;
  }
}

const importRe = /(?:import|export)\s[^'"`]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;
const problems = [];
for (const [layer, rule] of Object.entries(rules)) {
  let files;
  try { files = [...walk(join(root, layer))]; } catch { continue; }
  for (const file of files) {
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(importRe)) {
      const spec = m[1] ?? m[2] ?? m[3] ?? m[4];
      const where = relative(root, file);
      if (spec.startsWith('.')) {
        const target = relative(root, resolve(dirname(file), spec));
        for (const dir of rule.forbidDirs) if (target === dir || target.startsWith(dir + '/')) problems.push(`${where}: imports ${spec} (${layer}/ may not import ${dir}/)`);
      } else {
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        if (rule.forbidPackages.includes(pkg)) problems.push(`${where}: imports '${spec}' (${layer}/ may not import it)`);
        if (rule.forbidNode && (spec.startsWith('node:') || NODE_BUILTINS.has(pkg))) problems.push(`${where}: imports '${spec}' (the renderer may not use Node APIs)`);
      }
    }
  }
}
if (problems.length) {
  console.error(`Layer rule broken in ${problems.length} place(s):\n  ` + problems.join('\n  '));
  process.exit(1);
}
console.log('layers: ok');
