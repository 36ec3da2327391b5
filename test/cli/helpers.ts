/** Runs the CLI in-process (main with captured output) or as a real process (bin/nianbao.js). */
import { spawn } from 'node:child_process';
import { main } from '../../core/cli/main.ts';
import { CLI, REPO_ROOT } from '../archive/helpers.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(argv: string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), errIsTty: false, errWrite: (t) => err.push(t) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

export function spawnCli(argv: string[], env: Record<string, string> = {}): { done: Promise<CliResult>; child: ReturnType<typeof spawn> } {
  const child = spawn(process.execPath, [CLI, ...argv], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<CliResult>((resolve) => child.on('close', (code, signal) => resolve({ code: code ?? (signal ? -1 : 0), stdout, stderr })));
  return { done, child };
}
