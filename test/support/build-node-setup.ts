/**
 * Vitest global setup: the Node bundles (dist-node/, scripts/build-node.js) up to date before any
 * test runs. Tests spawn bin/nianbao.js (it runs dist-node/cli.mjs), and every import parses in the
 * pool's worker, dist-node/parse-worker.mjs, also when the service is run from the sources.
 */
import { ensureNodeBuild } from '../../scripts/build-node.js';

export default async function buildNodeOnce(): Promise<void> {
  await ensureNodeBuild({ log: () => {} });
}
