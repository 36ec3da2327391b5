/**
 * Arguments of `nianbao search` that start with "-" are query terms, not options: a query such
 * as `-伊春 行政复议` excludes a term (node's parseArgs would reject it as "Unknown option '-伊'").
 */

interface OptionShape {
  type: 'string' | 'boolean';
  short?: string;
}

/**
 * `argv` with every argument of the `search` command that is not a known option moved behind a
 * `--`, so parseArgs reads them as positionals in their typed order. Other commands are left as
 * they are (a mistyped option there is still a usage error). An explicit `--` already ends options.
 */
export function queryTermsAsPositionals(argv: string[], options: Record<string, OptionShape>): string[] {
  const shorts = new Map(Object.entries(options).flatMap(([name, o]) => (o.short ? [[o.short, name] as const] : [])));
  const known = (arg: string): string | null => {
    if (arg.startsWith('--')) {
      const name = arg.slice(2).split('=')[0];
      return name in options ? name : null;
    }
    if (/^-[A-Za-z]$/.test(arg)) return shorts.get(arg.slice(1)) ?? null;
    return null;
  };
  const flags: string[] = [];
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    const name = arg.startsWith('-') && arg !== '-' ? known(arg) : null;
    if (name === null) {
      positionals.push(arg);
      continue;
    }
    flags.push(arg);
    // A string option written as two arguments (`--page 2`) takes the next one as its value.
    if (options[name].type === 'string' && !arg.includes('=') && i + 1 < argv.length) flags.push(argv[++i]);
  }
  if (positionals[0] !== 'search') return argv;
  return [...flags, '--', ...positionals];
}
