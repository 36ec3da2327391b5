/**
 * The one place that knows where test fixtures live: test/fixtures/ inside the repository
 * (seed/ and real/ hold the real reports, see test/fixtures/real/README.md). A clone needs
 * nothing beside it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const fixturesDir = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** Absolute path of a fixture: `fixturePath('seed', 'yichun-2022.txt')` or `fixturePath('seed/yichun-2022.txt')`. */
export const fixturePath = (...parts: string[]): string => join(fixturesDir, ...parts);

/** A fixture's bytes. */
export const readFixture = (...parts: string[]): Uint8Array => new Uint8Array(readFileSync(fixturePath(...parts)));

/** A fixture as UTF-8 text. */
export const readFixtureText = (...parts: string[]): string => readFileSync(fixturePath(...parts), 'utf8');
