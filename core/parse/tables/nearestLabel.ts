/**
 * Tolerant row-label matching for labels printed with a typo or a character missing
 * (其他法律行政法规禁止公开 without 禁, 危及‘三安全一稳定’, 本机关不掌握相关政府信 …): the template
 * row whose label is nearest by edit distance, when it is near enough and nearer than every
 * other row. Siblings first (the rows of the group the label sits in), then the whole table.
 */
import { distance } from 'fastest-levenshtein';
import type { RowSpec } from '../../spec.ts';
import { labelCore, normalizeLabel } from '../normalize.ts';

export interface LabelCandidate {
  id: string;
  /** The template label as printed, normalized, and without its numbering and punctuation. */
  full: string;
  core: string;
}

export const candidatesOf = (rows: RowSpec[]): LabelCandidate[] =>
  rows.map((r) => ({ id: r.id, full: normalizeLabel(r.label), core: labelCore(r.label) }));

/** One character in five may differ, at least one: 规章 with a typo is still 规章, 重复申请 is not 予以公开. */
const allowedDistance = (core: string) => Math.max(1, Math.floor(core.length / 5));

/** Distance of a printed label to a candidate: with and without the numbering, the smaller. */
function labelDistance(printedFull: string, printedCore: string, c: LabelCandidate): number {
  return Math.min(distance(printedCore, c.core), distance(printedFull, c.full));
}

/**
 * The id of the nearest candidate, or null when none is within the allowed distance or two are
 * equally near (a label that could be either row is no row) — unless one of them is the row the
 * template's order expects next (`expected`: the row after the last one matched).
 */
export function nearestRow(printed: string, candidates: LabelCandidate[], expected?: string): string | null {
  const full = normalizeLabel(printed);
  const core = labelCore(printed);
  if (core === '') return null;
  let best: LabelCandidate[] = [];
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = labelDistance(full, core, c);
    if (d < bestDistance) [best, bestDistance] = [[c], d];
    else if (d === bestDistance) best.push(c);
  }
  const chosen = best.length === 1 ? best[0] : best.find((c) => c.id === expected);
  if (!chosen || bestDistance > allowedDistance(chosen.core)) return null;
  return chosen.id;
}
