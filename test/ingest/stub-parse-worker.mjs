// A stand-in parse worker for the pool's limit tests, speaking parse-worker.ts's protocol:
// files named hang* never finish (a parser stuck in a loop); any other file "parses" at once.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', ({ fileName }) => {
  if (fileName.startsWith('hang')) for (;;);
  parentPort.postMessage({ json: JSON.stringify({ parsed: { fileName } }) });
});
parentPort.postMessage({ ready: true });
