/**
 * Markdown conversions that restart table 三 before its last rows (issue #11): （七）总计 and
 * 四、结转下年度继续办理 end up under a header that is not theirs — table 二's header row, or their
 * own first row taken as the header of a narrower table. The rows are still read by their labels
 * and the template's column order, never by the foreign header's positions.
 * Fixtures (by hand, from yunling-2023.md): test/fixtures/text/yunling-2023-restarted*.md.
 */
import { describe, expect, it } from 'vitest';
import { importDocument } from '../../core/ingest/index.ts';
import { tableValues } from '../../core/model.ts';
import { readFixture } from '../support/fixtures.ts';

const COLS = ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other', 'total'];
const row7 = (...values: number[]) => Object.fromEntries(COLS.map((c, i) => [c, values[i]]));
const z = (n: number) => row7(n, 0, 0, 0, 0, 0, n);

/** Every cell of yunling-2023.md's tables, written by hand from the document. */
const EXPECTED = {
  proactive: {
    regulations: { issued: 0, repealed: 0, inForce: 0 },
    normativeDocuments: { issued: 3, repealed: 1, inForce: 27 },
    licensing: { decisions: 415 },
    penalty: { decisions: 62 },
    enforcement: { decisions: 4 },
    fees: { amountWan: 0 },
  },
  applications: {
    received: row7(30, 4, 0, 0, 1, 0, 35),
    carriedOver: z(2),
    granted: row7(15, 2, 0, 0, 0, 0, 17),
    partial: z(3),
    'denied.stateSecret': z(0),
    'denied.lawForbidden': z(0),
    'denied.securityStability': z(1),
    'denied.thirdParty': z(1),
    'denied.internalAffairs': z(0),
    'denied.processInfo': z(2),
    'denied.enforcementFiles': z(0),
    'denied.queryMatters': z(1),
    'unavailable.notHeld': row7(5, 1, 0, 0, 1, 0, 7),
    'unavailable.needsCreation': z(1),
    'unavailable.unclear': z(0),
    'notProcessed.complaint': z(1),
    'notProcessed.duplicate': z(0),
    'notProcessed.publication': z(0),
    'notProcessed.massRepeated': z(0),
    'notProcessed.confirmation': z(0),
    'otherHandling.noCorrection': z(1),
    'otherHandling.noFee': z(0),
    'otherHandling.other': row7(0, 1, 0, 0, 0, 0, 1),
    resultTotal: row7(31, 4, 0, 0, 1, 0, 36),
    carriedForward: z(1),
  },
  reviewLitigation: {
    review: { upheld: 1, corrected: 0, other: 0, pending: 1, total: 2 },
    litigationDirect: { upheld: 0, corrected: 0, other: 1, pending: 0, total: 1 },
    litigationAfterReview: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
  },
};

describe.each([
  ['yunling-2023-restarted.md', 'the last rows under table 二’s header (信息内容 | 本年制发件数 | …)'],
  ['yunling-2023-restarted-header-row.md', '（七）总计 taken as the header of a narrower table, 四 below it'],
])('%s: %s', (name) => {
  it('reads every cell of the three tables as printed, with no finding', async () => {
    const { parsed: r, evaluations } = await importDocument(readFixture('text', name), name);
    expect(tableValues(r.tables)).toEqual(EXPECTED);
    expect(r.parseFindings).toEqual([]);
    expect(evaluations.filter((e) => e.status === 'fail').map((e) => e.key)).toEqual([]);
  });
});
