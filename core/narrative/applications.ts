/** Sentences for table 三 (收到和处理政府信息公开申请情况). */
import { LEGAL_PERSON_COLUMN_IDS, type TableSpec } from '../spec.ts';
import { describeMissing, formatNumber, operand, type Operand, type Tables } from '../common/cells.ts';
import { APPLICANT_COLUMN_LABEL, RESULT_GROUPS, subRowName } from '../common/labels.ts';
import { allZero, amount, missingParts, part, partsList, percent, sameMissing } from './text.ts';

const T = 'applications';

/** "本年新收政府信息公开申请 138 件，其中自然人 134 件、商业企业 3 件、社会公益组织 1 件。" */
function applicantSentence(tables: Tables, row: string, lead: string, none: string): string {
  const total = operand(tables, T, row, 'total', lead);
  const natural = operand(tables, T, row, 'natural', APPLICANT_COLUMN_LABEL.natural);
  const legalPersons = LEGAL_PERSON_COLUMN_IDS.map((c) => operand(tables, T, row, c, APPLICANT_COLUMN_LABEL[c]));
  const parts = [natural, ...legalPersons];
  if (total.value === 0 && allZero(parts)) return none;
  const head = total.value === null ? `${lead}总数${describeMissing(total.cell)}` : `${lead} ${amount(total, '件')}`;
  // Reports that leave the five 法人或其他组织 columns blank throughout: say so once, and only
  // when it matters — not when the 自然人 column already accounts for the whole total.
  const blankLegal = sameMissing(legalPersons);
  const naturalIsAll = total.value !== null && (natural.value ?? 0) === total.value;
  if (blankLegal && naturalIsAll && total.value === 0) return none;
  const legalMissing = naturalIsAll ? null : blankLegal;
  const list = legalMissing
    ? [partsList([natural]), `法人或其他组织各列${legalMissing}`].filter(Boolean).join('、')
    : partsList(blankLegal ? [natural] : parts);
  return list ? `${head}，其中${list}。` : `${head}。`;
}

/** "予以公开 67 件，部分公开 28 件，不予公开 16 件（其中属于国家秘密 1 件、…），…，合计 138 件。" */
function resultsSentence(tables: Tables, spec: TableSpec): string {
  const items: string[] = [];
  const everything: Operand[] = [];
  for (const id of ['granted', 'partial']) {
    const op = operand(tables, T, id, 'total', id === 'granted' ? '予以公开' : '部分公开');
    everything.push(op);
    if (op.value !== 0) items.push(part(op));
  }
  for (const group of RESULT_GROUPS) {
    const rows = spec.rows.filter((r) => r.id.startsWith(group.prefix));
    if (rows.length === 1) {
      // 2019 trial: （六）其他处理 is one row.
      const op = operand(tables, T, rows[0].id, 'total', group.name);
      everything.push(op);
      if (op.value !== 0) items.push(part(op));
      continue;
    }
    const ops = rows.map((r) => operand(tables, T, r.id, 'total', subRowName(r)));
    everything.push(...ops);
    if (allZero(ops)) continue;
    const allMissing = sameMissing(ops);
    if (allMissing) {
      items.push(`${group.name}各项${allMissing}`);
      continue;
    }
    const known = ops.every((op) => op.value !== null);
    const sum = ops.reduce((s, op) => s + (op.value ?? 0), 0);
    items.push(`${group.name}${known ? ` ${formatNumber(sum)} 件` : ''}（其中${partsList(ops)}）`);
  }
  const total = operand(tables, T, 'resultTotal', 'total', '合计');
  if (total.value === 0 && allZero(everything)) return '本年度办理结果：无。';
  return `本年度办理结果：${[...items, part(total)].join('，')}。`;
}

/** 实质公开率 = (予以公开 + 部分公开) ÷ (新收 + 上年结转), total column. */
function substantiveRateSentence(tables: Tables): string | null {
  const ops = [
    operand(tables, T, 'granted', 'total', '予以公开'),
    operand(tables, T, 'partial', 'total', '部分公开'),
    operand(tables, T, 'received', 'total', '新收'),
    operand(tables, T, 'carriedOver', 'total', '上年结转'),
  ];
  if (ops.some((op) => op.value === null)) return `实质公开率无法计算：${missingParts(ops)}。`;
  const [granted, partial, received, carried] = ops.map((op) => op.value as number);
  const denominator = received + carried;
  if (denominator === 0) return null;
  const numerator = granted + partial;
  return `实质公开率 ${percent(numerator, denominator)}（予以公开与部分公开共 ${formatNumber(numerator)} 件，占新收与上年结转申请 ${formatNumber(denominator)} 件）。`;
}

export function narrateApplications(tables: Tables, spec: TableSpec): string[] {
  const sentences = [
    applicantSentence(tables, 'received', '本年新收政府信息公开申请', '本年未新收政府信息公开申请。'),
    applicantSentence(tables, 'carriedOver', '上年结转政府信息公开申请', '无上年结转的政府信息公开申请。'),
    resultsSentence(tables, spec),
    applicantSentence(tables, 'carriedForward', '结转下年度继续办理的申请', '无结转下年度继续办理的申请。'),
  ];
  const rate = substantiveRateSentence(tables);
  if (rate) sentences.push(rate);
  return sentences;
}
