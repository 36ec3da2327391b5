/** Sentences for table 二 (主动公开政府信息情况), 2021 template and 2019 trial. */
import type { ReportFormat } from '../spec.ts';
import { describeMissing, formatNumber, operand, type Operand, type Tables } from '../common/cells.ts';
import { amount } from './text.ts';

const T = 'proactive';

/** "本年制发行政规范性文件 147 件，废止 55 件，现行有效 379 件（含自然失效29件）。" */
function documentsSentence(tables: Tables, row: string, name: string): string {
  const issued = operand(tables, T, row, 'issued', '');
  const repealed = operand(tables, T, row, 'repealed', '');
  const inForce = operand(tables, T, row, 'inForce', '');
  const issuedText =
    issued.value === null ? `本年制发${name}件数${describeMissing(issued.cell)}` : issued.value === 0 ? `本年未制发${name}` : `本年制发${name} ${amount(issued, '件')}`;
  const repealedText = repealed.value === null ? `废止件数${describeMissing(repealed.cell)}` : repealed.value === 0 ? '未废止' : `废止 ${amount(repealed, '件')}`;
  const inForceText = inForce.value === null ? `现行有效件数${describeMissing(inForce.cell)}` : `现行有效 ${amount(inForce, '件')}`;
  // Zeros said once, not stacked ("本年未制发规章，未废止，现行有效 0 件").
  if (issued.value === 0 && repealed.value === 0) {
    const none = `本年未制发、废止${name}`;
    if (inForce.value === 0 && !inForce.cell?.annotation) return `${none}，无现行有效${name}。`;
    return `${none}，${inForceText}。`;
  }
  return `${issuedText}，${repealedText}，${inForceText}。`;
}

/** "本年作出行政许可处理决定 211704 件。" */
function decisionsSentence(tables: Tables, row: string, name: string): string {
  const op = operand(tables, T, row, 'decisions', '');
  if (op.value === null) return `${name}处理决定数量${describeMissing(op.cell)}。`;
  if (op.value === 0) return `本年无${name}处理决定。`;
  return `本年作出${name}处理决定 ${amount(op, '件')}。`;
}

function feesSentence(tables: Tables): string {
  const op = operand(tables, T, 'fees', 'amountWan', '');
  if (op.value === null) return `行政事业性收费金额${describeMissing(op.cell)}。`;
  if (op.value === 0) return '本年无行政事业性收费。';
  return `本年行政事业性收费金额 ${amount(op, '万元')}。`;
}

function narrate2021(tables: Tables): string[] {
  return [
    documentsSentence(tables, 'regulations', '规章'),
    documentsSentence(tables, 'normativeDocuments', '行政规范性文件'),
    decisionsSentence(tables, 'licensing', '行政许可'),
    decisionsSentence(tables, 'penalty', '行政处罚'),
    decisionsSentence(tables, 'enforcement', '行政强制'),
    feesSentence(tables),
  ];
}

// ---- 2019 trial ---------------------------------------------------------------------------

/** "本年新制作 3 件" / "本年新制作未填报". */
function labelled(op: Operand, unit: string): string {
  return op.value === null ? `${op.label}${describeMissing(op.cell)}` : `${op.label} ${amount(op, unit)}`;
}

/** 本年增/减: a signed number ("减4" → -4) or, where none could be parsed, the printed text. */
function changeText(op: Operand): string {
  if (op.value !== null) return op.value > 0 ? `本年增加 ${formatNumber(op.value)} 项` : op.value < 0 ? `本年减少 ${formatNumber(-op.value)} 项` : '本年无增减';
  if (op.cell?.state === 'text' && op.cell.raw) return `本年增/减“${op.cell.raw}”`;
  return `本年增/减${describeMissing(op.cell)}`;
}

function narrate2019(tables: Tables): string[] {
  const sentences: string[] = [];
  for (const [row, name] of [
    ['regulations', '规章'],
    ['normativeDocuments', '规范性文件'],
  ] as const) {
    const parts = [
      labelled(operand(tables, T, row, 'made', '本年新制作'), '件'),
      labelled(operand(tables, T, row, 'published', '本年新公开'), '件'),
      labelled(operand(tables, T, row, 'publicTotal', '对外公开总数'), '件'),
    ];
    sentences.push(`${name}：${parts.join('，')}。`);
  }
  for (const [row, name] of [
    ['licensing', '行政许可'],
    ['otherServices', '其他对外管理服务事项'],
    ['penalty', '行政处罚'],
    ['enforcement', '行政强制'],
    ['fees', '行政事业性收费'],
  ] as const) {
    const parts = [labelled(operand(tables, T, row, 'lastYearItems', '上一年项目'), '项'), changeText(operand(tables, T, row, 'change', ''))];
    if (row !== 'fees') parts.push(labelled(operand(tables, T, row, 'decisions', '本年处理决定'), '件'));
    sentences.push(`${name}：${parts.join('，')}。`);
  }
  const items = labelled(operand(tables, T, 'procurement', 'items', '采购项目'), '个');
  const money = labelled(operand(tables, T, 'procurement', 'amountWan', '采购总金额'), '万元');
  sentences.push(`政府集中采购：${items}，${money}。`);
  return sentences;
}

export function narrateProactive(tables: Tables, format: ReportFormat): string[] {
  return format === '2019-trial' ? narrate2019(tables) : narrate2021(tables);
}
