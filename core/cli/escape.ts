/**
 * Text from files (file names, bodies, titles) printed on a terminal: control characters
 * (newlines, ESC sequences, bidi overrides) are shown escaped, so a crafted name can neither
 * forge an output line nor drive the terminal.
 */

// C0 and C1 controls, DEL, line/paragraph separators and the bidi embedding/override/isolate marks.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `s` with every unsafe character written as an escape (`\n`, `\x1b`, `\u202e`); backslashes are left alone (Windows paths). */
export function terminalSafe(s: string): string {
  return s.replace(UNSAFE, (c) => NAMED[c] ?? (c.charCodeAt(0) <= 0xff ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
