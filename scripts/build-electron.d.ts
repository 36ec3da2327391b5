/** Types of scripts/build-electron.js (used by tests and scripts/start.js). */
export function buildElectron(options?: { log?: (line: string) => void; outDir?: string; only?: ('main' | 'preload')[] }): Promise<void>;
