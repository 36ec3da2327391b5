/** What an esbuild bundle loads at run time: the packages and built-ins it imports. */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';

/** Bare specifiers a bundle imports (esbuild writes them with double quotes), sorted. */
export function bareImportsOf(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  const specs = [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)"([^"]+)"/g)].map((m) => m[1]);
  return [...new Set(specs.filter((s) => !s.startsWith('.') && !s.startsWith('/')))].sort();
}

const packageOf = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);

/** Imports of `file` that are neither Node built-ins nor among `dependencies` (nor `allowed`). */
export function importsOutside(file: string, dependencies: Record<string, string>, allowed: string[] = []): string[] {
  return bareImportsOf(file).filter((spec) => !(spec.startsWith('node:') || builtinModules.includes(spec) || packageOf(spec) in dependencies || allowed.includes(packageOf(spec))));
}
