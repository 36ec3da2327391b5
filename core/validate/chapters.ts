/** Rule chapters.missing: the six chapters of the template are there, and 五 says something. */
import type { ParsedReport, RuleEvaluation } from '../model.ts';
import { CHAPTER_HEADINGS, CHAPTER_IDS, TABLE_IDS, type ChapterId, type TableId } from '../spec.ts';
import { RULE_SEVERITY } from './evaluation.ts';

/** "无", "暂无。", "无。" … : a chapter 五 that says nothing. */
const EMPTY_ANSWER = /^[\s　]*(暂)?(无|没有)[。.．]?[\s　]*$/;

export function checkChapters(report: Pick<ParsedReport, 'chapters' | 'tables'>): RuleEvaluation[] {
  return CHAPTER_IDS.map((id) => {
    const heading = CHAPTER_HEADINGS[id];
    const chapters = report.chapters.filter((c) => c.id === id);
    // A statistical chapter whose table was read is there even if the parser kept no heading.
    const present = chapters.length > 0 || (isTableId(id) && report.tables[id] !== undefined);
    const ordinal = heading.slice(0, 1);
    const title = heading.slice(2);
    let problem: { zh: string; en: string } | null = present ? null : { zh: `缺少第${ordinal}章“${title}”。`, en: `Chapter ${ordinal} “${title}” is missing.` };
    if (present && id === 'problems') {
      const text = chapters.flatMap((c) => c.paragraphs).join('').trim();
      if (text === '') problem = { zh: `第五章“${title}”没有内容。`, en: `Chapter 五 “${title}” is empty.` };
      else if (EMPTY_ANSWER.test(text)) {
        problem = { zh: `第五章“${title}”只写了“${text}”，没有说明问题和改进情况。`, en: `Chapter 五 “${title}” only says “${text}” and describes no problems or improvements.` };
      }
    }
    const evaluation: RuleEvaluation = {
      rule: 'chapters.missing',
      key: `chapters.missing:${id}`,
      status: problem ? 'fail' : 'pass',
      severity: RULE_SEVERITY['chapters.missing'],
      message: problem?.zh ?? `第${ordinal}章“${title}”${id === 'problems' ? '有内容' : '存在'}。`,
      messageEn: problem?.en ?? `Chapter ${ordinal} “${title}” ${id === 'problems' ? 'has content' : 'is present'}.`,
      cells: [],
    };
    // The headings as printed, so a renamed chapter (五、存在的主要问题及整改措施) can be seen.
    if (chapters.length) evaluation.detail = chapters.map((c) => c.heading).join('；');
    return evaluation;
  });
}

function isTableId(id: ChapterId): id is TableId {
  return (TABLE_IDS as readonly string[]).includes(id);
}
