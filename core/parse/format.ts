/** Which template a report follows, decided from evidence in its text and tables, then its year. */
import type { ReportFormat } from '../spec.ts';
import { normalizeLabel } from './normalize.ts';

/** Template wording, as normalized text (plain substrings: searched with includes, faster than a regular expression each). */
const EVIDENCE_2021 = ['国办公开办函(2021)30号', '本年制发件数', '本年废止件数', '本年处理决定数量', '本年收费金额', '逾期不补正', '收费通知要求缴纳费用'];
const EVIDENCE_2019 = ['国办公开办函(2019)60号', '本年新制作数量', '本年新公开数量', '对外公开总数量', '第二十条第(九)项', '政府集中采购', '上一年项目数量'];
/** Chapter headings of the pre-2019 provincial templates. */
const OLD_HEADINGS = /^[一二三四五六七八九十]+[、.](概述|概况|主动公开政府信息的?情况|依申请公开政府信息的?情况|政府信息公开的?收费及减免情况|因政府信息公开申请(提起|申请)行政复议|复议诉讼|收费及减免|存在的?问题及?改进措施|主要问题和改进措施|其他需要报告的事项)/;

export interface FormatEvidence {
  score2021: number;
  score2019: number;
  oldHeadings: number;
}

export function formatEvidence(texts: string[], headings: string[]): FormatEvidence {
  const all = normalizeLabel(texts.join('\n'));
  return {
    score2021: EVIDENCE_2021.filter((words) => all.includes(words)).length,
    score2019: EVIDENCE_2019.filter((words) => all.includes(words)).length,
    oldHeadings: headings.filter((h) => OLD_HEADINGS.test(normalizeLabel(h))).length,
  };
}

/**
 * Evidence first (template wording found in the text and tables), the year second: a 2020
 * report that prints 本年制发件数 is a 2021-template report whatever its title says.
 */
export function detectFormat(texts: string[], headings: string[], year: number | null): ReportFormat {
  const e = formatEvidence(texts, headings);
  if (e.score2021 > e.score2019) return '2021';
  if (e.score2019 > e.score2021) return '2019-trial';
  if (e.score2021 > 0 && year !== null) return year >= 2021 ? '2021' : '2019-trial';
  if (year !== null && year < 2019) return 'pre-2019';
  if (e.oldHeadings >= 2) return 'pre-2019';
  if (year !== null && year >= 2021) return '2021';
  if (year === 2019 || year === 2020) return '2019-trial';
  return 'unknown';
}
