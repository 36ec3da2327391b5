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
    let problem: string | null = present ? null : `缺少第${heading.slice(0, 1)}章“${heading.slice(2)}”。`;
    if (present && id === 'problems') {
      const text = chapters.flatMap((c) => c.paragraphs).join('').trim();
      if (text === '') problem = `第五章“${heading.slice(2)}”没有内容。`;
      else if (EMPTY_ANSWER.test(text)) problem = `第五章“${heading.slice(2)}”只写了“${text}”，没有说明问题和改进情况。`;
    }
    const evaluation: RuleEvaluation = {
      rule: 'chapters.missing',
      key: `chapters.missing:${id}`,
      status: problem ? 'fail' : 'pass',
      severity: RULE_SEVERITY['chapters.missing'],
      message: problem ?? `第${heading.slice(0, 1)}章“${heading.slice(2)}”${id === 'problems' ? '有内容' : '存在'}。`,
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
