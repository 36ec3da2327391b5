/**
 * Rule narrative.inForce: the number of documents in force (现行有效) the text states against
 * table 二's 现行有效件数 — a real report says "现行有效规范性文件 379 件" where its table prints
 * another figure.
 *
 * Decisions:
 * - Read in chapters 一 and 二 (the text about 主动公开), sentence by sentence.
 * - "现行有效(行政)规范性文件 N 件" / "规范性文件现行有效 N 件" → normativeDocuments.inForce;
 *   "现行有效规章 N 件" / "规章现行有效 N 件" → regulations.inForce.
 * - Unsure what was counted → not assessable, never a failure: both kinds named before the
 *   figure (规章和规范性文件 N 件, possibly their sum), neither named (现行有效文件 N 件), or a
 *   2019 trial report (its table 二 has no 现行有效 column).
 * - Equal → pass; different → fail (warning: the text may count at another date than the
 *   table); the cell unreadable or the table absent → not assessable.
 * - One evaluation per row and stated value.
 */
import type { ParsedReport, RuleEvaluation } from '../model.ts';
import { cellRef } from '../model.ts';
import { describeMissing, describeMissingEn, formatNumber, operand } from '../common/cells.ts';
import { RULE_SEVERITY } from './evaluation.ts';
import { healedParagraphs, normalizeNarrative, parseFigure, sentencesOf } from './narrativeFigures.ts';

type InForceRow = 'regulations' | 'normativeDocuments';

interface StatedInForce {
  /** null: the sentence does not say which kind of document it counts. */
  row: InForceRow | null;
  value: number;
  quote: string;
  sentence: string;
}

const NUM = String.raw`(\d+|[零〇一二两三四五六七八九十百千]+)`;
const COUNT = String.raw`\s*(?:件|部|个|份)`;
/**
 * 现行有效规范性文件 379 件 / 现行有效的行政规范性文件共 379 件 / 规范性文件现行有效 379 件 /
 * 现行有效规章和规范性文件 390 件: the kind named before 现行有效 (group 1) or after it (group 2).
 */
const IN_FORCE = new RegExp(String.raw`(?:(规章|规范性文件)[^\d。;；,，:：]{0,4}?)?现行有效([^\d。;；,，:：]{0,16}?)${NUM}${COUNT}`, 'g');
/** The other kind listed right after it: "现行有效规章 11 件、行政规范性文件 66 件". */
const LISTED_AFTER = new RegExp(String.raw`\s*[、,，和及与]\s*(规章|(?:行政)?规范性文件)(?:共|为)?${NUM}${COUNT}`, 'y');

function kindOf(words: string): InForceRow | null {
  const regulations = words.includes('规章');
  const normative = words.includes('规范性文件');
  if (regulations === normative) return null;
  return regulations ? 'regulations' : 'normativeDocuments';
}

export function statedInForce(report: Pick<ParsedReport, 'chapters'>): StatedInForce[] {
  const out: StatedInForce[] = [];
  for (const chapter of report.chapters) {
    if (chapter.id !== 'overview' && chapter.id !== 'proactive') continue;
    for (const paragraph of healedParagraphs(chapter.paragraphs)) {
      for (const printed of sentencesOf(paragraph)) {
        const sentence = normalizeNarrative(printed);
        if (!sentence.includes('现行有效')) continue;
        for (const m of sentence.matchAll(IN_FORCE)) {
          const value = parseFigure(m[3]);
          if (value === null) continue;
          const row = kindOf(`${m[1] ?? ''}${m[2]}`);
          out.push({ row, value, quote: m[0].trim(), sentence: printed });
          LISTED_AFTER.lastIndex = m.index + m[0].length;
          const next = row && LISTED_AFTER.exec(sentence);
          const nextValue = next ? parseFigure(next[2]) : null;
          if (next && nextValue !== null && kindOf(next[1]) !== row) out.push({ row: kindOf(next[1]), value: nextValue, quote: next[0].replace(/^\s*[、,，和及与]\s*/, ''), sentence: printed });
        }
      }
    }
  }
  return out;
}

const ROW_NAME: Record<InForceRow, string> = { regulations: '规章', normativeDocuments: '行政规范性文件' };

export function checkInForceNarrative(report: Pick<ParsedReport, 'chapters' | 'tables' | 'format'>): RuleEvaluation[] {
  const out: RuleEvaluation[] = [];
  const seen = new Set<string>();
  const severity = RULE_SEVERITY['narrative.inForce'];
  for (const stated of statedInForce(report)) {
    const scope = stated.row ? `proactive.${stated.row}.inForce` : 'proactive.inForce';
    if (seen.has(`${scope}@${stated.value}`)) continue;
    const first = ![...seen].some((s) => s.startsWith(`${scope}@`));
    seen.add(`${scope}@${stated.value}`);
    const key = first ? `narrative.inForce:${scope}` : `narrative.inForce:${scope}@${stated.value}`;
    const said = `正文称“${stated.quote}”`;
    const saidEn = `The text says “${stated.quote}”`;
    const base = { rule: 'narrative.inForce' as const, key, severity, left: stated.value, detail: stated.sentence };
    if (stated.row === null) {
      const cells = (['regulations', 'normativeDocuments'] as const).map((row) => cellRef('proactive', row, 'inForce'));
      out.push({ ...base, cells, status: 'notAssessable', right: null, message: `${said}，未说明是规章还是行政规范性文件，无法与表二核对。`, messageEn: `${saidEn} without saying whether it counts “规章” or “行政规范性文件”, so it cannot be checked against table 二.` });
      continue;
    }
    const name = `${ROW_NAME[stated.row]}现行有效件数`;
    const nameEn = `“${ROW_NAME[stated.row]}·现行有效件数”`;
    const target = operand(report.tables, 'proactive', stated.row, 'inForce', name);
    const cells = [target.ref];
    if (report.format === '2019-trial') {
      out.push({ ...base, cells, status: 'notAssessable', right: null, message: `${said}，2019 年试行模板的表二没有现行有效件数，无法核对。`, messageEn: `${saidEn}, but table 二 of the 2019 trial template has no “现行有效件数”, so it cannot be checked.` });
    } else if (!report.tables.proactive) {
      out.push({ ...base, cells, status: 'notAssessable', right: null, message: `${said}，但未读取到表二，无法核对。`, messageEn: `${saidEn}, but table 二 was not read, so it cannot be checked.` });
    } else if (target.value === null) {
      out.push({ ...base, cells, status: 'notAssessable', right: null, message: `${said}，表二${name}${describeMissing(target.cell)}，无法核对。`, messageEn: `${saidEn}, but in table 二 ${nameEn} is ${describeMissingEn(target.cell)}, so it cannot be checked.` });
    } else {
      const pass = target.value === stated.value;
      const message = pass
        ? `${said}，与表二${name} ${formatNumber(target.value)} 一致。`
        : `${said}，但表二${name}为 ${formatNumber(target.value)}。`;
      const messageEn = pass
        ? `${saidEn}, which agrees with table 二 ${nameEn} ${formatNumber(target.value)}.`
        : `${saidEn}, but table 二 ${nameEn} is ${formatNumber(target.value)}.`;
      out.push({ ...base, cells, status: pass ? 'pass' : 'fail', right: target.value, message, messageEn });
    }
  }
  return out;
}
