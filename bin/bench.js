#!/usr/bin/env node
// npm run bench [-- names…]: runs bench/<name>.bench.ts (all by default), each printing its
// figures and ratios against a baseline measured in the same run.
import { register } from 'tsx/esm/api';
import { readdirSync } from 'node:fs';
import { ensureNodeBuild } from '../scripts/build-node.js';

register();
// Imports parse in the pool's worker, the bundle dist-node/parse-worker.mjs: up to date first.
await ensureNodeBuild({ log: console.log });
const dir = new URL('../bench/', import.meta.url);
const all = readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace(/\.bench\.ts$/, '')).sort();
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? wanted : all;
for (const name of names) {
  if (!all.includes(name)) {
    console.error(`No benchmark "${name}" (have: ${all.join(', ')})`);
    process.exit(2);
  }
}
for (const name of names) {
  console.log(`\n=== bench ${name} ===`);
  const mod = await import(new URL(`${name}.bench.ts`, dir).href);
  await mod.run(process.argv.slice(2).filter((a) => a.startsWith('-')));
}
