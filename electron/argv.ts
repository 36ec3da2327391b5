/**
 * Files and folders given on the command line (first launch, or a second launch forwarded by
 * the single-instance lock): everything that is not a flag, not the executable or the app
 * itself, resolved against the launching shell's working directory, and existing.
 */
import path from 'node:path';

export interface ArgvContext {
  cwd: string;
  /** process.execPath and app.getAppPath(): never imported. */
  ignore: string[];
  exists(p: string): boolean;
}

export function pathsFromArgv(argv: string[], ctx: ArgvContext): string[] {
  const ignore = new Set(ctx.ignore.map((p) => path.resolve(p)));
  const out: string[] = [];
  let flagsOver = false;
  // argv[0] is the executable; in development argv[1] is the app folder ('.'), ignored below.
  for (const arg of argv.slice(1)) {
    if (!flagsOver && arg === '--') {
      flagsOver = true;
      continue;
    }
    if (!flagsOver && arg.startsWith('-')) continue;
    if (arg === '' || arg.includes('\0')) continue;
    const resolved = path.resolve(ctx.cwd, arg);
    if (ignore.has(resolved) || out.includes(resolved)) continue;
    if (!ctx.exists(resolved)) continue;
    out.push(resolved);
  }
  return out;
}
