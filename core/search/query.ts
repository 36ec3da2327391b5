/**
 * The query language (README "Search"): terms AND, "phrase", -term, OR, filters
 * (year: body: chapter: format: has: rule:) and figure filters (path>n, 标签>=n).
 * Parsing never throws: anything it cannot use becomes a warning.
 */
import { CHAPTER_HEADINGS, CHAPTER_IDS, RULE_IDS, type ReportFormat } from '../spec.ts';
import { normalize } from './normalize.ts';
import { resolveFigure, type CompareOp, type FigurePath } from './figures.ts';

export interface TextTerm {
  /** As typed (for messages). */
  raw: string;
  /** Normalized: what is matched. */
  text: string;
  phrase: boolean;
}

export interface FigureFilter {
  path: FigurePath;
  op: CompareOp;
  value: number;
  raw: string;
}

export interface ParsedQuery {
  /** AND of groups; each group is an OR of terms. */
  groups: TextTerm[][];
  excluded: TextTerm[];
  years: { from: number; to: number }[];
  bodies: string[];
  chapters: string[];
  formats: ReportFormat[];
  has: ('finding' | 'error' | 'warning')[];
  rules: string[];
  figures: FigureFilter[];
  /** `version:all`: older versions of a re-imported body+year are searched too (latest only by default). */
  allVersions: boolean;
  warnings: string[];
}

const FILTER_KEYS = ['year', 'body', 'chapter', 'format', 'has', 'rule', 'version'] as const;
const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

interface Token {
  text: string;
  quoted: boolean;
  negated: boolean;
}

function tokenize(query: string, warnings: string[]): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const isSpace = (ch: string) => /\s/.test(ch);
  while (i < query.length) {
    while (i < query.length && isSpace(query[i])) i++;
    if (i >= query.length) break;
    let negated = false;
    if ((query[i] === '-' || query[i] === '－') && i + 1 < query.length && !isSpace(query[i + 1])) {
      negated = true;
      i++;
    }
    const open = query[i];
    if (open === '"' || open === '“' || open === '＂' || open === '「') {
      const close = open === '“' ? '”' : open === '「' ? '」' : open;
      let end = query.indexOf(close, i + 1);
      if (end < 0 && open === '“') end = query.indexOf('"', i + 1);
      if (end < 0) {
        warnings.push(`引号未闭合，已按到结尾的短语处理（unclosed quote）`);
        end = query.length;
      }
      tokens.push({ text: query.slice(i + 1, end), quoted: true, negated });
      i = end + 1;
      continue;
    }
    let end = i;
    while (end < query.length && !isSpace(query[end])) end++;
    tokens.push({ text: query.slice(i, end), quoted: false, negated });
    i = end;
  }
  return tokens;
}

function parseYear(value: string, q: ParsedQuery): void {
  const m = /^(\d{4})(?:\.\.|-|～|~)(\d{4})$/.exec(value) ?? /^(\d{4})$/.exec(value);
  if (!m) {
    q.warnings.push(`year: 需要四位年份或区间，如 year:2022、year:2019..2023（bad year “${value}”）`);
    return;
  }
  const from = Number(m[1]);
  const to = Number(m[2] ?? m[1]);
  q.years.push({ from: Math.min(from, to), to: Math.max(from, to) });
}

/** chapter: accepts spec ids, 三, 三、, or words of the heading (收到和处理). */
export function resolveChapter(value: string): string | null {
  if ((CHAPTER_IDS as readonly string[]).includes(value) || value === 'preamble' || /^extra-\d+$/.test(value)) return value;
  const v = normalize(value).replace(/[、.]$/, '');
  const n = CHINESE_NUMERALS.indexOf(v);
  if (n >= 0 && n < CHAPTER_IDS.length) return CHAPTER_IDS[n];
  if (/^\d$/.test(v) && Number(v) >= 1 && Number(v) <= CHAPTER_IDS.length) return CHAPTER_IDS[Number(v) - 1];
  if (!v) return null;
  for (const id of CHAPTER_IDS) if (normalize(CHAPTER_HEADINGS[id]).includes(v)) return id;
  const lower = value.toLowerCase();
  for (const id of CHAPTER_IDS) if (id.toLowerCase() === lower) return id;
  return null;
}

function parseFormat(value: string): ReportFormat | null {
  const v = value.toLowerCase();
  if (v === '2021') return '2021';
  if (v === '2019' || v === '2019-trial' || v === 'trial') return '2019-trial';
  if (v === 'pre-2019' || v === 'pre2019' || v === 'old') return 'pre-2019';
  if (v === 'unknown') return 'unknown';
  return null;
}

const FIGURE_RE = /^(.+?)(>=|<=|!=|＞=|＜=|≥|≤|>|<|=|＞|＜|＝)(-?\d+(?:\.\d+)?)$/;
const OPS: Record<string, CompareOp> = { '>=': '>=', '<=': '<=', '!=': '!=', '＞=': '>=', '＜=': '<=', '≥': '>=', '≤': '<=', '>': '>', '<': '<', '=': '=', '＞': '>', '＜': '<', '＝': '=' };

export function parseQuery(query: string): ParsedQuery {
  const q: ParsedQuery = { groups: [], excluded: [], years: [], bodies: [], chapters: [], formats: [], has: [], rules: [], figures: [], allVersions: false, warnings: [] };
  const tokens = tokenize(query ?? '', q.warnings);
  let pendingOr = false;
  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t];
    if (!tok.quoted && !tok.negated && (tok.text === 'OR' || tok.text === '|')) {
      if (q.groups.length === 0 || t === tokens.length - 1) q.warnings.push('OR 两侧都需要检索词（OR needs a term on each side）');
      else pendingOr = true;
      continue;
    }
    if (!tok.quoted) {
      const colon = tok.text.search(/[:：]/);
      if (colon > 0) {
        const key = tok.text.slice(0, colon).toLowerCase();
        const value = tok.text.slice(colon + 1);
        if ((FILTER_KEYS as readonly string[]).includes(key)) {
          if (tok.negated) q.warnings.push(`筛选条件不支持取反，已忽略“-”（negated filter ${key}: not supported）`);
          if (!value) {
            q.warnings.push(`筛选条件 ${key}: 缺少值（empty filter）`);
            continue;
          }
          if (key === 'year') parseYear(value, q);
          else if (key === 'body') q.bodies.push(value);
          else if (key === 'chapter') {
            const id = resolveChapter(value);
            if (id) q.chapters.push(id);
            else q.warnings.push(`未知章节“${value}”（unknown chapter; use ${CHAPTER_IDS.join('/')}, 一…六）`);
          } else if (key === 'format') {
            const f = parseFormat(value);
            if (f) q.formats.push(f);
            else q.warnings.push(`未知格式“${value}”（unknown format; use 2021, 2019, pre-2019）`);
          } else if (key === 'has') {
            const v = value.toLowerCase();
            if (v === 'finding' || v === 'findings') q.has.push('finding');
            else if (v === 'error' || v === 'errors') q.has.push('error');
            else if (v === 'warning' || v === 'warnings') q.has.push('warning');
            else q.warnings.push(`has: 只支持 finding / error / warning（unknown has:${value}）`);
          } else if (key === 'version') {
            const v = value.toLowerCase();
            if (v === 'all' || v === '全部') q.allVersions = true;
            else if (v !== 'latest' && v !== '最新') q.warnings.push(`version: 只支持 all / latest（unknown version:${value}）`);
          } else if (key === 'rule') {
            if ((RULE_IDS as readonly string[]).includes(value)) q.rules.push(value);
            else {
              const match = RULE_IDS.find((r) => r.toLowerCase() === value.toLowerCase());
              if (match) q.rules.push(match);
              else q.warnings.push(`未知规则“${value}”（unknown rule）`);
            }
          }
          continue;
        }
        if (/^[a-z]+$/.test(key)) q.warnings.push(`未知的筛选条件“${key}:”，已按文字检索（unknown filter, searched as text）`);
      }
      const fig = FIGURE_RE.exec(tok.text);
      if (fig) {
        const resolved = resolveFigure(fig[1]);
        if (resolved.warning) q.warnings.push(resolved.warning);
        if (resolved.path) {
          if (tok.negated) q.warnings.push(`数字条件不支持取反（negated figure filter ignored）`);
          q.figures.push({ path: resolved.path, op: OPS[fig[2]], value: Number(fig[3]), raw: tok.text });
        }
        continue;
      }
    }
    const text = normalize(tok.text);
    if (!text) {
      if (tok.text) q.warnings.push(`“${tok.text}”规范化后为空，已忽略（empty term ignored）`);
      pendingOr = false;
      continue;
    }
    const term: TextTerm = { raw: tok.text, text, phrase: tok.quoted };
    if (tok.negated) {
      if (pendingOr) q.warnings.push('OR 不能连接排除词（OR with -term ignored）');
      pendingOr = false;
      q.excluded.push(term);
      continue;
    }
    if (pendingOr && q.groups.length) q.groups[q.groups.length - 1].push(term);
    else q.groups.push([term]);
    pendingOr = false;
  }
  return q;
}
