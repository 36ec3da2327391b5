/**
 * Figures the narrative chapters state about the tables: "共办理政府信息公开申请 138 件",
 * "被申请行政复议 5 件、行政诉讼 1 件", "制发行政规范性文件 147 件", "予以公开及部分公开
 * 258 件". Pure text work.
 *
 * A paragraph that a page break cut in two ("全市共办理" / "政府信息公开申请 138 件") is joined
 * with the next; each sentence is normalized before matching (NFKC: full-width digits and
 * punctuation; bold markers and thousands separators removed). Numbers may be Arabic or small
 * Chinese numerals, with or without spaces around them.
 */
import type { Chapter } from '../model.ts';

export type FigureTarget =
  | 'applications'
  | 'answered'
  | 'grantedAndPartial'
  | 'granted'
  | 'partial'
  | 'denied'
  | 'unavailable'
  | 'notProcessed'
  | 'otherHandling'
  | 'review'
  | 'litigation'
  | 'normativeDocuments';

export interface StatedFigure {
  target: FigureTarget;
  value: number;
  /** The words that stated it, as normalized: "共办理政府信息公开申请 138 件". */
  quote: string;
  /** The verb for applications: 新收 means received only; 收到/受理/办理… may include the carried-over. */
  verb?: string;
  /** The whole sentence as printed, for the finding's detail. */
  sentence: string;
  chapterKey: string;
  /**
   * The figure may count something else: an application count in a unit other than 件/个/条
   * (起, 次, 宗 …). A check that would fail on it is not assessable instead.
   */
  unsure?: boolean;
}

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** "138" → 138, "五" → 5, "十二" → 12, "一百零五" → 105; null for anything else. */
export function parseFigure(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  let total = 0;
  let digit: number | null = null;
  for (const ch of text) {
    if (ch in CN_DIGIT) {
      digit = CN_DIGIT[ch];
    } else if (ch in CN_UNIT) {
      total += (digit ?? 1) * CN_UNIT[ch];
      digit = null;
    } else {
      return null;
    }
  }
  return total + (digit ?? 0);
}

const NUM = String.raw`(\d+|[零〇一二两三四五六七八九十百千]+)`;
/** The count word, captured (always the pattern's last group): 件次/人次 count contacts, not cases. */
const UNIT = String.raw`\s*(件次|人次|件|个|宗|起|份|条|次)`;
/** Units in which reports count applications; any other needs its context to be trusted. */
const APPLICATION_UNITS = new Set(['件', '个', '条']);
/** A short stretch of words inside one clause: no digit, no clause or sentence break. */
const GAP = (max: number, alsoStopAt = '') => String.raw`[^\d。;；,，、:：${alsoStopAt}]{0,${max}}?`;
/** As GAP, but never across a word naming an outcome: "行政复议被纠正 1 件" is no review total. */
/**
 * As GAP, but never reaching into another subject: "办理因政府信息公开申请引发的行政复议 3 起"
 * counts reviews, "受理咨询及信息公开申请 20 件" not only applications.
 */
const SUBJECT_GAP = (max: number) =>
  String.raw`(?:(?!行政复议|行政诉讼|复议|诉讼|咨询|答复|回复|引发|涉及|投诉|举报|留言|来信|来电|热线|信访)[^\d。;；,，、:：]){0,${max}}?`;
const CASE_GAP = String.raw`(?:(?!维持|纠正|纠错|撤销|确认违法|驳回|审结|败诉|胜诉|结果|其中)[^\d。;；,，、:：和及与]){0,6}?`;
const APPLICATION = String.raw`(?:政府)?信息公开申请|依申请(?:信息)?公开(?:申请|事项)?`;
const APPLICATION_VERB = '(新收|收到|受理|接收|接到|办理|处理)';
const AND = '(?:及|和|与|、|以及)';
/** "<label> 67 件": a result group named, then its count. */
const counted = (label: string) => new RegExp(`${label}${SUBJECT_GAP(6)}${NUM}${UNIT}`, 'g');

/**
 * Where a pattern is trusted: `disclosure` — the sentence speaks of 信息公开 (or sits in
 * chapter 四), since reports also count 行政复议 cases of all kinds; `applications` — the
 * sentence speaks of 申请 (or sits in chapter 三).
 */
type Context = 'disclosure' | 'applications';

interface Pattern {
  target: FigureTarget;
  re: RegExp;
  /** Group index of the number and, for applications, of the verb. */
  num: number;
  verb?: number;
  context?: Context;
  /** A word the sentence must also contain. */
  alsoNeeds?: string;
  /** Words the pattern itself cannot match without (a quick test before the regular expression). */
  literal: string;
}

const PATTERNS: Pattern[] = [
  // 共办理政府信息公开申请 138 件 / 收到政府信息公开申请共计 138 件 / 共收到依申请信息公开 26 件
  { target: 'applications', re: new RegExp(`${APPLICATION_VERB}了?${SUBJECT_GAP(20)}(?:${APPLICATION})${SUBJECT_GAP(8)}${NUM}${UNIT}`, 'g'), verb: 1, num: 2, literal: '申请' },
  // 收到 138 件政府信息公开申请
  { target: 'applications', re: new RegExp(`${APPLICATION_VERB}了?${SUBJECT_GAP(6)}${NUM}${UNIT}(?:${APPLICATION})`, 'g'), verb: 1, num: 2, literal: '申请' },
  // 答复政府信息公开申请 805 件 → the result total
  { target: 'answered', re: new RegExp(`(答复|办结)了?${SUBJECT_GAP(20)}(?:${APPLICATION})${SUBJECT_GAP(8)}${NUM}${UNIT}`, 'g'), verb: 1, num: 2, literal: '申请' },
  // 予以公开及部分公开 258 件 / 予以公开 67 件 / 部分公开 28 件
  { target: 'grantedAndPartial', re: counted(`予以公开${AND}部分公开`), num: 1, context: 'applications', literal: '部分公开' },
  { target: 'granted', re: counted(`予以公开(?!${AND}部分公开)`), num: 1, context: 'applications', literal: '予以公开' },
  { target: 'partial', re: counted(`(?<!及|和|与|、)部分公开`), num: 1, context: 'applications', literal: '部分公开' },
  // 不予公开 35 件 / 因本机关不掌握等原因无法提供 265 件 / 不予处理 158 件 / 其他处理 0 件
  { target: 'denied', re: counted('不予公开'), num: 1, context: 'applications', literal: '不予公开' },
  { target: 'unavailable', re: counted('无法提供'), num: 1, context: 'applications', literal: '无法提供' },
  { target: 'notProcessed', re: counted('不予处理'), num: 1, context: 'applications', literal: '不予处理' },
  { target: 'otherHandling', re: counted('其他处理'), num: 1, context: 'applications', literal: '其他处理' },
  // 被申请行政复议 5 件 / 行政复议案件 5 起
  { target: 'review', re: new RegExp(`行政复议${CASE_GAP}${NUM}${UNIT}`, 'g'), num: 1, context: 'disclosure', literal: '行政复议' },
  // 行政诉讼 1 件 / 被提起行政诉讼案件 1 起
  { target: 'litigation', re: new RegExp(`行政诉讼${CASE_GAP}${NUM}${UNIT}`, 'g'), num: 1, context: 'disclosure', literal: '行政诉讼' },
  // 信息公开类行政复议 7 件，诉讼 9 件
  { target: 'litigation', re: new RegExp(`(?<=[,，、和及与])诉讼(?:案件)?${CASE_GAP}${NUM}${UNIT}`, 'g'), num: 1, context: 'disclosure', alsoNeeds: '行政复议', literal: '诉讼' },
  // 制发行政规范性文件 147 件 / 制定规范性文件 12 件
  { target: 'normativeDocuments', re: new RegExp(`(?:制发|制定|印发|出台|新制作|制作)了?${GAP(6)}(?:行政)?规范性文件${GAP(6)}${NUM}${UNIT}`, 'g'), num: 1, literal: '规范性文件' },
];

const COUNT_WORD = /[件个宗起份条次]/;
/** Targets that count applications (table 三): their unit must be one applications are counted in. */
const COUNTS_APPLICATIONS = new Set<FigureTarget>(['applications', 'answered', 'grantedAndPartial', 'granted', 'partial', 'denied', 'unavailable', 'notProcessed', 'otherHandling']);

export function normalizeNarrative(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\*\*/g, '')
    .replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
}

/**
 * The paragraphs of a chapter with page-break splits healed: a paragraph that does not end a
 * sentence ("…2022年，全市共办理") is joined with the next. Bold markers are dropped.
 */
export function healedParagraphs(paragraphs: string[]): string[] {
  const out: string[] = [];
  let open = false;
  for (const raw of paragraphs) {
    const p = raw.replace(/\*\*/g, '').trim();
    if (!p) continue;
    if (open) out[out.length - 1] += p;
    else out.push(p);
    open = !/[。！？；：!?;:）)”"]$/.test(p);
  }
  return out;
}

/** Sentences of a paragraph as printed (split after 。！？；). */
export function sentencesOf(paragraph: string): string[] {
  return paragraph
    .split(/(?<=[。！？；!?;])/)
    .map((s) => s.replace(/\s*\n\s*/g, '').trim())
    .filter((s) => s.length > 0);
}

export function extractFigures(chapters: Pick<Chapter, 'key' | 'id' | 'paragraphs'>[]): StatedFigure[] {
  const figures: StatedFigure[] = [];
  for (const chapter of chapters) {
    for (const paragraph of healedParagraphs(chapter.paragraphs)) {
      // Result counts follow the sentence that names the applications ("答复申请 805 件。予以公开…258件；不予公开35件…").
      const aboutApplications = paragraph.includes('申请') || chapter.id === 'applications';
      for (const printed of sentencesOf(paragraph)) {
        const sentence = normalizeNarrative(printed);
        const context: Record<Context, boolean> = {
          disclosure: sentence.includes('信息公开') || chapter.id === 'reviewLitigation',
          applications: aboutApplications,
        };
        // Every pattern ends in a count word: a sentence without one states no figure.
        if (!COUNT_WORD.test(sentence)) continue;
        for (const pattern of PATTERNS) {
          if (pattern.context && !context[pattern.context]) continue;
          if (!sentence.includes(pattern.literal)) continue;
          if (pattern.alsoNeeds && !sentence.includes(pattern.alsoNeeds)) continue;
          for (const m of sentence.matchAll(pattern.re)) {
            const value = parseFigure(m[pattern.num]);
            if (value === null) continue;
            const unit = m[m.length - 1];
            if (unit === '件次' || unit === '人次') continue;
            const figure: StatedFigure = { target: pattern.target, value, quote: m[0].trim(), sentence: printed, chapterKey: chapter.key };
            if (COUNTS_APPLICATIONS.has(pattern.target) && !APPLICATION_UNITS.has(unit)) figure.unsure = true;
            if (pattern.verb !== undefined) figure.verb = m[pattern.verb];
            figures.push(figure);
          }
        }
      }
    }
  }
  return figures;
}
