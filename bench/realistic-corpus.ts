/**
 * Reports whose vocabulary has the frequencies of real archives (issue 13), for the search
 * benchmark. The sentences are the real reports' own (test/fixtures/seed and real/): a few in
 * nearly every report (template phrases), topical ones in 30 % down to a fraction of a percent
 * (Zipf-like), numbers redrawn per report, and one rare project name per report (~0.1 % each).
 * Structure, tables and findings come from test/search/reports.ts, headings and the preamble
 * stay in every report as in the real ones.
 */
import { readFileSync } from 'node:fs';
import { decodeHTML } from 'entities';
import type { Report } from '../core/model.ts';
import { fixturePath } from '../test/support/fixtures.ts';
import { makeReport, rng } from '../test/search/reports.ts';

/** Text of a saved web page: scripts, styles and tags removed, entities decoded. */
function pageText(html: string): string {
  return decodeHTML(html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]+>/g, '\n'));
}

const HAN = /[\u4e00-\u9fff]/g;

/** The distinct sentences of the real reports (8–160 characters, mostly Chinese). */
export function realSentences(): string[] {
  const texts = [
    readFileSync(fixturePath('seed', 'yichun-2022.txt'), 'utf8'),
    pageText(readFileSync(fixturePath('real', 'shanghai-office-2019.html'), 'utf8')),
    pageText(readFileSync(fixturePath('real', 'shuyang-fgj-2023.html'), 'utf8')),
  ];
  const seen = new Set<string>();
  for (const text of texts) {
    for (const raw of text.split(/[。；！？\n]/)) {
      const s = raw.replace(/\s+/g, '').trim();
      if (s.length < 8 || s.length > 160) continue;
      if ((s.match(HAN)?.length ?? 0) < s.length * 0.6) continue;
      seen.add(`${s}。`);
    }
  }
  return [...seen];
}

/** Sentences in a fixed shuffled order: rank k is in a report with probability pickChance(k). */
let ranked: string[] | null = null;
function rankedSentences(): string[] {
  if (ranked) return ranked;
  const r = rng(20261206);
  const all = realSentences();
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return (ranked = all);
}

/** Template sentences (ranks 0–39) in 90 % of reports; then 30 % falling as a power law to ~0.3 %. */
export function pickChance(rank: number): number {
  if (rank < TEMPLATE_SENTENCES) return 0.9;
  return Math.max(0.003, 0.3 * Math.pow(rank - TEMPLATE_SENTENCES + 1, -0.75));
}
const TEMPLATE_SENTENCES = 40;

const NAME_CHARS = '澄溪泠丘桤宁砚岭霁峪檀阳琅芷筠瑶樾川沁渌岫峤璟珩';
const NAME_KINDS = ['数据共享平台', '政务服务综合体', '便民服务站', '公开专区', '智慧监管系统'];
/** Rare project names: 1,000 of them, one per report, so each is in ~0.1 % of reports. */
export function rareName(n: number): string {
  const k = n % 1000;
  return `${NAME_CHARS[k % 25]}${NAME_CHARS[Math.floor(k / 25) % 25]}${NAME_KINDS[Math.floor(k / 625) % 5]}${(k % 7) + 1}期`;
}

/** Report `i` with realistic vocabulary (deterministic for i and seed). */
export function realisticReport(i: number, seed: number): Report {
  const report = makeReport(i, seed);
  const r = rng(seed * 7_777_777 + i * 104_729 + 3);
  const sentences = rankedSentences();
  const picked: string[] = [];
  for (let k = 0; k < sentences.length; k++) {
    if (r() >= pickChance(k)) continue;
    // Numbers as each report prints its own.
    picked.push(sentences[k].replace(/\d+/g, () => String(Math.floor(r() * 5000))));
  }
  picked.push(`本年度建成${rareName(Math.floor(r() * 1_000_000))}，${report.body.printed}持续推进政务公开。`);
  // Spread the picked sentences over the chapters' paragraphs, keeping the headings.
  const paragraphs = report.chapters.map(() => [] as string[]);
  picked.forEach((s, k) => paragraphs[Math.floor(r() * paragraphs.length)].push(s + (k % 4 === 3 ? '\n' : '')));
  report.chapters = report.chapters.map((ch, c) => ({ ...ch, paragraphs: paragraphs[c].length ? [paragraphs[c].join('')] : [] }));
  return report;
}
