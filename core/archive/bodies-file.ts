/**
 * bodies.json: the user's merges, renames and parents of bodies (core/common/body-registry.ts),
 * one small file written atomically (temp + rename) under the archive's write lock.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { emptyRegistry, registryFromJson, type BodyRegistry } from '../common/body-registry.ts';
import { writeFileAtomic } from './atomic.ts';

export const BODIES_FILE = 'bodies.json';

export async function readBodyRegistry(dir: string): Promise<BodyRegistry> {
  try {
    return registryFromJson(JSON.parse(await readFile(path.join(dir, BODIES_FILE), 'utf8')));
  } catch {
    return emptyRegistry(); // absent (no corrections yet) or unreadable: the names as read
  }
}

export async function writeBodyRegistry(dir: string, registry: BodyRegistry): Promise<void> {
  await writeFileAtomic(path.join(dir, BODIES_FILE), JSON.stringify(registry, null, 1));
}
