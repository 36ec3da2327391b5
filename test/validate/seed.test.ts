/**
 * The rules over the real seed report (test/fixtures/seed/yichun-2022.txt), imported through the
 * whole pipeline. What the seed shows (report-format.md): its tables balance; table 四 has
 * ten numbers under fifteen columns, so one litigation group cannot be placed; the narrative
 * says "行政诉讼 1 件", which no litigation cell shows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFixture } from '../support/fixtures.ts';
import { importDocument, type ImportedDocument } from '../../core/ingest/index.ts';
import type { RuleEvaluation } from '../../core/model.ts';

let imported: ImportedDocument;
let evaluations: RuleEvaluation[];
const ofRule = (rule: string) => evaluations.filter((e) => e.rule === rule);

beforeAll(async () => {
  imported = await importDocument(readFixture('seed', 'yichun-2022.txt'), 'yichun-2022.txt');
  evaluations = imported.evaluations;
});

describe('validating the seed report', () => {
  it('is a 2021-template report', () => {
    expect(imported.parsed.format).toBe('2021');
  });

  it('finds exactly one narrative mismatch: "行政诉讼 1 件", which no litigation cell shows', () => {
    const failing = ofRule('narrative.mismatch').filter((e) => e.status === 'fail');
    expect(failing).toHaveLength(1);
    expect(failing[0]).toMatchObject({ key: 'narrative.mismatch:reviewLitigation.litigation.total', left: 1 });
    expect(failing[0].detail).toContain('行政诉讼 1 件');
  });

  it('confirms the other figures of the narrative: 138 applications, 5 reviews, 147 normative documents', () => {
    const status = Object.fromEntries(ofRule('narrative.mismatch').map((e) => [e.key, [e.status, e.left, e.right]]));
    expect(status['narrative.mismatch:applications.received.total']).toEqual(['pass', 138, 138]);
    expect(status['narrative.mismatch:reviewLitigation.review.total']).toEqual(['pass', 5, 5]);
    expect(status['narrative.mismatch:proactive.normativeDocuments.issued']).toEqual(['pass', 147, 147]);
  });

  it('passes on the parse finding for the litigation cells it could not place', () => {
    const incomplete = ofRule('table.incomplete').filter((e) => e.status === 'fail');
    expect(incomplete.length).toBeGreaterThan(0);
    const aboutReviewLitigation = (e: RuleEvaluation) => e.key.includes('reviewLitigation') || e.cells.some((c) => c.table === 'reviewLitigation');
    expect(incomplete.every(aboutReviewLitigation)).toBe(true);
    expect(incomplete).toEqual(imported.parsed.parseFindings.filter((e) => e.rule === 'table.incomplete' && e.status === 'fail'));
  });

  it('balances: every column and row of table 三 passes', () => {
    const passing = (rule: string) => ofRule(rule).map((e) => [e.key, e.status]);
    const columns = ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other', 'total'];
    expect(passing('applications.balance')).toEqual(columns.map((c) => [`applications.balance:${c}`, 'pass']));
    expect(passing('applications.resultTotal')).toEqual(columns.map((c) => [`applications.resultTotal:${c}`, 'pass']));
    expect(ofRule('applications.rowTotal')).toHaveLength(25);
    expect(ofRule('applications.rowTotal').every((e) => e.status === 'pass')).toBe(true);
    expect(ofRule('applications.balance').find((e) => e.key === 'applications.balance:total')).toMatchObject({ left: 138, right: 138 });
  });

  it('checks the review group (2+1+0+2 = 5) and fails no group total', () => {
    expect(ofRule('reviewLitigation.groupTotal').find((e) => e.key === 'reviewLitigation.groupTotal:review')).toMatchObject({ status: 'pass', left: 5, right: 5 });
    expect(ofRule('reviewLitigation.groupTotal').filter((e) => e.status === 'fail')).toEqual([]);
  });

  it('has all six chapters and non-negative counts', () => {
    expect(ofRule('chapters.missing').map((e) => e.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
    expect(ofRule('proactive.nonNegative').every((e) => e.status === 'pass')).toBe(true);
    expect(ofRule('proactive.nonNegative')).toHaveLength(10);
  });

  it('fails no other rule', () => {
    const failingRules = new Set(evaluations.filter((e) => e.status === 'fail').map((e) => e.rule));
    expect([...failingRules].sort()).toEqual(['narrative.mismatch', 'table.incomplete']);
  });
});
