#!/usr/bin/env node
// npm run serve [-- --archive DIR --port N --no-sample]: the browser host (UI + ArchiveApi over
// HTTP on 127.0.0.1 with a per-run token). Runs the TypeScript sources through tsx.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

register();
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const { runBrowserHostCli } = await import('../core/host/cli.ts');
try {
  await runBrowserHostCli(process.argv.slice(2), repoRoot);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
