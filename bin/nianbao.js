#!/usr/bin/env node
// The nianbao CLI. Runs the TypeScript sources through tsx (a dependency), so it works
// straight after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../core/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
