/** Types of scripts/build-node.js (used by tests). */
export const NODE_OUT_DIR: string;
export const NODE_BUNDLES: Record<string, string>;
export const NODE_COPIED: string[];
export function nodeBuildStaleness(outDir?: string): 'missing' | 'stale' | null;
export function buildNode(options?: { log?: (line: string) => void; outDir?: string }): Promise<void>;
export function ensureNodeBuild(options?: { log?: (line: string) => void }): Promise<string>;
