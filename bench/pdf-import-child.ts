// Child process of bench/pdf.bench.ts: imports one file and prints its peak RSS, so the
// figure is this import's alone.
import { readFileSync } from 'node:fs';
import { importDocument } from '../core/ingest/index.ts';
import { peakRssMb } from './peak-rss.ts';

const file = process.argv[2];
const started = performance.now();
const doc = await importDocument(new Uint8Array(readFileSync(file)), file.split('/').pop()!);
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, maxRssMB: peakRssMb(), chapters: doc.parsed.chapters.length }));
