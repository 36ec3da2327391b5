import { readFileSync } from 'node:fs';
import { extractPdf } from './core/import/pdf/extract.ts';
import { pageLines } from './core/import/pdf/lines.ts';
import { layoutBlocks } from './core/import/pdf/layout.ts';
import { buildReport } from './core/parse/index.ts';
import { validateReport } from './core/validate/index.ts';
const b = new Uint8Array(readFileSync('test/fixtures/office/bench-10pages.pdf'));
await extractPdf(b, 'a.pdf');
for (let k = 0; k < 3; k++) {
  let t = performance.now();
  const pages = await extractPdf(b, 'a.pdf');
  const t1 = performance.now() - t; t = performance.now();
  const lines = pages.map(pageLines); const blocks = layoutBlocks(pages, lines);
  const t2 = performance.now() - t; t = performance.now();
  const r = buildReport({ mediaType: 'application/pdf', blocks, hints: { fields: {} } }, 'a.pdf');
  const t3 = performance.now() - t; t = performance.now();
  validateReport(r);
  console.log('extract', t1.toFixed(0), 'layout', t2.toFixed(0), 'parse', t3.toFixed(0), 'validate', (performance.now() - t).toFixed(0));
}
