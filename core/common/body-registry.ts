/**
 * The user's corrections to body identity, kept in the archive (bodies.json): merges and renames
 * (an alias from one canonical id to another), display names and parents set by hand, and the
 * history that undo walks back. Pure data and functions; the file lives in core/archive/bodies-file.ts.
 */
import { canonicalBodyId, parentFromName } from './body.ts';

export interface BodyRegistryState {
  /** from id → into id: merges (沐阳县 → 沭阳县) and renames. */
  aliases: Record<string, string>;
  /** id → the name shown for the body, chosen by the user. */
  names: Record<string, string>;
  /** id → parent id set by the user; null = no parent (overrides the one read from the name). */
  parents: Record<string, string | null>;
}

/** A report a body change moved, so undo can move it back. */
export interface MovedReport {
  id: string;
  from: string;
  to: string;
}

export interface BodyChange {
  op: 'merge' | 'rename' | 'parent';
  at: string;
  /** One Chinese sentence: 合并 沐阳县 → 沭阳县. */
  description: string;
  /** The registry before this change. */
  before: BodyRegistryState;
  moved: MovedReport[];
}

export interface BodyRegistry extends BodyRegistryState {
  /** Newest last. */
  history: BodyChange[];
}

export const emptyRegistry = (): BodyRegistry => ({ aliases: {}, names: {}, parents: {}, history: [] });

/** Follows merges and renames to the body an id now belongs to (a cycle stops where it closes). */
export function resolveBodyId(registry: BodyRegistryState, id: string): string {
  let current = id;
  const seen = new Set<string>();
  while (registry.aliases[current] && !seen.has(current)) {
    seen.add(current);
    current = registry.aliases[current];
  }
  return current;
}

/** The body a printed name belongs to, after the user's merges. */
export function bodyIdOfName(registry: BodyRegistryState, printed: string): string {
  const id = canonicalBodyId(printed);
  return id ? resolveBodyId(registry, id) : '';
}

/** The parent of a body: the user's choice, else the one read from its id. */
export function parentOf(registry: BodyRegistryState, id: string): string | null {
  if (Object.prototype.hasOwnProperty.call(registry.parents, id)) return registry.parents[id];
  const read = parentFromName(id);
  return read ? resolveBodyId(registry, read) : null;
}

export function stateOf(registry: BodyRegistry): BodyRegistryState {
  return structuredClone({ aliases: registry.aliases, names: registry.names, parents: registry.parents });
}

/** Reads a registry from JSON, dropping anything malformed (a hand-edited file must not break the archive). */
export function registryFromJson(data: unknown): BodyRegistry {
  const reg = emptyRegistry();
  if (!data || typeof data !== 'object') return reg;
  const d = data as Record<string, unknown>;
  const strings = (o: unknown) =>
    Object.fromEntries(Object.entries(o && typeof o === 'object' ? o : {}).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  reg.aliases = strings(d.aliases);
  reg.names = strings(d.names);
  reg.parents = Object.fromEntries(
    Object.entries(d.parents && typeof d.parents === 'object' ? d.parents : {}).filter(([, v]) => typeof v === 'string' || v === null),
  ) as Record<string, string | null>;
  reg.history = Array.isArray(d.history) ? (d.history as BodyChange[]) : [];
  return reg;
}
