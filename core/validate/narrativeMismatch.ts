/**
 * Rule narrative.mismatch: a figure stated in the narrative against the table.
 *
 * Decisions:
 * - Figures read (narrativeFigures.ts): applications (收到/受理/办理 … 申请 N 件), 答复/办结
 *   (→ resultTotal), the result groups (予以公开及部分公开, 不予公开, 无法提供, 不予处理,
 *   其他处理), 行政复议 (→ review.total), 行政诉讼 (→ litigationDirect.total +
 *   litigationAfterReview.total), 制发行政规范性文件 (→ issued; 2019 trial: made).
 * - 收到/受理/办理/处理/接收 may count the carried-over applications: the figure may equal
 *   received.total or received.total + carriedOver.total; 新收 means received.total only.
 * - A row of table 三 whose 总计 is blank is read from its applicant cells.
 * - All cells known: equal → pass, different → fail (error: the numbers contradict).
 * - Some cells null: what the table does show (sum of the known cells) is compared.
 *   Already more than the narrative states → fail (error). Less than the narrative states →
 *   fail with severity warning: the narrative states something no cell of the table shows
 *   (the seed's "行政诉讼 1 件" with both litigation groups unreadable). Exactly what the
 *   narrative states, or a stated 0 → not assessable (the missing cells could be 0).
 * - The table absent altogether → not assessable.
 * - One evaluation per target and distinct stated value; a figure stated twice is one.
 */
import type { ParsedReport, RuleEvaluation, RuleStatus, Severity } from '../model.ts';
import { APPLICANT_PART_COLUMN_IDS, tableSpec, type ReportFormat } from '../spec.ts';
import { formatNumber, missingText, noValueEn, operand, type Operand, type Tables } from '../common/cells.ts';
import { APPLICANT_COLUMN_LABEL, applicationRowName } from '../common/labels.ts';
import { RULE_SEVERITY } from './evaluation.ts';
import { extractFigures, type FigureTarget, type StatedFigure } from './narrativeFigures.ts';

interface TargetSpec {
  /** Scope of the key: "reviewLitigation.review.total". */
  scope: string;
  tableName: string;
  /** The readings of the table the figure may mean, the first being the usual one; nameEn quotes the template's labels. */
  readings: { name: string; nameEn: string; operands: Operand[] }[];
}

/**
 * A row of table 三 as a figure: its 总计 cell, or — where the report left 总计 blank — its
 * applicant cells (counts are never negative, so what they show is a lower bound).
 */
function applicationRow(tables: Tables, row: string, name: string): Operand[] {
  const total = operand(tables, 'applications', row, 'total', `${name}·总计`);
  if (total.value !== null) return [total];
  const parts = APPLICANT_PART_COLUMN_IDS.map((c) => operand(tables, 'applications', row, c, `${name}·${APPLICANT_COLUMN_LABEL[c]}`));
  return parts.some((p) => p.value !== null) ? parts : [total];
}

const RESULT_TARGETS: Partial<Record<FigureTarget, { name: string; nameEn: string; rows: (id: string) => boolean }>> = {
  answered: { name: '办理结果总计', nameEn: '“办理结果总计”', rows: (id) => id === 'resultTotal' },
  grantedAndPartial: { name: '予以公开与部分公开', nameEn: '“予以公开” plus “部分公开”', rows: (id) => id === 'granted' || id === 'partial' },
  granted: { name: '予以公开', nameEn: '“予以公开”', rows: (id) => id === 'granted' },
  partial: { name: '部分公开', nameEn: '“部分公开”', rows: (id) => id === 'partial' },
  denied: { name: '不予公开', nameEn: '“不予公开”', rows: (id) => id.startsWith('denied.') },
  unavailable: { name: '无法提供', nameEn: '“无法提供”', rows: (id) => id.startsWith('unavailable.') },
  notProcessed: { name: '不予处理', nameEn: '“不予处理”', rows: (id) => id.startsWith('notProcessed.') },
  otherHandling: { name: '其他处理', nameEn: '“其他处理”', rows: (id) => id.startsWith('otherHandling.') },
};

function targetSpec(target: FigureTarget, figure: StatedFigure, tables: Tables, format: ReportFormat): TargetSpec {
  const result = RESULT_TARGETS[target];
  if (result) {
    const rows = (tableSpec(format, 'applications')?.rows ?? []).filter((r) => result.rows(r.id));
    const operands = rows.flatMap((r) => applicationRow(tables, r.id, applicationRowName(r)));
    return { scope: `applications.${target}.total`, tableName: '表三', readings: [{ name: result.name, nameEn: result.nameEn, operands }] };
  }
  switch (target) {
    case 'applications': {
      const received = operand(tables, 'applications', 'received', 'total', '本年新收申请总计');
      const carried = operand(tables, 'applications', 'carriedOver', 'total', '上年结转申请总计');
      const readings = [{ name: '本年新收申请总计', nameEn: 'the “新收” total', operands: [received] }];
      if (figure.verb !== '新收') readings.push({ name: '新收加上年结转', nameEn: '“新收” plus “上年结转”', operands: [received, carried] });
      return { scope: 'applications.received.total', tableName: '表三', readings };
    }
    case 'review':
      return {
        scope: 'reviewLitigation.review.total',
        tableName: '表四',
        readings: [{ name: '行政复议总计', nameEn: 'the “行政复议” total', operands: [operand(tables, 'reviewLitigation', 'review', 'total', '行政复议总计')] }],
      };
    case 'litigation':
      return {
        scope: 'reviewLitigation.litigation.total',
        tableName: '表四',
        readings: [
          {
            name: '行政诉讼两组总计之和',
            nameEn: 'the two “行政诉讼” totals together',
            operands: [
              operand(tables, 'reviewLitigation', 'litigationDirect', 'total', '未经复议直接起诉总计'),
              operand(tables, 'reviewLitigation', 'litigationAfterReview', 'total', '复议后起诉总计'),
            ],
          },
        ],
      };
    default: {
      // normativeDocuments
      const column = format === '2019-trial' ? 'made' : 'issued';
      const name = format === '2019-trial' ? '规范性文件本年新制作数量' : '行政规范性文件本年制发件数';
      return {
        scope: `proactive.normativeDocuments.${column}`,
        tableName: '表二',
        readings: [{ name, nameEn: format === '2019-trial' ? '“规范性文件·本年新制作数量”' : '“行政规范性文件·本年制发件数”', operands: [operand(tables, 'proactive', 'normativeDocuments', column, name)] }],
      };
    }
  }
}

function tableOf(target: FigureTarget): keyof Tables {
  if (target === 'review' || target === 'litigation') return 'reviewLitigation';
  if (target === 'normativeDocuments') return 'proactive';
  return 'applications';
}

interface ReadingOutcome {
  status: RuleStatus;
  severity: Severity;
  /** Sum of the reading when every cell is known. */
  value: number | null;
  /** Sum of the known cells. */
  shown: number;
  missing: Operand[];
}

function compareReading(stated: number, operands: Operand[]): ReadingOutcome {
  const missing = operands.filter((o) => o.value === null);
  const shown = operands.reduce((s, o) => s + (o.value ?? 0), 0);
  if (missing.length === 0) {
    return { status: shown === stated ? 'pass' : 'fail', severity: 'error', value: shown, shown, missing };
  }
  if (shown > stated) return { status: 'fail', severity: 'error', value: null, shown, missing };
  if (shown < stated) return { status: 'fail', severity: 'warning', value: null, shown, missing };
  return { status: 'notAssessable', severity: 'warning', value: null, shown, missing };
}

/** pass beats not assessable beats a warning beats an error: the kindest reading wins. */
const RANK: Record<string, number> = { pass: 0, notAssessable: 1, 'fail:warning': 2, 'fail:error': 3 };
const rankOf = (o: ReadingOutcome) => RANK[o.status === 'fail' ? `fail:${o.severity}` : o.status];

function evaluateFigure(figure: StatedFigure, key: string, tables: Tables, spec: TargetSpec): RuleEvaluation {
  const allOperands = [...new Map(spec.readings.flatMap((r) => r.operands).map((o) => [`${o.ref.row}.${o.ref.column}`, o])).values()];
  const base = {
    rule: 'narrative.mismatch' as const,
    key,
    cells: allOperands.map((o) => o.ref),
    left: figure.value,
    detail: figure.sentence,
  };
  const said = `正文称“${figure.quote}”`;
  const saidEn = `The text says “${figure.quote}”`;
  const tableEn = `table ${spec.tableName.slice(1)}`;
  if (!tables[tableOf(figure.target)]) {
    return {
      ...base,
      status: 'notAssessable',
      severity: RULE_SEVERITY['narrative.mismatch'],
      right: null,
      message: `${said}，但未读取到${spec.tableName}，无法核对。`,
      messageEn: `${saidEn}, but ${tableEn} was not read, so it cannot be checked.`,
    };
  }
  const outcomes = spec.readings.map((r) => ({ reading: r, outcome: compareReading(figure.value, r.operands) }));
  const best = outcomes.reduce((a, b) => (rankOf(b.outcome) < rankOf(a.outcome) ? b : a));
  const { reading, outcome } = best;
  // A figure that may count something else (申请 counted in 起 or 次) is never a failure: the rule is unsure.
  if (figure.unsure && outcome.status === 'fail') {
    return {
      ...base,
      status: 'notAssessable',
      severity: RULE_SEVERITY['narrative.mismatch'],
      right: outcome.value,
      message: `${said}，其计量单位不是“件”，不能确定所指是否为${spec.tableName}${reading.name}，无法核对。`,
      messageEn: `${saidEn}, counted in a unit other than “件”: it may not mean ${reading.nameEn} of ${tableEn}, so it cannot be checked.`,
    };
  }
  const right = outcome.value;
  const tableSays = (r: (typeof outcomes)[number]) =>
    r.outcome.value !== null
      ? `${r.reading.name}为 ${formatNumber(r.outcome.value)}`
      : `${r.reading.name}至少为 ${formatNumber(r.outcome.shown)}（另有${missingText(r.outcome.missing)}没有数值）`;
  const tableSaysEn = (r: (typeof outcomes)[number]) =>
    r.outcome.value !== null
      ? `${r.reading.nameEn} is ${formatNumber(r.outcome.value)}`
      : `${r.reading.nameEn} is at least ${formatNumber(r.outcome.shown)} (${noValueEn(r.outcome.missing)})`;
  let message: string;
  let messageEn: string;
  if (outcome.status === 'pass') {
    message = `${said}，与${spec.tableName}${reading.name} ${formatNumber(figure.value)} 一致。`;
    messageEn = `${saidEn}, which agrees with ${reading.nameEn} of ${tableEn}, ${formatNumber(figure.value)}.`;
  } else if (outcome.status === 'notAssessable') {
    message = `${said}，${spec.tableName}中${missingText(outcome.missing)}没有数值，无法核对。`;
    messageEn = `${saidEn}; in ${tableEn} ${noValueEn(outcome.missing)}, so it cannot be checked.`;
  } else if (outcome.severity === 'warning') {
    const shown = outcome.shown === 0 ? `表中没有显示这 ${formatNumber(figure.value)} 件` : `表中能读到的只有 ${formatNumber(outcome.shown)} 件`;
    const shownEn = outcome.shown === 0 ? `the table shows none of these ${formatNumber(figure.value)}` : `the table shows only ${formatNumber(outcome.shown)}`;
    message = `${said}，但${spec.tableName}中${missingText(outcome.missing)}没有数值，${shown}。`;
    messageEn = `${saidEn}, but in ${tableEn} ${noValueEn(outcome.missing)}: ${shownEn}.`;
  } else {
    message = `${said}，但${spec.tableName}${outcomes.map(tableSays).join('，')}。`;
    messageEn = `${saidEn}, but in ${tableEn} ${outcomes.map(tableSaysEn).join('; ')}.`;
  }
  // A failure is an error when the numbers contradict, a warning when the table merely does not show the figure.
  return { ...base, status: outcome.status, severity: outcome.status === 'fail' ? outcome.severity : RULE_SEVERITY['narrative.mismatch'], right, message, messageEn };
}

export function checkNarrative(report: Pick<ParsedReport, 'chapters' | 'tables' | 'format'>): RuleEvaluation[] {
  const figures = extractFigures(report.chapters);
  const out: RuleEvaluation[] = [];
  const seen = new Map<string, Set<number>>();
  for (const figure of figures) {
    const spec = targetSpec(figure.target, figure, report.tables, report.format);
    const scope = spec.scope;
    const values = seen.get(scope) ?? new Set<number>();
    if (values.has(figure.value)) continue;
    // The first figure stated keeps the plain key; a different figure for the same cell gets its own.
    const key = values.size === 0 ? `narrative.mismatch:${scope}` : `narrative.mismatch:${scope}@${figure.value}`;
    values.add(figure.value);
    seen.set(scope, values);
    out.push(evaluateFigure(figure, key, report.tables, spec));
  }
  return out;
}
