/**
 * A test hook for crash safety: NIANBAO_KILL_AT_STEP="import:files:2" kills this process with
 * SIGKILL the 2nd time a write reaches the store's step `import:files` (ArchiveOptions.onStep),
 * so the CLI crash test stops a real writer at exact points instead of after guessed delays.
 * Unset (everywhere but that test), there is no hook at all.
 */
export function killAtStepFromEnv(env: NodeJS.ProcessEnv = process.env): ((step: string) => void) | undefined {
  const spec = env.NIANBAO_KILL_AT_STEP;
  if (!spec) return undefined;
  const split = spec.lastIndexOf(':');
  const step = spec.slice(0, split);
  const nth = Number(spec.slice(split + 1));
  if (split <= 0 || !Number.isInteger(nth) || nth < 1) return undefined;
  let reached = 0;
  return (name) => {
    if (name === step && ++reached === nth) process.kill(process.pid, 'SIGKILL');
  };
}
