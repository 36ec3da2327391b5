// Preloaded into a CLI child (node --import): writes the process's peak RSS in bytes (main thread
// and worker threads together) to NIANBAO_TEST_RSS_FILE when it exits.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  writeFileSync(process.env.NIANBAO_TEST_RSS_FILE, String(process.resourceUsage().maxRSS * 1024));
});
